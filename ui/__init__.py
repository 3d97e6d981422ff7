"""Briefer's Qt desktop window: sources, brief editor, generation, export.

A thin layer over `briefer.pipeline`: no drafting logic lives here.
"""

from __future__ import annotations

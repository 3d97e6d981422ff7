"""Briefer: turn a handful of news articles into a grounded, cited policy brief, offline."""

from __future__ import annotations

__version__ = "0.1.0"

"""Compatibility shim: Markdown export moved to `briefer.export` (format "markdown").

Kept only while `ui/` still imports it; new code calls
``briefer.export.export(brief, path)``. Delete once it uses the registry.
"""

from __future__ import annotations

from pathlib import Path

from briefer.brief import Brief
from briefer.export.markdown import brief_to_markdown, write_markdown

__all__ = ["brief_to_markdown", "export_markdown"]


def export_markdown(brief: Brief, path: str | Path) -> Path:
    """Write `brief` as Markdown (see `briefer.export.markdown`)."""
    write_markdown(brief, path)
    return Path(path)

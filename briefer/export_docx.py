"""Compatibility shim: Word export moved to `briefer.export` (format "docx").

Kept only while `ui/` and `bench/` still import it; new code calls
``briefer.export.export(brief, path)``. Delete once they use the registry.
"""

from __future__ import annotations

from pathlib import Path

from briefer.brief import Brief
from briefer.export.word import build_docx, write_docx

__all__ = ["build_docx", "export_docx"]


def export_docx(brief: Brief, path: str | Path) -> Path:
    """Write `brief` as .docx (see `briefer.export.word`)."""
    write_docx(brief, path)
    return Path(path)

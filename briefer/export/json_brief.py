"""JSON export: the `.brief` file itself (`briefer.brief.save_brief`), schema-versioned.

It is lossless (statuses, evidence, assessments), so a JSON export reopens in the app.
"""

from __future__ import annotations

from pathlib import Path

from briefer.brief import Brief, save_brief
from briefer.errors import BrieferError
from briefer.export import ExportFormat


def write_json(brief: Brief, path: str | Path) -> None:
    """Write the brief as JSON, atomically (via `save_brief`)."""
    try:
        save_brief(brief, Path(path))
    except UnicodeEncodeError as e:  # a lone surrogate cannot be UTF-8; say so, keep the old file
        raise BrieferError(f"{path}: cannot write (text holds a character UTF-8 cannot store: {e.reason})") from None


FORMAT = ExportFormat("json", ".brief", "Briefer brief (JSON)", write_json, other_suffixes=(".json",))

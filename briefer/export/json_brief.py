"""JSON export: the `.brief` file itself (`briefer.brief.save_brief`), schema-versioned.

It is lossless (statuses, evidence, assessments), so a JSON export reopens in the app.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefer.brief import Brief, save_brief
from briefer.export import ExportFormat
from briefer.fsutil import atomic_write_text


def write_json(brief: Brief, path: str | Path) -> None:
    """Write the brief as JSON, atomically (via `save_brief`)."""
    try:
        save_brief(brief, Path(path))
    except UnicodeEncodeError:
        # A lone surrogate (text decoded with surrogateescape) has no UTF-8 form; JSON's
        # \\udXXX escapes keep it, so the file stays lossless and still opens.
        atomic_write_text(Path(path), json.dumps(brief.to_dict(), ensure_ascii=True, indent=2))


FORMAT = ExportFormat("json", ".brief", "Briefer brief (JSON)", write_json, other_suffixes=(".json",))

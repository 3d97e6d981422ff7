"""Issue 7, item 1: a failed Open leaves the window exactly as it was, and says so in ONE dialog.

Before: a `.brief` whose `date` was an integer raised part-way through loading; the
editors already held the new brief under the old file's name, Save then overwrote the
old file with it, and the traceback went to stderr only.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_support import answers, data_dir, sample_with_text, wait_job, window  # noqa: F401

from briefer.brief import load_brief, save_brief
from briefer.brief_schema import MAX_BRIEF_BYTES


def _view(w) -> tuple:
    """Everything the user sees or would save."""
    return (
        w.current_brief().to_dict(),
        w.path,
        w.dirty,
        w.windowTitle(),
        w.isWindowModified(),
        w.editor.title.text(),
        [ed.toPlainText() for ed in w.editor.editors()],
        w.sources.titles(),
    )


def _bad_doc(tmp_path: Path, kind: str) -> Path:
    p = tmp_path / "bad.brief"
    d = sample_with_text().to_dict()
    d["title"] = "THE BROKEN ONE"
    if kind == "date-int":
        d["date"] = 20241116
    elif kind == "citation-1e400":
        p.write_text(json.dumps(d).replace('"citations": [1, 2, 4]', '"citations": [1, 1e400]', 1), encoding="utf-8")
        return p
    elif kind == "deep":
        p.write_text('{"schema_version": 2, "sections": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
        return p
    elif kind == "schema-0":
        d["schema_version"] = 0
    elif kind == "flags-string":
        d["assessments"]["3"]["flags"] = "stale"
    elif kind == "too-large":
        with p.open("wb") as f:
            f.truncate(MAX_BRIEF_BYTES + 1024 * 1024)
        return p
    p.write_text(json.dumps(d), encoding="utf-8")
    return p


@pytest.mark.parametrize("kind, field", [
    ("date-int", "date: expected text"),
    ("citation-1e400", "citations[1]: expected a whole number"),
    ("deep", "nested too deeply"),
    ("schema-0", "schema_version: 0 is not a Briefer schema version"),
    ("flags-string", "assessments['3'].flags: expected a list"),
    ("too-large", "too large to open"),
])
def test_failed_open_leaves_window_as_it_was_and_save_keeps_the_old_file(
    window, qtbot, answers, tmp_path, capfd, kind, field
):
    good = tmp_path / "good.brief"
    save_brief(sample_with_text(), good)
    wait_job(qtbot, window.open_file(good))
    window.editor.title.setFocus()
    qtbot.keyClicks(window.editor.title, " (edited)")  # unsaved work in the window
    assert window.dirty
    before = _view(window)
    good_bytes = good.read_bytes()

    wait_job(qtbot, window.open_file(_bad_doc(tmp_path, kind), ask=False))

    assert _view(window) == before
    assert len(answers.warnings) == 1
    assert answers.warnings[0].startswith("Could not open the brief: ") and "bad.brief" in answers.warnings[0]
    assert field in answers.warnings[0]
    assert "Traceback" not in capfd.readouterr().err
    # Save writes the brief the window shows, to the file it came from.
    assert window.save(wait=True)
    saved = load_brief(good)
    assert saved.title.endswith("(edited)") and "THE BROKEN ONE" not in good.read_text(encoding="utf-8")
    assert good.read_bytes() != good_bytes


def test_an_unexpected_error_while_opening_is_one_dialog_too(window, qtbot, answers, tmp_path, monkeypatch):
    from briefer.ui import files

    def broken(path):
        raise RuntimeError("disk controller on fire")

    monkeypatch.setattr(files, "load_brief", broken)
    before = _view(window)
    wait_job(qtbot, window.open_file(tmp_path / "x.brief", ask=False))
    assert _view(window) == before
    assert answers.warnings == ["Could not open the brief: unexpected error: RuntimeError: disk controller on fire"]

"""Issue 7, item 9: size limits for `.brief` files, and no file or JSON work on the UI thread.

Before: a 200 MB `.brief` opened; double-clicking a source blocked the UI thread for 100 s
at 9.5 GB, and every autosave rewrote 200 MB on the UI thread.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_support import answers, data_dir, sample_with_text, wait_job, window  # noqa: F401

from briefer.brief import Source, save_brief
from briefer.brief_schema import MAX_BRIEF_BYTES


def test_a_brief_over_the_limit_is_refused_with_a_clear_message(window, qtbot, answers, tmp_path):
    p = tmp_path / "huge.brief"
    with p.open("wb") as f:
        f.truncate(MAX_BRIEF_BYTES * 4)  # 200 MB, sparse
    before = window.current_brief().to_dict()
    wait_job(qtbot, window.open_file(p, ask=False))
    assert answers.warnings == [f"Could not open the brief: {p}: too large to open (200 MB; the limit is 50 MB)"]
    assert window.current_brief().to_dict() == before


def test_open_and_autosave_read_write_and_parse_off_the_ui_thread(window, qtbot, tmp_path, monkeypatch):
    from briefer.ui import autosave, files

    threads: dict[str, list[bool]] = {"load": [], "save": []}
    ui = threading.main_thread()
    real_load, real_save = files.load_brief, autosave.save_brief

    def load(path):
        threads["load"].append(threading.current_thread() is ui)
        return real_load(path)

    def save(brief, path):
        threads["save"].append(threading.current_thread() is ui)
        return real_save(brief, path)

    monkeypatch.setattr(files, "load_brief", load)
    monkeypatch.setattr(autosave, "save_brief", save)
    p = tmp_path / "x.brief"
    save_brief(sample_with_text(), p)
    wait_job(qtbot, window.open_file(p, ask=False))
    window.session.set_title("changed")
    wait_job(qtbot, window.autosave.save_now())
    assert threads == {"load": [False], "save": [False]}


def test_autosave_writes_only_when_the_brief_changed(window, qtbot):
    window.load_brief_object(sample_with_text(), dirty=True)
    wait_job(qtbot, window.autosave.save_now())
    assert window.autosave.writes == 1
    mtime = window.autosave.brief_path.stat().st_mtime_ns
    assert window.autosave.save_now() is None  # nothing new: no job, no write
    window.autosave.timer.timeout.emit()
    qtbot.wait(50)
    assert window.autosave.writes == 1 and window.autosave.brief_path.stat().st_mtime_ns == mtime
    window.session.set_title("A new title")
    wait_job(qtbot, window.autosave.save_now())
    assert window.autosave.writes == 2


def test_a_huge_source_is_shown_in_part_without_laying_out_megabytes(window, qtbot):
    from briefer.ui.sources import MAX_VIEW_CHARS

    b = sample_with_text()
    text = ("A long sentence about nothing in particular. " * 60 + "\n\n") * 400  # ~1 MB
    b.sources[0] = Source(1, "Huge", text, words=len(text.split()))
    window.load_brief_object(b)
    window.sources.viewer.show_source(window.session.source(1))
    shown = window.sources.viewer.toPlainText()
    assert len(shown) < MAX_VIEW_CHARS + 1000
    assert f"Showing the first {MAX_VIEW_CHARS:,} of {len(text):,} characters" in shown

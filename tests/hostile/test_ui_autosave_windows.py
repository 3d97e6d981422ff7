"""Issue 7, item 2: one autosave per window; nothing of a running window is ever offered or deleted.

Before: every window wrote the same autosave file, so after two windows were killed only
one came back; a window closing cleanly deleted the other's autosave; a second instance
offered a running window's autosave and deleted it when the user said No.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_support import answers, data_dir, dispose, make_window, sample_with_text, wait_job  # noqa: F401

from briefer.brief import load_brief
from briefer.ui.autosave import find_orphans


def _autosaved(qtbot, w, title: str) -> Path:
    b = sample_with_text()
    b.title = title
    w.load_brief_object(b, dirty=True)
    wait_job(qtbot, w.autosave.save_now())
    assert w.autosave.brief_path.exists()
    return w.autosave.brief_path


def test_each_window_has_its_own_autosave_and_a_clean_close_deletes_only_its_own(qtbot, data_dir, answers):
    a, b = make_window(qtbot), make_window(qtbot)
    pa, pb = _autosaved(qtbot, a, "Brief A"), _autosaved(qtbot, b, "Brief B")
    assert pa != pb and pa.parent == pb.parent == data_dir / "autosave"
    answers.answer = QMessageBox.StandardButton.Discard
    assert b.close()
    assert not pb.exists() and pa.exists()  # A's work is still safe
    dispose(a)
    assert not pa.exists()


def test_a_second_instance_never_offers_nor_deletes_a_running_windows_autosave(qtbot, data_dir, answers):
    a = make_window(qtbot)
    pa = _autosaved(qtbot, a, "Brief A")
    answers.answer = QMessageBox.StandardButton.No  # even a "No" must not touch it
    newcomer = make_window(qtbot)
    wait_job(qtbot, newcomer.offer_restore())
    assert answers.questions == []  # nothing offered: its owner is running
    assert pa.exists()
    assert find_orphans(data_dir / "autosave") == []
    dispose(newcomer)
    assert pa.exists()
    dispose(a)


_KILLED_WINDOWS = r"""
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefer.ui.mainwindow import MainWindow
from ui_support import sample_with_text
windows = []
for title in ("Window one's brief", "Window two's brief"):
    w = MainWindow(load_model=False)
    b = sample_with_text()
    b.title = title
    w.load_brief_object(b, dirty=True)
    job = w.autosave.save_now()
    assert w.file_runner.wait(job, 30000) and w.autosave.brief_path.exists()
    windows.append(w)
print("ready", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_two_windows_killed_with_kill_9_both_come_back(qtbot, data_dir, answers):
    env = dict(os.environ, BRIEFER_DATA_DIR=str(data_dir))
    r = subprocess.run(
        [sys.executable, "-c", _KILLED_WINDOWS, str(Path(__file__).resolve().parent.parent)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert r.returncode == -signal.SIGKILL and "ready" in r.stdout, r.stderr[-2000:]
    assert len(list((data_dir / "autosave").glob("*.brief"))) == 2

    w = make_window(qtbot)
    answers.answer = QMessageBox.StandardButton.Yes
    wait_job(qtbot, w.offer_restore())
    assert len(answers.questions) == 1 and "Window one's brief" in answers.questions[0]
    assert "Window two's brief" in answers.questions[0]
    from briefer.ui.mainwindow import _SPAWNED

    restored = sorted([w.current_brief().title] + [x.current_brief().title for x in _SPAWNED])
    assert restored == ["Window one's brief", "Window two's brief"]
    assert w.dirty and all(x.dirty for x in _SPAWNED)
    # Each restored window now owns one of the autosaves (moved under its own name, nothing lost yet).
    assert {w.autosave.store.id, *(x.autosave.store.id for x in _SPAWNED)} == {
        p.stem for p in (data_dir / "autosave").glob("*.brief")
    }
    assert sorted(load_brief(x.autosave.brief_path).title for x in [w, *_SPAWNED]) == restored
    for x in list(_SPAWNED):
        dispose(x)
    dispose(w)
    assert list((data_dir / "autosave").glob("*.brief")) == []


def test_the_single_autosave_of_earlier_versions_is_still_offered(qtbot, data_dir, answers):
    from briefer.brief import save_brief

    data_dir.mkdir(parents=True, exist_ok=True)
    b = sample_with_text()
    b.title = "From the old version"
    save_brief(b, data_dir / "autosave.brief")
    w = make_window(qtbot)
    answers.answer = QMessageBox.StandardButton.Yes
    wait_job(qtbot, w.offer_restore())
    assert w.current_brief().title == "From the old version" and w.dirty
    dispose(w)
    assert not (data_dir / "autosave.brief").exists()


def test_lock_files_of_windows_that_died_before_autosaving_are_cleaned_up(qtbot, data_dir, answers):
    folder = data_dir / "autosave"
    folder.mkdir(parents=True)
    (folder / "deadbeef0000.lock").write_bytes(b"")
    w = make_window(qtbot)
    wait_job(qtbot, w.offer_restore())
    assert not (folder / "deadbeef0000.lock").exists()
    assert w.autosave.store.lock_path.exists()  # a live window's lock stays
    assert answers.questions == []
    dispose(w)

"""Shared helpers for the window tests (offscreen): answered dialogs, windows, waiting for jobs."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakes import CRASH, FakeGenerator, child_workers  # noqa: F401 (child_workers: for the window tests)
from sample_brief import make_sample_brief

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Answers:
    """Records the app's dialogs (all go through `briefer.ui.dialogs`) and answers them."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.warnings: list[str] = []
        self.details: list[str | None] = []
        self.answer = QMessageBox.StandardButton.Discard
        self.choice = "keep"

    def ask(self, parent, title, text, *args, **kwargs):
        self.questions.append(f"{title}: {text}")
        return self.answer

    def choose(self, parent, title, text, *args, **kwargs):
        self.questions.append(f"{title}: {text}")
        return self.choice

    def show_error(self, parent, title, message, details=None):
        self.warnings.append(f"{title}: {message}")
        self.details.append(details)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    from briefer.ui import dialogs

    a = Answers()
    monkeypatch.setattr(dialogs, "ask", a.ask)
    monkeypatch.setattr(dialogs, "choose", a.choose)
    monkeypatch.setattr(dialogs, "show_error", a.show_error)
    return a


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("BRIEFER_DATA_DIR", str(d))
    return d


def make_window(qtbot):
    from briefer.ui.mainwindow import MainWindow

    w = MainWindow(load_model=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def dispose(w) -> None:
    """Close without the save question (tests decide about unsaved work themselves)."""
    w.session.mark_saved(w.session.path or "unused.brief", w.session.revision)
    w.close()


@pytest.fixture
def window(qtbot, data_dir, answers):
    w = make_window(qtbot)
    yield w
    dispose(w)


def wait_job(qtbot, job, timeout: int = 30000) -> None:
    """Wait until a background job delivered its outcome."""
    assert job is not None
    qtbot.waitUntil(lambda: job.finished, timeout=timeout)


def sample_with_text():
    """The sample brief with the seed articles' text in its sources."""
    b = make_sample_brief()
    b.sources = [
        dataclasses.replace(s, text=(ROOT / s.path).read_text(encoding="utf-8"))
        if s.path and (ROOT / s.path).exists()
        else s
        for s in b.sources
    ]
    return b


def simulate_crash(w) -> None:
    """The window's process died: no save, no cleanup; only the OS lock goes away."""
    w.shutdown()
    w.autosave.timer.stop()
    lock = w.autosave.store._lock_file
    if lock is not None:
        lock.close()  # what the OS does to a dead process's locks
        w.autosave.store._lock_file = None
    w.autosave.store.closed = True  # nothing of it runs any more
    w.session.mark_saved(w.session.path or "unused.brief", w.session.revision)
    w.hide()


class FakeWorker(FakeGenerator):
    """Stands in for the model worker in the fast window tests (the real one is tested in the slow ones).

    The core's `FakeGenerator` (tests/fakes.py) with a worker's face: a status the status bar
    reads, `alive`, and `restart()` after a crash.
    """

    def __init__(self, fail_on: int | None = None, words: int = 60) -> None:
        from types import SimpleNamespace

        super().__init__(fail_on=fail_on, words=words)
        self.status = SimpleNamespace(state="ready", message="ready", variant="x64", threads=1,
                                      self_check={"ok": True, "seconds": 0.1}, load_seconds=1.0)
        self.restarts = 0
        self._alive = True

    @property
    def alive(self) -> bool:
        return self._alive

    def restart(self) -> None:
        self.restarts += 1
        self._alive = True
        self.fail_on = None
        self.status.state, self.status.message = "ready", "ready"

    def _died(self) -> None:
        self._alive = False
        self.status.state, self.status.message = "failed", CRASH


def use_the_model() -> None:
    """Turn on "let the local model choose deletions" (off by default) for windows made next."""
    from briefer.ui import backend

    prefs = backend.Preferences.load()
    prefs.use_model = True
    prefs.save()


def anchor_point(editor, href: str, block_no: int | None = None):
    """Viewport position of the link `href` (a citation such as "cite:1") in `editor`: in
    block `block_no`, or in the first block that has it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    doc = editor.document()
    blocks = [doc.findBlockByNumber(block_no)] if block_no is not None else []
    if block_no is None:
        block = doc.begin()
        while block.isValid():
            blocks.append(block)
            block = block.next()
    for block in blocks:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                c = QTextCursor(doc)
                c.setPosition(frag.position())
                r = editor.cursorRect(c)
                return QPoint(r.center().x() + 1, r.center().y())
            it += 1
    raise AssertionError(f"no {href}" + (f" in block {block_no}" if block_no is not None else ""))

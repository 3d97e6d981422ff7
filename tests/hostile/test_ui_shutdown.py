"""Issue 7, item 7: closing the window while a job runs cannot hang.

Before: Cancel had no effect during analysis, and closing the window waited for the
worker thread forever.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_support import answers, data_dir, make_window, sample_with_text  # noqa: F401


def test_closing_while_a_job_ignores_cancel_returns_in_bounded_time(qtbot, data_dir, answers):
    from briefer.ui.mainwindow import SHUTDOWN_WAIT_MS
    from briefer.ui.worker import _ABANDONED, Job

    w = make_window(qtbot)
    release = threading.Event()
    stuck = w.model_runner.submit(Job("stuck model load", lambda ctx: release.wait(120)))
    qtbot.waitUntil(lambda: w.model_runner.current is stuck, timeout=5000)
    t0 = time.monotonic()
    assert w.close()
    elapsed = time.monotonic() - t0
    assert elapsed < SHUTDOWN_WAIT_MS / 1000 + 1.5
    assert not w.isVisible()
    thread = next(t for t, _ in _ABANDONED if t.objectName() == "briefer-model")
    assert thread.isRunning()  # left to end on its own, not joined
    release.set()
    assert thread.wait(10_000)


def test_closing_cancels_a_running_job_and_waits_only_for_its_next_check(qtbot, data_dir, answers):
    from briefer.ui.worker import Job

    w = make_window(qtbot)
    w.load_brief_object(sample_with_text())
    saw_cancel = threading.Event()

    def long_job(ctx):
        while not ctx.cancel.cancelled:
            time.sleep(0.01)
        saw_cancel.set()

    job = w.model_runner.submit(Job("draft", long_job))
    qtbot.waitUntil(lambda: w.model_runner.current is job, timeout=5000)
    t0 = time.monotonic()
    assert w.close()
    assert time.monotonic() - t0 < 1.5
    assert saw_cancel.is_set()

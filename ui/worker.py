"""Background work: a QObject worker moved to a QThread, one job at a time.

Jobs are plain Python callables that receive a `JobContext` (progress, token and
cancel hooks). The worker emits Qt signals from its thread; `Runner` (living in the UI
thread) turns them back into the job's Python callbacks, so UI code never touches
widgets from the worker thread.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from briefer.errors import BrieferError, Cancelled
from briefer.ui.backend import make_cancel_token

_ids = itertools.count(1)
# Threads still running when their window closed: kept referenced so Qt never destroys a
# running QThread (which aborts the process); the app exits without waiting for them.
_ABANDONED: list[tuple[QThread, QObject]] = []


@dataclass
class JobContext:
    """What a running job may use: report progress/tokens and see whether it is cancelled."""

    cancel: Any  # a pipeline CancelToken (has .cancel() and .cancelled)
    on_progress: Callable[[Any], None]
    on_token: Callable[[str, str], None]


@dataclass(eq=False)
class Job:
    """One unit of background work and the UI-thread callbacks for its outcome."""

    name: str
    fn: Callable[[JobContext], Any]
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[str], None] | None = None
    on_progress: Callable[[Any], None] | None = None
    on_token: Callable[[str, str], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    cancel: Any = field(default_factory=make_cancel_token)
    id: int = field(default_factory=lambda: next(_ids))
    finished: bool = False  # set (on the UI thread) once its outcome was delivered

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return bool(self.cancel.cancelled)


class Worker(QObject):
    """Runs jobs on its own thread; reports through signals (queued to the UI thread)."""

    started = Signal(object)
    progress = Signal(object, object)  # job, Progress
    token = Signal(object, str, str)  # job, section key, text delta
    finished = Signal(object, object)  # job, result
    failed = Signal(object, str)  # job, one-line message
    cancelled = Signal(object)

    @Slot(object)
    def run(self, job: Job) -> None:
        """Run one job; never raises (errors become `failed`)."""
        if job.cancelled:
            self.cancelled.emit(job)
            return
        self.started.emit(job)
        ctx = JobContext(
            cancel=job.cancel,
            on_progress=lambda p: self.progress.emit(job, p),
            on_token=lambda key, delta: self.token.emit(job, key, delta),
        )
        try:
            result = job.fn(ctx)
        except Cancelled:
            self.cancelled.emit(job)
        except BrieferError as e:
            self.failed.emit(job, str(e))
        except Exception as e:
            traceback.print_exc()
            self.failed.emit(job, f"unexpected error: {type(e).__name__}: {e}")
        else:
            self.finished.emit(job, result)


class Runner(QObject):
    """Owns one worker thread; `submit` queues jobs, which run strictly one after another."""

    _submit = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.started.connect(self._on_started)
        self._worker.progress.connect(self._on_progress)
        self._worker.token.connect(self._on_token)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._pending: list[Job] = []
        self.current: Job | None = None
        self._thread.start()

    # -- API -------------------------------------------------------------------
    def submit(self, job: Job) -> Job:
        """Queue a job; it starts when the ones before it are done."""
        self._pending.append(job)
        was_busy = self.busy
        self._submit.emit(job)
        if not was_busy:
            self.busy_changed.emit(True)
        return job

    @property
    def busy(self) -> bool:
        """True while a job is queued or running."""
        return bool(self._pending)

    def cancel_all(self) -> None:
        """Ask every queued or running job to stop (they stop at their next check)."""
        for job in self._pending:
            job.cancel.cancel()

    def shutdown(self, wait_ms: int = 3000) -> bool:
        """Cancel everything and stop the thread, waiting at most `wait_ms`.

        False if a job did not reach a cancel check in time: the thread is then left to
        finish on its own (never joined forever), and the caller should not wait for it.
        """
        self.cancel_all()
        self._thread.quit()
        if self._thread.wait(wait_ms):
            return True
        if not any(t is self._thread for t, _ in _ABANDONED):
            _ABANDONED.append((self._thread, self._worker))
        return False

    def wait(self, job: Job, timeout_ms: int = 60_000) -> bool:
        """Run the event loop until `job` is finished (the UI stays live); False on timeout."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        loop = QEventLoop()
        while not job.finished and not deadline.hasExpired():
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        return job.finished

    # -- worker signals (UI thread) ---------------------------------------------
    def _done(self, job: Job) -> None:
        job.finished = True
        if job in self._pending:
            self._pending.remove(job)
        if self.current is job:
            self.current = None
        if not self._pending:
            self.busy_changed.emit(False)

    def _on_started(self, job: Job) -> None:
        self.current = job

    def _on_progress(self, job: Job, p: Any) -> None:
        if job.on_progress and not job.cancelled:
            job.on_progress(p)

    def _on_token(self, job: Job, key: str, delta: str) -> None:
        if job.on_token and not job.cancelled:
            job.on_token(key, delta)

    def _on_finished(self, job: Job, result: Any) -> None:
        self._done(job)
        if job.on_done:
            job.on_done(result)

    def _on_failed(self, job: Job, message: str) -> None:
        self._done(job)
        if job.on_error:
            job.on_error(message)

    def _on_cancelled(self, job: Job) -> None:
        self._done(job)
        if job.on_cancelled:
            job.on_cancelled()

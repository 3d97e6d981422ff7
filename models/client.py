"""The app's side of the model worker: a `Generator` whose engine runs in a child process.

Starting returns at once (the worker loads while the app reads its sources); `generate`
waits for the worker to be ready, streams its tokens, and on Cancel returns within a few
hundredths of a second with what is finished. If the worker dies — a segfault in native
code, an illegal instruction on an unexpected CPU, the OOM killer — `generate` raises
`EngineError` with one line naming what happened; the caller carries on without it and
`restart()` brings a fresh worker.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import IO, Any

from briefer.models.registry import Entry, ModelInfo
from briefer.ports import EngineError, Prompt

WORKER_ARG = "model-worker"
# A worker that has not answered its self-check by then is reported as unavailable.
READY_TIMEOUT = 600.0
# Signals that mean "this CPU code cannot run here": the next lower CPU variant is tried.
_CPU_FAULTS = {signal.SIGILL, signal.SIGSEGV, signal.SIGBUS}


def describe_exit(code: int | None) -> str:
    """One line for how a worker ended, e.g. "crashed (SIGSEGV)"."""
    if code is None:
        return "stopped"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if -code == signal.SIGKILL:
            return f"was killed ({name}; out of memory, or ended by another program)"
        if -code in (signal.SIGTERM, signal.SIGINT):
            return f"was stopped ({name})"
        return f"crashed ({name})"
    return f"stopped with exit code {code}"


def worker_command(args: list[str]) -> list[str]:
    """How to start a worker: this Python (or this frozen executable) with `model-worker`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_ARG, *args]
    return [sys.executable, "-m", "briefer.models.worker", WORKER_ARG, *args]


class _Spawner:
    """Starts every worker process from one thread that lives as long as the app.

    The worker asks Linux to end it when its parent goes (PR_SET_PDEATHSIG), and Linux
    counts the *thread* that forked it as the parent: a worker started from a short-lived
    thread (a UI job, a restart after a crash) would be killed when that thread ends.
    """

    def __init__(self) -> None:
        self._requests: queue.Queue[tuple[list[str], dict[str, Any], Future[subprocess.Popen[bytes]]]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def popen(self, cmd: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="model-worker-spawner", daemon=True)
                self._thread.start()
        fut: Future[subprocess.Popen[bytes]] = Future()
        self._requests.put((cmd, kwargs, fut))
        return fut.result()

    def _run(self) -> None:
        while True:
            cmd, kwargs, fut = self._requests.get()
            try:
                fut.set_result(subprocess.Popen(cmd, **kwargs))
            except BaseException as e:  # reported to the caller, never kills this thread
                fut.set_exception(e)


_spawner = _Spawner()


@dataclass
class WorkerStatus:
    """What `briefer models` and the GUI show about the generator."""

    state: str = "starting"  # starting | ready | failed
    message: str = ""  # progress while starting, the reason when failed
    variant: str | None = None
    threads: int | None = None
    load_seconds: float | None = None
    self_check: dict[str, Any] = field(default_factory=dict)
    pid: int | None = None


class WorkerGenerator:
    """A generator in a `model-worker` child process (implements `briefer.ports.Generator`)."""

    def __init__(
        self, entry: Entry, info: ModelInfo, *, threads: int, n_ctx: int = 4096,
        progress: Callable[[str], None] | None = None, variant: str | None = None,
    ) -> None:
        self.info = info
        self.template = entry.template
        self._entry = entry
        self._threads = threads
        self._n_ctx = n_ctx
        self._progress = progress
        self._variant = variant or os.environ.get("BRIEFER_CPU_VARIANT") or None
        self._skip: list[str] = []  # variants that crashed on this machine
        self._lock = threading.Lock()  # one request at a time
        self._ids = itertools.count(1)
        self._proc: subprocess.Popen[bytes] | None = None
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=40)
        self._ready = threading.Event()
        self.status = WorkerStatus()
        self.start()

    # -- lifecycle --------------------------------------------------------------------
    def start(self) -> None:
        """Start a worker (returns at once; it loads in the background)."""
        args = ["--model", self._entry.name, "--threads", str(self._threads), "--n-ctx", str(self._n_ctx)]
        if self._variant:
            args += ["--variant", self._variant]
        env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
        self._events = queue.Queue()
        self._ready.clear()
        self.status = WorkerStatus(message="starting the model worker")
        self._proc = _spawner.popen(
            worker_command(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, close_fds=True,
        )
        self.status.pid = self._proc.pid
        proc, events = self._proc, self._events
        threading.Thread(target=self._read, args=(proc, events), name="model-worker-out", daemon=True).start()
        threading.Thread(target=self._drain, args=(proc.stderr,), name="model-worker-err", daemon=True).start()
        threading.Thread(target=self._await_ready, args=(proc, events), name="model-worker-ready", daemon=True).start()

    def restart(self) -> None:
        """Stop the current worker (if any) and start a fresh one."""
        self.close()
        self.start()

    def close(self, timeout: float = 2.0) -> None:
        """Stop the worker: ask, then terminate, then kill."""
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        try:
            self._send({"op": "shutdown"})
            proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(1.0)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    @property
    def pid(self) -> int | None:
        """The worker's process id (for tests and diagnostics)."""
        return self._proc.pid if self._proc else None

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the worker is ready or has failed; True if ready."""
        self._ready.wait(timeout)
        return self.status.state == "ready"

    # -- the worker's output -------------------------------------------------------------
    def _read(self, proc: subprocess.Popen[bytes], events: queue.Queue[dict[str, Any]]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                events.put(json.loads(line))
            except ValueError:
                continue
        events.put({"ev": "exit", "code": proc.wait()})

    def _drain(self, stream: IO[bytes] | None) -> None:
        if stream is None:
            return
        for line in stream:
            self._stderr.append(line.decode("utf-8", "replace").rstrip())

    def _await_ready(self, proc: subprocess.Popen[bytes], events: queue.Queue[dict[str, Any]]) -> None:
        """Follow the worker's start-up; on a CPU fault, retry with the next lower CPU variant."""
        deadline = time.monotonic() + READY_TIMEOUT
        backlog: list[dict[str, Any]] = []
        while True:
            try:
                ev = events.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                self._fail(f"the model worker did not start within {READY_TIMEOUT:.0f} s")
                proc.kill()
                return
            kind = ev.get("ev")
            if kind == "progress":
                self.status.message = str(ev.get("message", ""))
                if self._progress:
                    self._progress(self.status.message)
            elif kind == "ready":
                self.status = WorkerStatus(
                    state="ready", message="ready", variant=ev.get("variant"), threads=ev.get("threads"),
                    load_seconds=ev.get("load_seconds"), self_check=ev.get("self_check") or {}, pid=proc.pid,
                )
                self._candidates = list(ev.get("candidates") or [])
                for e in backlog:
                    events.put(e)
                self._ready.set()
                return
            elif kind == "fatal":
                backlog.append(ev)
                self.status.message = str(ev.get("message", ""))
            elif kind == "exit":
                code = ev.get("code")
                if code is not None and code < 0 and -code in _CPU_FAULTS and self._retry_lower_variant():
                    return
                reason = self.status.message if any(b.get("ev") == "fatal" for b in backlog) else ""
                what = f"the model worker {describe_exit(code)} during start-up"
                self._fail(f"{what}: {reason}" if reason else what)
                return

    def _retry_lower_variant(self) -> bool:
        """After a CPU fault at start-up, start again with the next CPU variant down."""
        from briefer.models.engine import choose_variant

        try:
            order = choose_variant().candidates
        except RuntimeError:
            return False
        tried = self._variant or (order[0] if order else None)
        if tried:
            self._skip.append(tried)
        remaining = [v for v in order if v not in self._skip]
        if not remaining:
            return False
        self._variant = remaining[0]
        if self._progress:
            self._progress(f"llama.cpp's {tried} CPU code failed here; trying {self._variant}")
        self.start()
        return True

    def _fail(self, reason: str) -> None:
        self.status.state = "failed"
        self.status.message = reason
        self._ready.set()

    def _send(self, msg: dict[str, Any]) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            raise EngineError("the model worker is not running")
        proc.stdin.write((json.dumps(msg, ensure_ascii=False) + "\n").encode("utf-8"))
        proc.stdin.flush()

    # -- the Generator protocol -------------------------------------------------------------
    def generate(
        self,
        prompts: Sequence[Prompt],
        *,
        on_token: Callable[[int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[str | None]:
        """Completions of `prompts` by the worker; see `briefer.ports.Generator`."""
        out: list[str | None] = [None] * len(prompts)
        if not prompts:
            return out
        with self._lock:
            while not self._ready.wait(0.05):
                if cancel is not None and cancel():
                    return out
            if self.status.state != "ready":
                raise EngineError(f"model unavailable: {self.status.message}")
            rid = next(self._ids)
            try:
                self._send({
                    "op": "generate", "id": rid,
                    "prompts": [
                        {"prefix": p.prefix, "text": p.text, "max_new_tokens": p.max_new_tokens, "grammar": p.grammar}
                        for p in prompts
                    ],
                })
            except OSError:
                raise self._died() from None
            while True:
                try:
                    ev = self._events.get(timeout=0.02)
                except queue.Empty:
                    if cancel is not None and cancel():
                        # Return now with what is finished; the worker stops at its next
                        # check and the rest of this request's events are skipped later.
                        try:
                            self._send({"op": "cancel", "id": rid})
                        except OSError:
                            pass
                        return out
                    continue
                kind = ev.get("ev")
                if kind == "exit":
                    self._events.put(ev)  # later calls see the death too
                    raise self._died(ev.get("code"))
                if kind == "fatal":
                    self.status.message = str(ev.get("message", ""))
                    continue
                if ev.get("id") != rid:
                    continue  # left over from a cancelled request
                if kind == "token" and on_token is not None:
                    on_token(int(ev["index"]), str(ev["text"]))
                elif kind == "item":
                    out[int(ev["index"])] = ev.get("text")
                elif kind == "done":
                    return out
                elif kind == "error":
                    raise EngineError(f"the model failed on a request: {ev.get('message')}")

    def _died(self, code: int | None = None) -> EngineError:
        proc = self._proc
        if code is None and proc is not None:
            try:
                code = proc.wait(2.0)
            except subprocess.TimeoutExpired:
                code = None
        reason = f"the model worker {describe_exit(code)}"
        if self.status.message and self.status.state != "ready":
            reason += f": {self.status.message}"
        self.status.state = "failed"
        self.status.message = reason
        return EngineError(reason)

    @property
    def alive(self) -> bool:
        """True while the worker process runs."""
        return self._proc is not None and self._proc.poll() is None

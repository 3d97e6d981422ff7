"""The model worker: a child process that owns the generator.

Native code (llama.cpp) runs here and nowhere else, so a crash, an illegal instruction on an
unknown CPU or the out-of-memory killer ends this process and never the app with the user's
work in it. The parent (`briefer.models.client`) talks to it over pipes, one JSON object per
line:

    parent → worker   {"op": "generate", "id": 7, "prompts": [{prefix, text, max_new_tokens, grammar}]}
                      {"op": "cancel", "id": 7}        {"op": "shutdown"}
    worker → parent   {"ev": "progress", "message": …}
                      {"ev": "ready", "variant": …, "threads": …, "self_check": {…}}
                      {"ev": "token", "id": 7, "index": 0, "text": "…"}
                      {"ev": "item", "id": 7, "index": 0, "text": "…" | null}
                      {"ev": "done", "id": 7, "cancelled": false}
                      {"ev": "error", "id": 7, "message": "…"}        {"ev": "fatal", "message": "…"}

Run as ``python -m briefer.models.worker model-worker --model NAME …`` (the word
``model-worker`` is in its command line, so a person or a test can find it).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import queue
import signal
import sys
import threading
import time
from typing import Any, BinaryIO

WORKER_ARG = "model-worker"


class _Channel:
    """The protocol pipe to the parent; everything else the process prints goes to stderr."""

    def __init__(self) -> None:
        # Keep the real stdout for the protocol, then point fd 1 at stderr so that a stray
        # print in a library can never corrupt a message.
        self._out: BinaryIO = os.fdopen(os.dup(1), "wb", buffering=0)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        self._lock = threading.Lock()

    def send(self, **msg: Any) -> None:
        data = (json.dumps(msg, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            try:
                self._out.write(data)
            except (BrokenPipeError, OSError):
                os._exit(0)  # the parent is gone: nothing left to do


def _die_with_parent() -> None:
    """Ask Linux to end this process when the parent dies (no orphaned workers)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def serve(args: argparse.Namespace, chan: _Channel) -> int:
    """Load the model, prove it runs, then answer requests until told to stop."""
    from briefer.models import registry
    from briefer.models.engine import LlamaEngine, choose_variant, cpu_name, load_backend
    from briefer.prompts import self_check_prompt

    entry = registry.entry(args.model, "generator")
    choice = choose_variant(args.variant)
    load_backend(choice.variant)
    path = registry.model_file(entry, lambda m: chan.send(ev="progress", message=m))
    t0 = time.perf_counter()
    engine = LlamaEngine(path, threads=args.threads, n_ctx=args.n_ctx)
    load_s = time.perf_counter() - t0

    # The self-check: a tiny prompt, so a broken engine shows before the user clicks Generate.
    t1 = time.perf_counter()
    answer = engine.complete(self_check_prompt(entry.template), lambda _d: None) or ""
    check_s = time.perf_counter() - t1
    if not answer.strip():
        chan.send(ev="fatal", message="the model loaded but produced no text in its self-check")
        return 3
    chan.send(
        ev="ready", variant=choice.variant, candidates=choice.candidates, cpu=cpu_name(), threads=args.threads,
        load_seconds=round(load_s, 2), self_check={"ok": True, "seconds": round(check_s, 2), "answer": answer[:40]},
        path=str(path),
    )

    requests: queue.Queue[dict[str, Any] | None] = queue.Queue()
    cancelled: set[int] = set()
    current: list[int | None] = [None]
    lock = threading.Lock()

    def read() -> None:
        # Cancel must act while a request runs, so it is handled here, not queued behind it.
        for line in sys.stdin.buffer:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if msg.get("op") == "cancel":
                with lock:
                    cancelled.add(int(msg.get("id", -1)))
                    if current[0] == msg.get("id"):
                        engine.abort.set()
            else:
                requests.put(msg)
        requests.put(None)  # the parent closed the pipe: finish

    threading.Thread(target=read, name="requests", daemon=True).start()
    if entry.parts:
        threading.Thread(target=_full_check, args=(entry, path, chan), name="full-check", daemon=True).start()

    from briefer.ports import Prompt

    while (msg := requests.get()) is not None:
        if msg.get("op") == "shutdown":
            break
        if msg.get("op") != "generate":
            continue
        rid = int(msg["id"])
        with lock:
            current[0] = rid
            engine.abort.clear()
            if rid in cancelled:
                engine.abort.set()
        try:
            for i, p in enumerate(msg["prompts"]):
                text = None
                if not engine.abort.is_set():
                    prompt = Prompt(p["prefix"], p["text"], int(p.get("max_new_tokens", 64)), p.get("grammar"))
                    text = engine.complete(
                        prompt, lambda d, i=i, rid=rid: chan.send(ev="token", id=rid, index=i, text=d)
                    )
                chan.send(ev="item", id=rid, index=i, text=text)
            chan.send(ev="done", id=rid, cancelled=engine.abort.is_set())
        except Exception as e:  # a bad request must not end the worker
            chan.send(ev="error", id=rid, message=f"{type(e).__name__}: {e}")
        finally:
            with lock:
                current[0] = None
                cancelled.discard(rid)
    return 0


def _full_check(entry: Any, path: Any, chan: _Channel) -> None:
    """Hash the whole model file once it is loaded; a damaged file stops the worker."""
    from briefer.models import registry

    if hasattr(os, "nice"):
        os.nice(5)  # on Linux this lowers only this thread: generation keeps the CPU first
    digest = registry.sha256_file(path)
    if entry.sha256 and digest != entry.sha256:
        registry.forget(entry)
        chan.send(
            ev="fatal",
            message=f"the model file {path} is damaged (checksum mismatch); it will be rebuilt from its packages",
        )
        os._exit(4)


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``model-worker --model NAME --threads N --n-ctx N [--variant V]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == WORKER_ARG:
        argv = argv[1:]
    p = argparse.ArgumentParser(prog=f"briefer {WORKER_ARG}")
    p.add_argument("--model", default=None)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--n-ctx", type=int, default=4096)
    p.add_argument("--variant", default=None, help="force a CPU variant (e.g. haswell)")
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    chan = _Channel()
    _die_with_parent()
    try:
        return serve(args, chan)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        # One line for the parent, shown as "model unavailable: …"; details on stderr.
        chan.send(ev="fatal", message=f"{type(e).__name__}: {e}")
        print(f"model-worker: {type(e).__name__}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

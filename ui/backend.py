"""The UI's adapter to the core: data folder, settings, models and pipeline calls.

Everything the window asks of `briefer` goes through here, so the widgets stay free of
pipeline details. Core modules are imported lazily: the window must open even if the
model stack is slow to import or missing.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

DATA_DIR_ENV = "BRIEFER_DATA_DIR"

# Target length presets: a multiplier on each section's max_statements.
LENGTHS = {"short": "Short (about half)", "standard": "Standard", "long": "Long (all evidence)"}


def data_dir() -> Path:
    """The per-user data folder (autosave, settings in tests); $BRIEFER_DATA_DIR wins."""
    env = os.environ.get(DATA_DIR_ENV)
    p = Path(env) if env else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    p.mkdir(parents=True, exist_ok=True)
    return p


def settings() -> QSettings:
    """QSettings for the app; an INI file inside $BRIEFER_DATA_DIR when that is set."""
    if os.environ.get(DATA_DIR_ENV):
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings()


def _model_default() -> bool:
    from briefer.generate import MODEL_SHORTENS

    return MODEL_SHORTENS


@dataclass
class Preferences:
    """User preferences, persisted with QSettings."""

    template: str = "leader-meeting"  # built-in name or a .toml path
    model: str = ""  # generator name; "" = the default model
    length: str = "standard"
    threads: int = 0  # 0 = let torch decide
    author: str = ""  # {author} in new briefs
    # Let the local model choose the deletions in long bullets. Off by default: measured, it
    # does not earn its time (models/README.md); BRIEFER_MODEL_SHORTENS=1 turns the default on.
    use_model: bool = field(default_factory=lambda: _model_default())

    @classmethod
    def load(cls) -> Preferences:
        """Read from QSettings, falling back to defaults for missing or bad values."""
        s = settings()
        p = cls()
        p.template = str(s.value("template", p.template) or p.template)
        p.model = str(s.value("model", p.model) or "")
        p.author = str(s.value("author", p.author) or "")
        p.use_model = str(s.value("use_model", p.use_model)).lower() in ("true", "1")
        length = str(s.value("length", p.length))
        p.length = length if length in LENGTHS else "standard"
        try:
            p.threads = max(0, int(s.value("threads", p.threads)))
        except (TypeError, ValueError):
            p.threads = 0
        return p

    def save(self) -> None:
        """Write to QSettings."""
        s = settings()
        s.setValue("template", self.template)
        s.setValue("model", self.model)
        s.setValue("length", self.length)
        s.setValue("threads", self.threads)
        s.setValue("author", self.author)
        s.setValue("use_model", self.use_model)
        s.sync()


class _SimpleCancel:
    """Stand-in with the CancelToken interface, used only if the pipeline lacks one."""

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def make_cancel_token() -> Any:
    """A fresh `briefer.pipeline.CancelToken` (or a compatible stand-in)."""
    try:
        from briefer.pipeline import CancelToken
    except Exception:
        return _SimpleCancel()
    return CancelToken()


# -- models ------------------------------------------------------------------------
@dataclass
class ModelSet:
    """The models of one (generator, threads) choice, started at once and loading in the background.

    `generator` is a `briefer.models.WorkerGenerator` (its worker process loads and runs its
    self-check on its own), or None with `problem` saying why there is none; `embedder` is
    a Future (loaded on a thread). Several windows share one set.
    """

    generator: Any | None
    embedder: Future
    problem: str | None = None
    was_ready: bool = False  # the worker passed its self-check once: a later death is a crash
    off: bool = False  # the user has not asked for the model: the rules shorten the bullets

    def embedder_now(self, cancel: Any = None) -> Any | None:
        """The embedder, waiting (cancellably) for it to load; None if it could not be loaded."""
        while not self.embedder.done():
            if cancel is not None and cancel.cancelled:
                return None
            try:
                return self.embedder.result(timeout=0.1)
            except FutureTimeout:
                continue
            except Exception:
                return None
        try:
            return self.embedder.result()
        except Exception:
            return None

    def embedder_problem(self) -> str | None:
        """Why the embedder is missing (None while loading or once loaded)."""
        if not self.embedder.done():
            return None
        e = self.embedder.exception()
        return None if e is None else str(e)

    def state(self) -> tuple[str, str, str]:
        """(state, status-bar text, tooltip); state is "off", "loading", "ready" or "failed"."""
        gen = self.generator
        if self.off:
            return ("off", "Bullets shortened by rules (local model off)",
                    "Settings → \"Let the local model choose deletions\" starts the model")
        if gen is None:
            return "failed", f"model unavailable: {self.problem or 'no generator'}", self.problem or ""
        status = getattr(gen, "status", None)
        name = model_field(getattr(gen, "info", None), "name")
        if status is None:  # a generator without a worker (tests): always ready
            return "ready", f"Model ready ({name})", ""
        if status.state == "starting":
            msg = (status.message or "").strip()
            return "loading", "Loading model…", f"{name}: {msg}" if msg else name
        if status.state == "ready" and getattr(gen, "alive", True):
            self.was_ready = True
            bits = [name, status.variant and f"{status.variant} CPU code",
                    status.threads and f"{status.threads} thread{'s' if status.threads != 1 else ''}"]
            check = status.self_check or {}
            tip_lines = [f"Self-check passed in {check['seconds']:.1f} s" if isinstance(check.get("seconds"), (int, float)) else
                         "Self-check passed", f"Loaded in {status.load_seconds:.0f} s" if status.load_seconds else ""]
            return "ready", f"Model ready ({', '.join(b for b in bits if b)})", "\n".join(x for x in tip_lines if x)
        if status.state == "ready":  # ready once, then the process ended while idle
            return "failed", "model unavailable: the model worker stopped; it restarts at the next draft", ""
        reason = status.message or "the model worker failed"
        if self.was_ready:  # it ran before: a crash or a kill, and a fresh worker is worth a try
            return "failed", f"model unavailable: {reason}; it restarts at the next draft", reason
        return "failed", f"model unavailable: {reason}", reason


_model_lock = threading.Lock()
_model_sets: dict[tuple[str, int, bool], ModelSet] = {}


class _Spawner:
    """The one long-lived thread that starts and restarts model workers.

    A worker asks Linux to stop it when its parent goes away (PR_SET_PDEATHSIG), and Linux
    means the parent *thread*: a worker started from a window's job thread would be stopped
    as soon as that window closes, under every other window. Starting every worker from
    this thread, which lives as long as the app, ties the workers to the app instead.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run `fn` on the spawner thread and return its result (or raise its error)."""
        fut: Future = Future()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="briefer-spawner", daemon=True)
                self._thread.start()
        self._jobs.put((fn, fut))
        return fut.result()

    def _serve(self) -> None:
        while True:
            fn, fut = self._jobs.get()
            try:
                fut.set_result(fn())
            except BaseException as e:
                fut.set_exception(e)


_spawner = _Spawner()


def restart_worker(generator: Any) -> None:
    """Restart a model worker (after a crash, or for Retry) from the app-lifetime thread."""
    _spawner.call(generator.restart)


def start_models(generator: str = "", threads: int = 0, use_model: bool = True) -> ModelSet:
    """Start the generator worker (if the model is wanted) and the embedder thread, once per
    process; returns at once.

    A missing model package or engine is not an error here: the set says "model
    unavailable" with the reason, and drafts quote the sources.
    """
    key = (generator, threads, use_model)
    with _model_lock:
        if key in _model_sets:
            return _model_sets[key]
        from briefer import models

        gen, problem = None, None
        try:
            if use_model:
                gen = _spawner.call(lambda: models.load_generator(generator or None, threads=threads or None))
        except Exception as e:  # BrieferError names the pip package; anything else is a bug to show
            gen, problem = None, str(e) or type(e).__name__
        try:
            emb = models.start_embedder(None)
        except Exception as e:
            emb = Future()
            emb.set_exception(e)
        _model_sets[key] = ModelSet(gen, emb, problem, off=not use_model)
        return _model_sets[key]


def prime_models(generator: Any, embedder: Any, name: str = "", threads: int = 0) -> ModelSet:
    """Use already-loaded models for (name, threads) (tests, or a host that loaded them).

    With a generator the set is the one a window uses when the model is asked for; without
    one, the one it uses when it is not.
    """
    fut: Future = Future()
    fut.set_result(embedder)
    key = (name, threads, generator is not None)
    with _model_lock:
        _model_sets[key] = ModelSet(generator, fut, off=generator is None)
        return _model_sets[key]


def started_models(generator: str = "", threads: int = 0, use_model: bool = True) -> ModelSet | None:
    """The set started for this choice, if any."""
    return _model_sets.get((generator, threads, use_model))


def available_models() -> list[Any]:
    """`models.available()`, or [] if the registry cannot be imported."""
    try:
        from briefer import models

        return list(models.available())
    except Exception:
        return []


def model_field(info: Any, name: str, default: str = "") -> str:
    """A field of a ModelInfo (object or dict), as text."""
    v = info.get(name, default) if isinstance(info, dict) else getattr(info, name, default)
    return default if v is None else str(v)


# -- templates -----------------------------------------------------------------------
def template_names() -> list[str]:
    """Built-in template names."""
    from briefer.template import builtin_templates

    return builtin_templates()


def load_template(name_or_path: str | None) -> Any:
    """`briefer.template.load_template`."""
    from briefer.template import load_template as _load

    return _load(name_or_path or None)


def apply_length(template: Any, length: str) -> Any:
    """The template with max_statements scaled for the chosen target length."""
    import dataclasses

    factor = {"short": 0.5, "long": 1.5}.get(length)
    if factor is None:
        return template
    specs = tuple(
        dataclasses.replace(s, max_statements=max(1, min(12, round(s.max_statements * factor))))
        for s in template.sections
    )
    return dataclasses.replace(template, sections=specs)


# -- pipeline ------------------------------------------------------------------------
def load_sources(paths: list[str], pasted: list[tuple[str, str]] | None = None) -> tuple[list, list]:
    """`briefer.pipeline.load_sources` (ingest + clean); bad files become warnings."""
    from briefer import pipeline

    return pipeline.load_sources([Path(p) for p in paths], pasted=tuple(pasted or ()))


def draft_brief(sources: list, **kwargs: Any) -> Any:
    """`briefer.pipeline.draft_brief`."""
    from briefer import pipeline

    return pipeline.draft_brief(sources, **kwargs)

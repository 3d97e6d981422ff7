"""The UI's adapter to the core: data folder, settings, models and pipeline calls.

Everything the window asks of `briefer` goes through here, so the widgets stay free of
pipeline details. Core modules are imported lazily: the window must open even if the
model stack is slow to import or missing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class Preferences:
    """User preferences, persisted with QSettings."""

    template: str = "leader-meeting"  # built-in name or a .toml path
    model: str = ""  # generator name; "" = the default model
    length: str = "standard"
    threads: int = 0  # 0 = let torch decide
    author: str = ""  # {author} in new briefs

    @classmethod
    def load(cls) -> Preferences:
        """Read from QSettings, falling back to defaults for missing or bad values."""
        s = settings()
        p = cls()
        p.template = str(s.value("template", p.template) or p.template)
        p.model = str(s.value("model", p.model) or "")
        p.author = str(s.value("author", p.author) or "")
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
_model_lock = threading.Lock()
_model_cache: dict[tuple[str, str], tuple[Any, Any]] = {}


def get_models(
    generator: str = "", threads: int = 0, progress: Callable[[str], None] | None = None
) -> tuple[Any, Any]:
    """Load (once per process) and return (generator, embedder).

    Cached so that several windows (and tests) share one loaded model. `progress`
    receives loading messages (e.g. while a split model is assembled on first use).
    """
    from briefer import models

    key = (generator, "")
    with _model_lock:
        if key not in _model_cache:
            kwargs: dict[str, Any] = {}
            if threads:
                kwargs["threads"] = threads
            if progress is not None:
                kwargs["progress"] = progress
            gen = models.load_generator(generator or None, **kwargs)
            emb = models.load_embedder(None)
            _model_cache[key] = (gen, emb)
        return _model_cache[key]


def prime_models(generator: Any, embedder: Any, name: str = "") -> None:
    """Put already-loaded models in the cache (tests, or a host that loaded them)."""
    with _model_lock:
        _model_cache[(name, "")] = (generator, embedder)


def models_loaded(generator: str = "") -> bool:
    """True if this generator is already in memory."""
    return (generator, "") in _model_cache


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

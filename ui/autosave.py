"""Autosave: one file per window, written off the UI thread a few seconds after a change.

Each window owns ``autosave/<id>.brief`` (the brief), ``<id>.json`` (its file path, pid,
time, title) and ``<id>.lock``, which it holds locked while it lives. The operating
system drops the lock when the process ends in any way (kill -9 included), so at
start-up an autosave whose lock can be taken belongs to a window that is gone: only
those are offered for restore, and a running window's autosave is never touched. A
window closing cleanly deletes only its own files.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QObject, QTimer

from briefer.brief import Brief, load_brief, save_brief
from briefer.errors import BrieferError
from briefer.fsutil import atomic_write_text

try:  # POSIX
    import fcntl

    def _lock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

except ImportError:  # Windows
    import msvcrt

    def _lock(f: IO[bytes]) -> None:
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)


def _try_lock(path: Path) -> IO[bytes] | None:
    """The open, locked lock file; None if another window (in any process) holds it."""
    try:
        f = open(path, "a+b")  # noqa: SIM115 - held open for the window's lifetime
    except OSError:
        return None
    try:
        _lock(f)
    except OSError:
        f.close()
        return None
    return f


def _unlink(*paths: Path) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass


@dataclass
class Orphan:
    """An autosave left by a window that is gone; its lock is held while it is offered."""

    id: str
    folder: Path
    meta: dict = field(default_factory=dict)
    brief: Brief | None = None
    error: str | None = None
    _lock: IO[bytes] | None = None

    @property
    def brief_path(self) -> Path:
        return self.folder / f"{self.id}.brief"

    def discard(self) -> None:
        """Delete it (the user declined it)."""
        _unlink(self.brief_path, self.folder / f"{self.id}.json", self.folder / f"{self.id}.lock")
        if self._lock is not None:
            self._lock.close()
            self._lock = None


class AutosaveStore:
    """The autosave files of one window (no Qt; safe to call from a worker thread)."""

    def __init__(self, folder: Path, window_id: str | None = None) -> None:
        self.folder = Path(folder)
        self.id = window_id or uuid.uuid4().hex[:12]
        self._lock_file: IO[bytes] | None = None
        self._mutex = threading.Lock()
        self._cleared_revision = -1
        self.closed = False

    @property
    def brief_path(self) -> Path:
        return self.folder / f"{self.id}.brief"

    @property
    def meta_path(self) -> Path:
        return self.folder / f"{self.id}.json"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"{self.id}.lock"

    def acquire(self) -> bool:
        """Create and lock this window's lock file; False if that is not possible."""
        if self._lock_file is not None:
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        self._lock_file = _try_lock(self.lock_path)
        return self._lock_file is not None

    def write(self, brief: Brief, path: str | None, revision: int) -> bool:
        """Write the autosave (atomically); False if it was cleared after `revision` or closed."""
        with self._mutex:
            if self.closed or revision <= self._cleared_revision:
                return False
            self.acquire()
            self.folder.mkdir(parents=True, exist_ok=True)
            save_brief(brief, self.brief_path)
            meta = {"id": self.id, "pid": os.getpid(), "path": path, "saved": time.time(), "title": brief.title}
            atomic_write_text(self.meta_path, json.dumps(meta))
            return True

    def clear(self, revision: int) -> None:
        """Delete the autosave: everything up to `revision` is saved (a later write still happens)."""
        with self._mutex:
            self._cleared_revision = max(self._cleared_revision, revision)
            _unlink(self.brief_path, self.meta_path)

    def close(self) -> None:
        """The window closed cleanly: delete its files and let go of its lock."""
        with self._mutex:
            if self.closed:
                return
            self.closed = True
            _unlink(self.brief_path, self.meta_path, self.lock_path)
            if self._lock_file is not None:
                self._lock_file.close()
                self._lock_file = None

    def adopt(self, orphan: Orphan) -> None:
        """Take over an orphan's autosave: its files become this window's (renamed, not copied).

        Until this window writes again, the restored work stays on disk under its name.
        """
        with self._mutex:
            self.acquire()
            for src, dst in ((orphan.brief_path, self.brief_path), (orphan.folder / f"{orphan.id}.json", self.meta_path)):
                try:
                    os.replace(src, dst)
                except OSError:
                    pass
            self._cleared_revision = -1
        orphan.discard()


LEGACY_ID = "autosave"  # Briefer before per-window autosaves wrote <data>/autosave.brief


def find_orphans(folder: Path, load: bool = True) -> list[Orphan]:
    """Autosaves whose window is gone, newest first, each claimed (locked) for this process.

    A damaged autosave is returned with `error` set rather than hidden. The single
    autosave of earlier versions (next to the folder) is offered too.
    """
    folder = Path(folder)
    found = _orphans_in(folder, None, load) if folder.is_dir() else []
    legacy = folder.parent / f"{LEGACY_ID}.brief"
    if legacy.exists():
        found += _orphans_in(folder.parent, LEGACY_ID, load)
    if folder.is_dir():
        for lock in folder.glob("*.lock"):  # a window that died before its first autosave
            if not lock.with_suffix(".brief").exists():
                held = _try_lock(lock)
                if held is not None:
                    _unlink(lock)
                    held.close()
    found.sort(key=lambda o: -float(o.meta.get("saved") or o.brief_path.stat().st_mtime))
    return found


def _orphans_in(folder: Path, only: str | None, load: bool) -> list[Orphan]:
    found: list[Orphan] = []
    for brief_path in sorted(folder.glob("*.brief")):
        oid = brief_path.stem
        if only is not None and oid != only:
            continue
        lock = _try_lock(folder / f"{oid}.lock")
        if lock is None:
            continue  # a running window's: never offered, never deleted
        o = Orphan(oid, folder, _lock=lock)
        try:
            meta = json.loads((folder / f"{oid}.json").read_text(encoding="utf-8"))
            o.meta = meta if isinstance(meta, dict) else {}
        except (OSError, ValueError):
            o.meta = {}
        if load:
            try:
                o.brief = load_brief(brief_path)
            except BrieferError as e:
                o.error = str(e)
        found.append(o)
    return found


class Autosave(QObject):
    """Debounced autosave of a session, written by a background runner only when it changed."""

    def __init__(
        self,
        folder: Path,
        session_of: Callable[[], Any],
        submit: Callable[[str, Callable[[Any], Any], Callable[[Any], None]], Any],
        interval_ms: int = 3000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = AutosaveStore(folder)
        self.store.acquire()
        self._session_of = session_of
        self._submit = submit
        self._written_revision: int | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.last_error: str | None = None
        self.writes = 0  # how many autosaves were written (tests, diagnostics)

    @property
    def folder(self) -> Path:
        return self.store.folder

    @property
    def brief_path(self) -> Path:
        return self.store.brief_path

    def touch(self) -> None:
        """Note a change; saves within the interval even while typing continues."""
        if not self.timer.isActive():
            self.timer.start()

    def _due(self) -> tuple[Brief, str | None, int] | None:
        s = self._session_of()
        if not s.dirty or s.revision == self._written_revision:
            return None  # nothing new since the last autosave (or nothing unsaved)
        return s.snapshot(), (str(s.path) if s.path else None), s.revision

    def save_now(self) -> Any:
        """Queue a write of the current state (the snapshot is cheap; JSON and disk are not)."""
        self.timer.stop()
        due = self._due()
        if due is None:
            return None
        brief, path, revision = due
        store = self.store

        def done(ok: Any) -> None:
            if ok:
                self._written_revision = max(self._written_revision or 0, revision)
                self.writes += 1
                self.last_error = None

        return self._submit("autosave", lambda: store.write(brief, path, revision), done, self._failed)

    def _failed(self, message: str) -> None:
        self.last_error = message

    def save_sync(self) -> bool:
        """Write now on this thread (last-chance hook); True if written."""
        due = self._due()
        if due is None:
            return self.store.brief_path.exists()
        brief, path, revision = due
        try:
            ok = self.store.write(brief, path, revision)
        except (BrieferError, OSError) as e:
            self.last_error = str(e)
            return False
        if ok:
            self._written_revision = revision
            self.writes += 1
        return ok

    def clear(self) -> None:
        """Forget the autosave: the brief was saved (or discarded)."""
        self.timer.stop()
        s = self._session_of()
        self.store.clear(s.revision)
        self._written_revision = s.revision

    def close(self) -> None:
        """Clean exit: delete this window's autosave only."""
        self.timer.stop()
        self.store.close()

"""Small file-system helpers: safe, atomic writes so a crash never leaves half a file.

`atomic_write_bytes` writes a temp file in the target's own folder and renames it over the
target, so readers see the old file or the new one, never a mix. It also keeps what the
user set up: an existing file keeps its permission bits (a ``chmod 600`` brief stays
private), and a symlink keeps pointing where it pointed (its target is rewritten).
`check_writable` answers "could we write here?" before any long work starts.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from briefer.errors import BrieferError


def write_target(path: Path) -> Path:
    """The file a write to `path` must replace: the final target if `path` is a symlink.

    A dangling link resolves to the file it names (which the write then creates), as
    ``open(path, "w")`` would.
    """
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _target_and_folder(shown: Path) -> tuple[Path, Path]:
    """The file a write to `shown` really replaces (through symlinks) and its folder;
    BrieferError if the target is a folder or the folder does not exist."""
    target = write_target(shown)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise BrieferError(f"{shown}: cannot write (it is a folder)")
    if not folder.is_dir():
        raise BrieferError(f"{shown}: cannot write (folder {folder} does not exist)")
    return target, folder


def check_writable(path: str | Path) -> None:
    """Raise BrieferError (one line, naming `path`) unless a file could be written there.

    Checks that the folder exists and accepts a new file (by creating and removing a
    probe, which also catches read-only file systems and ACLs that permission bits
    hide), and that the target is not a folder or a read-only file.
    """
    shown = Path(path)
    target, folder = _target_and_folder(shown)
    if target.exists() and not os.access(target, os.W_OK):
        raise BrieferError(f"{shown}: cannot write (the file is read-only)")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".probe", dir=folder)
    except OSError as e:
        raise BrieferError(f"{shown}: cannot write in {folder} ({e.strerror or e})") from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temp file in the same folder and a rename.

    Raises BrieferError (naming the path and the reason) if the folder is missing or
    not writable; the previous file, if any, is left untouched. An existing file keeps
    its mode (and, where allowed, its owner); a symlink's target is replaced, not the link.
    """
    shown = Path(path)
    target, folder = _target_and_folder(shown)
    try:
        old = os.stat(target)
    except OSError:
        old = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise BrieferError(f"{shown}: cannot write ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
            if hasattr(os, "chown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                try:  # only root (or the owner, for the group) may do this; best effort
                    os.chown(tmp, old.st_uid, old.st_gid)
                except OSError:
                    pass
        else:
            # mkstemp makes owner-only files; give a new file the mode a plain open() would.
            os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise BrieferError(f"{shown}: cannot write ({e.strerror or e})") from None
    _fsync_folder(folder)


def atomic_write_text(path: Path, text: str) -> None:
    """Atomically write UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort; not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask() briefly changes process state, unsafe once threads run.
_UMASK = _umask()

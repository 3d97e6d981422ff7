"""The file system side of ingest: which files a list of inputs stands for, and reading
one of them safely (regular files only, never blocking, never more than the limit)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefer.errors import InputError
from briefer.ingest.limits import MAX_BYTES, human_size
from briefer.ingest.registry import all_readers, supported_suffixes


@dataclass(frozen=True)
class Inputs:
    """What a list of inputs stands for: the files to read, in order, and the folders
    that gave nothing (each an `InputError` naming it and why)."""

    files: tuple[Path, ...]
    problems: tuple[InputError, ...] = ()


def expand_inputs(paths: Iterable[str | os.PathLike[str]]) -> Inputs:
    """Files as given; a folder stands for the article files directly inside it (sorted
    by name, hidden files and Office lock files skipped). A folder that cannot be listed
    or holds no articles is a problem, not a failure: the other inputs still count.
    A file named twice is read once."""
    files: list[Path] = []
    problems: list[InputError] = []
    suffixes = set(supported_suffixes())
    for p in paths:
        path = Path(p)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError:
            is_dir = False  # missing or unreadable: reading it will say which
        if not is_dir:
            files.append(path)
            continue
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            problems.append(InputError(str(path), "cannot open folder (permission denied)"))
            continue
        except OSError as e:
            problems.append(InputError(str(path), f"cannot open folder ({e.strerror or e})"))
            continue
        found = [
            Path(e.path)
            for e in entries
            if not e.name.startswith((".", "~$")) and Path(e.name).suffix.lower() in suffixes and _is_file(e)
        ]
        if not found:
            kinds = ", ".join(r.suffixes[0] for r in all_readers())
            problems.append(InputError(str(path), f"folder holds no articles ({kinds} files)"))
        files.extend(found)
    seen: set[str] = set()
    unique: list[Path] = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return Inputs(tuple(unique), tuple(problems))


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # follows links; FIFOs, sockets and devices are not files
    except OSError:
        return False


_NOT_A_FILE = (
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
)


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    for test, reason in _NOT_A_FILE:
        if test(mode):
            return reason
    return None if stat.S_ISREG(mode) else "is not a regular file"


def read_file_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file; InputError(path, reason) for anything else.

    A FIFO, socket or device is refused before it is opened (opening a FIFO blocks until
    a writer comes); the file is then opened without blocking and checked again, so one
    swapped in meanwhile is refused too. At most `max_bytes` + 1 bytes are ever read.
    """
    spath = str(path)
    try:
        st = os.stat(spath)
    except FileNotFoundError:
        raise InputError(spath, "no such file") from None
    except PermissionError:
        raise InputError(spath, "cannot read (permission denied)") from None
    except OSError as e:
        raise InputError(spath, f"cannot read ({e.strerror or e})") from None
    problem = _kind_problem(st.st_mode)
    if problem:
        raise InputError(spath, problem)
    if st.st_size > max_bytes:
        raise InputError(spath, f"file is {human_size(st.st_size)}; the limit is {human_size(max_bytes)}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(spath, flags)
    except FileNotFoundError:
        raise InputError(spath, "no such file") from None
    except PermissionError:
        raise InputError(spath, "cannot read (permission denied)") from None
    except OSError as e:
        raise InputError(spath, f"cannot read ({e.strerror or e})") from None
    try:
        problem = _kind_problem(os.fstat(fd).st_mode)
        if problem:
            raise InputError(spath, problem)
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except PermissionError:
        raise InputError(spath, "cannot read (permission denied)") from None
    except OSError as e:
        raise InputError(spath, f"cannot read ({e.strerror or e})") from None
    finally:
        os.close(fd)
    if size > max_bytes:  # the file grew while we looked
        raise InputError(spath, f"file is over {human_size(max_bytes)}, the limit")
    data = b"".join(chunks)
    if not data.strip():
        raise InputError(spath, "empty file")
    return data

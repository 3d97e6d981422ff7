"""Work around a PySide6 6.12 refcount bug on Python < 3.12.

PySide6 6.12 releases one reference too many to ``None`` (and to ``True``/``False``) on
every call into a Python slot. Python 3.12+ makes these objects immortal, so the bug is
harmless there; on 3.11 the count runs down to zero during a long session (or at exit)
and the interpreter aborts ("none_dealloc" / "bool_dealloc"). Until the dependency is
pinned below 6.12 (or Python is 3.12+), give those three objects a practically infinite
reference count, which is what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_BUMP = 1 << 40  # far more slot calls than any session makes


def _affected() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    try:
        import PySide6
    except ImportError:
        return False
    parts = PySide6.__version__.split(".")
    try:
        return (int(parts[0]), int(parts[1])) >= (6, 12)
    except (ValueError, IndexError):
        return False


def apply() -> bool:
    """Make None/True/False effectively immortal if this PySide6 needs it; True if applied."""
    if not _affected() or getattr(sys, "_briefer_refcount_shim", False):
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _BUMP
    sys._briefer_refcount_shim = True
    return True

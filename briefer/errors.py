"""Errors that reach the user as one clear line (no traceback)."""

from __future__ import annotations


class BrieferError(Exception):
    """A problem the user can act on; its message names the file and the reason."""


class InputError(BrieferError):
    """An input file is missing, empty, binary, too large or unreadable."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Cancelled(BrieferError):
    """The user cancelled a long operation; what was done so far is kept."""

    def __init__(self) -> None:
        super().__init__("cancelled")

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


class Cancelled(Exception):
    """The user cancelled a long operation (not an error: what was done so far is kept).

    Raised inside a run, between stages and within long ones (analysis checks between
    batches, see `briefer.cancel`); `draft_brief` catches it and returns the finished part
    with a "cancelled" warning. `briefer.analyse.analyse` called on its own lets it through.
    """

    def __init__(self) -> None:
        super().__init__("cancelled")

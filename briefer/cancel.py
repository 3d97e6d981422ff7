"""Cancelling long work: one token shared by the UI and a run, and the check every stage makes.

A stage that may take more than a fraction of a second takes a `cancel` argument (a
`CancelToken`, a callable that returns True once the user cancelled, or None) and calls the
`Check` made from it between units of bounded work (a chunk of sentences to parse or embed,
a block of similarities). The check raises `Cancelled`; the run's top level decides what
is kept (`briefer.pipeline.draft_brief` returns the finished sections with a warning).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Union

from briefer.errors import Cancelled


class CancelToken:
    """A thread-safe cancel flag shared by the UI and a running pipeline."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop at the next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once `cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancel was requested."""
        if self._event.is_set():
            raise Cancelled()


# What a stage accepts as its `cancel` argument.
CancelLike = Union[CancelToken, Callable[[], bool], None]  # noqa: UP007 (a runtime alias)
Check = Callable[[], None]


def _never() -> None:
    return None


_never._briefer_check = True  # type: ignore[attr-defined]


def checker(cancel: CancelLike | Check) -> Check:
    """A function that raises `Cancelled` once `cancel` says so (does nothing for None).

    Accepts a `CancelToken`, anything with a `.cancelled` attribute (the UI's stand-in), a
    callable returning a bool, or a check made by this function (returned as it is).
    """
    if cancel is None:
        return _never
    if getattr(cancel, "_briefer_check", False):
        return cancel  # type: ignore[return-value]
    if hasattr(cancel, "cancelled") and not callable(cancel.cancelled):

        def check() -> None:
            if cancel.cancelled:  # type: ignore[union-attr]
                raise Cancelled()
    else:

        def check() -> None:
            if cancel():  # type: ignore[operator]
                raise Cancelled()

    check._briefer_check = True  # type: ignore[attr-defined]
    return check

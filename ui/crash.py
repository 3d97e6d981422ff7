"""The last-chance exception hook: autosave first, then ONE dialog, and keep running.

An exception that escapes a slot or an event handler would otherwise print a traceback to
a terminal nobody sees. Here it writes every window's autosave, shows one dialog with a
one-line message (the traceback under "Show Details…"), and returns to the event loop.
A fatal Qt message cannot be survived, but the autosave is still written before Qt aborts.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

_state: dict = {"showing": False, "installed": False, "previous_qt": None, "previous_hook": None}


def _windows() -> list:
    from briefer.ui.mainwindow import MainWindow

    app = QApplication.instance()
    if app is None:
        return []
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def save_all_autosaves() -> int:
    """Write every open window's autosave now, on this thread; how many were written."""
    n = 0
    for w in _windows():
        try:
            if w.autosave.save_sync():
                n += 1
        except Exception:  # the hook must never raise
            traceback.print_exc()
    return n


def one_line(exc: BaseException) -> str:
    """`ValueError: bad thing` — the first line of the message only."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
    show: Callable[[str, str, str], None] | None = None,
) -> None:
    """sys.excepthook: autosave, then one dialog; a second error while it shows is only logged."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    sys.stderr.write(details)
    saved = save_all_autosaves()
    if _state["showing"] or QApplication.instance() is None:
        return
    from briefer.ui import dialogs

    message = f"Something went wrong: {one_line(exc)}"
    hint = (
        "Your work was autosaved and Briefer keeps running; save your brief soon."
        if saved else "Briefer keeps running; save your brief soon."
    )
    _state["showing"] = True
    try:
        (show or (lambda t, m, d: dialogs.show_error(None, t, m, d)))("Unexpected error", f"{message}\n{hint}", details)
    finally:
        _state["showing"] = False


def _qt_messages(mode: QtMsgType, context, message: str) -> None:
    if mode == QtMsgType.QtFatalMsg:
        # Qt aborts after this returns: keep the user's work first.
        save_all_autosaves()
    previous = _state["previous_qt"]
    if previous is not None:
        previous(mode, context, message)
    else:
        sys.stderr.write(f"{message}\n")


def install() -> None:
    """Install the exception hook and the Qt message handler (once)."""
    if _state["installed"]:
        return
    _state["previous_hook"] = sys.excepthook
    sys.excepthook = handle_exception
    _state["previous_qt"] = qInstallMessageHandler(_qt_messages)
    _state["installed"] = True


def uninstall() -> None:
    """Put back what `install` replaced (tests)."""
    if not _state["installed"]:
        return
    sys.excepthook = _state["previous_hook"] or sys.__excepthook__
    qInstallMessageHandler(_state["previous_qt"])
    _state.update(installed=False, previous_qt=None, previous_hook=None)

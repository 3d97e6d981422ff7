"""The last-chance exception hook: autosave first, ONE dialog with a one-line message, keep running."""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import answers, data_dir, sample_with_text, window  # noqa: F401

from briefer.brief import load_brief


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException as e:
        return type(e), e, e.__traceback__


def test_an_uncaught_error_autosaves_then_shows_one_dialog(window, qtbot):
    from briefer.ui import crash

    window.load_brief_object(sample_with_text(), dirty=True)
    window.session.set_title("Unsaved work")
    shown: list[tuple[str, str, str]] = []

    def show(title, message, details):
        shown.append((title, message, details))
        # A second error while the dialog is up is logged, not shown again.
        crash.handle_exception(*_raise(KeyError("again")), show=lambda *a: shown.append(a))

    crash.handle_exception(*_raise(ValueError("bad value\nsecond line of the message")), show=show)
    assert len(shown) == 1
    title, message, details = shown[0]
    assert title == "Unexpected error"
    first, hint = message.split("\n")
    assert first == "Something went wrong: ValueError: bad value"
    assert "autosaved" in hint and "keeps running" in hint
    assert "Traceback" in details and "second line" in details
    assert load_brief(window.autosave.brief_path).title == "Unsaved work"  # written before the dialog
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook_and_the_app_keeps_running(window, qtbot, answers):
    from briefer.ui import crash

    window.load_brief_object(sample_with_text(), dirty=True)
    crash.install()
    try:
        def boom():
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(answers.warnings), timeout=5000)
    finally:
        crash.uninstall()
    assert answers.warnings == [
        "Unexpected error: Something went wrong: RuntimeError: a bug in a slot\n"
        "Your work was autosaved and Briefer keeps running; save your brief soon."
    ]
    assert "RuntimeError" in (answers.details[0] or "")
    assert window.autosave.brief_path.exists()
    assert window.isVisible()
    window.session.set_title("still editable")
    assert window.current_brief().title == "still editable"

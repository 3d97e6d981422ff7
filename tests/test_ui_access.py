"""Accessibility: every control named and explained, the keyboard reaches everything, focus shows."""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import answers, data_dir, sample_with_text, window  # noqa: F401

from briefer.brief import BriefWarning

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
               QAbstractItemView, QTabBar, QAbstractSlider)
COMPOSITE = (QComboBox, QAbstractSpinBox)  # their inner line edits and popups are theirs


def interactive_widgets(top: QWidget) -> list[QWidget]:
    """The controls a user can operate in `top` (not the parts of a composite control)."""
    out = []
    for w in top.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or isinstance(w, QScrollBar):
            continue
        p, inner = w.parentWidget(), False
        while p is not None and p is not top:
            inner = inner or isinstance(p, COMPOSITE)
            p = p.parentWidget()
        if not inner:
            out.append(w)
    return out


def unnamed_or_untipped(top: QWidget) -> list[str]:
    """Problems: controls without an accessible name or a tooltip, and names used twice."""
    problems, names = [], {}
    for w in interactive_widgets(top):
        label = f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
        if not w.accessibleName().strip():
            problems.append(f"no accessible name: {label}")
        if not w.toolTip().strip():
            problems.append(f"no tooltip: {label}")
        if w.accessibleName() in names:
            problems.append(f"name {w.accessibleName()!r} used twice: {label} and {names[w.accessibleName()]}")
        names[w.accessibleName()] = label
    return problems


def _with_everything_shown(window) -> None:
    """The sample brief, a multi-source citation open, and the model-failure message up."""
    window.load_brief_object(sample_with_text())
    window.show_citation(1, [(1, ["x"]), (2, ["y"]), (4, [])])
    window.drafting.offer_retry(BriefWarning("model-failed", "The local model stopped.", sections=["agenda"]))


def test_every_control_of_the_window_and_its_dialogs_has_a_unique_name_and_a_tooltip(window, qtbot) -> None:
    from briefer.ui.about import AboutDialog
    from briefer.ui.settings import SettingsDialog
    from briefer.ui.sources import PasteDialog
    from briefer.ui.templates import BriefDetailsDialog, template_entries

    _with_everything_shown(window)
    controls = interactive_widgets(window)
    assert len(controls) > 25
    assert unnamed_or_untipped(window) == []
    dialogs = [
        SettingsDialog(window.prefs, window),
        BriefDetailsDialog(window.current_brief(), parent=window),
        BriefDetailsDialog(window.current_brief(), templates=template_entries(), current_template="leader-meeting",
                           parent=window),
        PasteDialog("", window),
        AboutDialog(window),
    ]
    for dlg in dialogs:
        assert interactive_widgets(dlg), type(dlg).__name__
        assert unnamed_or_untipped(dlg) == [], type(dlg).__name__
        dlg.deleteLater()
    # The names say what each one does.
    names = {w.accessibleName() for w in controls}
    assert {"Regenerate “Context”", "Regenerate “Agenda”", "Regenerate “US asks”",
            "Regenerate “Outlook under Trump”"} <= names
    assert {"Move source up", "Move source down", "Section “Context”", "Brief title", "Sources"} <= names


def test_a_control_without_a_name_is_caught(window) -> None:
    from PySide6.QtWidgets import QPushButton

    stray = QPushButton("?", window.sources)
    assert any("no accessible name" in p for p in unnamed_or_untipped(window))
    stray.deleteLater()


def _activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.wait(30)  # widgets added to a shown layout appear on the next event loop pass


def test_tab_and_shift_tab_move_between_title_and_sections_and_ctrl_tab_types_a_tab(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    _activate(window, qtbot)
    title = window.editor.title
    context = window.editor.section_editor("context")
    agenda_regen = window.editor.section_box("agenda").regen
    title.setFocus()
    qtbot.waitUntil(title.hasFocus, timeout=1000)
    revision = window.session.revision
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.section_box("context").regen, QApplication.focusWidget()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert context.hasFocus()
    qtbot.keyClick(context, Qt.Key.Key_Tab)  # leaves the editor: no whitespace typed
    assert agenda_regen.hasFocus()
    assert window.session.revision == revision and not window.dirty
    qtbot.keyClick(agenda_regen, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert context.hasFocus()
    context.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(context, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert context.hasFocus()
    assert context.document().firstBlock().text().startswith("\t")


def test_the_toolbar_sources_and_citations_work_from_the_keyboard(window, qtbot) -> None:
    from briefer.ui.actions import toolbar_widgets

    window.load_brief_object(sample_with_text())
    _activate(window, qtbot)
    # The toolbar: Alt+T goes there, Tab walks along it.
    bar = [b for b in toolbar_widgets(window) if b.isVisible()]
    assert len(bar) >= 4  # Generate, template, Save, Export (Cancel shows while drafting)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is bar[0]
    qtbot.keyClick(bar[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar[1]
    # A source: Return on it shows its text.
    window.sources.list.setFocus()
    window.sources.list.setCurrentRow(1)
    qtbot.keyClick(window.sources.list, Qt.Key.Key_Return)
    assert window.sources.viewer.source_id == 2
    # A citation: Ctrl+Return in a statement shows its source; the bar steps through the others.
    context = window.editor.section_editor("context")
    context.setFocus()
    context.setTextCursor(QTextCursor(context.document().findBlockByNumber(0)))
    qtbot.keyClick(context, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    viewer = window.sources.viewer
    assert viewer.source_id == 1 and viewer.extraSelections()
    assert window.status_text.startswith("Cited sentence highlighted in source [1]")
    buttons = window.sources.citations.buttons
    assert list(buttons) == [1, 2, 4] and window.sources.citations.isVisible()
    buttons[4].setFocus()
    qtbot.keyClick(buttons[4], Qt.Key.Key_Space)
    assert viewer.source_id == 4
    # Nothing recorded for [4] in this statement: it says so and highlights nothing.
    assert not viewer.extraSelections()
    assert "highlighted" not in window.status_text and "no cited sentence is recorded" in window.status_text
    qtbot.keyClick(buttons[2], Qt.Key.Key_Space)
    assert viewer.source_id == 2
    assert bool(viewer.extraSelections()) == window.status_text.startswith("Cited sentence highlighted")


def test_focus_is_visible(window, qtbot, qapp) -> None:
    from briefer.ui.style import apply_style

    apply_style(qapp)  # the app's look, as `app.main` sets it
    window.load_brief_object(sample_with_text())
    _activate(window, qtbot)
    try:
        _check_focus_shows(window, qtbot)
    finally:
        qapp.setStyleSheet("")


def _check_focus_shows(window, qtbot) -> None:
    for w in (window.editor.section_editor("agenda"), window.editor.title, window.sources.list,
              window.editor.section_box("agenda").regen):
        window.generate_btn.setFocus()
        qtbot.waitUntil(lambda w=w: not w.hasFocus(), timeout=1000)
        before = w.grab().toImage()
        w.setFocus()
        qtbot.waitUntil(w.hasFocus, timeout=1000)
        qtbot.wait(20)
        after = w.grab().toImage()
        assert before != after, f"{w.accessibleName()} looks the same with focus"

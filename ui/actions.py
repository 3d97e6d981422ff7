"""The window's actions, menus, toolbar and status bar, and the small edit commands.

Building them here keeps `mainwindow.py` about what the window does, not how its
chrome is laid out. Every action calls a method of the window or of one of its flows.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from briefer.ui.about import show_about

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow


def _act(w: MainWindow, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    a = QAction(text, w)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    tip = tip or text.replace("&", "").rstrip("…")
    a.setStatusTip(tip)
    keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    a.setToolTip(f"{tip} ({keys})" if keys else tip)
    a.triggered.connect(lambda _checked=False: slot())
    return a


def build_actions(w: MainWindow) -> None:
    """Create every QAction as an attribute of the window (`w.act_*`)."""
    SK = QKeySequence.StandardKey
    w.act_new = _act(w, "&New brief", w.new_brief, SK.New)
    w.act_new_from = _act(w, "New brief from &template…", w.new_from_template, "Ctrl+Shift+N",
                          "Start a brief from a template, with its meeting, date, author and addressee")
    w.act_open = _act(w, "&Open…", w.files.open_dialog, SK.Open)
    w.act_save = _act(w, "&Save", w.save, SK.Save, "Save the brief")
    w.act_save_as = _act(w, "Save &As…", w.save_as, SK.SaveAs)
    w.act_add = _act(w, "&Add sources…", w.add_files_dialog, "Ctrl+Shift+O", "Add article files")
    w.act_paste = _act(w, "&Paste source text…", lambda: w.paste_dialog(""), "Ctrl+Shift+V", "Paste an article's text")
    w.act_export = _act(w, "&Export to Word…", w.export_word, "Ctrl+E", "Export to Word")
    w.act_export_as = _act(w, "Export to Word &As…", lambda: w.export_word(ask=True), "Ctrl+Shift+E")
    w.act_export_pdf = _act(w, "Export to P&DF…", w.export_pdf, None, "Export to PDF")
    w.act_export_md = _act(w, "Export to &Markdown…", w.export_markdown, None, "Export to Markdown")
    w.act_quit = _act(w, "&Quit", w.close, SK.Quit)
    w.act_undo = _act(w, "&Undo", lambda: _on_focus("undo"), SK.Undo)
    w.act_redo = _act(w, "&Redo", lambda: _on_focus("redo"), SK.Redo)
    w.act_cut = _act(w, "Cu&t", lambda: _on_focus("cut"), SK.Cut)
    w.act_copy = _act(w, "&Copy", lambda: _on_focus("copy"), SK.Copy)
    w.act_paste_text = _act(w, "&Paste", lambda: _on_focus("paste"), SK.Paste)
    w.act_bold = _act(w, "&Bold", lambda: _bold(w), SK.Bold, "Bold")
    w.act_bullets = _act(w, "B&ullets", lambda: _bullets(w), "Ctrl+Shift+8", "Bullets on/off")
    w.act_accept = _act(w, "Accept &flagged statements in section", lambda: _accept_flagged(w), "Ctrl+Shift+A")
    w.act_settings = _act(w, "Se&ttings…", w.settings_dialog, SK.Preferences)
    if not w.act_settings.shortcut().toString():
        w.act_settings.setShortcut(QKeySequence("Ctrl+,"))
    w.act_details = _act(w, "Brief &details…", w.edit_details, "Ctrl+I",
                         "Meeting, date, author, addressee and classification")
    w.act_generate = _act(w, "&Generate brief", w.generate, "Ctrl+G", "Draft the whole brief from the sources")
    w.act_cancel = _act(w, "&Cancel", w.cancel_generation, "Esc", "Stop generating (keeps finished sections)")
    w.act_about = _act(w, "&About Briefer", lambda: show_about(w), None, "Version and licences")
    w.act_show_cited = _act(w, "Show &cited source", lambda: _show_cited(w), "Ctrl+Return",
                            "Show the source cited where the cursor is, with the cited sentence highlighted")
    w.act_focus_toolbar = _act(w, "Go to the &toolbar", lambda: _focus_toolbar(w), "Alt+T",
                               "Move the keyboard focus to the toolbar")
    for a in (w.act_undo, w.act_redo, w.act_cut, w.act_copy, w.act_paste_text):
        # Text widgets handle these keys themselves; the menu entries are for discovery.
        a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)


def build_menus(w: MainWindow) -> None:
    """File, Edit, Brief and Help menus."""
    mb = w.menuBar()
    m = mb.addMenu("&File")
    m.addActions([w.act_new, w.act_new_from, w.act_open])
    w.recent_menu = m.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(w.files.fill_recent)
    m.addSeparator()
    m.addActions([w.act_save, w.act_save_as])
    m.addSeparator()
    m.addActions([w.act_add, w.act_paste])
    m.addSeparator()
    m.addActions([w.act_export, w.act_export_as, w.act_export_pdf, w.act_export_md])
    m.addSeparator()
    m.addAction(w.act_quit)
    m = mb.addMenu("&Edit")
    m.addActions([w.act_undo, w.act_redo])
    m.addSeparator()
    m.addActions([w.act_cut, w.act_copy, w.act_paste_text])
    m.addSeparator()
    m.addActions([w.act_bold, w.act_bullets, w.act_accept])
    m.addSeparator()
    m.addAction(w.act_settings)
    m = mb.addMenu("&Brief")
    m.addActions([w.act_generate, w.act_cancel])
    m.addSeparator()
    m.addActions([w.act_show_cited, w.act_details])
    m.addSeparator()
    m.addAction(w.act_focus_toolbar)
    m = mb.addMenu("&Help")
    m.addAction(w.act_about)


def build_toolbar(w: MainWindow) -> None:
    """Generate, Cancel, progress · template picker · Save, Export (adding sources is in the sources pane)."""
    tb = QToolBar("Main")
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    tb.setIconSize(QSize(16, 16))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.generate_btn = QPushButton("Generate brief")
    w.generate_btn.setObjectName("primaryButton")
    w.generate_btn.setAccessibleName("Generate brief")
    w.generate_btn.setToolTip("Draft the whole brief from the sources (Ctrl+G)")
    w.generate_btn.clicked.connect(w.generate)
    tb.addWidget(w.generate_btn)
    w.cancel_btn = QPushButton("Cancel")
    w.cancel_btn.setAccessibleName("Cancel drafting")
    w.cancel_btn.setToolTip("Stop generating; finished sections are kept (Esc)")
    w.cancel_btn.clicked.connect(w.cancel_generation)
    w._cancel_action = tb.addWidget(w.cancel_btn)
    w.progress = QProgressBar()
    w.progress.setRange(0, 1000)
    w.progress.setFixedWidth(160)
    w.progress.setTextVisible(False)
    w.progress.setAccessibleName("Drafting progress")
    w.progress.setToolTip("How far the draft is; the line beside it says what is being done and the time left")
    w.stage_label = QLabel("")
    w.stage_label.setTextFormat(Qt.TextFormat.PlainText)
    w.stage_label.setObjectName("stageLabel")
    w.stage_label.setMinimumWidth(200)
    w.stage_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    w._progress_action = tb.addWidget(w.progress)
    w._stage_action = tb.addWidget(w.stage_label)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tb.addWidget(spacer)
    label = QLabel("Template:")
    label.setObjectName("toolbarLabel")
    tb.addWidget(label)
    w.template_box = QComboBox()
    w.template_box.setObjectName("templatePicker")
    w.template_box.setAccessibleName("Template")
    w.template_box.setToolTip("The template of this brief: its sections and their guidance")
    w.template_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    w.template_box.setMinimumContentsLength(14)
    label.setBuddy(w.template_box)
    w.template_box.activated.connect(lambda _i: w.choose_template(str(w.template_box.currentData() or "")))
    tb.addWidget(w.template_box)
    tb.addSeparator()
    tb.addAction(w.act_save)
    w.export_btn = QPushButton("Export to Word")
    w.export_btn.setAccessibleName("Export to Word")
    w.export_btn.setToolTip("Write the brief as a Word document (Ctrl+E)")
    w.export_btn.clicked.connect(lambda: w.export_word())
    tb.addWidget(w.export_btn)
    tb.setAccessibleName("Toolbar")
    tb.setToolTip("Sources, drafting, template and export (Alt+T to get here by keyboard)")
    for a in tb.actions():  # toolbar buttons take no focus by default: reachable by Tab here
        b = tb.widgetForAction(a)
        if b is not None and a.text() and not a.isSeparator():
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.setAccessibleName(a.text().replace("&", "").rstrip("…"))
    ext = tb.findChild(QToolButton, "qt_toolbar_ext_button")
    if ext is not None:  # shown when the window is too narrow for the whole toolbar
        ext.setAccessibleName("More toolbar buttons")
        ext.setToolTip("The toolbar buttons that do not fit")
    w.addToolBar(tb)
    w.toolbar = tb
    ext = w.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
    if ext is not None:
        ext.setAccessibleName("More menus")
        ext.setToolTip("The menus that do not fit")


def build_statusbar(w: MainWindow) -> None:
    """Status text (may hold Open / Show folder links) and the model state."""
    sb = w.statusBar()
    w.status_label = QLabel("")
    w.status_label.setObjectName("statusText")
    w.status_label.setAccessibleName("Status")
    w.status_label.setTextFormat(Qt.TextFormat.RichText)  # only ever escaped data (see notify)
    w.status_label.linkActivated.connect(w.exports.status_link)
    sb.addWidget(w.status_label, 1)
    w.model_label = QLabel("")
    w.model_label.setTextFormat(Qt.TextFormat.PlainText)
    w.model_label.setObjectName("modelLabel")
    w.model_label.setAccessibleName("Model state")
    sb.addPermanentWidget(w.model_label)


def toolbar_widgets(w: MainWindow) -> list[QWidget]:
    """The toolbar's focusable widgets, left to right."""
    out = []
    for a in w.toolbar.actions():
        b = w.toolbar.widgetForAction(a)
        if b is not None and b.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(b, QLabel):
            out.append(b)
    return out


def set_tab_order(w: MainWindow) -> None:
    """Tab goes toolbar → sources pane → message bar → title → each section, and Shift+Tab back."""
    s = w.sources
    chain = [*toolbar_widgets(w), s.add_btn, s.paste_btn, s.up_btn, s.down_btn, s.remove_btn, s.list,
             *s.citations.buttons.values(), s.viewer, *w.message_bar.buttons, *w.editor.focus_chain()]
    for a, b in itertools.pairwise(chain):
        QWidget.setTabOrder(a, b)


# -- edit commands -----------------------------------------------------------------------
def _show_cited(w: MainWindow) -> None:
    ed = w.editor.current_editor()
    if ed is None or not ed.open_citation_at_cursor():
        w.notify("Put the cursor in a statement with citations first.")


def _focus_toolbar(w: MainWindow) -> None:
    first = next((b for b in toolbar_widgets(w) if b.isEnabled() and b.isVisible()), None)
    if first is not None:
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)

def _on_focus(method: str) -> None:
    fw = QApplication.focusWidget()
    if isinstance(fw, (QTextEdit, QLineEdit)) and hasattr(fw, method):
        getattr(fw, method)()


def _bold(w: MainWindow) -> None:
    ed = w.editor.current_editor()
    if ed is not None and not ed.isReadOnly():
        ed.toggle_bold()


def _bullets(w: MainWindow) -> None:
    ed = w.editor.current_editor()
    if ed is not None and not ed.isReadOnly():
        ed.toggle_bullets()


def _accept_flagged(w: MainWindow) -> None:
    ed = w.editor.current_editor()
    n = ed.accept_all_flagged() if ed is not None else 0
    w.notify(f"Accepted {n} flagged statement{'s' if n != 1 else ''}." if n else "No flagged statements here.")

"""Issue 7, item 5: data is shown as text everywhere, never interpreted as rich text.

Before: an article's og:title such as ``<img src="…"><b>…`` was rendered as HTML in the
citation tooltip (the image file was opened), and classification, the meta line, section
headings, flag badges and statement notes from a `.brief` were rendered as rich text.
Here every field holds markup; each place that shows it must show it literally and load
no image.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_support import anchor_point, answers, data_dir, wait_job, window  # noqa: F401

from briefer.brief import (
    STATUS_FALLBACK,
    STATUS_FLAGGED,
    Brief,
    BriefWarning,
    EventInfo,
    Section,
    Source,
    SourceAssessment,
    Statement,
    save_brief,
)


def might_be_rich(text: str) -> bool:
    """Qt's own guess whether a label or tooltip text is HTML (what Qt does with AutoText)."""
    from PySide6 import QtGui

    return bool(QtGui.Qt.mightBeRichText(text))


IMG = '<img src="file:///tmp/briefer-should-never-load.png">'


def evil(field: str) -> str:
    return f'{IMG}<b>{field}</b>'


def hostile_brief() -> Brief:
    return Brief(
        title=evil("title"),
        classification=evil("classification"),
        author=evil("author"),
        addressee=evil("addressee"),
        generator=evil("generator"),
        date="2030-01-01",
        event=EventInfo(who=[evil("who")], where=evil("where"), occasion=evil("occasion")),
        sections=[
            Section("context", evil("heading"), [
                Statement(evil("statement"), [1], [(1, "A sentence.")], STATUS_FLAGGED, note=evil("note")),
                Statement("Quoted.", [1], [], STATUS_FALLBACK, note=evil("fallback-note"), quote=True),
            ], guidance=evil("guidance")),
        ],
        sources=[
            Source(1, evil("og:title"), "Body with " + evil("body") + ". A sentence.", path=evil("path"),
                   outlet=evil("outlet"), date="2030-01-01", date_method=evil("date-method"), words=9,
                   notes=(evil("source-note"),)),
            Source(2, evil("unreadable-title"), problem=evil("problem")),
        ],
        assessments={1: SourceAssessment([evil("flag")], [evil("assessment-note")])},
        warnings=[BriefWarning("conflict", evil("warning"), [1])],
    )


def _no_markup_in(text: str, is_rich: bool, where: str, seen: list[str]) -> None:
    """`text` as Qt shows it: plain, or rich text that holds the markup only as escaped text."""
    if "briefer-should-never-load" not in text and "&lt;img" not in text:
        return
    if not is_rich:
        shown = text
    else:
        doc = QTextDocument()
        doc.setHtml(text)
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                assert not it.fragment().charFormat().isImageFormat(), f"{where}: an image would be loaded"
                it += 1
            block = block.next()
        shown = doc.toPlainText()
    assert IMG in shown, f"{where}: markup not shown literally: {shown[:200]!r}"
    seen.append(where)


def _is_rich(text: str, fmt: Qt.TextFormat) -> bool:
    if fmt == Qt.TextFormat.PlainText:
        return False
    if fmt == Qt.TextFormat.RichText:
        return True
    return might_be_rich(text)


def test_markup_in_every_field_is_shown_literally_and_loads_no_image(window, qtbot, answers, tmp_path):
    path = tmp_path / "hostile.brief"
    save_brief(hostile_brief(), path)
    wait_job(qtbot, window.open_file(path, ask=False))
    assert not answers.warnings
    seen: list[str] = []

    # Every label and every tooltip in the window.
    for w in window.findChildren(QWidget):
        if isinstance(w, QLabel):
            _no_markup_in(w.text(), _is_rich(w.text(), w.textFormat()), f"label {w.objectName()}", seen)
        if isinstance(w, QAbstractButton):
            assert IMG not in w.text() or not might_be_rich(w.text())
        t = w.toolTip()
        _no_markup_in(t, might_be_rich(t), f"tooltip of {type(w).__name__} {w.objectName()}", seen)
    # The source list: entries (rich text) and their tooltips.
    lst = window.sources.list
    for i in range(lst.count()):
        item = lst.item(i)
        _no_markup_in(item.data(Qt.ItemDataRole.DisplayRole + 100), True, f"source entry {i}", seen)
        _no_markup_in(item.toolTip(), might_be_rich(item.toolTip()), f"source tooltip {i}", seen)
    # Citation and statement tooltips in the editor.
    ed = window.editor.section_editor("context")
    window.editor.ensure_visible("context")
    qtbot.wait(20)
    cite_tip = ed.tooltip_at(anchor_point(ed, "cite:1"))
    _no_markup_in(cite_tip, True, "citation tooltip", seen)
    for n in (0, 1):
        r = ed.cursorRect(QTextCursor(ed.document().findBlockByNumber(n)))
        note_tip = ed.tooltip_at(QPoint(r.center().x() + 40, r.center().y()))
        _no_markup_in(note_tip, True, f"statement {n} tooltip", seen)
    # The source viewer.
    window.sources.viewer.show_source(window.session.source(1))
    _no_markup_in(window.sources.viewer.toHtml(), True, "source viewer", seen)
    # The statement itself is text in the editor, not markup.
    assert ed.document().findBlockByNumber(0).text().startswith(IMG)

    expected = {
        "label classification", "label briefMeta", "label sectionHeading", "label warnings",
        "citation tooltip", "statement 0 tooltip", "statement 1 tooltip", "source viewer",
        "source entry 0", "source entry 1", "source tooltip 0", "source tooltip 1",
        "tooltip of QToolButton regenButton",
    }
    assert expected <= set(seen), expected - set(seen)
    assert window.editor.title.text() == evil("title")  # a line edit is always plain


def test_message_boxes_are_plain_text(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from briefer.ui import dialogs

    box = dialogs._box(None, QMessageBox.Icon.Question, "t", f"Restore “{evil('title')}”?")
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.deleteLater()


def test_template_picker_shows_names_literally(window, qtbot, data_dir, tmp_path):
    from briefer.ui.templates import fill_picker, template_entries

    evil_toml = tmp_path / "evil.toml"
    evil_toml.write_text(
        f"title = '{evil('template')}'\ndescription = '{evil('description')}'\n"
        "[[section]]\nkey = 'a'\nheading = 'A'\n", encoding="utf-8"
    )
    fill_picker(window.template_box, template_entries(str(evil_toml)), "leader-meeting")
    i = window.template_box.findData(str(evil_toml))
    seen: list[str] = []
    tip = window.template_box.itemData(i, Qt.ItemDataRole.ToolTipRole)
    _no_markup_in(tip, True, "template tooltip", seen)
    assert seen == ["template tooltip"]
    assert window.template_box.itemText(i) == evil("template")  # combo box items are plain text

"""The sources pane: the article list with badges, and a viewer for a source's text."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QMimeData, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefer.brief import (
    FLAG_DIFFERENT_EVENT,
    FLAG_DUPLICATE,
    FLAG_STALE,
    FLAG_UNREADABLE,
    Source,
    SourceAssessment,
    source_flags,
)
from briefer.ui.dialogs import esc, tip

ROLE_SOURCE = Qt.ItemDataRole.UserRole + 1
MAX_VIEW_CHARS = 300_000  # the viewer shows this much of a source; the rest is named, not laid out

# (label, text colour, background) per flag; muted so the list stays calm.
BADGES = {
    FLAG_STALE: ("stale", "#8a5a00", "#fdf0cf"),
    FLAG_DIFFERENT_EVENT: ("different event", "#8a5a00", "#fdf0cf"),
    FLAG_DUPLICATE: ("duplicate", "#3d4b5c", "#e6eaf0"),
    FLAG_UNREADABLE: ("unreadable", "#9b1c1c", "#fbe0e0"),
}


def source_tooltip(src: Source, assessment: SourceAssessment | None = None) -> str:
    """The list entry's tooltip: where the text came from, how it was read and dated (escaped)."""
    notes = [*src.notes, *(assessment.notes if assessment else [])]
    return tip(src.path or "pasted text", *notes, f"date: {src.date_method}", title=f"[{src.id}] {src.title}")


def source_html(src: Source, assessment: SourceAssessment | None = None) -> str:
    """Rich text for one list entry: title, outlet · date · words, then badges."""
    title = html.escape(src.title or "(untitled)")
    meta = [html.escape(x) for x in (src.outlet, src.date) if x]
    if src.words:
        meta.append(f"{src.words:,} words")
    if not src.date and not src.problem:
        meta.append("<i>no date found</i>")
    badges = []
    flags = source_flags(src, assessment)
    for f in flags:
        label, fg, bg = BADGES.get(f, (f, "#3d4b5c", "#e6eaf0"))
        badges.append(
            f"<span style='color:{fg}; background-color:{bg}; font-size:small'>&nbsp;{esc(label)}&nbsp;</span>"
        )
    # Notes explain flags; without a flag they are detail for the tooltip.
    reasons = [html.escape(n) for n in (assessment.notes if assessment else [])] if flags else []
    if src.problem:
        reasons.insert(0, html.escape(src.problem))
    out = (
        f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='26' valign='top' style='color:#6b7684'>[{src.id}]</td>"
        f"<td><b>{title}</b><br><span style='color:#5b6573'>{' · '.join(meta)}</span>"
    )
    if badges:
        out += "<br>" + " ".join(badges)
    if reasons:
        out += f"<br><span style='color:#6b7684; font-size:small'>{'<br>'.join(reasons)}</span>"
    return out + "</td></tr></table>"


class _SourceDelegate(QStyledItemDelegate):
    """Paints an item's rich text (title, meta line, badges)."""

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        doc.setHtml(index.data(Qt.ItemDataRole.DisplayRole + 100) or "")
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._doc(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        # The selection colour is light (see style.py), so the text stays dark.
        ctx = QAbstractTextDocumentLayout.PaintContext()
        painter.setClipRect(QRect(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        doc = self._doc(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SourceList(QListWidget):
    """The list itself: internal drag to reorder, external drop of files to add."""

    files_dropped = Signal(list)
    text_dropped = Signal(str)
    order_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceList")
        self.setItemDelegate(_SourceDelegate(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(1)
        self.model().rowsMoved.connect(lambda *_: self.order_changed.emit())

    def _external(self, mime: QMimeData) -> bool:
        return mime.hasUrls() or (mime.hasText() and not mime.hasFormat("application/x-qabstractitemmodeldatalist"))

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if self._external(e.mimeData()):
            e.acceptProposedAction()
        else:
            super().dragEnterEvent(e)

    def dragMoveEvent(self, e) -> None:
        if self._external(e.mimeData()):
            e.acceptProposedAction()
        else:
            super().dragMoveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        mime = e.mimeData()
        if mime.hasUrls():
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if paths:
                self.files_dropped.emit(paths)
            e.acceptProposedAction()
        elif self._external(mime):
            self.text_dropped.emit(mime.text())
            e.acceptProposedAction()
        else:
            super().dropEvent(e)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self.doItemsLayout()  # rich items re-wrap at the new width

    def paintEvent(self, e) -> None:
        super().paintEvent(e)
        if self.count() == 0:
            from PySide6.QtGui import QPainter

            p = QPainter(self.viewport())
            p.setPen(QColor("#7a8494"))
            p.drawText(
                self.viewport().rect().adjusted(16, 16, -16, -16),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                "Drop news articles here\n(txt, md, html, docx, pdf)\nor use Add… / Paste",
            )
            p.end()


class SourceViewer(QTextBrowser):
    """Shows a source's cleaned text; can highlight and scroll to a cited sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceViewer")
        self.setOpenLinks(False)
        self.source_id: int | None = None
        self.highlighted: str = ""
        self._body_start = 0
        self.show_placeholder()

    def show_placeholder(self) -> None:
        """The empty state."""
        self.source_id = None
        self.highlighted = ""
        self.setHtml(
            "<p style='color:#6b7684'>Double-click a source to read its cleaned text, "
            "or click a citation in the brief to see the sentence it rests on.</p>"
        )

    def show_source(self, src: Source, sentences: list[str] | None = None) -> bool:
        """Show `src`; highlight the first of `sentences` found. True if one was found."""
        self.source_id = src.id
        self.highlighted = ""
        head = html.escape(src.title or "(untitled)")
        meta = " · ".join(html.escape(x) for x in (src.outlet, src.date) if x)
        body = src.text if src.text.strip() else f"(no text: {src.problem or 'empty'})"
        cut = len(body) > MAX_VIEW_CHARS
        if cut:  # laying out megabytes of text would freeze the window
            body = body[:MAX_VIEW_CHARS]
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in re.split(r"\n\s*\n|\n", body) if p.strip())
        if cut:
            paras += (
                f"<p style='color:#6b7684'><i>(Showing the first {MAX_VIEW_CHARS:,} of "
                f"{len(src.text):,} characters.)</i></p>"
            )
        self.setHtml(f"<p style='font-size:large'><b>[{src.id}] {head}</b></p><p style='color:#5b6573'>{meta}</p>")
        # Search for cited sentences only in the body, not in the header above it.
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._body_start = cursor.position()
        cursor.insertHtml(f"<hr>{paras}")
        found = False
        for sentence in sentences or []:
            if self._highlight(sentence):
                self.highlighted = sentence
                found = True
                break
        if not found:
            self.moveCursor(QTextCursor.MoveOperation.Start)
        return found

    def _highlight(self, sentence: str) -> bool:
        from PySide6.QtCore import QRegularExpression

        words = sentence.split()
        if not words:
            return False
        # Whitespace and curly quotes may differ between the sentence and the text.
        pattern = r"\s+".join(re.escape(w) for w in words)
        cursor = self.document().find(QRegularExpression(pattern), self._body_start)
        if cursor.isNull() and len(words) > 8:
            # An abridged or re-punctuated sentence: match its start, then take the
            # text sentence up to its end.
            pattern = r"\s+".join(re.escape(w) for w in words[:8])
            cursor = self.document().find(QRegularExpression(pattern), self._body_start)
            if not cursor.isNull():
                block = cursor.block()
                rest = block.text()[cursor.selectionEnd() - block.position() :]
                m = re.search(r"[.!?][\"”’')]*(\s|$)", rest)
                end = cursor.selectionEnd() + (m.end() if m else len(rest))
                cursor.setPosition(cursor.selectionStart())
                cursor.setPosition(min(end, block.position() + len(block.text())), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextBrowser.ExtraSelection()
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe28a"))
        sel.format = fmt
        self.setExtraSelections([sel])
        end = QTextCursor(cursor)
        end.setPosition(cursor.selectionStart())
        self.setTextCursor(end)
        self.ensureCursorVisible()
        # Put the sentence near the top third, with its context above it.
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(end).top() - self.viewport().height() // 4)
        return True


class PasteDialog(QDialog):
    """Paste an article's text (and optionally name it)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste source text")
        self.resize(640, 480)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Name (optional):"))
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Reuters 14 Nov — the title is detected from the text")
        lay.addWidget(self.name)
        lay.addWidget(QLabel("Article text:"))
        self.text = QPlainTextEdit()
        self.text.setPlainText(text)
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class SourcesPane(QWidget):
    """List of sources with add/paste/remove/reorder, above a source viewer.

    It shows the session's sources and asks for changes through signals; the session
    decides (and renumbers), then the window shows the result.
    """

    add_requested = Signal()
    paste_requested = Signal(str)
    files_dropped = Signal(list)
    remove_requested = Signal(list)  # source ids
    move_requested = Signal(int, int)  # source id, step
    reorder_requested = Signal(list)  # source ids in the new order (after a drag)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assessments: dict[int, SourceAssessment] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 4, 8)
        lay.setSpacing(6)
        head = QHBoxLayout()
        self.heading = QLabel("Sources")
        self.heading.setObjectName("paneHeading")
        head.addWidget(self.heading)
        head.addStretch(1)

        def tool(text: str, tip_text: str, name: str) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip_text)
            b.setAccessibleName(name)
            b.setAutoRaise(True)
            head.addWidget(b)
            return b

        self.add_btn = tool("Add…", "Add article files (txt, md, html, docx, pdf) — or drop them here", "Add sources")
        self.paste_btn = tool("Paste", "Paste an article's text", "Paste source text")
        self.up_btn = tool("▲", "Move the selected source up", "Move source up")
        self.down_btn = tool("▼", "Move the selected source down", "Move source down")
        self.remove_btn = tool("Remove", "Remove the selected sources (Delete)", "Remove sources")
        lay.addLayout(head)

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.list = SourceList()
        self.list.setAccessibleName("Sources")
        self.viewer = SourceViewer()
        self.viewer.setAccessibleName("Source text")
        self.split.addWidget(self.list)
        self.split.addWidget(self.viewer)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([380, 320])
        lay.addWidget(self.split, 1)

        self.add_btn.clicked.connect(self.add_requested)
        self.paste_btn.clicked.connect(lambda: self.paste_requested.emit(""))
        self.remove_btn.clicked.connect(self.remove_selected)
        self.up_btn.clicked.connect(lambda: self.move_selected(-1))
        self.down_btn.clicked.connect(lambda: self.move_selected(1))
        self.list.files_dropped.connect(self.files_dropped)
        self.list.text_dropped.connect(self.paste_requested)
        # After a drag the model is still mid-move: ask once the move is complete.
        self.list.order_changed.connect(lambda: QTimer.singleShot(0, self._emit_order))
        self.list.itemDoubleClicked.connect(self._open_item)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- content -----------------------------------------------------------------------
    def set_sources(
        self, sources: list[Source], assessments: dict[int, SourceAssessment] | None = None, select_row: int | None = None
    ) -> None:
        """Show these sources (in this order), with the last run's flags if given."""
        self.assessments = dict(assessments or {})
        current = self.viewer.source_id
        row = self.list.currentRow() if select_row is None else select_row
        self.list.clear()
        for src in sources:
            item = QListWidgetItem()
            item.setData(ROLE_SOURCE, src)
            a = self.assessments.get(src.id)
            item.setData(Qt.ItemDataRole.DisplayRole + 100, source_html(src, a))
            item.setToolTip(source_tooltip(src, a))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"[{src.id}] {src.title}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)  # renumbering keeps the selection in place
        self.heading.setText(f"Sources ({len(sources)})" if sources else "Sources")
        if current is not None:
            same = next((s for s in sources if s.id == current), None)
            if same is None:
                self.viewer.show_placeholder()
        self._update_buttons()

    def sources(self) -> list[Source]:
        """The sources shown, in list order."""
        return [self.list.item(i).data(ROLE_SOURCE) for i in range(self.list.count())]

    def titles(self) -> list[str]:
        """Visible titles, in order (for tests and accessibility)."""
        return [s.title for s in self.sources()]

    def show_citation(self, source_id: int, sentences: list[str]) -> bool:
        """Select the source and show its text with the cited sentence highlighted."""
        for i in range(self.list.count()):
            if self.list.item(i).data(ROLE_SOURCE).id == source_id:
                self.list.setCurrentRow(i)
                return self.viewer.show_source(self.list.item(i).data(ROLE_SOURCE), sentences)
        return False

    # -- requests ---------------------------------------------------------------------------
    def remove_selected(self) -> None:
        """Ask to remove the selected sources."""
        ids = [i.data(ROLE_SOURCE).id for i in self.list.selectedItems()]
        if ids:
            self.remove_requested.emit(ids)

    def move_selected(self, step: int) -> None:
        """Ask to move the current source up (-1) or down (+1); the selection follows it."""
        row = self.list.currentRow()
        new = row + step
        if row < 0 or not 0 <= new < self.list.count():
            return
        self._select_after = new
        self.move_requested.emit(self.list.item(row).data(ROLE_SOURCE).id, step)

    def take_selection_hint(self) -> int | None:
        """The row to select after the next re-render (set by a move)."""
        row, self._select_after = getattr(self, "_select_after", None), None
        return row

    def _emit_order(self) -> None:
        self.reorder_requested.emit([s.id for s in self.sources()])

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.list.hasFocus():
            self.remove_selected()
        elif e.matches(QKeySequence.StandardKey.Paste) and self.list.hasFocus():
            mime = QApplication.clipboard().mimeData()
            if mime.hasUrls():
                self.files_dropped.emit([u.toLocalFile() for u in mime.urls() if u.isLocalFile()])
            else:
                self.paste_requested.emit(mime.text())
        else:
            super().keyPressEvent(e)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.viewer.show_source(item.data(ROLE_SOURCE))

    def _update_buttons(self) -> None:
        has = bool(self.list.selectedItems())
        self.remove_btn.setEnabled(has)
        self.up_btn.setEnabled(has)
        self.down_btn.setEnabled(has)

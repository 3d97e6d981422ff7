"""The sources pane: the article list with badges, and a viewer for a source's text."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QMimeData, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
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
from briefer.ui.style import colours, hexa

ROLE_SOURCE = Qt.ItemDataRole.UserRole + 1
MAX_VIEW_CHARS = 300_000  # the viewer shows this much of a source; the rest is named, not laid out

# (label, colour kind of `Colours.badges`) per flag; muted so the list stays calm.
BADGES = {
    FLAG_STALE: ("stale", "amber"),
    FLAG_DIFFERENT_EVENT: ("different event", "amber"),
    FLAG_DUPLICATE: ("duplicate", "neutral"),
    FLAG_UNREADABLE: ("unreadable", "danger"),
}


def source_tooltip(src: Source, assessment: SourceAssessment | None = None) -> str:
    """The list entry's tooltip: where the text came from, how it was read, and how its date was found."""
    notes = [*src.notes, *(assessment.notes if assessment else [])]
    if src.date:
        dated = f"Dated {src.date}: {src.date_method}"
    else:
        dated = f"No date found ({src.date_method})" if src.date_method != "not found" else "No date found"
    return tip(src.path or "pasted text", dated, *notes, title=f"[{src.id}] {src.title}",
               hint="Return or double-click: read its text")


def source_html(src: Source, assessment: SourceAssessment | None = None) -> str:
    """Rich text for one list entry: title, outlet · date · words, then badges."""
    c = colours()
    title = html.escape(src.title or "(untitled)")
    meta = [html.escape(x) for x in (src.outlet, src.date) if x]
    if src.words:
        meta.append(f"{src.words:,} words")
    if not src.date and not src.problem:
        meta.append("<i>no date found</i>")
    badges = []
    flags = source_flags(src, assessment)
    for f in flags:
        label, kind = BADGES.get(f, (f, "neutral"))
        fg, bg = (hexa(x) for x in c.badges[kind])
        badges.append(
            f"<span style='color:{fg}; background-color:{bg}; font-size:small'>&nbsp;{esc(label)}&nbsp;</span>"
        )
    # Notes explain flags; without a flag they are detail for the tooltip.
    reasons = [html.escape(n) for n in (assessment.notes if assessment else [])] if flags else []
    if src.problem:
        reasons.insert(0, html.escape(src.problem))
    out = (
        f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='26' valign='top' style='color:{hexa(c.muted)}'>[{src.id}]</td>"
        f"<td><b>{title}</b><br><span style='color:{hexa(c.muted)}'>{' · '.join(meta)}</span>"
    )
    if badges:
        out += "<br>" + " ".join(badges)
    if reasons:
        out += f"<br><span style='color:{hexa(c.muted)}; font-size:small'>{'<br>'.join(reasons)}</span>"
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
        # The selection colour is a tint of the base (see style.py): the palette's text stays readable.
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, colours().text)
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
    move_key = Signal(int)  # Alt+Up (-1) / Alt+Down (+1)

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

    def keyPressEvent(self, e) -> None:
        if e.modifiers() & Qt.KeyboardModifier.AltModifier and e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_key.emit(-1 if e.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(e)

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
            p.setPen(colours().muted)
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
            f"<p style='color:{hexa(colours().muted)}'>Double-click a source (or press Return on it) to read "
            "its cleaned text, or click a citation in the brief to see the sentence it rests on.</p>"
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
                f"<p style='color:{hexa(colours().muted)}'><i>(Showing the first {MAX_VIEW_CHARS:,} of "
                f"{len(src.text):,} characters.)</i></p>"
            )
        self.setHtml(f"<p style='font-size:large'><b>[{src.id}] {head}</b></p>"
                     f"<p style='color:{hexa(colours().muted)}'>{meta}</p>")
        # Search for cited sentences only in the body, not in the header above it.
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._body_start = cursor.position()
        cursor.insertHtml(f"<hr>{paras}")
        found = False
        self.setExtraSelections([])
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

        # An editor's insertion ("[Maru and Kalder] are…") stands for one word of the text
        # ("They"); a sentence the page cut off ends in "…" where the text just stops.
        words = re.sub(r"\[[^\]]*\]", "\x00", sentence).rstrip("… ").split()
        if not words:
            return False
        # Whitespace and curly quotes may differ between the sentence and the text.
        whole = r"\s+".join(_word_pattern(w) for w in words)
        cursor = self.document().find(QRegularExpression(whole), self._body_start)
        if cursor.isNull() and len(words) > 8:
            # An abridged or re-punctuated sentence: match its start, then take the
            # text sentence up to its end.
            pattern = r"\s+".join(_word_pattern(w) for w in words[:8])
            cursor = self.document().find(QRegularExpression(pattern), self._body_start)
            if not cursor.isNull():
                block = cursor.block()
                rest = block.text()[cursor.selectionEnd() - block.position() :]
                m = re.search(r"[.!?][\"”’')]*(\s|$)", rest)
                end = cursor.selectionEnd() + (m.end() if m else len(rest))
                cursor.setPosition(cursor.selectionStart())
                cursor.setPosition(min(end, block.position() + len(block.text())), QTextCursor.MoveMode.KeepAnchor)
        if cursor.isNull():
            # A statement may rest on the article's headline, which is shown above the body.
            cursor = self.document().find(QRegularExpression(whole), 0)
        if cursor.isNull() or not cursor.hasSelection():
            return False  # never claim a highlight that is not there
        sel = QTextBrowser.ExtraSelection()
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(colours().found)
        fmt.setForeground(colours().text)
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


class CitationBar(QFrame):
    """Above the source text when a statement cites several sources: one button per source.

    The user steps through the cited sources (click, or Tab and Space), each shown with the
    sentence it supports highlighted.
    """

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citationBar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.label = QLabel("This statement cites:")
        lay.addWidget(self.label)
        self._row = lay
        self.buttons: dict[int, QToolButton] = {}
        lay.addStretch(1)
        self.hide()

    def set_citations(self, ids: list[int], current: int) -> None:
        """One button per cited source; `current` checked. Hidden for a single source."""
        for b in self.buttons.values():
            b.setParent(None)
            b.deleteLater()
        self.buttons = {}
        for i, sid in enumerate(ids):
            b = QToolButton()
            b.setText(f"[{sid}]")
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            b.setAccessibleName(f"Show cited source {sid}")
            b.setToolTip(f"Source [{sid}] — {i + 1} of {len(ids)} sources this statement cites")
            b.clicked.connect(lambda _c=False, sid=sid: self.chosen.emit(sid))
            self._row.insertWidget(1 + i, b)
            self.buttons[sid] = b
        self.check(current)
        self.setVisible(len(ids) > 1)

    def check(self, sid: int) -> None:
        """Mark `sid` as the source shown."""
        for k, b in self.buttons.items():
            b.setChecked(k == sid)


class PasteDialog(QDialog):
    """Paste an article's text (and optionally name it)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste source text")
        self.resize(640, 480)
        lay = QVBoxLayout(self)
        name_label = QLabel("&Name (optional):")
        lay.addWidget(name_label)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Reuters 14 Nov — the title is detected from the text")
        self.name.setAccessibleName("Source name")
        self.name.setToolTip("A name for the list; leave empty to use the title found in the text")
        name_label.setBuddy(self.name)
        lay.addWidget(self.name)
        text_label = QLabel("Article &text:")
        lay.addWidget(text_label)
        self.text = QPlainTextEdit()
        self.text.setPlainText(text)
        self.text.setAccessibleName("Article text")
        self.text.setToolTip("The article's text, as copied from a web page or document")
        self.text.setTabChangesFocus(True)
        text_label.setBuddy(self.text)
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons, ok=("Add source", "Add this text as a source"), cancel=("Cancel", "Close without adding"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


def name_buttons(box: QDialogButtonBox, ok: tuple[str, str], cancel: tuple[str, str] = ("Cancel", "Close without changes")) -> None:
    """Accessible names and tooltips for a dialog's OK and Cancel buttons."""
    for which, (name, tooltip) in ((QDialogButtonBox.StandardButton.Ok, ok), (QDialogButtonBox.StandardButton.Cancel, cancel)):
        b = box.button(which)
        if b is not None:
            b.setAccessibleName(name)
            b.setToolTip(tooltip)


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
    cited_shown = Signal(int, bool, bool)  # source id, sentence highlighted, a sentence was recorded

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
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            head.addWidget(b)
            return b

        self.add_btn = tool("Add…", "Add article files (txt, md, html, docx, pdf) — or drop them here", "Add sources")
        self.paste_btn = tool("Paste", "Paste an article's text", "Paste source text")
        self.up_btn = tool("▲", "Move the selected source up (Alt+Up)", "Move source up")
        self.down_btn = tool("▼", "Move the selected source down (Alt+Down)", "Move source down")
        self.remove_btn = tool("Remove", "Remove the selected sources (Delete)", "Remove sources")
        lay.addLayout(head)

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.list = SourceList()
        self.list.setAccessibleName("Sources")
        self.list.setToolTip(tip("The articles the brief is drafted from, numbered as cited",
                                 hint="Return: read · Delete: remove · Alt+Up/Down: move · Ctrl+V: paste"))
        self.viewer = SourceViewer()
        self.viewer.setAccessibleName("Source text")
        self.viewer.setToolTip("The source's cleaned text; a cited sentence is highlighted")
        self.citations = CitationBar()
        self.citations.chosen.connect(self.show_cited)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        lower_lay.setSpacing(4)
        lower_lay.addWidget(self.citations)
        lower_lay.addWidget(self.viewer, 1)
        self.split.addWidget(self.list)
        self.split.addWidget(lower)
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
        self.list.itemActivated.connect(self._open_item)
        self.list.move_key.connect(self.move_selected)  # Return on an item, as well as a double-click
        self._cited: list[tuple[int, list[str]]] = []
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

    def show_citation(self, source_id: int, cited: list[tuple[int, list[str]]]) -> bool:
        """Show source `source_id` with its cited sentence highlighted; the bar offers the statement's others.

        `cited` holds every source the statement cites with its cited sentences. True if a
        sentence was found and highlighted.
        """
        self._cited = [(sid, list(sents)) for sid, sents in cited] or [(source_id, [])]
        self.citations.set_citations([sid for sid, _ in self._cited], source_id)
        return self.show_cited(source_id)

    def show_cited(self, source_id: int) -> bool:
        """Show one of the cited sources (from the bar); True if its sentence was highlighted."""
        sentences = next((s for sid, s in self._cited if sid == source_id), [])
        self.citations.check(source_id)
        for i in range(self.list.count()):
            if self.list.item(i).data(ROLE_SOURCE).id == source_id:
                self.list.setCurrentRow(i)
                found = self.viewer.show_source(self.list.item(i).data(ROLE_SOURCE), sentences)
                self.cited_shown.emit(source_id, found, bool(sentences))
                return found
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
        self.citations.hide()
        self.viewer.show_source(item.data(ROLE_SOURCE))

    def _update_buttons(self) -> None:
        has = bool(self.list.selectedItems())
        self.remove_btn.setEnabled(has)
        self.up_btn.setEnabled(has)
        self.down_btn.setEnabled(has)


def _word_pattern(word: str) -> str:
    """The pattern of one word of a cited sentence; an editor's insertion matches any word."""
    return re.escape(word).replace("\x00", r"\S+")

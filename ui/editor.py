"""The brief editor: one rich-text editor per template section.

Mapping between the document and the data model: each block (bullet or paragraph) is one
`Statement`; its citations are the ``[n]`` markers in the block text (rendered as small
superscript links); bold text is kept as ``**bold**`` in `Statement.text`. Each rendered
block carries the index of the statement it came from, so an untouched block maps back
to the original statement (status, evidence, note) and a changed one becomes status
"user" (keeping the evidence of the sources it still cites).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from briefer.brief import (
    STATUS_FALLBACK,
    STATUS_FLAGGED,
    STATUS_USER,
    Brief,
    Section,
    Source,
    Statement,
    split_citations,
)
from briefer.ui.dialogs import esc, tip
from briefer.ui.spelling import Speller, words_in
from briefer.ui.style import colours

PROP_STATEMENT = QTextFormat.UserProperty + 1  # block property: index into the originals
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_CITE_START_RE = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")

GUTTER = 18  # px left of the bullets where status marks are drawn


def _plain_char_format() -> QTextCharFormat:
    f = QTextCharFormat()
    f.setFontWeight(QFont.Weight.Normal)
    f.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
    f.setAnchor(False)
    f.setAnchorHref("")
    return f


def _spell_underline(fmt: QTextCharFormat) -> QTextCharFormat:
    f = QTextCharFormat(fmt)
    f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    f.setUnderlineColor(colours().danger)
    return f


class _Highlighter(QSyntaxHighlighter):
    """Marks misspelled words, flagged statements (amber), and the sources' own words (italic, as
    the exports quote them; muted when the model's text was replaced) until edited.

    A highlighter keeps these marks out of the document itself: they never reach the
    undo stack or the saved text, and vanish as soon as the block no longer matches. Qt
    calls it only for the paragraphs that changed, so spell checking follows the typing.
    """

    def __init__(self, editor: QTextEdit, statements: bool = True) -> None:
        super().__init__(editor.document())
        self._editor = editor
        self._statements = statements
        self.speller: Speller | None = None

    def highlightBlock(self, text: str) -> None:
        m = _CITE_START_RE.search(text)
        end = m.start() if m else len(text)
        if self._statements:
            self._status(end)
        if self.speller is not None and not self._editor.isReadOnly():
            for start, stop in self.speller.misspelled(text):  # (citations hold no words)
                self.setFormat(start, stop - start, _spell_underline(self.format(start)))

    def _status(self, end: int) -> None:
        st = self._editor.unchanged_statement(self.currentBlock())
        if st is None:
            return
        c = colours()
        fmt = QTextCharFormat()
        if st.status == STATUS_FLAGGED:
            fmt.setBackground(c.amber_bg)
            fmt.setForeground(c.text)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(c.amber)
        elif st.status == STATUS_FALLBACK:
            fmt.setForeground(c.muted)
        elif not st.quote:
            return
        # The source's own words read as a quotation here as in the DOCX and PDF.
        fmt.setFontItalic(st.quote or st.status == STATUS_FALLBACK)
        self.setFormat(0, end, fmt)


def _word_at(cursor: QTextCursor) -> tuple[int, int, str] | None:
    """The word under `cursor` as (start, end, word) in document positions."""
    block = cursor.block()
    at = cursor.positionInBlock()
    for s, e, w in words_in(block.text()):
        if s <= at <= e:
            return block.position() + s, block.position() + e, w
    return None


def spelling_actions(editor: QTextEdit, speller: Speller | None, menu: QMenu, pos: QPoint) -> None:
    """Suggestions and "Add to dictionary" for a misspelled word at `pos`, at the top of `menu`."""
    if speller is None or editor.isReadOnly():
        return
    found = _word_at(editor.cursorForPosition(pos))
    if found is None or speller.is_known(found[2]):
        return
    start, end, word = found
    first = menu.actions()[0] if menu.actions() else None
    suggestions = speller.suggestions(word)
    for s in suggestions:
        act = QAction(s, menu)
        f = act.font()
        f.setBold(True)
        act.setFont(f)
        act.triggered.connect(lambda _c=False, s=s: _replace(editor, start, end, s))
        menu.insertAction(first, act)
    if not suggestions:
        none = QAction("No spelling suggestions", menu)
        none.setEnabled(False)
        menu.insertAction(first, none)
    add = QAction(f"Add “{word}” to dictionary", menu)
    add.triggered.connect(lambda: speller.add(word))
    menu.insertAction(first, add)
    menu.insertSeparator(first)


def _replace(editor: QTextEdit, start: int, end: int, text: str) -> None:
    c = QTextCursor(editor.document())
    c.setPosition(start)
    c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    c.insertText(text)


class SectionEditor(QTextEdit):
    """Rich-text editor for one section; grows with its content (the page scrolls)."""

    edited = Signal()
    # source id clicked, and every citation of the statement: [(source id, [cited sentences])]
    citation_clicked = Signal(int, list)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionEditor")
        self.key = key
        self._originals: list[Statement] = []
        self._programmatic = False
        self._streaming = False
        self._stream_started = False
        self._saved: list[Statement] | None = None
        self.source_lookup: Callable[[int], Source | None] = lambda _id: None
        self.setAcceptRichText(False)  # pasted text arrives plain: no foreign styles
        self.setTabChangesFocus(True)  # Tab moves on; Ctrl+Tab types a tab (keyPressEvent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setMouseTracking(True)
        self.document().setDocumentMargin(6)
        self.document().setIndentWidth(26)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.document().contentsChanged.connect(self._on_changed)
        self.cursorPositionChanged.connect(self._leave_citation_format)
        self._highlighter = _Highlighter(self)
        self._fit_height()

    # -- rendering ---------------------------------------------------------------
    def set_statements(self, statements: list[Statement]) -> None:
        """Replace the content with these statements (one bullet each); not undoable."""
        self._originals = [copy.deepcopy(s) for s in statements]
        doc = self.document()
        self._programmatic = True
        doc.setUndoRedoEnabled(False)
        try:
            doc.clear()
            cursor = QTextCursor(doc)
            text_list = None
            list_fmt = QTextListFormat()
            list_fmt.setStyle(QTextListFormat.Style.ListDisc)
            list_fmt.setIndent(1)
            for i, st in enumerate(self._originals):
                bf = QTextBlockFormat()
                bf.setProperty(PROP_STATEMENT, i)
                bf.setBottomMargin(4)
                if i == 0:
                    cursor.setBlockFormat(bf)
                else:
                    cursor.insertBlock(bf, _plain_char_format())
                self._insert_statement(cursor, st)
                if text_list is None:
                    text_list = cursor.createList(list_fmt)
                else:
                    text_list.add(cursor.block())
        finally:
            doc.setUndoRedoEnabled(True)
            self._programmatic = False
        self._highlighter.rehighlight()
        self.viewport().update()

    def _insert_statement(self, cursor: QTextCursor, st: Statement) -> None:
        text = " ".join(st.text.split())
        pos = 0
        plain = _plain_char_format()
        bold = _plain_char_format()
        bold.setFontWeight(QFont.Weight.Bold)
        for m in _BOLD_RE.finditer(text):
            cursor.insertText(text[pos : m.start()], plain)
            cursor.insertText(m.group(1), bold)
            pos = m.end()
        cursor.insertText(text[pos:], plain)
        if st.citations:
            cursor.insertText(" ", plain)
            small = _plain_char_format()
            small.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            small.setForeground(colours().muted)
            cursor.insertText("[", small)
            for j, c in enumerate(st.citations):
                if j:
                    cursor.insertText(", ", small)
                link = QTextCharFormat(small)
                link.setAnchor(True)
                link.setAnchorHref(f"cite:{c}")
                link.setForeground(colours().link)
                cursor.insertText(str(c), link)
            cursor.insertText("]", small)

    # -- reading back ----------------------------------------------------------------
    def _block_content(self, block: QTextBlock) -> tuple[str, list[int]]:
        """The block's text (bold as **…**) and its citation ids."""
        parts: list[str] = []
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid():
                t = frag.text()
                fmt = frag.charFormat()
                if fmt.fontWeight() >= QFont.Weight.Bold and t.strip() and not fmt.isAnchor():
                    lead = t[: len(t) - len(t.lstrip())]
                    trail = t[len(t.rstrip()) :]
                    t = f"{lead}**{t.strip()}**{trail}"
                parts.append(t)
            it += 1
        text, cites = split_citations("".join(parts).replace("\u2028", " "))
        return " ".join(text.split()), cites

    def _original(self, block: QTextBlock) -> Statement | None:
        fmt = block.blockFormat()
        if not fmt.hasProperty(PROP_STATEMENT):  # (reading a missing property returns None)
            return None
        idx = int(fmt.property(PROP_STATEMENT))
        return self._originals[idx] if 0 <= idx < len(self._originals) else None

    def unchanged_statement(self, block: QTextBlock) -> Statement | None:
        """The generated statement this block still shows verbatim, else None."""
        st = self._original(block)
        if st is None:
            return None
        text, cites = self._block_content(block)
        if text == " ".join(st.text.split()) and cites == st.citations:
            return st
        return None

    def statements(self) -> list[Statement]:
        """The section's statements as the user now sees them."""
        if self._streaming and self._saved is not None:
            return [copy.deepcopy(s) for s in self._saved]
        out: list[Statement] = []
        used: set[int] = set()
        block = self.document().begin()
        while block.isValid():
            text, cites = self._block_content(block)
            if text or cites:
                orig = self._original(block)
                same = self.unchanged_statement(block)
                if same is not None and id(same) not in used:
                    used.add(id(same))
                    out.append(copy.deepcopy(same))
                else:
                    evidence = [e for e in orig.evidence if e[0] in cites] if orig else []
                    out.append(Statement(text, cites, evidence, STATUS_USER, "written or edited by the user"))
            block = block.next()
        return out

    def has_user_text(self) -> bool:
        """True if any statement was written or changed by the user."""
        return any(s.status == STATUS_USER for s in self.statements())

    def statement_at(self, pos: QPoint) -> Statement | None:
        """The (original) statement under a viewport position."""
        return self._original(self.cursorForPosition(pos).block())

    def accept_at(self, pos: QPoint) -> bool:
        """Accept the flagged statement under `pos` (it becomes the user's)."""
        return self.accept_block(self.cursorForPosition(pos).block())

    def accept_block(self, block: QTextBlock) -> bool:
        """Accept the flagged statement shown in `block`."""
        st = self.unchanged_statement(block)
        if st is None or st.status != STATUS_FLAGGED:
            return False
        st.status = STATUS_USER
        st.note = "accepted by the user"
        self._highlighter.rehighlight()
        self.viewport().update()
        self.edited.emit()
        return True

    def accept_all_flagged(self) -> int:
        """Accept every unchanged flagged statement; returns how many."""
        n = 0
        for st in self._originals:
            if st.status == STATUS_FLAGGED:
                st.status = STATUS_USER
                st.note = "accepted by the user"
                n += 1
        if n:
            self._highlighter.rehighlight()
            self.viewport().update()
            self.edited.emit()
        return n

    # -- streaming ---------------------------------------------------------------------
    def begin_stream(self) -> None:
        """Show generated text live; the current statements are kept to restore on failure."""
        self._saved = self.statements()
        self._streaming = True
        self._stream_started = False
        self.setReadOnly(True)
        self._programmatic = True
        self.document().setUndoRedoEnabled(False)
        self.document().clear()
        fmt = _plain_char_format()
        fmt.setForeground(colours().muted)
        fmt.setFontItalic(True)
        QTextCursor(self.document()).insertText("Waiting for the model…", fmt)
        self._programmatic = False

    def append_stream(self, delta: str) -> None:
        """Append streamed text (shown grey until the section is verified)."""
        if not self._streaming:
            return
        self._programmatic = True
        if not self._stream_started:
            self._stream_started = True
            self.document().clear()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        fmt = _plain_char_format()
        fmt.setForeground(colours().muted)
        # Each statement is a separate model output streamed back to back; a new one
        # starts without a leading space right after a full stop: give it its own line.
        prev = cursor.block().text().rstrip()
        if prev and prev[-1] in ".!?\"”" and delta[:1].isupper():
            delta = "\n" + delta
        cursor.insertText(delta, fmt)
        self._programmatic = False

    def mark_checking(self) -> None:
        """The streamed draft is being checked: shown in italics until the checked text replaces it."""
        if not self._streaming or not self._stream_started:
            return
        self._programmatic = True
        c = QTextCursor(self.document())
        c.select(QTextCursor.SelectionType.Document)
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        c.mergeCharFormat(fmt)
        self._programmatic = False

    def set_stream_status(self, text: str) -> None:
        """Replace the placeholder line while waiting (e.g. "Selecting evidence…")."""
        if self._streaming and not self._stream_started:
            self._programmatic = True
            self.document().clear()
            fmt = _plain_char_format()
            fmt.setForeground(colours().muted)
            fmt.setFontItalic(True)
            QTextCursor(self.document()).insertText(text, fmt)
            self._programmatic = False

    def end_stream(self, statements: list[Statement] | None) -> None:
        """Finish streaming: show these statements, or restore the previous ones."""
        if not self._streaming:
            if statements is not None:
                self.set_statements(statements)
            return
        self._streaming = False
        self.setReadOnly(False)
        saved, self._saved = self._saved, None
        self.document().setUndoRedoEnabled(True)
        self.set_statements(statements if statements is not None else (saved or []))

    @property
    def streaming(self) -> bool:
        """True while generated text is streaming in."""
        return self._streaming

    # -- formatting ------------------------------------------------------------------
    def toggle_bold(self) -> None:
        """Bold on/off for the selection (or the word being typed)."""
        fmt = QTextCharFormat()
        bold = self.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(fmt)

    def toggle_bullets(self) -> None:
        """Turn the current paragraph(s) into bullets, or back into plain paragraphs."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None:
            block = cursor.block()
            current.remove(block)
            bf = cursor.blockFormat()
            bf.setIndent(0)
            cursor.setBlockFormat(bf)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDisc)
            fmt.setIndent(1)
            cursor.createList(fmt)
        cursor.endEditBlock()

    # -- events ------------------------------------------------------------------------
    def _on_changed(self) -> None:
        if not self._programmatic and not self._streaming:
            self.viewport().update()
            self.edited.emit()

    def _leave_citation_format(self) -> None:
        # Typing right after a citation must not continue the superscript link.
        if self.textCursor().hasSelection():
            return
        fmt = self.currentCharFormat()
        if fmt.isAnchor() or fmt.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript:
            self.setCurrentCharFormat(_plain_char_format())

    def _fit_height(self) -> None:
        h = int(self.document().size().height()) + 2 * self.frameWidth() + 4
        self.setFixedHeight(max(h, 44))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        href = self.anchorAt(event.position().toPoint())
        shape = Qt.CursorShape.PointingHandCursor if href.startswith("cite:") else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = event.position().toPoint()
        href = self.anchorAt(pos)
        if href.startswith("cite:"):
            self.click_citation(pos, int(href[5:]))

    def click_citation(self, pos: QPoint, source_id: int) -> None:
        """Show source `source_id` for the statement at `pos`, with all the statement's citations."""
        self._emit_citation(self.cursorForPosition(pos).block(), source_id)

    def _emit_citation(self, block: QTextBlock, source_id: int | None) -> bool:
        _text, cites = self._block_content(block)
        if not cites:
            return False
        st = self._original(block)
        evidence = st.evidence if st else []
        cited = [(sid, [t for e_sid, t in evidence if e_sid == sid]) for sid in cites]
        self.citation_clicked.emit(source_id if source_id in cites else cites[0], cited)
        return True

    def open_citation_at_cursor(self) -> bool:
        """Keyboard: show the source cited where the text cursor is (else the statement's first)."""
        c = self.textCursor()
        href = ""
        for pos in (c.position(), c.position() + 1):
            probe = QTextCursor(self.document())
            probe.setPosition(min(pos, self.document().characterCount() - 1))
            href = probe.charFormat().anchorHref()
            if href.startswith("cite:"):
                break
        sid = int(href[5:]) if href.startswith("cite:") else None
        return self._emit_citation(c.block(), sid)

    def citation_links(self) -> list[tuple[int, int]]:
        """(document position, source id) of every citation number, in order (keyboard stepping)."""
        out = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                href = frag.charFormat().anchorHref() if frag.isValid() else ""
                if href.startswith("cite:"):
                    out.append((frag.position(), int(href[5:])))
                it += 1
            block = block.next()
        return out

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Tab and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if not self.isReadOnly():
                self.insertPlainText("\t")  # Ctrl+Tab types a tab; Tab moves focus
            return
        super().keyPressEvent(e)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            pos = self.viewport().mapFromGlobal(e.globalPos())
            text = self.tooltip_at(pos) or (self.toolTip() if self.document().isEmpty() else "")
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip for a viewport position: a citation's source, or a statement's status.

        Titles and notes are data (an article's og:title may hold markup): escaped.
        """
        href = self.anchorAt(pos)
        if href.startswith("cite:"):
            sid = int(href[5:])
            src = self.source_lookup(sid)
            if src is None:
                return tip(f"[{sid}] — no such source")
            meta = " · ".join(x for x in (src.outlet, src.date) if x)
            return tip(meta, title=f"[{sid}] {src.title}", hint="Click (or Ctrl+Return) to see the cited sentence")
        block = self.cursorForPosition(pos).block()
        st = self.unchanged_statement(block)
        if st is not None and st.status == STATUS_FLAGGED:
            return tip(
                st.note or "The verifier could not confirm it.",
                title="Check this statement", hint="Edit it, or right-click → Accept",
            )
        if st is not None and (st.status == STATUS_FALLBACK or st.quote):
            return tip(st.note or "The generated text was not supported.", title="Quoted from the source")
        return ""

    def context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu at `pos`: spelling, the statement's sources, Accept, then editing."""
        menu: QMenu = self.createStandardContextMenu(pos)
        block = self.cursorForPosition(pos).block()
        first = menu.actions()[0] if menu.actions() else None
        _text, cites = self._block_content(block)
        for sid in cites:
            act = QAction(f"Show source [{sid}]", menu)
            act.triggered.connect(lambda _c=False, sid=sid: self._emit_citation(block, sid))
            menu.insertAction(first, act)
        st = self.unchanged_statement(block)
        if st is not None and st.status == STATUS_FLAGGED:
            act = QAction("Accept this statement", menu)
            act.triggered.connect(lambda: self.accept_block(block))
            menu.insertAction(first, act)
        if first is not None and menu.actions()[0] is not first:
            menu.insertSeparator(first)
        spelling_actions(self, self._highlighter.speller, menu, pos)
        return menu

    def contextMenuEvent(self, event) -> None:
        self.context_menu(event.pos()).exec(event.globalPos())

    def set_speller(self, speller: Speller | None) -> None:
        """Check spelling with `speller` (None: off)."""
        self._highlighter.speller = speller
        self._highlighter.rehighlight()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        # Status marks in the left margin: amber bar = flagged, quote = the source's own words,
        # blue bar = your text. Subtle, and outside the text itself.
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = self.document().documentLayout()
        offset = self.verticalScrollBar().value()
        block = self.document().begin()
        while block.isValid():
            if block.text().strip():
                rect = layout.blockBoundingRect(block).translated(0, -offset)
                self._paint_mark(painter, block, QRect(0, int(rect.top()) + 3, GUTTER, int(rect.height()) - 6))
            block = block.next()
        painter.end()

    def _paint_mark(self, painter: QPainter, block: QTextBlock, r: QRect) -> None:
        if self._streaming:
            return
        st = self.unchanged_statement(block)
        x = 2  # the list indent leaves room left of the bullets
        c = colours()
        if st is None or st.status == STATUS_USER:
            painter.fillRect(QRect(x, r.top(), 3, max(r.height(), 8)), c.user)
        elif st.status == STATUS_FLAGGED:
            painter.fillRect(QRect(x, r.top(), 3, max(r.height(), 8)), c.amber)
        elif st.status == STATUS_FALLBACK or st.quote:
            painter.setPen(c.muted)
            f = self.font()  # (the painter's font would grow with each mark drawn)
            f.setPointSizeF(f.pointSizeF() * 1.2)
            painter.setFont(f)
            painter.drawText(QRect(0, r.top() - 2, GUTTER, 20), Qt.AlignmentFlag.AlignHCenter, "\u201c")


class _SectionBox(QWidget):
    """Heading row (title, guidance, regenerate) above a section's editor."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = section.key
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 14, 0, 2)
        lay.setSpacing(2)
        row = QHBoxLayout()
        self.heading = _plain_label(section.heading, "sectionHeading")
        row.addWidget(self.heading)
        row.addStretch(1)
        self.state = _plain_label("", "sectionState")
        row.addWidget(self.state)
        self.regen = QToolButton()
        self.regen.setText("↻ Regenerate section")
        self.regen.setObjectName("regenButton")
        self.regen.setToolTip(tip(f"Draft “{section.heading}” again from the sources"))
        self.regen.setAccessibleName(f"Regenerate “{section.heading}”")
        self.regen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.regen.setAutoRaise(True)
        row.addWidget(self.regen)
        lay.addLayout(row)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("sectionRule")
        lay.addWidget(line)
        self.editor = SectionEditor(section.key)
        self.editor.setPlaceholderText(
            (section.guidance or "Nothing here yet.") + "  — Generate (Ctrl+G) drafts it, or type here."
        )
        self.editor.setToolTip(tip(
            section.guidance or "Write this section's statements, one bullet each.",
            title=section.heading,
            hint="Tab: next field · Ctrl+Tab: a tab · Ctrl+Return: show the cited source",
        ))
        self.editor.setAccessibleName(f"Section “{section.heading}”")
        lay.addWidget(self.editor)
        self.guidance = section.guidance


class BriefEditor(QScrollArea):
    """The whole brief as a scrolling page: classification, title, header, warnings, sections.

    It renders a brief and reports edits as they happen (`section_edited`,
    `title_edited`); the session, not this widget, holds the brief.
    """

    section_edited = Signal(str)  # section key
    title_edited = Signal(str)
    citation_clicked = Signal(int, list)  # source id, [(source id, sentences)] of the statement
    regenerate_requested = Signal(str)  # section key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefPage")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the title and sections, not the page
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._boxes: list[_SectionBox] = []
        self._last_editor: SectionEditor | None = None
        self._loading = False
        page = QWidget()
        page.setObjectName("briefPaper")
        self._layout = QVBoxLayout(page)
        self._layout.setContentsMargins(40, 24, 40, 40)
        self._layout.setSpacing(0)
        self.classification = _plain_label("", "classification")
        self._layout.addWidget(self.classification)
        self.title = TitleEdit()
        self.title.textEdited.connect(self._on_title)
        self._layout.addWidget(self.title)
        self.meta = _plain_label("", "briefMeta")
        self.meta.setWordWrap(True)
        self._layout.addWidget(self.meta)
        self.warnings = QLabel("")
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)  # built from escaped data only
        self.warnings.hide()
        self._layout.addWidget(self.warnings)
        self._sections_at = self._layout.count()
        self._layout.addStretch(1)
        self.setWidget(page)
        self.source_lookup: Callable[[int], Source | None] = lambda _id: None
        self._speller: Speller | None = None

    # -- content -----------------------------------------------------------------------
    def set_brief(self, brief: Brief, header: list[str] | None = None) -> None:
        """Show a brief (replacing everything; undo history starts afresh)."""
        self._loading = True
        for box in self._boxes:
            box.setParent(None)
            box.deleteLater()
        self._boxes = []
        self._last_editor = None
        for i, sec in enumerate(brief.sections):
            box = _SectionBox(sec)
            box.editor.set_statements(sec.statements)
            box.editor.source_lookup = lambda sid: self.source_lookup(sid)
            box.editor.edited.connect(lambda k=sec.key: self._emit_edited(k))
            box.editor.citation_clicked.connect(self.citation_clicked)
            box.editor.installEventFilter(self)
            box.editor.set_speller(self._speller)
            box.regen.clicked.connect(lambda _c=False, k=sec.key: self.regenerate_requested.emit(k))
            self._layout.insertWidget(self._sections_at + i, box)
            self._boxes.append(box)
        self.set_title(brief.title)
        self.set_header(brief, header or [])
        self._loading = False

    def set_title(self, title: str) -> None:
        """Show the title (left alone if it already reads so: the cursor stays put)."""
        if self.title.text().strip() != title.strip():
            self.title.setText(title)

    def set_section(self, section: Section) -> None:
        """Show one section's statements (a finished draft of it)."""
        box = self._box(section.key, missing_ok=True)
        if box is not None:
            box.editor.end_stream(section.statements)

    def set_header(self, brief: Brief, header: list[str], hidden: frozenset[str] = frozenset()) -> None:
        """Classification, the header line (template variables filled) and the warnings.

        Warnings of the `hidden` kinds are left out (the window shows them elsewhere).
        """
        self.classification.setText(brief.classification)
        bits = list(header)
        if brief.event.describe():
            bits.append(brief.event.describe())
        usable = [s for s in brief.sources if s.usable]
        if brief.sources:
            bits.append(f"Prepared from {len(usable)} source{'s' if len(usable) != 1 else ''}")
        if brief.generator:
            bits.append(f"Drafted by {brief.generator}")
        self.meta.setText("  ·  ".join(bits))
        shown = [w for w in brief.warnings if w.kind not in hidden]
        if shown:
            items = "".join(f"<li>{esc(w.message)}</li>" for w in shown)
            self.warnings.setText(f"<b>Check before use</b><ul style='margin:0'>{items}</ul>")
            self.warnings.show()
        else:
            self.warnings.setText("")
            self.warnings.hide()

    def section_editor(self, key: str) -> SectionEditor:
        """The editor of section `key`."""
        return self._box(key).editor

    def section_box(self, key: str) -> _SectionBox:
        """The widget of section `key` (heading row + editor)."""
        return self._box(key)

    def editors(self) -> list[SectionEditor]:
        """All section editors, in order."""
        return [b.editor for b in self._boxes]

    def current_editor(self) -> SectionEditor | None:
        """The section editor that last had focus."""
        return self._last_editor

    def set_generating(self, keys: list[str] | None) -> None:
        """Disable regenerate buttons while any generation runs (None = idle); a new draft clears the states."""
        for box in self._boxes:
            box.regen.setEnabled(keys is None)
            if keys is not None:
                box.state.setText("")
                box.state.setToolTip("")

    def set_section_state(self, key: str, text: str, tooltip: str = "") -> None:
        """A small state label next to a section heading ("Writing…", "Checked: …")."""
        box = self._box(key, missing_ok=True)
        if box is not None:
            box.state.setText(text)
            box.state.setToolTip(tip(tooltip) if tooltip else "")

    def set_speller(self, speller: Speller | None) -> None:
        """Check spelling in the title and every section with `speller` (again whenever its words change)."""
        if self._speller is not None:
            self._speller.changed.disconnect(self._respell)
        self._speller = speller
        if speller is not None:
            speller.changed.connect(self._respell)
        self._respell()

    def _respell(self) -> None:
        self.title.set_speller(self._speller)
        for ed in self.editors():
            ed.set_speller(self._speller)

    @property
    def speller(self) -> Speller | None:
        """The spell checker in use (None: off)."""
        return self._speller

    def focus_chain(self) -> list[QWidget]:
        """The page's widgets in Tab order: title, then each section's regenerate button and editor."""
        out: list[QWidget] = [self.title]
        for b in self._boxes:
            out += [b.regen, b.editor]
        return out

    def ensure_visible(self, key: str) -> None:
        """Scroll so the section `key` is in view."""
        box = self._box(key, missing_ok=True)
        if box is not None:
            self.ensureWidgetVisible(box, 0, 40)

    # -- internals ----------------------------------------------------------------------
    def _box(self, key: str, missing_ok: bool = False) -> _SectionBox | None:
        for b in self._boxes:
            if b.key == key:
                return b
        if missing_ok:
            return None
        raise KeyError(key)

    def _emit_edited(self, key: str) -> None:
        if not self._loading:
            self.section_edited.emit(key)

    def _on_title(self, text: str) -> None:
        if not self._loading:
            self.title_edited.emit(text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        side = 40 if self.viewport().width() >= 760 else 16  # a narrow window keeps its width for text
        if self._layout.contentsMargins().left() != side:
            self._layout.setContentsMargins(side, 24, side, 40)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(obj, SectionEditor):
            self._last_editor = obj
        return super().eventFilter(obj, event)


class TitleEdit(QTextEdit):
    """The brief's title: one paragraph that wraps instead of being clipped, spell-checked.

    Return moves on to the first section (a title has no line breaks; pasted ones become
    spaces); Tab and Shift+Tab move focus.
    """

    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefTitle")
        self.setAccessibleName("Brief title")
        self.setToolTip(tip("The meeting or subject of the brief", title="Title",
                            hint="Return or Tab: to the first section"))
        self.setPlaceholderText("Brief title")
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(2)
        self._programmatic = False
        self._highlighter = _Highlighter(self, statements=False)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.document().contentsChanged.connect(self._changed)
        self._fit_height()

    def text(self) -> str:
        """The title as typed."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Show `text` (not an edit); the cursor goes to its end, as in a line edit."""
        self._programmatic = True
        try:
            self.setPlainText(" ".join(text.split()))
        finally:
            self._programmatic = False
        self.moveCursor(QTextCursor.MoveOperation.End)

    def set_speller(self, speller: Speller | None) -> None:
        """Check spelling with `speller` (None: off)."""
        self._highlighter.speller = speller
        self._highlighter.rehighlight()

    def _changed(self) -> None:
        if not self._programmatic:
            self.textEdited.emit(self.text())

    def _fit_height(self) -> None:
        h = int(self.document().size().height()) + 2 * self.frameWidth() + 6
        self.setFixedHeight(max(h, self.fontMetrics().height() + 10))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(e)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(" ".join(source.text().split()))

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        spelling_actions(self, self._highlighter.speller, menu, event.pos())
        menu.exec(event.globalPos())


def _plain_label(text: str, name: str) -> QLabel:
    """A label that shows its text literally (data is never read as HTML)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName(name)
    label.setText(text)
    return label

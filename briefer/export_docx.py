"""Word export: the brief as a memo a desk officer can hand to a principal.

Layout (US Letter, because the default template briefs US officials and Letter is what
their offices print on; 2.5 cm margins; Calibri 11 pt body):

* header on every page: the classification line, centred, bold small caps; footer: the
  classification again (banner markings go top and bottom) and "Page X of Y" built from
  real PAGE / NUMPAGES fields;
* "Title", then a meta line (date · "Prepared from N sources") and the event line;
* a warnings box (one-cell table, amber shading and border) listing `brief.warnings`, plus
  one derived line if any statement is flagged — so the box also appears when only
  flagged statements need attention;
* one "Heading 1" per section, statements as "List Bullet" paragraphs;
* citations as real Word footnotes: one footnote per cited statement, listing each cited
  source as ``[n] Outlet, “Title”, date.`` (n = the source number in the Sources list),
  so the reader sees the sources at the bottom of the page. A source's first note has
  the full title; later ones a short title (first words + "…"), Chicago style, so the
  notes don't crowd out the text. With ``footnotes=False`` the
  statement ends in a bracketed ``[1, 3]`` instead and no footnotes part is written;
* a numbered "Sources" section whose numbers are the citation numbers (written as text,
  not Word auto-numbering, so they can never drift from the ids), with flags such as
  ``[STALE: reason]``, then a short provenance note.

Statement status: "flagged" statements start with a bold amber "⚑ Check:" and end with
the reason in amber italics — the editor must see them in the draft. "fallback"
statements are a source sentence quoted verbatim, so they are set in quotation marks
(inner quotes become single quotes) and otherwise look normal. "verified" and "user"
statements are plain text.
"""

from __future__ import annotations

import datetime as _dt
import re
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefer.brief import STATUS_FLAGGED, Brief, Statement
from briefer.docx_footnotes import Footnotes
from briefer.export_md import (
    FLAG_MARK,
    citation_note,
    display_text,
    flagged_summary,
    meta_line,
    source_flags,
    source_line,
    warning_label,
)
from briefer.fsutil import atomic_write_bytes

BODY_FONT = "Calibri"
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
AMBER_TEXT = RGBColor(0xB4, 0x5F, 0x06)  # dark enough to read on white and on the box
AMBER_FILL = "FFF4D6"
AMBER_BORDER = "D9A21B"
SOURCE_STYLE = "Source Entry"
NOTE_STYLE = "Draft Note"
WARNING_STYLE = "Warning Text"


def export_docx(brief: Brief, path: str | Path, *, footnotes: bool = True) -> Path:
    """Write `brief` as a .docx memo, atomically; BrieferError if `path` is unwritable.

    The previous file at `path`, if any, is left intact when writing fails.
    """
    p = Path(path)
    atomic_write_bytes(p, build_docx(brief, footnotes=footnotes))
    return p


def build_docx(brief: Brief, *, footnotes: bool = True) -> bytes:
    """The .docx file as bytes (see the module docstring for the layout)."""
    doc = docx.Document()
    _setup_page(doc)
    _setup_styles(doc)
    _set_properties(doc, brief)
    _header_footer(doc, brief.classification)
    notes = Footnotes(doc) if footnotes else None

    # The default template starts with one empty paragraph; reuse it for the title.
    title = doc.paragraphs[0] if doc.paragraphs and not doc.paragraphs[0].text else doc.add_paragraph()
    title.style = doc.styles["Title"]
    title.add_run(brief.title or "Untitled brief")
    meta = doc.add_paragraph(meta_line(brief), style="Subtitle")
    event = brief.event.describe()
    if event:
        meta.paragraph_format.space_after = Pt(0)
        ev = doc.add_paragraph(style="Subtitle")
        ev.add_run("Event: ").bold = True
        ev.add_run(event)

    _warnings_box(doc, brief)

    cited: set[int] = set()  # sources already cited in full in a footnote
    for sec in brief.sections:
        doc.add_paragraph(sec.heading, style="Heading 1")
        if not sec.statements:
            p = doc.add_paragraph(style="Normal")
            p.add_run("No statement could be drawn from the sources.").italic = True
        for st in sec.statements:
            _statement(doc, brief, st, notes, cited)

    _sources(doc, brief, footnotes=notes is not None)

    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


# -- page, styles, properties ------------------------------------------------------------
def _setup_page(doc: DocxDocument) -> None:
    for s in doc.sections:
        s.orientation = WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Cm(21.59), Cm(27.94)  # US Letter
        s.left_margin = s.right_margin = s.top_margin = s.bottom_margin = Cm(2.5)
        s.header_distance = s.footer_distance = Cm(1.2)


# Word rejects files whose property elements are out of schema order, so hand-made
# elements go before the first sibling that must follow them.
_PBDR_SUCCESSORS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TBLBORDERS_SUCCESSORS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_TCPR_SEQ = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip


def _insert_ordered(parent, child, successors: tuple[str, ...]) -> None:
    """Insert `child` into `parent` before the first existing element in `successors`."""
    for tag in successors:
        anchor = parent.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(child)
            return
    parent.append(child)


def _set_font(style_or_run, name: str) -> None:
    """Set a font everywhere Word looks, dropping theme fonts that would override it."""
    style_or_run.font.name = name
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:cs"), name)


def _para_style(doc: DocxDocument, name: str, *, size: float, color: RGBColor | None = None):
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    style.font.size = Pt(size)
    if color is not None:
        style.font.color.rgb = color
    return style


def _setup_styles(doc: DocxDocument) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _set_font(normal, BODY_FONT)
    normal.font.size = Pt(11)
    normal.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    _set_font(title, BODY_FONT)
    title.font.size = Pt(22)
    title.font.bold = True
    title.font.color.rgb = NAVY
    title.paragraph_format.space_after = Pt(4)
    # The template's Title has a heavy blue rule and wide letter spacing; a memo wants neither.
    t_ppr = title.element.get_or_add_pPr()
    for el in t_ppr.findall(qn("w:pBdr")):
        t_ppr.remove(el)
    for el in title.element.get_or_add_rPr().findall(qn("w:spacing")):
        el.getparent().remove(el)

    subtitle = styles["Subtitle"]
    _set_font(subtitle, BODY_FONT)
    subtitle.font.size = Pt(10.5)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    for el in subtitle.element.get_or_add_rPr().findall(qn("w:spacing")):
        el.getparent().remove(el)
    subtitle.paragraph_format.space_after = Pt(10)

    h1 = styles["Heading 1"]
    _set_font(h1, BODY_FONT)
    h1.font.size = Pt(13)
    h1.font.bold = True
    h1.font.color.rgb = NAVY
    h1.paragraph_format.space_before = Pt(16)
    h1.paragraph_format.space_after = Pt(4)
    h1.paragraph_format.keep_with_next = True
    # A thin rule under section headings, as in most government memos.
    _insert_ordered(
        h1.element.get_or_add_pPr(),
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="A6B4CC"/></w:pBdr>'),
        _PBDR_SUCCESSORS,
    )

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(4)

    for name in ("Header", "Footer"):
        _set_font(styles[name], BODY_FONT)
        styles[name].font.size = Pt(8.5)

    src = _para_style(doc, SOURCE_STYLE, size=9.5)
    src.paragraph_format.left_indent = Cm(0.75)
    src.paragraph_format.first_line_indent = Cm(-0.75)
    src.paragraph_format.space_after = Pt(3)
    src.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))

    note = _para_style(doc, NOTE_STYLE, size=8.5, color=GREY)
    note.paragraph_format.space_before = Pt(12)

    warn = _para_style(doc, WARNING_STYLE, size=9.5)
    warn.paragraph_format.space_after = Pt(2)
    warn.paragraph_format.line_spacing = 1.0


def _set_properties(doc: DocxDocument, brief: Brief) -> None:
    cp = doc.core_properties
    cp.title = brief.title
    cp.subject = brief.event.describe() or brief.template
    cp.author = "Briefer"
    cp.last_modified_by = "Briefer"
    cp.category = brief.classification
    cp.comments = brief.prepared_from()
    cp.revision = 1
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
    created = None
    if brief.created:
        try:
            created = _dt.datetime.fromisoformat(brief.created).replace(tzinfo=None)
        except ValueError:
            created = None
    cp.created = created or now
    cp.modified = now


# -- header / footer -----------------------------------------------------------------------
def _field(paragraph: Paragraph, instr: str, placeholder: str) -> None:
    """Append a complex field (begin / instrText / separate / cached result / end).

    Word recomputes PAGE / NUMPAGES at layout time; the placeholder is only the cached
    result shown by readers that don't.
    """

    def run_with(child: OxmlElement) -> None:
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr_el = OxmlElement("w:instrText")
    instr_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr_el.text = f" {instr} "
    run_with(instr_el)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _classification_run(paragraph: Paragraph, text: str) -> Run:
    run = paragraph.add_run(text)
    run.bold = True
    run.font.small_caps = True
    run.font.size = Pt(9)
    return run


def _header_footer(doc: DocxDocument, classification: str) -> None:
    section = doc.sections[0]
    hp = section.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if classification:
        _classification_run(hp, classification)

    footer = section.footer
    fp = footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("Page ")
    _field(fp, "PAGE", "1")
    fp.add_run(" of ")
    _field(fp, "NUMPAGES", "1")
    if classification:
        cp = footer.add_paragraph(style="Footer")
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _classification_run(cp, classification)


# -- body ----------------------------------------------------------------------------------
def _shade_and_border(cell, table) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{AMBER_FILL}"/>')
    _insert_ordered(tc_pr, shd, _TCPR_SEQ[_TCPR_SEQ.index("w:shd") + 1 :])
    _insert_ordered(
        tc_pr,
        parse_xml(
            f'<w:tcMar {nsdecls("w")}><w:top w:w="100" w:type="dxa"/><w:left w:w="160" w:type="dxa"/>'
            f'<w:bottom w:w="100" w:type="dxa"/><w:right w:w="160" w:type="dxa"/></w:tcMar>'
        ),
        _TCPR_SEQ[_TCPR_SEQ.index("w:tcMar") + 1 :],
    )
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="8" w:space="0" w:color="{AMBER_BORDER}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    tbl_pr = table._tbl.tblPr
    _insert_ordered(tbl_pr, parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'), _TBLBORDERS_SUCCESSORS)


def _warnings_box(doc: DocxDocument, brief: Brief) -> None:
    lines = [(warning_label(w.kind), w.message) for w in brief.warnings]
    summary = flagged_summary(brief)
    if summary:
        lines.append(("Check", summary))
    if not lines:
        return
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cell = table.cell(0, 0)
    section = doc.sections[0]
    cell.width = section.page_width - section.left_margin - section.right_margin
    _shade_and_border(cell, table)

    head = cell.paragraphs[0]
    head.style = doc.styles[WARNING_STYLE]
    head.paragraph_format.space_after = Pt(4)
    r = head.add_run("⚠ Warnings")
    r.bold = True
    r.font.color.rgb = AMBER_TEXT
    for label, message in lines:
        p = cell.add_paragraph(style=WARNING_STYLE)
        p.add_run(f"{label}: ").bold = True
        p.add_run(message)
    # A little air between the box and the first heading (a table can't carry space_after).
    spacer = doc.add_paragraph(style="Normal").paragraph_format
    spacer.space_after = Pt(0)
    spacer.line_spacing = Pt(4)  # the heading's own space-before does the rest


def _statement(
    doc: DocxDocument, brief: Brief, st: Statement, notes: Footnotes | None, cited: set[int]
) -> None:
    p = doc.add_paragraph(style="List Bullet")
    flagged = st.status == STATUS_FLAGGED
    if flagged:
        mark = p.add_run(FLAG_MARK + " ")
        mark.bold = True
        mark.font.color.rgb = AMBER_TEXT
    # The editor stores bold as **…**; print it as bold, not as asterisks.
    for part in re.split(r"(\*\*[^*]+\*\*)", display_text(st)):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            p.add_run(part[2:-2]).bold = True
        elif part:
            p.add_run(part)
    if st.citations:
        if notes is not None:
            # Full note the first time a source is cited, a short title after that: the
            # Sources list carries the full details, and repeated long titles would
            # otherwise fill half of every page.
            entries = [citation_note(brief, c, short=c in cited) for c in st.citations]
            cited.update(st.citations)
            stale = tuple(s for s in (" Stale source.", " About a different event.") if any(s in e for e in entries))
            notes.add(p, " ".join(entries), italic_spans=stale)
        else:
            p.add_run(f" [{', '.join(str(c) for c in st.citations)}]")
    if flagged and st.note.strip():
        reason = p.add_run(f" (Reason: {st.note.strip().rstrip('.')}.)")
        reason.italic = True
        reason.font.color.rgb = AMBER_TEXT


def _sources(doc: DocxDocument, brief: Brief, *, footnotes: bool) -> None:
    if not brief.sources:
        return
    doc.add_paragraph("Sources", style="Heading 1")
    for src in sorted(brief.sources, key=lambda s: s.id):
        p = doc.add_paragraph(style=SOURCE_STYLE)
        p.add_run(f"{src.id}.\t")
        p.add_run(source_line(src))
        flags = source_flags(brief, src)
        if flags:
            r = p.add_run(f" [{flags}]")
            r.bold = True
            r.font.color.rgb = AMBER_TEXT

    how = "Footnotes" if footnotes else "Bracketed numbers"
    note_bits = [f"{how} refer to the numbered sources above."]
    note_bits.append(
        f"Statements marked “{FLAG_MARK[:-1]}” need checking; the others were checked against the source sentences they cite, or are those sentences (attributions and asides cut)."
    )
    made = "Draft prepared by Briefer"
    if brief.generator:
        made += f" with {brief.generator}"
    if brief.created:
        made += f" on {brief.created[:10]}"
    note_bits.append(made + "; verify before use.")
    doc.add_paragraph(" ".join(note_bits), style=NOTE_STYLE)

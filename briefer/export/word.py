"""Word export: the block model drawn as a memo a desk officer can hand to a principal.

Layout (US Letter, because the default template briefs US officials and Letter is what
their offices print on; 2.5 cm margins; Calibri 11 pt body):

* header on every page: the classification, centred, bold small caps; footer: the
  classification again (banner markings go top and bottom) and "Page X of Y" built from
  real PAGE / NUMPAGES fields;
* the title, then the memo fields that are set (To, From, Date, Meeting) as label/tab/value
  lines, and a grey "Prepared from N sources" line;
* a warnings box (one-cell table, amber shading and border);
* one "Heading 1" per section; statements as "List Bullet" paragraphs (a BLUF section as
  plain "Bottom Line" paragraphs with a navy rule on the left);
* citations as grey bracketed numbers tied to the numbered "Sources" list (numbers
  written as text, not Word auto-numbering, so they can never drift from the ids);
* quoted source wording in italics between “ ”; flagged statements start with a bold
  amber "⚑ Check:" and end with the reason in amber italics.
"""

from __future__ import annotations

import datetime as _dt
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

from briefer.brief import Brief
from briefer.export import ExportFormat
from briefer.export.blocks import (
    CITE,
    EMPTY_SECTION,
    FLAG,
    FLAG_ICON,
    MARKER,
    NOTE,
    REASON,
    Document,
    Inline,
    Properties,
    build_document,
    xml_safe,
)
from briefer.fsutil import atomic_write_bytes

BODY_FONT = "Calibri"
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
AMBER_TEXT = RGBColor(0xB4, 0x5F, 0x06)  # dark enough to read on white and on the box
AMBER_FILL = "FFF4D6"
AMBER_BORDER = "D9A21B"
LEAD_FILL = "EDF1F7"
SOURCE_STYLE = "Source Entry"
NOTE_STYLE = "Draft Note"
WARNING_STYLE = "Warning Text"
FIELD_STYLE = "Memo Field"
LEAD_STYLE = "Bottom Line"

_ROLE_COLOURS = {CITE: GREY, NOTE: GREY, FLAG: AMBER_TEXT, FLAG_ICON: AMBER_TEXT, REASON: AMBER_TEXT, MARKER: AMBER_TEXT}


def write_docx(brief: Brief, path: str | Path) -> None:
    """Write `brief` as a .docx memo, atomically; BrieferError if `path` is unwritable.

    The previous file at `path`, if any, is left intact when writing fails.
    """
    atomic_write_bytes(Path(path), build_docx(brief))


def build_docx(brief: Brief) -> bytes:
    """The .docx file as bytes (see the module docstring for the layout)."""
    return render_docx(build_document(brief))


def render_docx(d: Document) -> bytes:
    """Draw a block-model document as .docx bytes."""
    doc = docx.Document()
    _setup_page(doc)
    _setup_styles(doc)
    _set_properties(doc, d.properties)
    _header_footer(doc, d.classification)

    # The default template starts with one empty paragraph; reuse it for the title.
    title = doc.paragraphs[0] if doc.paragraphs and not doc.paragraphs[0].text else doc.add_paragraph()
    title.style = doc.styles["Title"]
    _run(title, d.title)
    for f in d.fields:
        p = doc.add_paragraph(style=FIELD_STYLE)
        _run(p, f"{f.label}:").bold = True
        _run(p, f"\t{f.value}")
    doc.add_paragraph(d.summary, style="Subtitle")

    _warnings_box(doc, d)

    for sec in d.sections:
        doc.add_paragraph(sec.heading, style="Heading 1")
        if not sec.items:
            p = doc.add_paragraph(style="Normal")
            _run(p, EMPTY_SECTION).italic = True
        for item in sec.items:
            _spans(doc.add_paragraph(style=LEAD_STYLE if sec.lead else "List Bullet"), item.spans)

    if d.sources:
        doc.add_paragraph("Sources", style="Heading 1")
        for entry in d.sources:
            p = doc.add_paragraph(style=SOURCE_STYLE)
            _run(p, f"{entry.number}.\t")
            _spans(p, entry.spans)
        # The closing note never stands alone on a last page: the last source goes with it.
        p.paragraph_format.keep_with_next = True
    doc.add_paragraph(d.closing, style=NOTE_STYLE)

    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


FORMAT = ExportFormat("docx", ".docx", "Word document", write_docx)


# -- runs ----------------------------------------------------------------------------------
def _run(paragraph: Paragraph, text: str) -> Run:
    """Add a run; text is sanitised again here, the last stop before XML."""
    return paragraph.add_run(xml_safe(text))


def _spans(paragraph: Paragraph, spans: Inline) -> None:
    for span in spans:
        # Citations never break across lines ("[1, 2," / "4]"), nor leave their sentence.
        run = _run(paragraph, span.text.replace(" ", "\u00a0") if span.role == CITE else span.text)
        if span.bold:
            run.bold = True
        if span.emphasised:
            run.italic = True
        colour = _ROLE_COLOURS.get(span.role)
        if colour is not None:
            run.font.color.rgb = colour


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
    title.paragraph_format.space_after = Pt(6)
    # The template's Title has a heavy blue rule and wide letter spacing; a memo wants neither.
    t_ppr = title.element.get_or_add_pPr()
    for el in t_ppr.findall(qn("w:pBdr")):
        t_ppr.remove(el)
    for el in title.element.get_or_add_rPr().findall(qn("w:spacing")):
        el.getparent().remove(el)

    subtitle = styles["Subtitle"]
    _set_font(subtitle, BODY_FONT)
    subtitle.font.size = Pt(9.5)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    for el in subtitle.element.get_or_add_rPr().findall(qn("w:spacing")):
        el.getparent().remove(el)
    subtitle.paragraph_format.space_before = Pt(2)
    subtitle.paragraph_format.space_after = Pt(10)

    field = _para_style(doc, FIELD_STYLE, size=10.5)
    field.paragraph_format.space_after = Pt(1)
    field.paragraph_format.left_indent = Cm(2.2)
    field.paragraph_format.first_line_indent = Cm(-2.2)
    field.paragraph_format.tab_stops.add_tab_stop(Cm(2.2))

    h1 = styles["Heading 1"]
    _set_font(h1, BODY_FONT)
    h1.font.size = Pt(13)
    h1.font.bold = True
    h1.font.color.rgb = NAVY
    h1.paragraph_format.space_before = Pt(14)
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

    lead = _para_style(doc, LEAD_STYLE, size=11.5)
    lead.paragraph_format.left_indent = Cm(0.35)
    lead.paragraph_format.space_after = Pt(4)
    _insert_ordered(
        lead.element.get_or_add_pPr(),
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="8" w:color="1F3864"/></w:pBdr>'),
        _PBDR_SUCCESSORS,
    )
    _insert_ordered(
        lead.element.get_or_add_pPr(),
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{LEAD_FILL}"/>'),
        _PBDR_SUCCESSORS[_PBDR_SUCCESSORS.index("w:shd") + 1 :],
    )

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


# A fixed stamp when the brief has none, so the same brief always gives the same file.
_EPOCH = _dt.datetime(2000, 1, 1)


def _set_properties(doc: DocxDocument, props: Properties) -> None:
    cp = doc.core_properties
    cp.title = props.title
    cp.subject = props.subject
    cp.author = props.author
    cp.last_modified_by = "Briefer"
    cp.category = props.category
    cp.comments = props.comments
    cp.keywords = ""
    cp.revision = 1
    cp.created = cp.modified = props.created or _EPOCH


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
    run = _run(paragraph, text)
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


# -- warnings box --------------------------------------------------------------------------
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


def _warnings_box(doc: DocxDocument, d: Document) -> None:
    if not d.warnings:
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
    for notice in d.warnings:
        p = cell.add_paragraph(style=WARNING_STYLE)
        _run(p, f"{notice.label}: ").bold = True
        _run(p, notice.text)
    # A little air between the box and the first heading (a table can't carry space_after).
    spacer = doc.add_paragraph(style="Normal").paragraph_format
    spacer.space_after = Pt(0)
    spacer.line_spacing = Pt(4)  # the heading's own space-before does the rest

"""PDF export with ReportLab: the same memo as the DOCX, with embedded Unicode fonts.

Layout mirrors `briefer.export.word`: US Letter, 2.5 cm margins; the classification
centred at the top and bottom of every page with "Page X of Y"; title, memo fields,
warnings box, a heading per section (BLUF as ruled paragraphs), bulleted statements with
grey bracketed citations, the numbered Sources list and the closing note.

Fonts: Noto Sans (SIL Open Font License 1.1) from the ``fontpkg-noto-sans`` PyPI package,
so a fresh offline install has it: Latin with diacritics, Greek, Cyrillic and Vietnamese.
The package ships variable fonts, which ReportLab cannot use directly; each export
subsets them to the characters of the document and pins the weight (400 regular, 700
bold) with fontTools, which takes well under a second and is cached per character set.
Chinese, Japanese and Korean, which Noto Sans lacks, fall back to the standard Adobe CJK
fonts that PDF readers supply (not embedded, so they cost nothing to ship).

Output is deterministic: ReportLab's invariant mode, with the brief's own creation time.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from briefer.brief import Brief
from briefer.export import ExportFormat
from briefer.export.blocks import (
    CITE,
    EMPTY_SECTION,
    FLAG,
    FLAG_ICON,
    FLAG_SYMBOL,
    MARKER,
    NOTE,
    REASON,
    Document,
    Inline,
    build_document,
    xml_safe,
)
from briefer.fsutil import atomic_write_bytes

FONT_PACKAGE = "fontpkg_noto_sans"  # PyPI: fontpkg-noto-sans (OFL-1.1)
NAVY = "#1F3864"
GREY = "#595959"
TEXT = "#1A1A1A"
AMBER_TEXT = "#B45F06"
AMBER_FILL = "#FFF4D6"
AMBER_BORDER = "#D9A21B"
RULE = "#A6B4CC"
LEAD_FILL = "#EDF1F7"
_ROLE_COLOURS = {CITE: GREY, NOTE: GREY, FLAG: AMBER_TEXT, FLAG_ICON: AMBER_TEXT, REASON: AMBER_TEXT, MARKER: AMBER_TEXT}

# Adobe's standard CJK fonts, known to every PDF reader (ReportLab names).
_CJK_FONTS = {"ja": "HeiseiKakuGo-W5", "ko": "HYGothic-Medium", "zh": "STSong-Light"}
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_ALWAYS = "•0123456789 Page of –—“”‘’…·.,:;()[]"  # drawn by the writer itself


def write_pdf(brief: Brief, path: str | Path) -> None:
    """Write `brief` as a PDF memo, atomically; BrieferError if `path` is unwritable."""
    atomic_write_bytes(Path(path), build_pdf(brief))


def build_pdf(brief: Brief) -> bytes:
    """The PDF file as bytes."""
    return render_pdf(build_document(brief))


FORMAT = ExportFormat("pdf", ".pdf", "PDF document", write_pdf)


# -- fonts ---------------------------------------------------------------------------------
def font_files() -> tuple[Path, Path]:
    """The upright and italic Noto Sans files shipped by the font package."""
    import importlib

    try:
        package = importlib.import_module(FONT_PACKAGE)
    except ImportError:
        from briefer.errors import BrieferError

        raise BrieferError("PDF export needs the font package: pip install fontpkg-noto-sans") from None
    files = sorted((Path(package.ROOT) / "files").glob("NotoSans*.ttf"))
    upright = [f for f in files if "Italic" not in f.name]
    italic = [f for f in files if "Italic" in f.name]
    return upright[0], italic[0]


@functools.lru_cache(maxsize=2)
def _coverage(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


@functools.lru_cache(maxsize=32)
def _static_instance(path: str, weight: int, chars: str, name: str) -> bytes:
    """A static TrueType font: `path` subset to `chars`, its weight axis pinned.

    It is renamed to `name`: ReportLab names embedded fonts after the PostScript name,
    and the instances of one variable font all share it.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(path, lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    if "fvar" in font:
        axes = {a.axisTag: a for a in font["fvar"].axes}
        pins = {"wght": float(weight)}
        if "wdth" in axes:
            pins["wdth"] = 100.0
        font = instancer.instantiateVariableFont(font, pins)
    for record in font["name"].names:
        if record.nameID in (4, 6):  # full name, PostScript name
            record.string = name
    buf = BytesIO()
    font.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=32)
def _register_family(chars: str) -> str:
    """Register the four styles for this character set; returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    upright, italic = font_files()
    family = "BrieferSans-" + hashlib.sha1(chars.encode("utf-8")).hexdigest()[:10]
    for suffix, path, weight, bold, ital in (
        ("", upright, 400, 0, 0),
        ("-Bold", upright, 700, 1, 0),
        ("-Italic", italic, 400, 0, 1),
        ("-BoldItalic", italic, 700, 1, 1),
    ):
        data = _static_instance(str(path), weight, chars, family + suffix)
        pdfmetrics.registerFont(TTFont(family + suffix, BytesIO(data)))
        addMapping(family, bold, ital, family + suffix)
    return family


def _cjk_font(document_text: str, ch: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _HANGUL.match(ch):
        name = _CJK_FONTS["ko"]
    elif _KANA.search(document_text):
        name = _CJK_FONTS["ja"]
    else:
        name = _CJK_FONTS["zh"]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and ord(ch) >= 0x2E80


class _Markup:
    """Spans → ReportLab paragraph markup, with CJK runs switched to a CJK font."""

    def __init__(self, document_text: str, covered: frozenset[int]) -> None:
        self.document_text = document_text
        self.covered = covered

    def text(self, text: str) -> str:
        if ord(FLAG_SYMBOL) not in self.covered:
            text = text.replace(f"{FLAG_SYMBOL} ", "").replace(FLAG_SYMBOL, "")
        out: list[str] = []
        run: list[str] = []
        font = ""

        def flush() -> None:
            if run:
                chunk = _xml_escape("".join(run))
                out.append(f'<font name="{font}">{chunk}</font>' if font else chunk)
                run.clear()

        for ch in xml_safe(text):
            want = _cjk_font(self.document_text, ch) if ord(ch) not in self.covered and _is_cjk(ch) else ""
            if want != font:
                flush()
                font = want
            run.append(ch)
        flush()
        return "".join(out)

    def spans(self, spans: Inline) -> str:
        out = []
        for span in spans:
            if span.role == FLAG_ICON and not all(ord(c) in self.covered for c in span.text):
                continue  # the font has no flag glyph; the amber bold "Check:" carries it
            # Citations never break across lines ("[1, 2," / "4]"), nor leave their sentence.
            piece = self.text(span.text.replace(" ", "\u00a0") if span.role == CITE else span.text)
            if span.bold:
                piece = f"<b>{piece}</b>"
            if span.emphasised:
                piece = f"<i>{piece}</i>"
            colour = _ROLE_COLOURS.get(span.role)
            if colour:
                piece = f'<font color="{colour}">{piece}</font>'
            out.append(piece)
        return "".join(out)


# -- layout --------------------------------------------------------------------------------
def _styles(family: str) -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm

    base = ParagraphStyle(
        "body", fontName=family, bulletFontName=family, fontSize=10, leading=13.5, textColor=HexColor(TEXT), spaceAfter=4
    )
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=family + "-Bold", fontSize=20, leading=24, textColor=HexColor(NAVY),
            spaceAfter=8,
        ),
        "field": ParagraphStyle("field", parent=base, fontSize=9.5, leading=12.5, spaceAfter=0),
        "summary": ParagraphStyle("summary", parent=base, fontSize=8.5, leading=11, textColor=HexColor(GREY),
                                  spaceBefore=4, spaceAfter=10),
        "warning": ParagraphStyle("warning", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=family + "-Bold", fontSize=12.5, leading=15.5, textColor=HexColor(NAVY),
            spaceBefore=12, spaceAfter=1, keepWithNext=1,
        ),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=0.55 * cm, bulletIndent=0.12 * cm,
                                 bulletFontName=family),
        "lead": ParagraphStyle("lead", parent=base, fontSize=10.5, leading=14, spaceBefore=3, spaceAfter=7,
                               backColor=HexColor(LEAD_FILL), borderPadding=(3, 6, 4, 6), leftIndent=6, rightIndent=6),
        "source": ParagraphStyle("source", parent=base, fontSize=9, leading=11.5, leftIndent=0.75 * cm,
                                 bulletIndent=0, bulletFontName=family, spaceAfter=2.5),
        "closing": ParagraphStyle("closing", parent=base, fontSize=8, leading=10.5, textColor=HexColor(GREY),
                                  spaceBefore=10),
    }  # fmt: skip


def _stamp(canvas: Any, created: Any) -> None:
    """Use the brief's creation time as the PDF's date (invariant mode fixes it to 2000)."""
    doc = getattr(canvas, "_doc", None)
    stamp = getattr(doc, "_timeStamp", None)
    if created is None or stamp is None:
        return
    try:
        stamp.t = created.timestamp()
        stamp.lt = created.timetuple()
        stamp.YMDhms = tuple(created.timetuple())[:6]
    except (AttributeError, OverflowError, OSError, ValueError):
        pass


def _canvas_class(classification: str, family: str, created: Any) -> type:
    """A canvas that holds pages back until the end, so each can say "Page X of Y"."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            _stamp(self, created)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._banners(total)
                super().showPage()
            super().save()

        def _banners(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(HexColor(TEXT))
            if classification:
                self.setFont(family + "-Bold", 8.5)
                self.drawCentredString(width / 2, height - 1.35 * 28.3465, classification.upper())
                self.drawCentredString(width / 2, 1.0 * 28.3465, classification.upper())
            self.setFont(family, 8.5)
            self.drawCentredString(width / 2, 1.45 * 28.3465, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def render_pdf(d: Document) -> bytes:
    """Draw a block-model document as PDF bytes."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        HRFlowable,
        KeepTogether,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    text = d.all_text()
    upright, _italic = font_files()
    covered = _coverage(str(upright))
    chars = "".join(sorted({c for c in text + d.classification.upper() + _ALWAYS if ord(c) in covered}))
    family = _register_family(chars)
    st = _styles(family)
    mk = _Markup(text, covered)

    buf = BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=LETTER,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
        title=d.properties.title,
        author=d.properties.author,
        subject=d.properties.subject,
        keywords=d.properties.category,
        creator="Briefer",
        producer="Briefer (ReportLab)",
        invariant=1,
        initialFontName=family,  # else every page also references an unembedded Helvetica
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="memo", frames=[frame])])

    story: list[Any] = [Paragraph(mk.text(d.title), st["title"])]
    if d.fields:
        rows = [[Paragraph(f"<b>{mk.text(f.label)}:</b>", st["field"]), Paragraph(mk.text(f.value), st["field"])]
                for f in d.fields]  # fmt: skip
        fields = Table(rows, colWidths=[2.2 * cm, doc.width - 2.2 * cm], hAlign="LEFT")
        fields.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), family), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))  # fmt: skip
        story.append(fields)
    story.append(Paragraph(mk.text(d.summary), st["summary"]))

    if d.warnings:
        rows = [[Paragraph(f'<b><font color="{AMBER_TEXT}">Warnings</font></b>', st["warning"])]]
        rows += [[Paragraph(f"<b>{mk.text(n.label)}:</b> {mk.text(n.text)}", st["warning"])] for n in d.warnings]
        box = Table(rows, colWidths=[doc.width])
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), family),
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(AMBER_FILL)),
            ("BOX", (0, 0), (-1, -1), 0.8, HexColor(AMBER_BORDER)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]))  # fmt: skip
        story += [box, Spacer(1, 4)]

    for sec in d.sections:
        rule = HRFlowable(width="100%", thickness=0.6, color=HexColor(RULE), spaceBefore=0, spaceAfter=5)
        head: list[Any] = [Paragraph(mk.text(sec.heading), st["heading"]), rule]
        if not sec.items:
            story.append(KeepTogether([*head, Paragraph(f"<i>{mk.text(EMPTY_SECTION)}</i>", st["body"])]))
            continue
        if sec.lead:
            # Shaded paragraphs, not a table: a paragraph can break across pages, a table cell cannot.
            lead = [Paragraph(mk.spans(item.spans), st["lead"]) for item in sec.items]
            story.append(KeepTogether([*head, lead[0]]))
            story += lead[1:]
            continue
        bullets = [Paragraph(mk.spans(item.spans), st["bullet"], bulletText="•") for item in sec.items]
        story.append(KeepTogether([*head, bullets[0]]))  # never a heading alone at a page foot
        story += bullets[1:]

    if d.sources:
        rule = HRFlowable(width="100%", thickness=0.6, color=HexColor(RULE), spaceBefore=0, spaceAfter=5)
        entries = [Paragraph(mk.spans(e.spans), st["source"], bulletText=f"{e.number}.") for e in d.sources]
        closing = Paragraph(mk.text(d.closing), st["closing"])
        if len(entries) == 1:
            story.append(KeepTogether([Paragraph("Sources", st["heading"]), rule, entries[0], closing]))
        else:
            story.append(KeepTogether([Paragraph("Sources", st["heading"]), rule, entries[0]]))
            story += entries[1:-1]
            # The closing note never stands alone on a last page: the last source goes with it.
            story.append(KeepTogether([entries[-1], closing]))
    else:
        story.append(Paragraph(mk.text(d.closing), st["closing"]))

    doc.build(story, canvasmaker=_canvas_class(d.classification, family, d.properties.created))
    return buf.getvalue()


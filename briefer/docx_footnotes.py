"""Real Word footnotes for python-docx, which has no footnote API.

A footnote in WordprocessingML needs four things, all added here:

1. a ``/word/footnotes.xml`` part holding the separator (id -1) and continuation
   separator (id 0) footnotes that Word requires, then one ``<w:footnote>`` per note;
2. a relationship from the document part to it (python-docx then writes the
   content-type override for the part itself);
3. the ``FootnoteText`` paragraph and ``FootnoteReference`` character styles;
4. a ``<w:footnoteReference w:id="n"/>`` run in the body where the mark goes.

Usage::

    notes = Footnotes(document)
    notes.add(paragraph, "[1] Kyodo News, “Title”, 2024-11-14.")
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.text.paragraph import Paragraph

FOOTNOTES_PARTNAME = "/word/footnotes.xml"
FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"

# Word's own separator notes; every footnotes.xml written by Word starts with these.
_FOOTNOTES_XML = f"""<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>
</w:footnotes>"""

# Built-in names are lower case in Word ("footnote text"); the ids are what runs refer to.
_STYLES_XML = {
    FOOTNOTE_TEXT_STYLE: f"""<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{FOOTNOTE_TEXT_STYLE}">
  <w:name w:val="footnote text"/>
  <w:basedOn w:val="Normal"/>
  <w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/>
  <w:pPr><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>
    <w:ind w:left="170" w:hanging="170"/></w:pPr>
  <w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>
</w:style>""",
    FOOTNOTE_REFERENCE_STYLE: f"""<w:style {nsdecls("w")} w:type="character" w:styleId="{FOOTNOTE_REFERENCE_STYLE}">
  <w:name w:val="footnote reference"/>
  <w:basedOn w:val="DefaultParagraphFont"/>
  <w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/>
  <w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
</w:style>""",
}


def ensure_footnote_styles(document: DocxDocument) -> None:
    """Add the FootnoteText / FootnoteReference styles if the template lacks them."""
    styles_el = document.styles.element
    present = {s.get(qn("w:styleId")) for s in styles_el.findall(qn("w:style"))}
    for style_id, xml in _STYLES_XML.items():
        if style_id not in present:
            styles_el.append(parse_xml(xml))


def _ensure_settings_footnote_pr(document: DocxDocument) -> None:
    """Declare the separator notes in settings.xml, as Word itself does."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    # Schema order: footnotePr comes right before endnotePr / compat.
    for tag in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids"):
        anchor = settings.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(pr)
            return
    settings.append(pr)


class Footnotes:
    """The footnotes part of one document; `add` appends a note and its reference mark."""

    def __init__(self, document: DocxDocument) -> None:
        self._document = document
        doc_part = document.part
        if any(rel.reltype == RT.FOOTNOTES for rel in doc_part.rels.values()):
            # Only python-docx's default template is used, and it has no footnotes part.
            raise ValueError("the document already has a footnotes part")
        part = XmlPart(PackURI(FOOTNOTES_PARTNAME), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML), doc_part.package)
        doc_part.relate_to(part, RT.FOOTNOTES)
        self._root = part.element
        ids = [int(f.get(qn("w:id"))) for f in self._root.findall(qn("w:footnote"))]
        self._next_id = max([0, *ids]) + 1
        ensure_footnote_styles(document)
        _ensure_settings_footnote_pr(document)

    @property
    def count(self) -> int:
        """Number of real (non-separator) footnotes."""
        return sum(1 for f in self._root.findall(qn("w:footnote")) if f.get(qn("w:type")) is None)

    def add(self, paragraph: Paragraph, text: str, *, italic_spans: tuple[str, ...] = ()) -> int:
        """Append a footnote with `text` and put its reference mark at the end of `paragraph`.

        `italic_spans` are substrings of `text` to set in italics (e.g. a stale marker).
        Returns the footnote id.
        """
        fid = self._next_id
        self._next_id += 1

        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(fid))
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        p_style = OxmlElement("w:pStyle")
        p_style.set(qn("w:val"), FOOTNOTE_TEXT_STYLE)
        p_pr.append(p_style)
        p.append(p_pr)
        # The note's own number, as Word draws it: a footnoteRef run in the reference style.
        p.append(_reference_run(OxmlElement("w:footnoteRef")))
        for chunk, italic in _split_spans(" " + text, italic_spans):
            p.append(_text_run(chunk, italic=italic))
        note.append(p)
        self._root.append(note)

        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(fid))
        paragraph._p.append(_reference_run(ref))
        return fid


def _reference_run(child: OxmlElement) -> OxmlElement:
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    r_style = OxmlElement("w:rStyle")
    r_style.set(qn("w:val"), FOOTNOTE_REFERENCE_STYLE)
    r_pr.append(r_style)
    run.append(r_pr)
    run.append(child)
    return run


def _text_run(text: str, *, italic: bool = False) -> OxmlElement:
    run = OxmlElement("w:r")
    if italic:
        r_pr = OxmlElement("w:rPr")
        r_pr.append(OxmlElement("w:i"))
        run.append(r_pr)
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    return run


def _split_spans(text: str, spans: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Split `text` into (chunk, is_span) pieces at the first occurrence of each span."""
    pieces: list[tuple[str, bool]] = [(text, False)]
    for span in spans:
        if not span:
            continue
        out: list[tuple[str, bool]] = []
        for chunk, flag in pieces:
            if flag or span not in chunk:
                out.append((chunk, flag))
                continue
            before, _, after = chunk.partition(span)
            out.extend(x for x in ((before, False), (span, True), (after, False)) if x[0])
        pieces = out
    return pieces

"""The PDF writer, read back with pypdf: structure, fonts, quotations, page numbers (no model)."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sample_brief import make_office_brief

from briefer.brief import Brief, Section, Source, Statement
from briefer.export import export
from briefer.export.pdf import FONT_PACKAGE, build_pdf, font_files


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def brief() -> Brief:
    return make_office_brief()


@pytest.fixture(scope="module")
def pdf_bytes(brief: Brief) -> bytes:
    return build_pdf(brief)


@pytest.fixture(scope="module")
def reader(pdf_bytes: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf_bytes))


@pytest.fixture(scope="module")
def pdf_text(reader: PdfReader) -> str:
    return _norm(" ".join(page.extract_text() for page in reader.pages))


def test_pdf_has_same_structure_as_docx(tmp_path: Path, brief: Brief, pdf_text: str) -> None:
    document = docx.Document(str(export(brief, tmp_path / "b.docx")))
    styles = {"Title", "Memo Field", "Subtitle", "Heading 1", "Bottom Line", "List Bullet", "Source Entry", "Draft Note"}
    blocks = [p.text for p in document.paragraphs if p.style.name in styles]
    blocks += [p.text for p in document.tables[0].cell(0, 0).paragraphs[1:]]  # the warnings, after the box head
    assert len(blocks) > 30
    # Every DOCX block is in the PDF, in the same order (the PDF leaves out the ⚑ glyph
    # its font lacks; "Check:" in amber bold carries the flag).
    position = 0
    for block in blocks[: len(blocks) - len(document.tables[0].cell(0, 0).paragraphs[1:])]:
        want = _norm(block.replace("⚑ ", "").replace("\t", " "))
        found = pdf_text.find(want, position)
        assert found >= 0, f"not in the PDF (in order): {want!r}"
        position = found + len(want)
    for warning in blocks[-len(document.tables[0].cell(0, 0).paragraphs[1:]) :]:
        assert _norm(warning.replace("⚑ ", "")) in pdf_text


def test_pdf_has_classification_on_every_page_and_page_numbers(reader: PdfReader, brief: Brief) -> None:
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 2
    for n, page in enumerate(pages, start=1):
        assert page.count(brief.classification) == 2  # header and footer
        assert f"Page {n} of {len(pages)}" in page


def test_pdf_embeds_its_unicode_fonts(reader: PdfReader, pdf_text: str) -> None:
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    names = sorted(fonts)
    assert len(names) == 3 and all(re.fullmatch(r"/[A-Z]{6}\+BrieferSans-\w+(-Bold|-Italic)?", n) for n in names)
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else None
        if descriptor is None:  # ReportLab's TrueType subsets are Type0 with a descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    assert "Moscow’s reaction («Коммерсантъ») and Athens’ (Καθημερινή) will be watched" in pdf_text
    assert FONT_PACKAGE == "fontpkg_noto_sans" and all(p.exists() for p in font_files())


def test_pdf_sets_quoted_source_wording_in_italics(reader: PdfReader) -> None:
    chunks: list[tuple[str, str]] = []

    def visit(text: str, _cm, _tm, font, _size) -> None:
        if text.strip() and font is not None:
            chunks.append((text, str(font.get("/BaseFont", ""))))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    quoted = [font for text, font in chunks if "We expect this will be their last" in text]
    plain = [font for text, font in chunks if "Military-to-military communication" in text]
    assert quoted and all(f.endswith("-Italic") for f in quoted)
    assert plain and not any(f.endswith("-Italic") for f in plain)


def test_pdf_citations_and_sources_match(pdf_text: str) -> None:
    assert "on the sidelines of the APEC summit. [1, 2, 4]" in pdf_text
    assert (
        "1. Kyodo News, “Biden-Xi farewell talks set for Lima on Nov. 16 with Trump in the wings”, "
        "14 November 2024 (date estimated)."
    ) in pdf_text
    assert "3. Bloomberg, “US, China Agree to Work on Biden, Xi November Meeting”, 28 October 2023. [stale]" in pdf_text
    assert "relative" not in pdf_text and "byline" not in pdf_text  # date methods stay in the app
    assert '"' not in pdf_text


def test_pdf_metadata_comes_from_the_brief(reader: PdfReader, brief: Brief) -> None:
    meta = reader.metadata
    assert meta.title == brief.title
    assert meta.author == "East Asia desk (J. Doe)"
    assert meta.creation_date.year == 2024 and meta.creation_date.month == 11


def test_pdf_export_is_deterministic(brief: Brief, pdf_bytes: bytes) -> None:
    assert build_pdf(brief) == pdf_bytes


def test_pdf_falls_back_to_standard_cjk_fonts() -> None:
    b = Brief(
        title="峰会 meeting",
        sections=[Section("a", "A", [Statement("李强 said **北京** will attend; 반갑습니다.", [1], quote=True)])],
        sources=[Source(1, "新华社 report", text="x", outlet="Xinhua", date="2024-01-01")],
    )
    data = build_pdf(b)
    text = _norm(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages))
    assert "峰会 meeting" in text and "李强 said 北京 will attend; 반갑습니다." in text
    assert b"/STSong-Light" in data and b"/HYGothic-Medium" in data

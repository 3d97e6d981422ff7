"""Golden renders: what a reader actually sees, page by page.

The office sample (tests/sample_brief.py) is rendered by our PDF writer and read back
with pypdf; the DOCX goes through LibreOffice where it is installed (Debian:
libreoffice-writer-nogui), as Word would lay it out. The seeds brief, drafted from the
five bundled articles with the real embedder, is checked the same way (slow).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sample_brief import make_office_brief

from briefer.brief import Brief
from briefer.export import export
from briefer.export.pdf import build_pdf

HAVE_LIBREOFFICE = shutil.which("soffice") is not None
needs_libreoffice = pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")


def _carlito() -> bool:
    """True if LibreOffice has Carlito, the metric twin of Word's Calibri (same line breaks)."""
    fc = shutil.which("fc-list")
    return bool(fc) and "Carlito" in subprocess.run([fc], capture_output=True, text=True).stdout


def _docx_to_pdf(docx_path: Path, tmp_path: Path) -> list[str]:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "lo-out"), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    reader = PdfReader(str(tmp_path / "lo-out" / (docx_path.stem + ".pdf")))
    return [page.extract_text() for page in reader.pages]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _check_pages(pages: list[str], brief: Brief) -> None:
    n = len(pages)
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in page
        assert page.upper().count(brief.classification.upper()) == 2, f"page {i}: banner top and bottom"
    everything = _norm(" ".join(pages))
    assert _norm(pages[0]).find(brief.title) < _norm(pages[0]).find(brief.sections[0].heading)
    headings = [sec.heading for sec in brief.sections] + ["Sources"]
    position = everything.find(brief.title)
    for heading in headings:  # each heading after the one before it
        found = everything.find(heading, position + 1)
        assert found > position, heading
        position = found
    assert "Numbers in brackets refer to the numbered sources above." in everything


def test_office_sample_pdf_is_two_pages_with_everything_in_place() -> None:
    brief = make_office_brief()
    pages = [p.extract_text() for p in PdfReader(BytesIO(build_pdf(brief))).pages]
    assert len(pages) == 2
    _check_pages(pages, brief)
    first = _norm(pages[0])
    assert "To: The Secretary" in first and "From: East Asia desk (J. Doe)" in first
    assert first.index("Warnings") < first.index("Bottom line up front") < first.index("Context")
    assert "6. “scan_briefing_notes.pdf”, undated. [not read]" in _norm(pages[-1])


@needs_libreoffice
def test_office_sample_docx_renders_in_libreoffice(tmp_path: Path) -> None:
    brief = make_office_brief()
    pages = _docx_to_pdf(export(brief, tmp_path / "office.docx"), tmp_path)
    assert len(pages) == 2 if _carlito() else 2 <= len(pages) <= 3
    _check_pages(pages, brief)
    first = _norm(pages[0])
    assert "To: The Secretary" in first and "Meeting: 16 November 2024" in first
    assert "“‘We expect this will be their last meeting as presidents,’ the official said.” [2]" in first
    assert "footnote" not in first.lower()


@pytest.fixture(scope="module")
def seeds_brief(seed_paths, embedder) -> Brief:
    from briefer.pipeline import draft_brief, load_sources

    sources, _ = load_sources(seed_paths)
    return draft_brief(sources, embedder=embedder)


def _closing_note_not_alone(pages: list[str], brief: Brief) -> None:
    last = _norm(pages[-1])
    assert "Numbers in brackets refer to the numbered sources above." in last
    assert f"{len(brief.sources)}. " in last, "the last source goes onto the page of the closing note"


@pytest.mark.slow
def test_seeds_brief_pdf_and_docx_fit_three_pages_with_no_orphan_note(tmp_path: Path, seeds_brief: Brief) -> None:
    pdf_pages = [p.extract_text() for p in PdfReader(BytesIO(build_pdf(seeds_brief))).pages]
    # Four sections within their 550-word budget, the bottom line, warnings and five sources.
    assert 2 <= len(pdf_pages) <= 3
    _check_pages(pdf_pages, seeds_brief)
    _closing_note_not_alone(pdf_pages, seeds_brief)
    text = _norm(" ".join(pdf_pages))
    # Clean Sources list: outlet, title, date; "date estimated" where it was worked out.
    assert re.search(r"1\. Kyodo, “Biden-Xi farewell talks set for Lima[^”]*”, 13 November 2024 \(date estimated\)\.", text)
    assert "[stale]" in text  # the seeds' 2023 preview is an older meeting of the same leaders
    assert "relative" not in text and "counted back" not in text
    if HAVE_LIBREOFFICE:
        docx_pages = _docx_to_pdf(export(seeds_brief, tmp_path / "seeds.docx"), tmp_path)
        assert 2 <= len(docx_pages) <= 3
        _check_pages(docx_pages, seeds_brief)
        _closing_note_not_alone(docx_pages, seeds_brief)

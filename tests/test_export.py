"""Tests for the DOCX and Markdown exporters (no model needed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sample_brief import make_sample_brief

from briefer.brief import (
    STATUS_FALLBACK,
    STATUS_FLAGGED,
    Brief,
    Section,
    Source,
    Statement,
)
from briefer.errors import BrieferError
from briefer.export_docx import export_docx
from briefer.export_md import brief_to_markdown, export_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _zip_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _paragraphs_by_style(document, style: str) -> list:
    return [p for p in document.paragraphs if p.style.name == style]


@pytest.fixture
def brief() -> Brief:
    return make_sample_brief()


@pytest.fixture
def exported(tmp_path: Path, brief: Brief) -> Path:
    return export_docx(brief, tmp_path / "brief.docx")


# -- DOCX ------------------------------------------------------------------------------
def test_export_round_trips_through_python_docx(exported: Path) -> None:
    document = docx.Document(str(exported))
    assert document.paragraphs[0].text == "Biden–Xi meeting at APEC, Lima"
    # Saving again through python-docx keeps the footnotes part and its relationship.
    buf = BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as z:
        assert "word/footnotes.xml" in z.namelist()
        assert 'relationships/footnotes"' in z.read("word/_rels/document.xml.rels").decode()


def test_export_uses_real_word_styles(exported: Path, brief: Brief) -> None:
    document = docx.Document(str(exported))
    assert document.paragraphs[0].style.name == "Title"
    headings = [p.text for p in _paragraphs_by_style(document, "Heading 1")]
    assert headings == ["Context", "Agenda", "US asks", "Outlook under Trump", "Sources"]
    bullets = _paragraphs_by_style(document, "List Bullet")
    statements = [st for sec in brief.sections for st in sec.statements]
    assert len(bullets) == len(statements) == 15
    # Every bullet carries its statement's own words, in order.
    for para, st in zip(bullets, statements, strict=True):
        assert st.text.split()[-1].strip("“”") in para.text
    # Meta line right under the title.
    assert document.paragraphs[1].text == "15 November 2024 · Prepared from 5 sources"
    assert "Joe Biden and Xi Jinping in Lima, Peru" in document.paragraphs[2].text
    # Letter page with 2.5 cm margins.
    sec = document.sections[0]
    assert round(sec.page_width.cm, 2) == 21.59
    assert round(sec.left_margin.cm, 2) == round(sec.top_margin.cm, 2) == 2.5


def test_export_keeps_citations_as_footnotes(exported: Path, brief: Brief) -> None:
    from lxml import etree

    notes = etree.fromstring(_zip_text(exported, "word/footnotes.xml").encode())
    body = etree.fromstring(_zip_text(exported, "word/document.xml").encode())
    all_notes = notes.findall(f"{W}footnote")
    # Word's separator notes come first, with the ids Word expects.
    assert [(n.get(f"{W}type"), n.get(f"{W}id")) for n in all_notes[:2]] == [
        ("separator", "-1"),
        ("continuationSeparator", "0"),
    ]
    real = [n for n in all_notes if n.get(f"{W}type") is None]
    cited = [st for sec in brief.sections for st in sec.statements if st.citations]
    assert len(real) == len(cited)

    # One reference per cited statement, ids matching the notes, in document order.
    refs = body.iter(f"{W}footnoteReference")
    ref_ids = [r.get(f"{W}id") for r in refs]
    assert ref_ids == [n.get(f"{W}id") for n in real]
    for ref in body.iter(f"{W}footnoteReference"):
        assert ref.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"

    # Each note starts with its own number mark, in the footnote styles.
    for n in real:
        para = n.find(f"{W}p")
        assert para.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
        first_run = para.find(f"{W}r")
        assert first_run.find(f"{W}footnoteRef") is not None
        assert first_run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"

    # Each note names every cited source by number and outlet; each title appears in full.
    texts = ["".join(n.itertext()) for n in real]
    for text, st in zip(texts, cited, strict=True):
        for c in st.citations:
            src = brief.source(c)
            assert f"[{c}] {src.outlet}, “" in text
            assert src.title.split()[0] in text
    joined = "\n".join(texts)
    for c in {c for st in cited for c in st.citations}:
        assert f"“{brief.source(c).title}”" in joined
    stale_note = next(t for t, st in zip(texts, cited, strict=True) if 3 in st.citations)
    assert "[3] Bloomberg" in stale_note and "Stale source." in stale_note

    # Package plumbing Word needs: content-type override, relationship, styles.
    assert 'PartName="/word/footnotes.xml"' in _zip_text(exported, "[Content_Types].xml")
    assert "footnotes+xml" in _zip_text(exported, "[Content_Types].xml")
    assert 'Target="footnotes.xml"' in _zip_text(exported, "word/_rels/document.xml.rels")
    styles = _zip_text(exported, "word/styles.xml")
    assert 'w:styleId="FootnoteText"' in styles
    assert 'w:styleId="FootnoteReference"' in styles
    assert 'w:footnote w:id="-1"' in _zip_text(exported, "word/settings.xml")


def test_bracketed_mode_has_no_footnotes_part(tmp_path: Path, brief: Brief) -> None:
    path = export_docx(brief, tmp_path / "b.docx", footnotes=False)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        body = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "word/footnotes.xml" not in names
    assert "footnoteReference" not in body
    assert "relationships/footnotes" not in rels
    bullets = _paragraphs_by_style(docx.Document(str(path)), "List Bullet")
    assert bullets[0].text.endswith("APEC summit. [1, 2, 4]")
    note = docx.Document(str(path)).paragraphs[-1]
    assert note.text.startswith("Bracketed numbers refer to the numbered sources above.")


def test_export_has_header_classification_and_page_numbers(exported: Path, brief: Brief) -> None:
    document = docx.Document(str(exported))
    section = document.sections[0]
    header = section.header.paragraphs[0]
    assert header.text == "UNCLASSIFIED // FOR OFFICIAL USE // DRAFT" == brief.classification
    assert header.alignment == 1  # centred
    assert header.runs[0].bold and header.runs[0].font.small_caps

    footer_xml = section.footer._element.xml
    instr = [t.strip() for t in re.findall(r"<w:instrText[^>]*>([^<]*)<", footer_xml)]
    assert instr == ["PAGE", "NUMPAGES"]
    assert footer_xml.count('w:fldCharType="begin"') == 2
    assert footer_xml.count('w:fldCharType="end"') == 2
    footer_text = [p.text for p in section.footer.paragraphs]
    assert footer_text == ["Page 1 of 1", brief.classification]  # cached field results


def test_export_shows_warnings_box(exported: Path, brief: Brief) -> None:
    document = docx.Document(str(exported))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert len(table.rows) == len(table.columns) == 1
    cell = table.cell(0, 0)
    lines = [p.text for p in cell.paragraphs]
    assert lines[0].endswith("Warnings")
    assert cell.paragraphs[0].runs[0].bold
    for w in brief.warnings:
        assert any(w.message in line for line in lines)
    assert any(line.startswith("Stale source: Source 3") for line in lines)
    assert any(line.startswith("Check: 2 statements") for line in lines)
    fill = cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill.upper() == "FFF4D6"
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
    # The box sits between the meta lines and the first section.
    body = list(document.element.body)
    first_heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert body.index(table._tbl) < body.index(first_heading._p)


def test_no_warnings_box_for_a_clean_brief(tmp_path: Path) -> None:
    clean = Brief(
        title="Clean",
        sections=[Section("a", "A", [Statement("Fine.", [1])])],
        sources=[Source(1, "T", text="x", outlet="O", date="2024-01-01")],
    )
    document = docx.Document(str(export_docx(clean, tmp_path / "c.docx")))
    assert document.tables == []


def test_flagged_and_fallback_statements_are_visible(exported: Path, brief: Brief) -> None:
    bullets = _paragraphs_by_style(docx.Document(str(exported)), "List Bullet")
    statements = [st for sec in brief.sections for st in sec.statements]
    for para, st in zip(bullets, statements, strict=True):
        if st.status == STATUS_FLAGGED:
            assert para.text.startswith("⚑ Check: ")
            assert para.runs[0].bold
            assert f"(Reason: {st.note.rstrip('.')}.)" in para.text
        elif st.status == STATUS_FALLBACK:
            # A source sentence standing in for a bullet: its words, not a quotation.
            assert para.text.startswith(st.text)
            assert "⚑" not in para.text
        else:
            assert "⚑" not in para.text and not para.text.startswith("“")


def test_sources_section_numbers_match_ids_and_shows_flags(exported: Path, brief: Brief) -> None:
    document = docx.Document(str(exported))
    entries = [p.text for p in document.paragraphs if p.style.name == "Source Entry"]
    assert [e.split(".\t")[0] for e in entries] == [str(s.id) for s in brief.sources]
    assert entries[0].startswith("1.\tBiden-Xi farewell talks set for Lima")
    assert "— Kyodo News, 2024-11-14 (date from the text: “Wednesday”" in entries[0]
    assert entries[4].endswith("2024-11-16 (date from: “date” line).")
    assert entries[2].endswith("[STALE: About the 2023 San Francisco meeting, a year before the Lima meeting]")
    assert "[NOT READ: no text layer" in entries[5]


def test_citation_to_missing_source_and_empty_brief_still_export(tmp_path: Path) -> None:
    odd = Brief(
        title="",
        classification="",
        sections=[Section("a", "A", [Statement("Orphan claim.", [9])]), Section("b", "B")],
    )
    path = export_docx(odd, tmp_path / "odd.docx")
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "Untitled brief"
    assert "No statement could be drawn" in "\n".join(p.text for p in document.paragraphs)
    assert "[9] (source not in this brief)." in _zip_text(path, "word/footnotes.xml")


def test_export_to_unwritable_path_raises_clear_error_and_keeps_old_file(
    tmp_path: Path, brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parent is a file, and parent does not exist: fails even as root.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for bad in (blocker / "brief.docx", tmp_path / "missing" / "brief.docx"):
        with pytest.raises(BrieferError, match=r"brief\.docx: cannot write"):
            export_docx(brief, bad)

    # A failure at the final rename (disk full, permissions…) leaves the old file intact.
    target = tmp_path / "brief.docx"
    target.write_bytes(b"previous version")

    def failing_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("briefer.fsutil.os.replace", failing_replace)
    with pytest.raises(BrieferError, match="Permission denied") as info:
        export_docx(brief, target)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx", "not-a-folder"]


def test_bold_from_the_editor_is_printed_bold(tmp_path: Path) -> None:
    b = Brief(
        title="Bold",
        sections=[Section("a", "A", [Statement("Biden will press Xi on **Taiwan** today.", [1])])],
        sources=[Source(1, "T", text="x", outlet="O", date="2024-01-01")],
    )
    para = _paragraphs_by_style(docx.Document(str(export_docx(b, tmp_path / "b.docx"))), "List Bullet")[0]
    assert "**" not in para.text
    assert [r.text for r in para.runs if r.bold] == ["Taiwan"]


def test_export_is_atomic(tmp_path: Path, brief: Brief) -> None:
    target = tmp_path / "brief.docx"
    target.write_bytes(b"old")
    assert export_docx(brief, target) == target
    assert export_markdown(brief, tmp_path / "brief.md") == tmp_path / "brief.md"
    # Replaced in place, no temp files left behind, and the new file is a complete docx.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx", "brief.md"]
    assert target.read_bytes()[:2] == b"PK"
    assert zipfile.ZipFile(target).testzip() is None
    assert docx.Document(str(target)).paragraphs[0].text == brief.title


# -- Markdown --------------------------------------------------------------------------
def test_markdown_export_lists_sources_and_citations(tmp_path: Path, brief: Brief) -> None:
    path = export_markdown(brief, tmp_path / "brief.md")
    md = path.read_text(encoding="utf-8")
    assert md == brief_to_markdown(brief)
    lines = md.splitlines()
    assert lines[0] == "**UNCLASSIFIED // FOR OFFICIAL USE // DRAFT**"
    assert "# Biden–Xi meeting at APEC, Lima" in lines
    assert [ln for ln in lines if ln.startswith("## ")] == [
        "## Context",
        "## Agenda",
        "## US asks",
        "## Outlook under Trump",
        "## Sources",
    ]
    assert (
        "- President Biden will meet President Xi Jinping in Lima on 16 November, "
        "on the sidelines of the APEC summit. [1, 2, 4]"
    ) in lines
    assert any(ln.startswith("- **⚑ Check:** Beijing's policies") and ln.endswith("[3] *(Reason: only supported by a stale source (2023).)*") for ln in lines)
    assert "> **Warnings**" in lines
    assert any(ln.startswith("> - **Stale source:** Source 3") for ln in lines)
    # Numbered sources, numbers = citation ids, with outlet, date and flags.
    src_lines = lines[lines.index("## Sources") + 2 :]
    assert [ln.split(". ", 1)[0] for ln in src_lines] == ["1", "2", "3", "4", "5", "6"]
    assert src_lines[2].startswith("3. US, China Agree to Work on Biden, Xi November Meeting — Bloomberg, 2023-10-28")
    assert src_lines[2].endswith("**\\[STALE: About the 2023 San Francisco meeting, a year before the Lima meeting\\]**")


def test_markdown_escapes_markup_in_text() -> None:
    b = Brief(title="A *bold* [claim]", sections=[Section("a", "A", [Statement("Uses _under_ <b>.", [1])])])
    md = brief_to_markdown(b)
    assert "# A \\*bold\\* \\[claim\\]" in md
    assert "- Uses \\_under\\_ \\<b\\>. [1]" in md


# -- what a reader actually sees (optional: needs LibreOffice + poppler) -------------------
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice")
def test_docx_renders_with_footnotes_and_page_numbers(tmp_path: Path, exported: Path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(exported),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "brief.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    n = len(pages)
    assert n >= 2
    assert f"Page 1 of {n}" in pages[0] and f"Page {n} of {n}" in pages[-1]
    assert "UNCLASSIFIED // FOR OFFICIAL USE // DRAFT" in pages[0]
    # The first footnote is printed on page 1, below the text.
    first = pages[0]
    assert first.index("Context") < first.index("[1] Kyodo News, “Biden-Xi farewell talks")

"""The export registry, the shared block model, and the DOCX and Markdown writers (no model)."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sample_brief import make_office_brief, make_sample_brief

from briefer.brief import STATUS_FLAGGED, Brief, EventInfo, Section, Source, Statement
from briefer.errors import BrieferError
from briefer.export import ExportFormat, export, format_for, formats, register
from briefer.export.blocks import CITE, build_document, meeting_line, smart_quotes
from briefer.export.markdown import brief_to_markdown


def _paragraphs_by_style(document, style: str) -> list:
    return [p for p in document.paragraphs if p.style.name == style]


def _text(paragraph) -> str:
    """A paragraph's text with the no-break spaces that keep citations together as spaces."""
    return paragraph.text.replace("\u00a0", " ")


def _body_text(path: Path) -> str:
    return "\n".join(_text(p) for p in docx.Document(str(path)).paragraphs)


@pytest.fixture
def brief() -> Brief:
    return make_office_brief()


@pytest.fixture
def exported(tmp_path: Path, brief: Brief) -> Path:
    return export(brief, tmp_path / "brief.docx")


# -- registry ------------------------------------------------------------------------------
def test_registry_lists_docx_pdf_markdown_and_json_in_menu_order() -> None:
    assert [(f.name, f.suffix) for f in formats()] == [
        ("docx", ".docx"),
        ("pdf", ".pdf"),
        ("markdown", ".md"),
        ("json", ".brief"),
    ]
    assert format_for("pdf").file_filter == "PDF document (*.pdf)"
    assert format_for(["Markdown", "(*.md", "*.markdown)"][0].lower()).name == "markdown"


def test_format_for_accepts_a_name_a_suffix_or_a_path() -> None:
    assert format_for("docx").name == "docx"
    assert format_for(".PDF").name == "pdf"
    assert format_for(Path("out/memo.markdown")).name == "markdown"
    assert format_for("saved.json").name == "json"
    with pytest.raises(BrieferError, match=r"memo\.odt: unknown export format \(known: docx \(\.docx\), pdf"):
        format_for("memo.odt")


def test_export_dispatches_on_the_suffix_or_an_explicit_format(tmp_path: Path, brief: Brief) -> None:
    assert zipfile.is_zipfile(export(brief, tmp_path / "a.docx"))
    assert (export(brief, tmp_path / "a.pdf")).read_bytes().startswith(b"%PDF-")
    assert export(brief, tmp_path / "a.md").read_text(encoding="utf-8").startswith("**UNCLASSIFIED")
    assert '"schema_version"' in export(brief, tmp_path / "a.brief").read_text(encoding="utf-8")
    # An explicit format wins over the suffix.
    assert export(brief, tmp_path / "memo.txt", "pdf").read_bytes().startswith(b"%PDF-")


def test_adding_a_format_is_one_registration(tmp_path: Path, brief: Brief) -> None:
    def write_txt(b: Brief, path: Path) -> None:
        doc = build_document(b)
        path.write_text("\n".join([doc.title, *(s.heading for s in doc.sections)]), encoding="utf-8")

    register(ExportFormat("txt-test", ".txt-test", "Plain text (test)", write_txt))
    try:
        out = export(brief, tmp_path / "memo.txt-test")
        assert out.read_text(encoding="utf-8").splitlines()[:2] == [brief.title, "Bottom line up front"]
        assert format_for("txt-test").description == "Plain text (test)"
    finally:
        from briefer import export as registry

        registry._registry().pop("txt-test")


# -- the block model ---------------------------------------------------------------------
def test_straight_quotes_become_typographic() -> None:
    assert smart_quotes('He said "it\'s the \'first\' test" in the \'90s.') == (
        "He said “it’s the ‘first’ test” in the ’90s."
    )
    assert smart_quotes("students' rights ('quoted')") == "students’ rights (‘quoted’)"


def test_block_model_marks_quoted_source_wording_and_nests_inner_quotes(brief: Brief) -> None:
    doc = build_document(brief)
    context = next(s for s in doc.sections if s.key == "context")
    quoted = [it for it in context.items if any(sp.quote for sp in it.spans)]
    assert len(quoted) == 2
    sullivan, official = quoted
    assert sullivan.text.startswith("“Biden’s national security adviser")
    assert "be ‘an opportunity to ensure a smooth transition’ of power" in sullivan.text
    assert sullivan.text.endswith("January.” [1]")
    assert official.text == "“‘We expect this will be their last meeting as presidents,’ the official said.” [2]"
    # The citation is not part of the quotation.
    assert [sp.role for sp in official.spans if not sp.quote] == [CITE]


def test_meeting_line_never_repeats_the_title() -> None:
    event = EventInfo(
        who=["U.S. President Joe Biden", "Chinese President Xi Jinping"],
        where="Lima, Peru",
        when="2024-11-16",
        occasion="Asia-Pacific Economic Cooperation (APEC) summit",
    )
    seeds_like = Brief(title="Biden–Xi meeting, Lima, 16 November 2024", event=event)
    assert meeting_line(seeds_like) == "Asia-Pacific Economic Cooperation (APEC) summit"
    sample_like = Brief(title="Biden–Xi meeting at APEC, Lima", event=event)
    assert meeting_line(sample_like) == "16 November 2024"
    everything = Brief(title="Biden–Xi meeting at APEC, Lima, 16 November 2024", event=event)
    assert meeting_line(everything) == ""
    bare = Brief(title="Leaders’ meeting", event=event)
    assert meeting_line(bare) == (
        "U.S. President Joe Biden and Chinese President Xi Jinping, 16 November 2024, Lima, Peru, "
        "Asia-Pacific Economic Cooperation (APEC) summit"
    )


def test_header_variables_are_rendered_only_when_set(tmp_path: Path, brief: Brief) -> None:
    fields = [(f.label, f.value) for f in build_document(brief).fields]
    assert fields == [
        ("To", "The Secretary"),
        ("From", "East Asia desk (J. Doe)"),
        ("Date", "15 November 2024"),
        ("Meeting", "16 November 2024"),
    ]
    bare = make_sample_brief()
    bare.date = None
    assert [f.label for f in build_document(bare).fields] == ["Meeting"]


# -- DOCX --------------------------------------------------------------------------------
def test_export_round_trips_through_python_docx(exported: Path) -> None:
    document = docx.Document(str(exported))
    assert document.paragraphs[0].text == "Biden–Xi meeting at APEC, Lima"
    buf = BytesIO()
    document.save(buf)  # python-docx can open and save what we wrote
    with zipfile.ZipFile(buf) as z:
        assert z.testzip() is None


def test_export_keeps_quoted_source_wording_marked_as_quotation(exported: Path, brief: Brief) -> None:
    bullets = _paragraphs_by_style(docx.Document(str(exported)), "List Bullet")
    statements = [st for sec in brief.sections if sec.key != "bluf" for st in sec.statements]
    assert len(bullets) == len(statements)
    for para, st in zip(bullets, statements, strict=True):
        text_runs = [r for r in para.runs if not re.fullmatch(r"\s\[[\d,\s]+\]", r.text)]
        if st.quote:
            assert _text(para).startswith("“") and re.search(r"”( \[[\d, ]+\])$", _text(para))
            assert all(r.italic for r in text_runs), para.text
        else:
            assert not any(r.italic for r in text_runs if r.font.color.rgb is None), para.text


def test_citations_are_bracketed_numbers_tied_to_the_sources_list(exported: Path, brief: Brief) -> None:
    with zipfile.ZipFile(exported) as z:
        assert "word/footnotes.xml" not in z.namelist()
        assert "footnoteReference" not in z.read("word/document.xml").decode()
    document = docx.Document(str(exported))
    bullets = _paragraphs_by_style(document, "List Bullet")
    assert _text(bullets[0]) == (
        "President Biden will meet President Xi Jinping in Lima on 16 November, on the sidelines "
        "of the APEC summit. [1, 2, 4]"
    )
    cite = bullets[0].runs[-1]
    assert cite.text == "\u00a0[1,\u00a02,\u00a04]" and cite.font.color.rgb == docx.shared.RGBColor(0x59, 0x59, 0x59)
    entries = [p.text for p in document.paragraphs if p.style.name == "Source Entry"]
    cited = {int(n) for p in bullets for group in re.findall(r"\[([\d, ]+)\]$", _text(p)) for n in group.split(",")}
    numbers = [int(e.split(".\t")[0]) for e in entries]
    assert numbers == [s.id for s in brief.sources] and cited <= set(numbers)
    assert document.paragraphs[-1].text.startswith("Numbers in brackets refer to the numbered sources above.")


def test_sources_list_is_outlet_title_date_with_short_markers_only(exported: Path, brief: Brief) -> None:
    entries = [p.text for p in docx.Document(str(exported)).paragraphs if p.style.name == "Source Entry"]
    assert entries[0] == (
        "1.\tKyodo News, “Biden-Xi farewell talks set for Lima on Nov. 16 with Trump in the wings”, "
        "14 November 2024 (date estimated)."
    )
    assert entries[2] == "3.\tBloomberg, “US, China Agree to Work on Biden, Xi November Meeting”, 28 October 2023. [stale]"
    assert entries[4] == "5.\tHindustan Times, “Biden to urge Xi to curb North Korea’s support for Russia”, 16 November 2024."
    assert entries[5] == "6.\t“scan_briefing_notes.pdf”, undated. [not read]"
    # How a date was found is for the app's tooltip, never the memo.
    text = _body_text(exported)
    for src in brief.sources:
        if src.date_method:
            assert src.date_method not in text


def test_export_uses_typographic_quotes_only_and_no_repeated_lines(exported: Path) -> None:
    text = _body_text(exported)
    assert '"' not in text and "'" not in text
    assert "Moscow’s reaction («Коммерсантъ») and Athens’ (Καθημερινή)" in text
    assert "are the “first test”." in text
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert len(lines) == len(set(lines))
    assert not any(ln.startswith("Event:") for ln in lines)


def test_export_renders_header_variables(exported: Path) -> None:
    fields = [p.text for p in _paragraphs_by_style(docx.Document(str(exported)), "Memo Field")]
    assert fields == [
        "To:\tThe Secretary",
        "From:\tEast Asia desk (J. Doe)",
        "Date:\t15 November 2024",
        "Meeting:\t16 November 2024",
    ]


def test_bluf_is_a_lead_paragraph_before_the_first_section(exported: Path) -> None:
    document = docx.Document(str(exported))
    headings = [p.text for p in _paragraphs_by_style(document, "Heading 1")]
    assert headings[:2] == ["Bottom line up front", "Context"]
    lead = _paragraphs_by_style(document, "Bottom Line")
    assert len(lead) == 1 and lead[0].text.startswith("Biden’s last meeting with Xi")
    assert _text(lead[0]).endswith("[1, 2, 5]")


def test_export_has_header_classification_and_page_numbers(exported: Path, brief: Brief) -> None:
    section = docx.Document(str(exported)).sections[0]
    header = section.header.paragraphs[0]
    assert header.text == "UNCLASSIFIED // FOR OFFICIAL USE // DRAFT" == brief.classification
    assert header.alignment == 1  # centred
    assert header.runs[0].bold and header.runs[0].font.small_caps
    footer_xml = section.footer._element.xml
    instr = [t.strip() for t in re.findall(r"<w:instrText[^>]*>([^<]*)<", footer_xml)]
    assert instr == ["PAGE", "NUMPAGES"]
    assert [p.text for p in section.footer.paragraphs] == ["Page 1 of 1", brief.classification]


def test_export_shows_warnings_box(exported: Path, brief: Brief) -> None:
    document = docx.Document(str(exported))
    assert len(document.tables) == 1
    cell = document.tables[0].cell(0, 0)
    lines = [p.text for p in cell.paragraphs]
    assert lines[0].endswith("Warnings")
    for w in brief.warnings:
        assert any(w.message in line for line in lines)
    assert any(line.startswith("Check: 2 statements are marked “⚑ Check”") for line in lines)
    # A flagged source may be stale or about a different event: the label fits both.
    assert any(line.startswith("Other meeting: ") for line in lines)
    assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")).upper() == "FFF4D6"
    body = list(document.element.body)
    first_heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert body.index(document.tables[0]._tbl) < body.index(first_heading._p)


def test_no_warnings_box_for_a_clean_brief(tmp_path: Path) -> None:
    clean = Brief(
        title="Clean",
        sections=[Section("a", "A", [Statement("Fine.", [1])])],
        sources=[Source(1, "T", text="x", outlet="O", date="2024-01-01")],
    )
    assert docx.Document(str(export(clean, tmp_path / "c.docx"))).tables == []


def test_flagged_statements_are_marked_with_their_reason(exported: Path, brief: Brief) -> None:
    bullets = _paragraphs_by_style(docx.Document(str(exported)), "List Bullet")
    statements = [st for sec in brief.sections if sec.key != "bluf" for st in sec.statements]
    flagged = [(p, st) for p, st in zip(bullets, statements, strict=True) if st.status == STATUS_FLAGGED]
    assert len(flagged) == 2
    for para, st in flagged:
        assert para.text.startswith("⚑ Check: ")
        assert para.runs[0].bold
        assert para.text.endswith(f"(Reason: {st.note.rstrip('.')}.)")


def test_citation_to_missing_source_and_empty_brief_still_export(tmp_path: Path) -> None:
    odd = Brief(
        title="",
        classification="",
        sections=[Section("a", "A", [Statement("Orphan claim.", [9])]), Section("b", "B")],
    )
    text = _body_text(export(odd, tmp_path / "odd.docx"))
    assert text.splitlines()[0] == "Untitled brief"
    assert "Orphan claim. [9]" in text
    assert "No statement could be drawn from the sources." in text


def test_bold_from_the_editor_is_printed_bold(tmp_path: Path) -> None:
    b = Brief(
        title="Bold",
        sections=[Section("a", "A", [Statement("Biden will press Xi on **Taiwan** today.", [1])])],
        sources=[Source(1, "T", text="x", outlet="O", date="2024-01-01")],
    )
    para = _paragraphs_by_style(docx.Document(str(export(b, tmp_path / "b.docx"))), "List Bullet")[0]
    assert "**" not in para.text
    assert [r.text for r in para.runs if r.bold] == ["Taiwan"]


# -- Markdown ------------------------------------------------------------------------------
def test_markdown_bold_is_not_escaped(brief: Brief) -> None:
    md = brief_to_markdown(brief)
    assert "loud. **Tariffs** are the “first test”. [1]" in md
    assert "\\*\\*" not in md
    assert "- ***⚑ Check:*** " not in md and "- **⚑ Check:** Beijing’s policies" in md


def test_markdown_sets_quoted_source_wording_in_italics(brief: Brief) -> None:
    md = brief_to_markdown(brief)
    assert "- *“‘We expect this will be their last meeting as presidents,’ the official said.”* [2]" in md


def test_markdown_export_lists_header_sections_and_sources(tmp_path: Path, brief: Brief) -> None:
    md = export(brief, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert md == brief_to_markdown(brief)
    lines = md.splitlines()
    assert lines[0] == "**UNCLASSIFIED // FOR OFFICIAL USE // DRAFT**"
    assert "# Biden–Xi meeting at APEC, Lima" in lines
    assert "**To:** The Secretary  " in lines and "**Date:** 15 November 2024  " in lines
    assert [ln for ln in lines if ln.startswith("## ")] == [
        "## Bottom line up front",
        "## Context",
        "## Agenda",
        "## US asks",
        "## Outlook under Trump",
        "## Sources",
    ]
    src = lines[lines.index("## Sources") + 2 :]
    assert src[0] == (
        "1. Kyodo News, “Biden-Xi farewell talks set for Lima on Nov. 16 with Trump in the wings”, "
        "14 November 2024 *(date estimated)*."
    )
    assert src[2].endswith("28 October 2023. **[stale]**")


def test_markdown_escapes_markup_in_text() -> None:
    b = Brief(title="A *bold* [claim]", sections=[Section("a", "A", [Statement("# Uses _under_ <b>.", [1])])])
    md = brief_to_markdown(b)
    assert "# A \\*bold\\* \\[claim\\]" in md
    assert "- \\# Uses \\_under\\_ \\<b\\>. [1]" in md

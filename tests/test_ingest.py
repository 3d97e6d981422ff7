"""Specification of ingest: reading files, rejecting bad ones, finding title/outlet/date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefer.errors import InputError
from briefer.ingest import RawDocument, read_document, read_pasted, resolve_dates
from briefer.ingest.clean import clean_text

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SEEDS = HERE.parent / "seeds"
TODAY = dt.date(2026, 11, 24)  # fixed so year inference does not depend on the clock


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def read_seeds() -> list[RawDocument]:
    return [read_document(p, today=TODAY) for p in sorted(SEEDS.glob("*.txt"))]


def make_pdf(lines: list[str], *, title: str | None = None, created: str | None = None) -> bytes:
    """A minimal valid one-page PDF with the given text lines (Helvetica)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 14 TL 72 720 Td " + " ".join(f"({esc(ln)}) Tj T*" for ln in lines) + " ET"
    info = ""
    if title:
        info += f"/Title ({esc(title)}) "
    if created:
        info += f"/CreationDate (D:{created}) "
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        f"<< {info}>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


# -- formats ---------------------------------------------------------------------------


def test_reads_html_main_text_and_metadata() -> None:
    doc = read_document(FIXTURES / "article.html", today=TODAY)
    assert doc.kind == "html"
    assert doc.title == "Biden and Xi meet in Lima on APEC sidelines"
    assert doc.outlet == "Pacific Wire"
    assert doc.date == "2024-11-16"
    assert doc.date_method == "metadata (article:published_time)"
    assert "decisions on the use of nuclear weapons should remain under human control" in doc.text
    for junk in ("do not read me", "color: red", "Home", "World"):
        assert junk not in doc.text
    body = clean_text(doc.text, doc.title)
    assert "Advertisement" not in body and doc.title not in body
    assert body.count("\n\n") == 3  # four article paragraphs


def test_html_without_metadata_uses_text_clues(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        "<html><body><article><h1>Leaders meet in Lima</h1>"
        "<p>LIMA (Reuters) - The two presidents met on Saturday for nearly two hours, officials said.</p>"
        "<p>They agreed to keep military channels open and to meet again next year.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    doc = read_document(page, today=TODAY)
    assert doc.title == "Leaders meet in Lima"
    assert doc.outlet == "Reuters"
    assert doc.date is None and doc.date_method == "not found"


def test_reads_markdown_front_matter_and_strips_syntax() -> None:
    doc = read_document(FIXTURES / "notes.md", today=TODAY)
    assert doc.kind == "md"
    assert doc.title == "Lima summit: what to watch"
    assert doc.outlet == "Briefing Desk Weekly"
    assert (doc.date, doc.date_method) == ("2024-11-15", "metadata (front matter date)")
    assert "President Biden will meet Xi Jinping in Lima on Saturday, officials said." in doc.text
    assert "Export controls on advanced chips remain a sore point." in doc.text
    assert '"We expect a candid conversation," a senior official said.' in doc.text
    for syntax in ("**", "](", "# ", "---", "![", "`", "https://"):
        assert syntax not in doc.text, syntax


def test_reads_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = "Biden and Xi meet in Lima"
    d.core_properties.created = dt.datetime(2024, 11, 17, 9, 0)
    d.add_paragraph("Advertisement")
    d.add_paragraph("The two leaders met on Saturday on the sidelines of the APEC summit.")
    d.add_paragraph("They agreed that humans, not AI, should control nuclear weapons.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Venue"
    table.rows[0].cells[1].text = "Lima"
    path = tmp_path / "brief.docx"
    d.save(str(path))

    doc = read_document(path, today=TODAY)
    assert doc.kind == "docx"
    assert doc.title == "Biden and Xi meet in Lima"
    assert (doc.date, doc.date_method) == ("2024-11-17", "document metadata (created)")
    assert "They agreed that humans, not AI, should control nuclear weapons." in doc.text
    assert "Venue | Lima" in doc.text
    assert doc.words > 20


def test_docx_dateline_beats_file_creation_date(tmp_path: Path) -> None:
    import docx

    d = docx.Document()  # python-docx's template carries a fake 2013 creation date
    d.add_paragraph("Published: Nov. 13, 2024")
    d.add_paragraph("The White House said the leaders would meet in Lima on Saturday.")
    path = tmp_path / "saved.docx"
    d.save(str(path))
    doc = read_document(path, today=TODAY)
    assert (doc.date, doc.date_method) == ("2024-11-13", "dateline 'Published: Nov. 13, 2024'")


def test_reads_pdf(tmp_path: Path) -> None:
    path = tmp_path / "article.pdf"
    path.write_bytes(
        make_pdf(
            [
                "The two leaders met in Lima on Saturday on the sidelines of",
                "the Asia-Pacific Economic Cooperation summit, officials said.",
            ],
            title="Biden and Xi meet in Lima",
            created="20241116120000Z",
        )
    )
    doc = read_document(path, today=TODAY)
    assert doc.kind == "pdf"
    assert doc.title == "Biden and Xi meet in Lima"
    assert (doc.date, doc.date_method) == ("2024-11-16", "document metadata (PDF creation date)")
    assert clean_text(doc.text, doc.title) == (
        "The two leaders met in Lima on Saturday on the sidelines of "
        "the Asia-Pacific Economic Cooperation summit, officials said."
    )


def test_pdf_without_text_layer_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    with pytest.raises(InputError, match="no readable text"):
        read_document(path)


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    txt = tmp_path / "article.article"
    txt.write_text("Leaders meet in Lima\n\nThe talks lasted two hours, officials said.", encoding="utf-8")
    assert read_document(txt).kind == "txt"
    page = tmp_path / "saved_page"
    page.write_bytes((FIXTURES / "article.html").read_bytes())
    assert read_document(page).outlet == "Pacific Wire"


# -- rejected inputs -------------------------------------------------------------------


def reason(path: Path, **kw: int) -> str:
    with pytest.raises(InputError) as e:
        read_document(path, **kw)
    assert e.value.path == str(path)
    assert str(e.value) == f"{path}: {e.value.reason}"
    return e.value.reason


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    assert reason(tmp_path / "nope.txt") == "no such file"


def test_directory_is_rejected(tmp_path: Path) -> None:
    assert reason(tmp_path) == "is a folder, not a file"


def test_empty_file_is_rejected_with_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert reason(empty) == "empty file"
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t \n", encoding="utf-8")
    assert reason(blank) == "empty file"
    dashes = tmp_path / "dashes.md"
    dashes.write_text("---\n\n***\n", encoding="utf-8")
    assert reason(dashes) == "no readable text"


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert reason(png) == "binary file, not a text document"
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(1, 32)) * 50)  # control characters, no NULs
    assert reason(blob) == "binary file, not a text document"


def test_oversized_file_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 300, encoding="utf-8")  # 1500 bytes
    assert reason(big, max_bytes=1000) == "file is 1.5 KB; the limit is 1000 bytes"
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(int(25.3 * 1024 * 1024))  # sparse: never read, only measured
    assert reason(huge) == "file is 25.3 MB; the limit is 20 MB"


def test_corrupt_docx_is_rejected(tmp_path: Path) -> None:
    fake = tmp_path / "report.docx"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert reason(fake) == "not a valid .docx file (corrupt or not Word)"
    text = tmp_path / "renamed.docx"
    text.write_text("just some text", encoding="utf-8")
    assert reason(text) == "not a valid .docx file (corrupt or not Word)"


def test_corrupt_pdf_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    assert reason(bad) == "not a valid .pdf file (corrupt or not a PDF)"


# -- encodings -------------------------------------------------------------------------


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Biden’s talks with Xi — “candid”, officials said. Café.".encode("cp1252"))
    doc = read_document(path)
    assert doc.text == "Biden’s talks with Xi — “candid”, officials said. Café."
    assert any("cp1252" in n for n in doc.notes)


def test_utf8_and_utf16_boms(tmp_path: Path) -> None:
    text = "Xi’s visit to Lima, officials said."
    a = tmp_path / "bom8.txt"
    a.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    assert read_document(a).text == text
    b = tmp_path / "bom16.txt"
    b.write_bytes(text.encode("utf-16"))  # with BOM
    doc = read_document(b)
    assert doc.text == text and any("UTF-16" in n for n in doc.notes)


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "mangled.txt"
    path.write_text("Bidenâ€™s meeting with Xi was â€œcandidâ€\x9d, officials said.", encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "Biden’s meeting with Xi was “candid”, officials said."
    assert doc.notes


# -- pasted text -----------------------------------------------------------------------


def test_read_pasted() -> None:
    doc = read_pasted("Leaders meet in Lima\n\nWASHINGTON (AP) — The two leaders meet in Lima on Saturday.")
    assert (doc.path, doc.name, doc.kind) == (None, "Pasted text", "paste")
    assert doc.title == "Leaders meet in Lima"
    assert doc.outlet == "AP"
    with pytest.raises(InputError, match="no readable text"):
        read_pasted("   \n ")


# -- title / outlet / date on the seeds ------------------------------------------------

# Read alone (no other sources): what each seed says about itself.
EXPECTED = {
    "000": ("Biden-Xi farewell talks set for Lima on Nov. 16 with Trump in the wings", "Kyodo", "2024-11-13", "relative 'saying Wednesday'"),
    "001": ("Biden and Xi to meet in Peru on Nov 16, to discuss bilateral relations", "NewsDrum", "2024-11-13", "relative 'said Wednesday'"),
    "002": ("US, China Agree to Work on Biden, Xi November Meeting", "Bloomberg", "2024-02-24", "page header 'Saturday, February 24' (year inferred"),
    "003": ("US and Chinese leaders to meet during APEC summit in Peru", None, "2024-11-13", "relative 'Wednesday (November 13)'"),
    "004": (None, "AP", "2024-11-16", "dateline 'date 2024-11-16'"),
}  # fmt: skip


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_title_outlet_and_date(prefix: str) -> None:
    title, outlet, date, method = EXPECTED[prefix]
    doc = read_document(seed_path(prefix), today=TODAY)
    assert doc.title == title
    assert doc.outlet == outlet
    assert doc.date == date
    assert doc.date_method.startswith(method), doc.date_method
    assert doc.words > 400


def test_title_repeated_twice_at_top_is_read_once() -> None:
    doc = read_document(seed_path("000"), today=TODAY)
    assert doc.text.count(doc.title or "?") == 2
    assert doc.title not in clean_text(doc.text, doc.title)


def test_event_date_in_body_is_not_the_publication_date() -> None:
    # seed 001: "scheduled to meet on November 16", but "the White House said Wednesday"
    doc = read_document(seed_path("001"), today=TODAY)
    assert doc.date == "2024-11-13"
    assert "Nov 16" in doc.date_method


def test_untitled_document_has_a_display_title() -> None:
    doc = read_document(seed_path("004"), today=TODAY)
    assert doc.title is None
    assert doc.display_title.startswith("President Joe Biden is expected to use his final meeting")
    assert "date 2024" not in doc.display_title


def test_relative_date_resolved_against_other_sources() -> None:
    docs = resolve_dates(read_seeds(), today=TODAY)
    by = {d.name[:3]: d for d in docs}
    assert by["003"].date == "2024-11-13"
    assert by["003"].date_method == "relative 'Wednesday (November 13)' resolved against 2024-11-16 (source 5)"
    assert by["000"].date == by["001"].date == "2024-11-13"
    assert "resolved against 2024-11-16 (source 5)" in by["001"].date_method
    # the page header is reported as found, not dropped: staleness is for analyse to judge
    assert by["002"].date == "2024-02-24"
    assert by["002"].date_method.startswith("page header 'Saturday, February 24'")
    assert by["004"].date_method == "dateline 'date 2024-11-16'"


def test_resolve_dates_uses_reference_year_not_the_clock() -> None:
    # Read in 2031: alone, "Wednesday (November 13)" would be 2030; the set says 2024.
    later = dt.date(2031, 1, 10)
    ref = read_pasted("date 2024-11-16 Biden met Xi in Lima.", name="ref", today=later)
    rel = read_pasted("Outlets reported on Wednesday (November 13) that Biden will meet Xi.", name="rel", today=later)
    assert rel.date == "2030-11-13"
    rel, _ = resolve_dates([rel, ref], today=later)
    assert rel.date == "2024-11-13"
    assert rel.date_method.endswith("resolved against 2024-11-16 (source 2)")


def test_year_less_header_waits_for_a_reference() -> None:
    doc = read_pasted("November 13\n\nThe leaders will meet on Saturday, officials said.", today=TODAY)
    assert doc.date is None
    assert "year unknown" in doc.date_method
    ref = read_pasted("Published: 16 November 2024\n\nBiden met Xi.", today=TODAY)
    doc, _ = resolve_dates([doc, ref], today=TODAY)
    assert doc.date == "2024-11-13"
    assert "year taken from 2024-11-16 (source 2)" in doc.date_method


def test_resolve_dates_without_reference_changes_nothing() -> None:
    docs = [read_document(seed_path(p), today=TODAY) for p in ("000", "003")]
    assert resolve_dates(docs, today=TODAY) == docs


def test_outlet_is_never_invented() -> None:
    doc = read_pasted("Leaders meet\n\nAccording to NPR, the talks went well, officials said.", today=TODAY)
    assert doc.outlet is None
    assert read_pasted("Talks end\n\nThe talks ended.\n\nWith inputs from agencies").outlet is None


# -- the readers registry ----------------------------------------------------------------


def test_every_format_is_one_registered_reader() -> None:
    from briefer.ingest import all_readers, file_dialog_filter, supported_suffixes

    kinds = {r.kind: r.suffixes for r in all_readers()}
    assert set(kinds) == {"txt", "md", "html", "docx", "pdf"}
    assert supported_suffixes() == tuple(sorted(s for ss in kinds.values() for s in ss))
    assert all(f"*{s}" in file_dialog_filter() for s in supported_suffixes())
    assert all_readers()[-1].kind == "txt"  # the reader of last resort sniffs last


def test_a_new_format_is_a_one_file_addition(tmp_path: Path, monkeypatch) -> None:
    """A module in the readers package that defines READER is picked up everywhere."""
    import briefer.ingest.readers as package
    from briefer.ingest import expand_inputs, registry, supported_suffixes

    plugin = tmp_path / "plugins"
    plugin.mkdir()
    (plugin / "shouting.py").write_text(
        "from briefer.ingest.document import Extracted\n"
        "from briefer.ingest.registry import Reader\n"
        "READER = Reader(kind='shout', label='Shouted text', suffixes=('.shout',),\n"
        "                read=lambda data, path: Extracted(text=data.decode().lower()),\n"
        "                sniff=lambda head: head.startswith(b'!!'), priority=5)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(package, "__path__", [*package.__path__, str(plugin)])
    registry.all_readers.cache_clear()
    try:
        assert ".shout" in supported_suffixes()
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "a.shout").write_text("OFFICIALS SAID THE TALKS WOULD RESUME ON MONDAY.", encoding="utf-8")
        (folder / "b.unknown").write_text("!!THE LEADERS MET AGAIN ON TUESDAY, OFFICIALS SAID.", encoding="utf-8")
        (path,) = expand_inputs([folder]).files
        doc = read_document(path)
        assert (doc.kind, doc.text) == ("shout", "officials said the talks would resume on monday.")
        assert read_document(folder / "b.unknown").kind == "shout"  # recognised by sniffing
    finally:
        monkeypatch.undo()
        registry.all_readers.cache_clear()
    assert ".shout" not in supported_suffixes()


def test_expand_inputs_lists_articles_in_a_folder_and_reports_empty_ones(tmp_path: Path) -> None:
    from briefer.ingest import expand_inputs

    (tmp_path / "b.TXT").write_text("x", encoding="utf-8")
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    empty = tmp_path / "empty"
    empty.mkdir()
    got = expand_inputs([tmp_path, empty, tmp_path / "a.html", tmp_path / "missing.txt"])
    assert got.files == (tmp_path / "a.html", tmp_path / "b.TXT", tmp_path / "missing.txt")
    (problem,) = got.problems
    assert problem.path == str(empty) and problem.reason.startswith("folder holds no articles (.pdf, .docx")


# -- one cleaning, one word count, immutable output --------------------------------------


def test_each_article_is_cleaned_once_and_words_counted_once(monkeypatch, seed_paths) -> None:
    import dataclasses

    import briefer.ingest.read as read_module
    from briefer.ingest import load_sources
    from briefer.textutil import word_count

    calls: list[str] = []
    real = read_module.clean_text

    def counting(text: str, title: str | None = None, **kw: bool) -> str:
        calls.append(title or "")
        return real(text, title, **kw)

    monkeypatch.setattr(read_module, "clean_text", counting)
    sources, _ = load_sources(seed_paths)
    assert len(calls) == len(seed_paths)
    assert all(s.words == word_count(s.text) for s in sources)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sources[0].title = "changed"  # type: ignore[misc]
    doc = read_document(seed_paths[0], today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "changed"  # type: ignore[misc]
    assert doc.body == sources[0].text and doc.words == sources[0].words


def test_a_wire_dateline_without_a_year_takes_the_year_of_the_dated_sources() -> None:
    later = dt.date(2033, 1, 10)
    doc = read_pasted("Lindau, Aug 6: Prime Minister Piet Kalder is expected to travel to Veltria later this month.",
                      name="wire", today=later)
    ref = read_pasted("date 2031-08-20 Kalder will meet Maru in Lindau.", name="ref", today=later)
    doc, _ = resolve_dates([doc, ref], today=later)
    assert doc.date == "2031-08-06"
    assert doc.date_method.startswith("dateline 'Lindau, Aug 6'")


def test_a_date_stamp_followed_by_its_update_time_is_the_publication_date() -> None:
    doc = read_pasted("Leaders Prepare for First Meeting\n\nJuly 7, 2031 Updated: July 7, 2031\n\nKalder will meet "
                      "Maru on Friday.", today=TODAY)
    assert doc.date == "2031-07-07"


def test_a_weekday_clue_that_fits_only_a_year_far_from_the_set_leaves_the_source_undated() -> None:
    later = dt.date(2040, 1, 10)
    # November 13 is a Wednesday in 2030 and 2041, in no year near 2033.
    rel = read_pasted("Officials said on Wednesday (November 13) that Maru will meet Kalder.", name="rel", today=later)
    assert rel.date == "2030-11-13"  # alone, the latest year that fits
    ref = read_pasted("date 2033-05-16 Maru met Kalder in Lindau.", name="ref", today=later)
    rel, _ = resolve_dates([rel, ref], today=later)
    assert rel.date is None
    assert "no year near the dated sources" in rel.date_method


def test_a_page_stamp_its_own_dateline_contradicts_gives_way_to_the_dateline() -> None:
    # The stamp says March 2030; the story's dateline, on a line of its own, says 21 April.
    later = dt.date(2033, 1, 10)
    doc = read_pasted("date 2030-03-11 News Service\n\nLindau, April 21\n\nPrime Minister Piet Kalder arrived on "
                      "Thursday morning for talks with President Anna Maru.", name="wire", today=later)
    assert doc.date != "2030-03-11"
    ref = read_pasted("date 2031-04-19 Kalder will meet Maru in Lindau.", name="ref", today=later)
    doc, _ = resolve_dates([doc, ref], today=later)
    assert doc.date == "2031-04-21"
    assert "Lindau, April 21" in doc.date_method


def test_a_page_stamp_its_dateline_agrees_with_stands() -> None:
    doc = read_pasted("date 2031-04-21 News Service\n\nLindau, April 21\n\nPiet Kalder arrived for talks with "
                      "Anna Maru.", name="wire", today=TODAY)
    assert doc.date == "2031-04-21"

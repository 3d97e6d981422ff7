"""Issue 7, item 6: compressed containers are judged by what they unpack to, and no text,
however shaped, makes cleaning or reading super-linear.

Time bounds here are generous and only catch hangs; `bench/bench_ingest.py` prints the
real figures.
"""

from __future__ import annotations

import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hostile_inputs import docx_bytes, docx_zip_bomb, pdf_bytes, pdf_stream_bomb, text_content, write

from briefer.errors import InputError
from briefer.ingest import read_document
from briefer.ingest.clean import clean_text, is_boilerplate_line
from briefer.textutil import split_sentences

HANG = 10.0  # seconds: far above the real figures, low enough to catch a hang


def refused(path: Path) -> tuple[str, float]:
    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        read_document(path)
    return e.value.reason, time.perf_counter() - t0


def test_docx_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    data = docx_zip_bomb(300)  # 300 MB of paragraphs in about 1 MB
    assert len(data) < 2 * 1024 * 1024
    reason, seconds = refused(write(tmp_path / "memo.docx", data))
    assert reason.startswith("refused: word/document.xml unpacks to 300")
    assert "zip bomb" in reason
    assert seconds < HANG


def test_docx_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        with zipfile.ZipFile(BytesIO(docx_bytes(["A short memo."]))) as src:
            for info in src.infolist():
                z.writestr(info, src.read(info.filename))
        for i in range(2500):
            z.writestr(f"customXml/extra{i}.xml", "<a/>")
    reason, seconds = refused(write(tmp_path / "parts.docx", buf.getvalue()))
    assert reason.startswith("refused:") and "parts" in reason
    assert seconds < HANG


def test_ordinary_docx_is_still_read(tmp_path: Path) -> None:
    path = write(tmp_path / "memo.docx", docx_bytes(["Officials said the talks would resume on Monday."]))
    assert "talks would resume" in read_document(path).text


def test_pdf_stream_bomb_is_refused_quickly(tmp_path: Path) -> None:
    data = pdf_stream_bomb(300)  # one content stream inflating to 300 MB
    assert len(data) < 2 * 1024 * 1024
    reason, seconds = refused(write(tmp_path / "report.pdf", data))
    assert reason.startswith("refused: a compressed stream in the PDF unpacks to over")
    assert seconds < HANG


def test_pdf_page_count_is_capped(tmp_path: Path, monkeypatch) -> None:
    import briefer.ingest.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 3)
    path = write(tmp_path / "long.pdf", pdf_bytes(text_content(["Officials met again."]), pages=4))
    reason, _ = refused(path)
    assert reason == "refused: the PDF has 4 pages (the limit is 3)"


def test_pdf_text_is_capped(tmp_path: Path, monkeypatch) -> None:
    import briefer.ingest.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_TEXT_CHARS", 1000)
    line = "The delegations met again to discuss the same agenda once more, officials said."
    path = write(tmp_path / "wordy.pdf", pdf_bytes(text_content([line] * 20), compress=True, pages=2))
    reason, _ = refused(path)
    assert reason.startswith("refused: the PDF's text is over")


# -- linear time on hostile shapes --------------------------------------------------------

SHAPES = {
    # one unbroken line, as a bomb's single paragraph would be
    "one long line": "The delegations met again to discuss the same agenda. " * 40_000,
    # hard-wrapped lines with no blank line: one 2 MB paragraph to re-flow
    "hard-wrapped": "the delegations met again to discuss the same agenda once\n" * 40_000,
    # initials that never end a sentence: the sentence splitter must not rescan
    "initials": "A. B. C. " * 250_000,
    # punctuation-only and share-button lines: the boilerplate patterns
    "furniture lines": "Share | Tweet | Email\n• • •\nAdvertisement 3\n" * 60_000,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_cleaning_hostile_shapes_does_not_hang(shape: str) -> None:
    text = SHAPES[shape]
    assert len(text) >= 2_000_000
    t0 = time.perf_counter()
    clean_text(text)
    split_sentences(text)
    is_boilerplate_line(text)
    assert time.perf_counter() - t0 < HANG


@pytest.mark.parametrize("unit", ["**a ", "*a ", "_a ", "[a", "[a](", "<a", "<http://a", "~~a "])
def test_markdown_with_unclosed_markers_does_not_hang(tmp_path: Path, unit: str) -> None:
    """Each of these took minutes per 200 KB line before (a lazy scan to the line's end
    from every opening marker)."""
    path = write(tmp_path / "notes.md", "Officials met. " + unit * (1_000_000 // len(unit)))
    t0 = time.perf_counter()
    read_document(path)
    assert time.perf_counter() - t0 < HANG

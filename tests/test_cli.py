"""The command line: one clear line and exit code 2 for every kind of bad input."""

from __future__ import annotations

import json
import zipfile

import pytest

from briefer.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"\x00\x01\x02\xff" * 400), "binary"),
    ],
    ids=["missing", "empty", "binary"],
)
def test_bad_input_gives_one_line_and_exit_code_2(tmp_path, capsys, make, reason):
    path = tmp_path / "article.txt"
    make(path)
    code, _out, err = _run(capsys, "draft", str(path), "-o", str(tmp_path / "b.docx"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "b.docx").exists()


def test_corrupt_docx_and_pdf_are_named_with_the_reason(tmp_path, capsys):
    docx = tmp_path / "memo.docx"
    docx.write_bytes(b"PK\x03\x04 this is not really a zip")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n garbage garbage")
    code, _, err = _run(capsys, "draft", str(docx), str(pdf))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "memo.docx" in lines[0] and ".docx" in lines[0]
    assert "report.pdf" in lines[1] and "pdf" in lines[1].lower()


def test_oversized_file_is_rejected(tmp_path, capsys):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: no real disk use
    code, _, err = _run(capsys, "draft", str(big))
    assert code == 2
    assert "huge.txt" in err and "limit" in err


def test_unwritable_output_folder_is_reported_before_any_work(tmp_path, capsys, seed_paths):
    code, _, err = _run(capsys, "draft", str(seed_paths[0]), "-o", str(tmp_path / "missing" / "b.docx"))
    assert code == 2
    assert "does not exist" in err


def test_sources_table_lists_title_outlet_date_method_and_flags(capsys, seed_paths):
    code, out, _ = _run(capsys, "sources", str(seed_paths[0].parent))
    assert code == 0
    assert "Bloomberg" in out and "2024-11-13" in out
    assert "stale" in out
    assert "relative" in out  # how the date was found
    assert "Lima, Peru" in out


def test_models_lists_installed_generator_and_embedder(capsys):
    code, out, _ = _run(capsys, "models")
    assert code == 0
    assert "generator" in out and "embedder" in out
    assert "installed" in out


def test_mixed_good_and_bad_files_still_produce_the_brief(tmp_path, capsys, seed_paths, generator, embedder):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    out_json = tmp_path / "b.json"
    out_docx = tmp_path / "b.docx"
    code, _out, err = _run(
        capsys, "draft", *map(str, seed_paths), str(bad), "-o", str(out_docx), "--json", str(out_json), "-q"
    )
    assert code == 0, err
    assert "broken.docx" in err and "warning" in err
    brief = json.loads(out_json.read_text())
    assert any("broken.docx" in w["message"] for w in brief["warnings"])
    assert len([s for s in brief["sources"] if not s["problem"]]) == 5
    with zipfile.ZipFile(out_docx) as z:
        assert "word/document.xml" in z.namelist()


def test_draft_reads_an_article_from_stdin(tmp_path, capsys, monkeypatch, seed_paths, embedder):
    import io
    import sys

    text = seed_paths[1].read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    out = tmp_path / "b.json"
    code, _, err = _run(capsys, "draft", "-", "--extractive", "--json", str(out), "-q")
    assert code == 0, err
    brief = json.loads(out.read_text())
    assert [s["title"] for s in brief["sources"]] == ["Biden and Xi to meet in Peru on Nov 16, to discuss bilateral relations"]
    assert all(st["citations"] == [1] for sec in brief["sections"] for st in sec["statements"])

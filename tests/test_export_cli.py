"""`briefer draft` outputs: --pdf beside -o/--markdown/--json, checked first, all written.

The draft itself is replaced by a hand-built brief (the pipeline has its own tests), so
these run in a second and exercise only what the CLI does with the outputs.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sample_brief import make_office_brief
from test_export_safety import _hostile_brief

from briefer.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def drafted(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Stub the model and the draft; `state["brief"]` is what the draft returns."""
    import briefer.models
    import briefer.pipeline

    state: dict = {"brief": make_office_brief(), "during": None}

    def fake_draft(sources, **kwargs):
        if state["during"]:
            state["during"]()
        return state["brief"]

    monkeypatch.setattr(briefer.pipeline, "draft_brief", fake_draft)
    monkeypatch.setattr(briefer.models, "load_embedder", lambda *a, **k: None)
    monkeypatch.setattr(briefer.models, "load_generator", lambda *a, **k: None)
    return state


def test_draft_writes_docx_pdf_markdown_and_json(tmp_path: Path, capsys, seed_paths, drafted) -> None:
    outs = {s: tmp_path / f"b.{s}" for s in ("docx", "pdf", "md", "json")}
    code, out, err = _run(
        capsys, "draft", str(seed_paths[0]), "--extractive", "-q",
        "-o", str(outs["docx"]), "--pdf", str(outs["pdf"]), "--markdown", str(outs["md"]), "--json", str(outs["json"]),
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [f"wrote {outs[s]}" for s in ("docx", "pdf", "md", "json")]
    assert zipfile.is_zipfile(outs["docx"])
    assert outs["pdf"].read_bytes().startswith(b"%PDF-")
    assert outs["md"].read_text(encoding="utf-8").startswith("**UNCLASSIFIED")
    assert json.loads(outs["json"].read_text(encoding="utf-8"))["title"] == drafted["brief"].title


def test_output_suffix_picks_the_format(tmp_path: Path, capsys, seed_paths, drafted) -> None:
    code, _, err = _run(capsys, "draft", str(seed_paths[0]), "-q", "-o", str(tmp_path / "memo.pdf"))
    assert code == 0, err
    assert (tmp_path / "memo.pdf").read_bytes().startswith(b"%PDF-")
    code, _, err = _run(capsys, "draft", str(seed_paths[0]), "-q", "-o", str(tmp_path / "memo.out"))
    assert code == 0, err
    assert zipfile.is_zipfile(tmp_path / "memo.out")  # unknown suffix: Word, as before


def test_every_output_that_can_be_written_is_written(tmp_path: Path, capsys, seed_paths, drafted) -> None:
    pdf = tmp_path / "b.pdf"
    # The PDF's place turns into a folder while the draft runs (checked before, fails after).
    drafted["during"] = lambda: pdf.mkdir()
    docx_out, md_out = tmp_path / "b.docx", tmp_path / "b.md"
    code, out, err = _run(
        capsys, "draft", str(seed_paths[0]), "-q", "-o", str(docx_out), "--pdf", str(pdf), "--markdown", str(md_out)
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [f"briefer: {pdf}: cannot write (it is a folder)"]
    assert "Traceback" not in err
    assert out.splitlines() == [f"wrote {docx_out}", f"wrote {md_out}"]
    assert zipfile.is_zipfile(docx_out) and md_out.exists()


def test_control_characters_in_the_brief_still_write_every_output(tmp_path: Path, capsys, seed_paths, drafted) -> None:
    drafted["brief"] = _hostile_brief()
    outs = [tmp_path / f"h.{s}" for s in ("docx", "pdf", "md", "json")]
    code, _out, err = _run(
        capsys, "draft", str(seed_paths[0]), "-q",
        "-o", str(outs[0]), "--pdf", str(outs[1]), "--markdown", str(outs[2]), "--json", str(outs[3]),
    )  # fmt: skip
    assert code == 0, err
    assert all(p.stat().st_size > 0 for p in outs)


@pytest.mark.parametrize(
    ("make_target", "reason"),
    [
        (lambda tmp: tmp / "missing" / "b.pdf", "does not exist"),
        (lambda tmp: (tmp / "dir.pdf").mkdir() or tmp / "dir.pdf", "it is a folder"),
        (lambda tmp: Path("/proc/briefer-test.pdf"), "cannot write in /proc"),
    ],
    ids=["missing-folder", "folder", "unwritable-folder"],
)
def test_unwritable_output_is_reported_before_reading_any_article(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, seed_paths, make_target, reason
) -> None:
    import briefer.pipeline

    def must_not_run(*a, **k):
        raise AssertionError("sources were read before the outputs were checked")

    monkeypatch.setattr(briefer.pipeline, "load_sources", must_not_run)
    target = make_target(tmp_path)
    code, out, err = _run(capsys, "draft", str(seed_paths[0]), "-o", str(tmp_path / "ok.docx"), "--pdf", str(target))
    assert code == 2
    assert err.strip().splitlines() == [f"briefer: {target}: {err.split(': ', 2)[2].strip()}"]
    assert reason in err and str(target) in err
    assert out == "" and not (tmp_path / "ok.docx").exists()


def test_the_same_file_for_two_outputs_is_refused(tmp_path: Path, capsys, seed_paths, drafted) -> None:
    same = tmp_path / "b.docx"
    code, _, err = _run(capsys, "draft", str(seed_paths[0]), "-o", str(same), "--pdf", str(same))
    assert code == 2
    assert "given for two outputs" in err and not same.exists()

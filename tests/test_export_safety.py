"""Safe, lossless writes and hostile text: every export format, every way it can go wrong."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sample_brief import make_office_brief

from briefer.brief import Brief, EventInfo, Section, Source, Statement, load_brief
from briefer.errors import BrieferError
from briefer.export import export, formats
from briefer.fsutil import atomic_write_bytes, check_writable

SUFFIXES = [f.suffix for f in formats()]


@pytest.fixture
def brief() -> Brief:
    return make_office_brief()


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_export_over_read_only_permissions_keeps_mode(tmp_path: Path, brief: Brief, suffix: str) -> None:
    target = tmp_path / f"brief{suffix}"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    export(brief, target)
    assert _mode(target) == 0o600
    assert target.read_bytes() != b"old"
    os.chmod(target, 0o640)
    export(brief, target)
    assert _mode(target) == 0o640


def test_new_export_gets_the_usual_mode(tmp_path: Path, brief: Brief) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    assert _mode(export(brief, tmp_path / "new.docx")) == 0o666 & ~mask


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_export_onto_a_symlink_writes_its_target(tmp_path: Path, brief: Brief, suffix: str) -> None:
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / f"memo{suffix}"
    real.write_bytes(b"old")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real)
    export(brief, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"old" and link.read_bytes() == real.read_bytes()
    # No temp file left next to the link or the target.
    assert sorted(p.name for p in real_dir.iterdir()) == [real.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([link.name, "shared"])


def test_export_onto_a_dangling_symlink_creates_its_target(tmp_path: Path, brief: Brief) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "made.md")
    export(brief, link)
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8").startswith("**UNCLASSIFIED")


def test_disk_full_leaves_the_old_file_intact(tmp_path: Path, brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous version")
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, f) -> None:
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.f.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("briefer.fsutil.os.fdopen", lambda fd, mode: FullFile(real_fdopen(fd, mode)))
    with pytest.raises(BrieferError, match=r"brief\.pdf: cannot write \(No space left on device\)"):
        export(brief, target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_failed_rename_leaves_the_old_file_intact(tmp_path: Path, brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.docx"
    target.write_bytes(b"previous version")

    def failing_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("briefer.fsutil.os.replace", failing_replace)
    with pytest.raises(BrieferError, match="Permission denied") as info:
        export(brief, target)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_export_to_unwritable_places_raises_one_clear_line(tmp_path: Path, brief: Brief) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    (tmp_path / "a-folder.docx").mkdir()
    cases = {
        blocker / "brief.docx": "does not exist",
        tmp_path / "missing" / "brief.docx": "does not exist",
        tmp_path / "a-folder.docx": "it is a folder",
    }
    for bad, reason in cases.items():
        with pytest.raises(BrieferError, match=reason) as info:
            export(brief, bad)
        assert str(info.value).startswith(f"{bad}: cannot write") and "\n" not in str(info.value)


def test_check_writable_answers_before_any_work(tmp_path: Path) -> None:
    check_writable(tmp_path / "new.pdf")  # a writable folder: no error, nothing left behind
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "dir.docx").mkdir()
    with pytest.raises(BrieferError, match=r"dir\.docx: cannot write \(it is a folder\)"):
        check_writable(tmp_path / "dir.docx")
    with pytest.raises(BrieferError, match="does not exist"):
        check_writable(tmp_path / "nope" / "b.md")
    # A folder that refuses new files, even to root (the kernel's own file system).
    with pytest.raises(BrieferError, match=r"b\.docx: cannot write in /proc"):
        check_writable(Path("/proc/b.docx"))


def _hostile_brief() -> Brief:
    bad = "Bell\x07 null\x00 esc\x1b vt\x0b ff\x0c del\x7f c1\x85\x9b surrogate\ud800 nonchar\ufffe end"
    long = "Ministerial " * 40  # 480 characters
    return Brief(
        title=f"{bad} {long}",
        classification=f"SECRET\x01 // {long}",
        sections=[
            Section("a", f"Head\x02ing {bad}", [Statement(f"Claim {bad}.", [1], quote=True, note=bad)]),
            Section("b", "Empty"),
        ],
        sources=[Source(1, f"Title {bad}", text=f"Article {bad}", outlet=f"Out\x03let {bad}", date="2024-01-01")],
        event=EventInfo(who=[f"Leader\x04 {bad}"], where=long, when="2024-01-02", occasion=f"Summit\x05 {bad}"),
        author=f"Desk\x06 {bad}",
        addressee=f"Minister\x0e{long}",
        date="2024-01-01",
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_control_characters_never_break_an_export(tmp_path: Path, suffix: str) -> None:
    path = export(_hostile_brief(), tmp_path / f"hostile{suffix}")
    assert path.stat().st_size > 0
    if suffix == ".docx":
        document = docx.Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Claim Bell null esc vt ff del c1" in text and "surrogate nonchar end" in text
        props = document.core_properties
        for value in (props.title, props.subject, props.category, props.author):
            assert len(value) <= 255
        assert props.title.endswith("…")
    elif suffix == ".pdf":
        text = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
        assert "Claim Bell null esc vt ff del c1" in " ".join(text.split())
    elif suffix == ".md":
        assert "\x00" not in path.read_text(encoding="utf-8")
    else:
        assert load_brief(path).sections[0].statements[0].text.startswith("Claim Bell\x07")  # lossless


def test_long_header_values_are_shortened_in_core_properties(tmp_path: Path) -> None:
    b = _hostile_brief()
    with zipfile.ZipFile(export(b, tmp_path / "b.docx")) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "\x01" not in core and "Ministerial Ministerial" in core
    document = docx.Document(str(tmp_path / "b.docx"))
    assert len(document.core_properties.category) <= 255


def test_atomic_write_replaces_in_place_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_huge_statements_titles_and_warnings_still_lay_out_in_pdf(tmp_path: Path) -> None:
    from briefer.brief import BriefWarning

    prose = "Sentence with words and more words. " * 800  # several pages in one statement
    b = Brief(
        title="T" * 2000,
        sections=[
            Section("bluf", "Bottom line", [Statement(prose, [1])]),
            Section("a", "A", [Statement(prose + "Unbroken" * 400, [1], quote=True) for _ in range(2)]),
        ],
        sources=[Source(i, "x" * 3000, text="y", outlet="o" * 500, date="2024-01-01") for i in range(1, 40)],
        warnings=[BriefWarning("conflict", "w " * 2000) for _ in range(60)],
    )
    pages = PdfReader(str(export(b, tmp_path / "big.pdf"))).pages
    assert len(pages) > 10
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1].extract_text()

"""Safe export (issue 9, item 2): where it goes, never overwriting without asking, empty briefs, PDF."""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import answers, data_dir, sample_with_text, wait_job, window  # noqa: F401

from briefer.brief import save_brief


class Dialogs:
    """Stands in for the Save dialog: records where it started and answers with `reply`."""

    def __init__(self, monkeypatch) -> None:
        self.starts: list[str] = []
        self.reply: Path | None = None
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save)

    def save(self, parent, caption, start, filt, *args, **kwargs):
        self.starts.append(start)
        return (str(self.reply), filt) if self.reply else ("", "")


@pytest.fixture
def file_dialog(monkeypatch) -> Dialogs:
    return Dialogs(monkeypatch)


def test_first_export_starts_next_to_the_saved_brief(window, qtbot, tmp_path, file_dialog):
    folder = tmp_path / "briefs"
    folder.mkdir()
    save_brief(sample_with_text(), folder / "lima.brief")
    wait_job(qtbot, window.open_file(folder / "lima.brief", ask=False))
    file_dialog.reply = folder / "lima.docx"
    wait_job(qtbot, window.export_word())
    assert file_dialog.starts == [str(folder / "lima.docx")]
    assert (folder / "lima.docx").stat().st_size > 5000


def test_an_unsaved_brief_starts_in_the_last_export_folder_else_documents(window, qtbot, tmp_path, file_dialog, monkeypatch):
    from briefer.ui import backend, exporting

    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(exporting, "documents_dir", lambda: docs)
    window.load_brief_object(sample_with_text())
    assert window.export_word() is None  # the dialog was cancelled: nothing written
    assert Path(file_dialog.starts[-1]).parent == docs
    backend.settings().setValue("export/last_dir", str(tmp_path))
    assert window.export_word() is None
    assert Path(file_dialog.starts[-1]) == tmp_path / "Biden-Xi-meeting-at-APEC-Lima.docx"
    assert not list(tmp_path.glob("*.docx"))


def test_an_existing_file_is_never_replaced_without_asking(window, qtbot, answers, tmp_path, file_dialog):
    window.load_brief_object(sample_with_text())
    target = tmp_path / "memo.docx"
    target.write_bytes(b"someone else's memo")
    file_dialog.reply = target
    answers.answer = QMessageBox.StandardButton.No
    assert window.export_word() is None
    assert target.read_bytes() == b"someone else's memo"
    assert answers.questions == [f"Replace the file?: memo.docx already exists in {tmp_path}.\nReplace it with this brief?"]
    answers.answer = QMessageBox.StandardButton.Yes
    wait_job(qtbot, window.export_word())
    assert target.read_bytes().startswith(b"PK")
    # That exact path is now this brief's: Ctrl+E writes it again without a dialog or a question.
    asked, started = len(answers.questions), len(file_dialog.starts)
    wait_job(qtbot, window.export_word())
    assert len(answers.questions) == asked and len(file_dialog.starts) == started


def test_a_new_brief_does_not_write_over_the_last_briefs_export(window, qtbot, answers, tmp_path, file_dialog):
    window.load_brief_object(sample_with_text())
    file_dialog.reply = tmp_path / "first.docx"
    wait_job(qtbot, window.export_word())
    first = (tmp_path / "first.docx").read_bytes()
    window.new_brief()
    window.load_brief_object(sample_with_text())  # another brief in the window
    file_dialog.reply = None
    assert window.export_word() is None  # Ctrl+E asks again: a new brief has no export path
    assert (tmp_path / "first.docx").read_bytes() == first


def test_exporting_an_empty_brief_warns_first(window, qtbot, answers, tmp_path, file_dialog):
    answers.answer = QMessageBox.StandardButton.No
    assert window.export_word() is None
    assert answers.questions and answers.questions[0].startswith("Export an empty brief?")
    assert file_dialog.starts == []
    answers.answer = QMessageBox.StandardButton.Yes
    file_dialog.reply = tmp_path / "empty.docx"
    wait_job(qtbot, window.export_word())
    assert (tmp_path / "empty.docx").exists()


def test_export_to_pdf_writes_a_pdf_in_the_background(window, qtbot, answers, file_dialog, tmp_path):
    window.load_brief_object(sample_with_text())
    file_dialog.reply = tmp_path / "memo"  # the suffix is added
    wait_job(qtbot, window.export_pdf())
    out = tmp_path / "memo.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert answers.warnings == []


def test_markdown_export_and_the_status_links(window, qtbot, tmp_path, file_dialog):
    window.load_brief_object(sample_with_text())
    file_dialog.reply = tmp_path / "brief"  # the suffix is added
    wait_job(qtbot, window.export_markdown())
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("**UNCLASSIFIED")
    assert "<a href='open'>Open</a>" in window.status_text and "<a href='folder'>Show folder</a>" in window.status_text
    assert window.exports.last_export == tmp_path / "brief.md"


def test_export_menu_offers_word_pdf_and_markdown(window):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert {"Export to Word…", "Export to PDF…", "Export to Markdown…"} <= set(texts)

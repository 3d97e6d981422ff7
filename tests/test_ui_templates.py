"""Templates in the window (issue 9, item 4): picker, new brief from template, variables, errors."""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import answers, data_dir, make_window, sample_with_text, wait_job, window  # noqa: F401

from briefer.brief import Source, load_brief


def _headings(w) -> list[str]:
    return [b.heading.text() for b in w.editor._boxes]


def _answer_details(monkeypatch, template: str | None, **values: str) -> None:
    """Make the next Brief details / New from template dialog return these answers."""
    from briefer.ui.templates import BriefDetailsDialog

    def exec_(dlg) -> int:
        if template is not None:
            dlg.template.setCurrentIndex(dlg.template.findData(template))
        for name, value in values.items():
            if name == "date":
                from PySide6.QtCore import QDate

                dlg.has_date.setChecked(bool(value))
                if value:
                    dlg.date.setDate(QDate.fromString(value, "yyyy-MM-dd"))
            elif name == "classification":
                dlg.classification.setCurrentText(value)
            else:
                getattr(dlg, name).setText(value)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(BriefDetailsDialog, "exec", exec_)


def test_the_picker_lists_the_shipped_templates_and_relays_an_empty_brief(window):
    box = window.template_box
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels == ["Leader-meeting brief", "Meeting brief"]
    assert box.currentData() == "leader-meeting"
    window.session.add_sources([Source(1, "A", "Leaders meet in Geneva on Monday.")])
    window.choose_template("meeting")
    assert _headings(window) == ["Bottom line up front", "Context", "Agenda", "Positions and asks", "Outlook"]
    assert window.session.template.name == "meeting" and window.current_brief().template == "meeting"
    assert [s.title for s in window.current_brief().sources] == ["A"]  # sources stay
    assert box.currentData() == "meeting"


def test_new_brief_from_template_sets_the_variables_shown_in_the_header(window, qtbot, monkeypatch, tmp_path):
    _answer_details(monkeypatch, "meeting", meeting="Ministers' meeting, Geneva", date="2031-03-04",
                    author="A. Analyst", addressee="The Minister", classification="OFFICIAL")
    assert window.new_from_template()
    b = window.current_brief()
    assert (b.title, b.date, b.author, b.addressee, b.classification) == (
        "Ministers' meeting, Geneva", "2031-03-04", "A. Analyst", "The Minister", "OFFICIAL"
    )
    assert _headings(window) == ["Bottom line up front", "Context", "Agenda", "Positions and asks", "Outlook"]
    assert window.editor.title.text() == "Ministers' meeting, Geneva"
    assert window.editor.classification.text() == "OFFICIAL"
    assert window.editor.meta.text() == "For: The Minister  ·  From: A. Analyst  ·  4 March 2031"
    assert not window.dirty
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "g.brief"), ""))
    assert window.save(wait=True)
    saved = load_brief(tmp_path / "g.brief")
    assert (saved.author, saved.addressee, saved.template) == ("A. Analyst", "The Minister", "meeting")


def test_brief_details_edit_the_header_of_the_current_brief(window, monkeypatch):
    window.load_brief_object(sample_with_text())
    _answer_details(monkeypatch, None, author="Desk officer", addressee="", date="")
    assert window.edit_details()
    b = window.current_brief()
    assert b.author == "Desk officer" and b.addressee == "" and b.date is None
    assert window.editor.meta.text().startswith("From: Desk officer  ·  Joe Biden and Xi Jinping")
    assert window.dirty
    assert b.title == "Biden–Xi meeting at APEC, Lima"  # the meeting field held the title


def test_choosing_another_template_for_a_written_brief_offers_a_new_brief(window, monkeypatch, answers):
    window.load_brief_object(sample_with_text())
    before = window.current_brief().to_dict()
    from briefer.ui.templates import BriefDetailsDialog

    monkeypatch.setattr(BriefDetailsDialog, "exec", lambda dlg: QDialog.DialogCode.Rejected.value)
    window.choose_template("meeting")
    assert window.current_brief().to_dict() == before  # declined: nothing changed
    assert window.template_box.currentData() == "leader-meeting"


def test_a_broken_template_is_one_clear_message(window, answers, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("[[section]]\nkey = 'a'\nheading = 'A'\nmax_statements = inf\n", encoding="utf-8")
    before = window.current_brief().to_dict()
    window.choose_template(str(bad))
    assert answers.warnings == [
        f"Template not loaded: {bad}: section 1 (a): max_statements: expected a whole number from 1 to 16, not inf"
    ]
    assert window.current_brief().to_dict() == before


def test_a_broken_template_in_the_settings_still_opens_the_window(qtbot, data_dir, answers, tmp_path):
    from briefer.ui import backend

    bad = tmp_path / "broken.toml"
    bad.write_text("[[section]]\nkey = 'a'\nheading = 'A'\ncues = 5\n", encoding="utf-8")
    p = backend.Preferences.load()
    p.template = str(bad)
    p.save()
    w = make_window(qtbot)
    assert "cues" in (w.last_error or "") and "broken.toml" in w.last_error
    assert _headings(w) == ["Bottom line up front", "Context", "Agenda", "US asks", "Outlook under Trump"]
    w.close()


def test_an_opened_brief_from_another_template_keeps_its_sections(window, qtbot, tmp_path):
    from briefer.brief import save_brief

    b = sample_with_text()
    b.template = "from-another-office"
    b.sections = b.sections[:2]
    save_brief(b, tmp_path / "other.brief")
    wait_job(qtbot, window.open_file(tmp_path / "other.brief", ask=False))
    assert _headings(window) == ["Context", "Agenda"]
    assert [s.key for s in window.session.template.sections] == ["context", "agenda"]
    assert window.template_box.currentText() == "from-another-office (from the brief)"

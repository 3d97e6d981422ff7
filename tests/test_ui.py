"""UI tests without the model: sources, editing, citations, export, autosave/restore.

They drive the real window offscreen and assert what the user would see.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import (  # noqa: F401 - answers, data_dir, window are fixtures
    SEEDS,
    anchor_point,
    answers,
    data_dir,
    dispose,
    make_window,
    sample_with_text,
    simulate_crash,
    wait_job,
    window,
)

from briefer.brief import STATUS_FLAGGED, STATUS_USER, STATUS_VERIFIED, load_brief


def _type_at_end_of_block(qtbot, editor, block_no: int, text: str) -> None:
    """Click into the block before its citations and type, as a user would."""
    block = editor.document().findBlockByNumber(block_no)
    c = QTextCursor(block)
    plain = block.text()
    cut = plain.rfind(" [") if "[" in plain else len(plain)
    c.setPosition(block.position() + cut)
    editor.setFocus()
    editor.setTextCursor(c)
    qtbot.keyClicks(editor, text)


# ------------------------------------------------------------------------------ tests
def test_window_opens_with_template_sections(window) -> None:
    assert window.width() >= 1200 and window.height() >= 750
    left, right = window.split.sizes()
    assert 0.2 < left / (left + right) < 0.4
    headings = [b.heading.text() for b in window.editor._boxes]
    assert headings == ["Bottom line up front", "Context", "Agenda", "US asks", "Outlook under Trump"]
    assert not window.generate_btn.isEnabled()  # nothing to draft from yet


def test_sources_show_titles_badges_and_reasons(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    html = [window.sources.list.item(i).data(Qt.ItemDataRole.DisplayRole + 100) for i in range(6)]
    assert "Biden-Xi farewell talks" in html[0] and "Kyodo News" in html[0] and "742 words" in html[0]
    assert "stale" in html[2] and "San Francisco" in html[2]
    assert "unreadable" in html[5] and "no text layer" in html[5]
    assert window.generate_btn.isEnabled()


def test_add_sources_from_folder_and_paste(window, qtbot) -> None:
    window.add_files([str(SEEDS)])
    qtbot.waitUntil(lambda: len(window.sources.sources()) == 5, timeout=30000)
    titles = window.sources.titles()
    assert any("Lima" in t for t in titles)
    assert [s.id for s in window.sources.sources()] == [1, 2, 3, 4, 5]
    assert all(s.words > 100 for s in window.sources.sources())
    window.add_pasted([("Desk note", "Biden and Xi will meet in Lima on Saturday. " * 20)])
    qtbot.waitUntil(lambda: len(window.sources.sources()) == 6, timeout=30000)
    assert window.sources.sources()[-1].id == 6
    assert window.dirty


def test_unreadable_file_gets_a_badge(window, qtbot, tmp_path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    window.add_files([str(bad)])
    qtbot.waitUntil(lambda: len(window.sources.sources()) == 1, timeout=30000)
    src = window.sources.sources()[0]
    assert src.problem
    html = window.sources.list.item(0).data(Qt.ItemDataRole.DisplayRole + 100)
    assert "unreadable" in html and src.problem.split()[0] in html


def test_remove_and_reorder_renumber_citations(window) -> None:
    window.load_brief_object(sample_with_text())
    # Move source 5 to the top: it becomes [1] and every citation follows it.
    window.sources.list.setCurrentRow(4)
    for _ in range(4):
        window.sources.move_selected(-1)
    ids_titles = [(s.id, s.title) for s in window.sources.sources()]
    assert ids_titles[0] == (1, "Biden to urge Xi to curb North Korea's support for Russia")
    us_asks = window.current_brief().section("us_asks").statements[0]
    assert us_asks.citations == [2, 1]  # was [1, 5]
    assert us_asks.status != STATUS_USER  # renumbering is not an edit
    # Remove the stale source (now [4]); its citations disappear.
    window.sources.list.setCurrentRow(3)
    window.sources.remove_selected()
    assert len(window.sources.sources()) == 5
    agenda = window.current_brief().section("agenda").statements
    assert all(4 not in st.citations or st.text for st in agenda)
    assert [s.id for s in window.sources.sources()] == [1, 2, 3, 4, 5]


def test_double_click_opens_cleaned_text(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    item = window.sources.list.item(1)
    rect = window.sources.list.visualItemRect(item)
    qtbot.mouseClick(window.sources.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.sources.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.sources.viewer.source_id == 2
    assert "Peru" in window.sources.viewer.toPlainText()


def test_statements_show_citations_and_status(window) -> None:
    window.load_brief_object(sample_with_text())
    ed = window.editor.section_editor("context")
    first = ed.document().findBlockByNumber(0).text()
    assert first.endswith("[1, 2, 4]")
    agenda = window.editor.section_editor("agenda")
    flagged = agenda.unchanged_statement(agenda.document().findBlockByNumber(2))
    assert flagged is not None and flagged.status == STATUS_FLAGGED
    # The highlighter paints the flagged block (amber), not the verified one.
    layout2 = agenda.document().findBlockByNumber(2).layout()
    layout0 = agenda.document().findBlockByNumber(0).layout()
    assert layout2.formats() and not layout0.formats()


def test_the_sources_own_words_read_as_a_quotation_until_edited(window, qtbot) -> None:
    import dataclasses

    brief = sample_with_text()
    agenda = brief.section("agenda")
    agenda.statements[0] = dataclasses.replace(agenda.statements[0], quote=True)  # a verified deletion bullet
    window.load_brief_object(brief)
    ed = window.editor.section_editor("agenda")
    formats = ed.document().findBlockByNumber(0).layout().formats()
    assert formats and all(f.format.fontItalic() for f in formats), "italic, as the DOCX and PDF quote it"
    assert not ed.document().findBlockByNumber(1).layout().formats()  # the author's words stay upright
    _type_at_end_of_block(qtbot, ed, 0, " (ours)")
    assert not ed.document().findBlockByNumber(0).layout().formats()  # edited: no longer the source's words


def test_citation_click_highlights_sentence(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    ed = window.editor.section_editor("context")
    window.editor.ensure_visible("context")
    qtbot.wait(20)  # let the layout settle before measuring the link
    pos = anchor_point(ed, "cite:1", 0)
    assert ed.anchorAt(pos) == "cite:1"
    with qtbot.waitSignal(ed.citation_clicked, timeout=2000) as sig:
        qtbot.mouseClick(ed.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert sig.args[0] == 1
    viewer = window.sources.viewer
    assert viewer.source_id == 1
    assert viewer.highlighted.startswith("U.S. President Joe Biden will hold a farewell meeting")
    sel = viewer.extraSelections()
    assert sel and "farewell meeting" in sel[0].cursor.selectedText()


def test_a_sentence_is_highlighted_only_if_it_is_there_and_a_cited_headline_counts(window) -> None:
    window.load_brief_object(sample_with_text())
    viewer = window.sources.viewer
    src = window.current_brief().sources[1]
    assert viewer.show_source(src, [src.title])  # a lead statement may rest on the headline
    assert viewer.extraSelections()[0].cursor.selectedText() == src.title
    assert not viewer.show_source(src, ["A sentence this article does not contain at all."])
    assert viewer.extraSelections() == [] and viewer.highlighted == ""


def test_a_cited_sentence_with_an_editors_insertion_or_cut_off_end_is_still_found(window) -> None:
    from dataclasses import replace

    from briefer.textutil import split_sentences

    window.load_brief_object(sample_with_text())
    viewer = window.sources.viewer
    src = window.current_brief().sources[1]
    sentence = next(s for s in split_sentences(src.text) if len(s.split()) >= 10 and s.endswith("."))
    head, rest = sentence.split(" ", 1)
    # "[Biden and Xi] will…" stands for the text's own first word ("They").
    assert viewer.show_source(src, [f"[Someone] {rest}"])
    assert viewer.extraSelections()[0].cursor.selectedText().startswith(head)
    # "…" where a page stopped mid-sentence.
    cut_words = sentence.split()[:6]
    cut = replace(src, text=src.text[: src.text.index(sentence)] + " ".join(cut_words) + " wh")
    assert viewer.show_source(cut, [" ".join(cut_words[:-1]) + "…"])
    assert viewer.extraSelections()[0].cursor.selectedText().startswith(head)


def test_edit_marks_statement_user_and_clears_flag(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    agenda = window.editor.section_editor("agenda")
    _type_at_end_of_block(qtbot, agenda, 2, " (to confirm)")
    sts = window.current_brief().section("agenda").statements
    assert sts[2].text.endswith("will be discussed. (to confirm)")
    assert sts[2].status == STATUS_USER and sts[2].citations == [3]
    assert sts[0].status == STATUS_VERIFIED  # untouched neighbours keep their status
    assert not agenda.document().findBlockByNumber(2).layout().formats()  # amber mark gone
    assert window.dirty
    # Undo brings the original (flagged) statement back.
    agenda.undo()
    assert window.current_brief().section("agenda").statements[2].status == STATUS_FLAGGED


def test_new_bullet_and_typed_citation_map_to_statement(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    ed = window.editor.section_editor("outlook")
    ed.setFocus()
    ed.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    qtbot.keyClicks(ed, "Tariffs of 60% are likely. [5]")
    sts = window.current_brief().section("outlook").statements
    assert sts[-1].text == "Tariffs of 60% are likely." and sts[-1].citations == [5]
    assert sts[-1].status == STATUS_USER
    assert len(sts) == 4


def test_bold_survives_mapping(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    ed = window.editor.section_editor("us_asks")
    c = QTextCursor(ed.document().findBlockByNumber(1))
    c.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    ed.setTextCursor(c)
    ed.setFocus()
    window.editor._last_editor = ed
    window.act_bold.trigger()
    st = window.current_brief().section("us_asks").statements[1]
    assert st.text.startswith("**Press** China")
    assert st.status == STATUS_USER


def test_accept_flagged_statement(window) -> None:
    window.load_brief_object(sample_with_text())
    outlook = window.editor.section_editor("outlook")
    assert outlook.accept_block(outlook.document().findBlockByNumber(2))
    st = window.current_brief().section("outlook").statements[2]
    assert st.status == STATUS_USER and st.text.startswith("Relations will improve")
    assert not outlook.document().findBlockByNumber(2).layout().formats()


def test_export_word_then_again_without_asking(window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    window.load_brief_object(sample_with_text())
    target = tmp_path / "out" / "brief.docx"
    target.parent.mkdir()
    asked = []

    def fake_save(*args, **kwargs):
        asked.append(1)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    wait_job(qtbot, window.export_word())
    assert target.exists() and target.stat().st_size > 5000
    assert "Open" in window.status_text and "Show folder" in window.status_text
    target.unlink()
    window.act_export.trigger()  # Ctrl+E: the place chosen for this brief, no dialog
    qtbot.waitUntil(target.exists, timeout=30000)
    assert len(asked) == 1


def test_unwritable_export_says_so_and_keeps_draft(window, qtbot, answers, tmp_path) -> None:
    window.load_brief_object(sample_with_text())
    window.session.remember_export("docx", tmp_path / "missing-folder" / "brief.docx")
    before = window.current_brief().to_dict()
    wait_job(qtbot, window.export_word())
    assert len(answers.warnings) == 1
    assert "cannot write" in answers.warnings[0] and "missing-folder" in answers.warnings[0]
    assert "draft is kept" in answers.warnings[0]
    assert window.current_brief().to_dict() == before
    assert "docx" not in window.session.export_paths  # next Ctrl+E asks for a place


def test_save_open_and_recent(window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    window.load_brief_object(sample_with_text(), dirty=True)
    target = tmp_path / "lima.brief"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save(wait=True)
    assert not window.dirty and window.path == target
    assert load_brief(target).section("agenda").statements[2].status == STATUS_FLAGGED
    window.new_brief()
    assert window.current_brief().section("agenda").statements == []
    wait_job(qtbot, window.open_file(target))
    assert window.current_brief().title == "Biden–Xi meeting at APEC, Lima"
    assert str(target.resolve()) == window.recent_files()[0]


def test_close_with_unsaved_changes_asks(qtbot, data_dir, answers) -> None:
    w = make_window(qtbot)
    w.load_brief_object(sample_with_text(), dirty=True)
    answers.answer = QMessageBox.StandardButton.Cancel
    assert not w.close()
    assert w.isVisible() and answers.questions
    answers.answer = QMessageBox.StandardButton.Discard
    assert w.close()


def test_autosave_and_restore_after_crash(qtbot, data_dir, answers) -> None:
    w1 = make_window(qtbot)
    w1.load_brief_object(sample_with_text())
    ed = w1.editor.section_editor("us_asks")
    _type_at_end_of_block(qtbot, ed, 0, " Also raise fentanyl.")
    assert w1.autosave.timer.isActive()  # an edit schedules an autosave
    qtbot.waitUntil(lambda: w1.autosave.brief_path.exists(), timeout=10000)
    expected = w1.current_brief()
    # "Crash": the window's process is gone without any cleanup (its lock is released by the OS).
    simulate_crash(w1)

    w2 = make_window(qtbot)
    answers.answer = QMessageBox.StandardButton.Yes
    wait_job(qtbot, w2.offer_restore())
    assert any("Restore" in q for q in answers.questions)
    got = w2.current_brief()
    assert got.section("us_asks").statements[0].text.endswith("Also raise fentanyl.")
    assert got.section("us_asks").statements[0].status == STATUS_USER
    assert got.sections == expected.sections
    assert [s.title for s in got.sources] == [s.title for s in expected.sources]
    assert w2.dirty
    dispose(w2)
    # A clean exit leaves nothing to restore.
    assert not list((data_dir / "autosave").glob("*.brief"))


def test_declining_restore_discards_autosave(qtbot, data_dir, answers) -> None:
    w1 = make_window(qtbot)
    w1.load_brief_object(sample_with_text(), dirty=True)
    wait_job(qtbot, w1.autosave.save_now())
    simulate_crash(w1)
    w2 = make_window(qtbot)
    answers.answer = QMessageBox.StandardButton.No
    wait_job(qtbot, w2.offer_restore())
    assert answers.questions
    assert not list((data_dir / "autosave").glob("*.brief"))
    dispose(w2)


def test_settings_persist(window, data_dir) -> None:
    from briefer.ui.backend import Preferences
    from briefer.ui.settings import SettingsDialog

    dlg = SettingsDialog(window.prefs, window)
    dlg.length.setCurrentIndex(dlg.length.findData("short"))
    dlg.threads.setValue(1)
    p = dlg.result_preferences()
    p.save()
    again = Preferences.load()
    assert again.length == "short" and again.threads == 1
    assert (data_dir / "settings.ini").exists()


def test_about_lists_the_licences_of_briefer_its_parts_and_every_model() -> None:
    import html as html_lib
    import re

    from briefer import models
    from briefer.ui.about import about_text

    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", about_text()))
    assert re.search(r"Licence:\s+Proprietary", text)  # as pyproject declares it
    for part, licence in [("PySide6", "LGPL-3.0"), ("llama.cpp", "MIT"), ("llama-cpp-python", "MIT"),
                          ("ReportLab", "BSD"), ("Noto Sans", "OFL-1.1"), ("pyspellchecker", "MIT"),
                          ("English spelling word list", "MIT")]:
        assert re.search(rf"{re.escape(part)}[^\n]*?\s+{re.escape(licence)}", text), part
    infos = models.available()
    assert infos
    for info in infos:
        assert re.search(rf"{re.escape(info.name)}\s+{info.kind}\s+{re.escape(info.licence)}\s+{re.escape(info.upstream)}",
                         text), info.name


def test_main_opens_window_with_sources(qtbot, data_dir, answers) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefer.ui.app import main
    from briefer.ui.mainwindow import MainWindow

    seen: dict = {"titles": None, "polls": 0}

    def poll() -> None:
        seen["polls"] += 1
        wins = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if wins and len(wins[-1].sources.sources()) == 5:
            seen["titles"] = wins[-1].sources.titles()
            wins[-1].session.mark_saved("unused.brief", wins[-1].session.revision)
            wins[-1].close()
            QApplication.instance().exit(0)
        elif seen["polls"] > 300:
            QApplication.instance().exit(1)
        else:
            QTimer.singleShot(100, poll)

    QTimer.singleShot(0, poll)
    # Closing the last window would post a stray quit that ends later tests' event loops.
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    try:
        assert main([str(SEEDS), "--no-model", "--no-restore"]) == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert seen["titles"] and len(seen["titles"]) == 5


def test_drop_files_on_the_list_adds_them(window, qtbot) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sorted(SEEDS.glob("*.txt"))[:2]])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.sources.list.dropEvent(ev)
    qtbot.waitUntil(lambda: len(window.sources.sources()) == 2, timeout=30000)
    assert all(s.usable for s in window.sources.sources())


def test_dragging_a_source_renumbers_through_the_session(window, qtbot) -> None:
    from PySide6.QtCore import QModelIndex

    window.load_brief_object(sample_with_text())
    model = window.sources.list.model()
    assert model.moveRow(QModelIndex(), 4, QModelIndex(), 0)  # what a drag to the top does
    qtbot.waitUntil(lambda: window.current_brief().sources[0].title.startswith("Biden to urge Xi"), timeout=2000)
    assert [s.id for s in window.current_brief().sources] == [1, 2, 3, 4, 5, 6]
    assert window.current_brief().section("us_asks").statements[0].citations == [2, 1]
    assert [s.id for s in window.sources.sources()] == [1, 2, 3, 4, 5, 6]
    assert window.editor.section_editor("us_asks").document().findBlockByNumber(0).text().endswith("[2, 1]")


def test_edits_flow_into_the_session_as_they_happen(window, qtbot, monkeypatch) -> None:
    from briefer.ui.editor import SectionEditor

    window.load_brief_object(sample_with_text())
    rev = window.session.revision
    _type_at_end_of_block(qtbot, window.editor.section_editor("agenda"), 0, " Also trade.")
    window.editor.title.setFocus()
    qtbot.keyClicks(window.editor.title, " (draft)")
    assert window.session.revision > rev and window.dirty
    # Reading the brief never goes back to the widgets: it is the session's.
    monkeypatch.setattr(SectionEditor, "statements", lambda self: (_ for _ in ()).throw(AssertionError("rebuilt")))
    b = window.current_brief()
    assert b is window.session.brief
    assert b.section("agenda").statements[0].text.endswith("Also trade.")
    assert b.title == "Biden–Xi meeting at APEC, Lima (draft)"

"""Spell checking in the title and the section editors: underline, suggestions, the user's dictionary."""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QTextCharFormat, QTextCursor

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import answers, data_dir, sample_with_text, window  # noqa: F401

from briefer.ui.spelling import Speller, words_in


def _underlined(editor, word: str) -> bool:
    """True if `word` carries the red wavy spell-check underline in `editor`."""
    doc = editor.document()
    block = doc.begin()
    while block.isValid():
        at = block.text().find(word)
        if at >= 0:
            for r in block.layout().formats():
                if r.start <= at < r.start + r.length:
                    return r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
            return False
        block = block.next()
    raise AssertionError(f"{word!r} not in the editor")


def _ready(window, qtbot) -> Speller:
    speller = window.editor.speller
    qtbot.waitUntil(lambda: speller.ready, timeout=10_000)  # the word list loads on a thread
    return speller


def _type(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)
    qtbot.wait(30)  # the editor grows to its text; positions are measured after that


def test_misspelled_words_get_a_red_wavy_underline_as_they_are_typed(window, qtbot) -> None:
    window.load_brief_object(sample_with_text())
    _ready(window, qtbot)
    ed = window.editor.section_editor("outlook")
    _type(qtbot, ed, " The goverment expects tarifs.")
    assert _underlined(ed, "goverment") and _underlined(ed, "tarifs")
    assert not _underlined(ed, "expects")
    # Names as the sources spell them are not mistakes; acronyms neither.
    agenda = window.editor.section_editor("agenda")
    assert not _underlined(agenda, "Xinjiang")
    assert not _underlined(window.editor.section_editor("context"), "APEC")
    # The title is checked too.
    window.editor.title.setFocus()
    qtbot.keyClicks(window.editor.title, " sumit")
    assert _underlined(window.editor.title, "sumit")


def test_right_click_offers_suggestions_and_add_to_dictionary_which_is_kept(window, qtbot, data_dir) -> None:
    window.load_brief_object(sample_with_text())
    _ready(window, qtbot)
    ed = window.editor.section_editor("outlook")
    _type(qtbot, ed, " Tarifs rise. Blinkenwords apply.")
    block = ed.document().lastBlock()
    c = QTextCursor(block)  # inside "Tarifs"
    c.setPosition(block.position() + block.text().find("Tarifs") + 2)
    pos = ed.cursorRect(c).center()
    menu = ed.context_menu(pos)
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Tariff", "Tariffs"]  # the most frequent first, in the word's case
    assert texts[2] == "Add “Tarifs” to dictionary"
    next(a for a in menu.actions() if a.text() == "Tariffs").trigger()
    assert "Tariffs rise." in block.text()
    assert not _underlined(ed, "Tariffs")
    assert "Tariffs rise." in window.current_brief().section("outlook").statements[-1].text
    # Add to dictionary: saved in the data folder, underline gone at once, known next time.
    c.setPosition(block.position() + block.text().find("Blinkenwords") + 2)
    assert _underlined(ed, "Blinkenwords")
    add = next(a for a in ed.context_menu(ed.cursorRect(c).center()).actions() if a.text().startswith("Add “"))
    add.trigger()
    assert not _underlined(ed, "Blinkenwords")
    assert "blinkenwords" in (data_dir / "dictionary.txt").read_text(encoding="utf-8").split()
    again = Speller(data_dir / "dictionary.txt", background=False)
    assert again.is_known("Blinkenwords")


def test_the_word_list_loads_off_the_ui_thread_and_words_are_split_sensibly(tmp_path, monkeypatch, qtbot) -> None:
    import threading

    from briefer.ui import spelling

    loaded_in: list[str] = []
    real = spelling._load_word_list

    def load():
        loaded_in.append(threading.current_thread().name)
        return real()

    monkeypatch.setattr(spelling, "_load_word_list", load)
    speller = Speller(tmp_path / "dictionary.txt")  # returns at once
    qtbot.waitUntil(lambda: speller.ready, timeout=10_000)
    assert loaded_in == ["spell-dictionary"] and threading.current_thread().name not in loaded_in
    words = [w for _s, _e, w in words_in("Don’t split O’Brien’s words, nor 2024 or e-mail.")]
    assert words == ["Don’t", "split", "O’Brien’s", "words", "nor", "or", "e", "mail"]
    assert speller.misspelled("A sentance with one mistake.") == [(2, 10)]
    assert speller.suggestions("sentance")[0] == "sentence"

"""UI generation tests with the REAL pipeline and models on seeds/ (CPU, slow-ish).

The models are loaded once per session (conftest fixtures) and shared with every window
through `ui.backend.prime_models`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from ui_support import use_the_model

from briefer.brief import STATUS_USER

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DRAFT_TIMEOUT_MS = 240_000


@pytest.fixture(scope="module")
def primed_models(generator, embedder):
    from briefer.ui import backend

    backend.prime_models(generator, embedder)

    return generator, embedder


@pytest.fixture
def answers(monkeypatch):
    from briefer.ui import dialogs

    asked: list[str] = []
    reply = {"value": QMessageBox.StandardButton.No}

    def ask(parent, title, text, *a, **k):
        asked.append(f"{title}: {text}")
        return reply["value"]

    def show_error(parent, title, message, details=None):
        asked.append(f"WARNING {title}: {message}")

    monkeypatch.setattr(dialogs, "ask", ask)
    monkeypatch.setattr(dialogs, "show_error", show_error)
    return asked, reply


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, primed_models, answers):
    from briefer.ui.mainwindow import MainWindow

    monkeypatch.setenv("BRIEFER_DATA_DIR", str(tmp_path / "data"))
    t0 = time.perf_counter()
    use_the_model()  # primed models are used when the model is asked for
    w = MainWindow(load_model=True)
    w.show()
    assert time.perf_counter() - t0 < 3.0  # the window appears at once
    qtbot.addWidget(w)
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.model_label.text().startswith("Model ready"), timeout=60_000)
    w.add_files([str(SEEDS)])
    qtbot.waitUntil(lambda: len(w.sources.sources()) == 5, timeout=30_000)
    yield w
    w.session.mark_saved("unused.brief", w.session.revision)
    w.close()


def _type_new_bullet(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    if editor.document().toPlainText().strip():
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, text)


def test_generate_shows_progress_streams_and_cancels(window, qtbot, monkeypatch) -> None:
    import briefer.generate

    monkeypatch.setattr(briefer.generate, "MODEL_SHORTENS", True)  # off by default: nothing would stream
    stages: list[str] = []
    orig = window.drafting.progress
    window.drafting.progress = lambda p: (stages.append(p.stage), orig(p))
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # Ctrl+G
    assert window.generating
    assert window._progress_action.isVisible() and window._cancel_action.isVisible()
    assert not window.act_generate.isEnabled()

    def streaming() -> bool:
        return any(ed.streaming and ed._stream_started for ed in window.editor.editors())

    qtbot.waitUntil(streaming, timeout=DRAFT_TIMEOUT_MS)
    writing = next(ed for ed in window.editor.editors() if ed._stream_started)
    qtbot.waitUntil(lambda: len(writing.toPlainText()) > 20, timeout=60_000)
    assert "writing" in stages and window.progress.value() > 0
    assert window.stage_label.text().startswith("Writing “")
    assert window.editor.section_box(writing.key).state.text().startswith("Writing · checked when")  # unchecked
    assert writing.isReadOnly()  # no typing into text that is being generated

    t0 = time.perf_counter()
    qtbot.mouseClick(window.cancel_btn, Qt.MouseButton.LeftButton)
    # Within a second the user has their editor back (nothing streams, all editable).
    qtbot.waitUntil(lambda: not any(ed.streaming and ed is writing for ed in window.editor.editors()), timeout=1000)
    assert not writing.isReadOnly()
    assert time.perf_counter() - t0 < 1.0
    # Across the process boundary: the draft ends as soon as the app side sees the cancel; the
    # worker stops at its next check. The bound only catches a hang; the figure is printed.
    qtbot.waitUntil(lambda: not window.generating, timeout=10_000)
    latency = window.drafting.cancel_latency
    print(f"\nCancel → draft ended in {latency:.3f} s (model worker process)")
    assert latency is not None and latency < 10.0
    assert window.drafting.tracker.fraction <= 1.0
    assert "Cancelled" in window.status_label.text()
    assert not any(ed.streaming or ed.isReadOnly() for ed in window.editor.editors())
    assert window.act_generate.isEnabled() and not window._cancel_action.isVisible()
    brief = window.current_brief()
    assert any(w.kind == "cancelled" for w in brief.warnings)
    # Unfinished sections are as before (empty here), never half-written raw text.
    assert all(st.text for s in brief.sections for st in s.statements)


def test_regenerate_section_keeps_user_edits(window, qtbot, answers) -> None:
    asked, reply = answers
    context = window.editor.section_editor("context")
    _type_new_bullet(qtbot, context, "Our own line: the meeting is a farewell. [1]")
    mine = window.current_brief().section("context").statements
    assert mine[-1].status == STATUS_USER

    window.editor.section_box("agenda").regen.click()
    assert window.generating
    qtbot.waitUntil(lambda: not window.generating, timeout=DRAFT_TIMEOUT_MS)
    brief = window.current_brief()
    agenda = brief.section("agenda").statements
    assert agenda, "the regenerated section has statements"
    assert all(st.citations for st in agenda)
    assert all(1 <= c <= 5 for st in agenda for c in st.citations)
    assert brief.section("context").statements == mine  # the user's section is untouched
    assert brief.section("us_asks").statements == []  # only the asked section was drafted

    # Regenerating a section with the user's own text asks first; "No" keeps it.
    reply["value"] = QMessageBox.StandardButton.No
    assert window.regenerate_section("context") is None
    assert any("Replace your text" in q for q in asked)
    assert window.current_brief().section("context").statements == mine

    # An edited generated statement is also kept by a full draft ("Keep my edits").
    window.drafting.ask_keep_edits = lambda names: "keep"
    agenda_ed = window.editor.section_editor("agenda")
    c = QTextCursor(agenda_ed.document().findBlockByNumber(0))
    agenda_ed.setTextCursor(c)
    agenda_ed.setFocus()
    qtbot.keyClicks(agenda_ed, "Note: ")
    edited = window.current_brief().section("agenda").statements
    assert edited[0].status == STATUS_USER and edited[0].text.startswith("Note: ")
    job = window.generate()
    assert job is not None
    keys = set(window.drafting.keys)
    assert keys == {"bluf", "us_asks", "outlook"}  # the bottom line is redrawn from the sections
    qtbot.waitUntil(lambda: not window.generating, timeout=DRAFT_TIMEOUT_MS)
    final = window.current_brief()
    assert final.section("agenda").statements == edited
    assert final.section("context").statements == mine
    assert final.section("us_asks").statements and final.section("outlook").statements
    # The badges come from the analysis: the 2023 article is flagged stale.
    flags = [f for a in window.sources.assessments.values() for f in a.flags]
    assert "stale" in flags or "different-event" in flags

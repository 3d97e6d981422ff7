"""The real model worker killed mid-draft under the window: the app lives, one message, edits kept, Retry works.

The worker is found as a person would find it: a child of this process whose command line
holds `model-worker`. SIGSEGV stands for a crash in native code, SIGKILL for the OOM killer.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import SEEDS, answers, child_workers, data_dir, dispose, use_the_model, wait_job  # noqa: F401

from briefer.brief import STATUS_USER, Statement

pytestmark = pytest.mark.slow
DRAFT_MS = 600_000  # generous: only to catch a hang on a loaded 2-core machine


@pytest.fixture
def window(qtbot, monkeypatch, data_dir, answers, generator, embedder):
    from briefer.ui import backend
    from briefer.ui.mainwindow import MainWindow

    monkeypatch.setattr(backend, "_model_sets", {})
    backend.prime_models(generator, embedder)  # the session's real worker and embedder
    use_the_model()  # primed models are used when the model is asked for
    w = MainWindow(load_model=True)
    w.prefs.length = "short"  # fewer statements: the same paths, less waiting
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    wait_job(qtbot, w.add_files([str(SEEDS)]))
    qtbot.waitUntil(lambda: w.model_label.text().startswith("Model ready"), timeout=DRAFT_MS)
    # The user's own outlook: a draft keeps it.
    w.session.set_statements("outlook", [Statement("Our own outlook line.", [1], status=STATUS_USER)])
    w.render()
    yield w
    dispose(w)
    if not generator.alive:  # leave a working worker to the tests after this one
        generator.restart()
        assert generator.wait_ready(DRAFT_MS)


def _kill_worker_while_it_writes(qtbot, w, generator, sig) -> int:
    qtbot.waitUntil(lambda: any(ed.streaming and ed._stream_started for ed in w.editor.editors()), timeout=DRAFT_MS)
    workers = child_workers()
    assert generator.pid in workers, workers  # found by its command line, as a child of this process
    # The user edits the title while the model writes.
    w.editor.title.setFocus()
    w.editor.title.setText("")
    qtbot.keyClicks(w.editor.title, "Our meeting brief")
    os.kill(generator.pid, sig)
    return generator.pid


def _one_message_and_edits_kept(w, answers, sig, keys: list[str]) -> None:
    name = signal.Signals(sig).name
    assert w.isVisible()
    assert answers.warnings == [] and answers.questions == []  # no dialog
    assert w.message_bar.isVisible() and name in w.message_bar.text
    assert name not in w.editor.warnings.text()  # not repeated in the header
    brief = w.current_brief()
    failed = [x for x in brief.warnings if x.kind == "model-failed"]
    assert len(failed) == 1 and failed[0].sections
    assert set(failed[0].sections) <= set(keys)
    assert brief.title == "Our meeting brief"
    assert [s.text for s in brief.section("outlook").statements] == ["Our own outlook line."]
    for key in keys:
        assert brief.section(key).statements, f"{key} is filled from source sentences"
    assert w.model_label.text().startswith("model unavailable: ") and name in w.model_label.text()


def test_segfault_mid_draft_then_retry_with_the_model(window, qtbot, answers, generator) -> None:
    w = window
    job = w.regenerate_section("agenda")
    old = _kill_worker_while_it_writes(qtbot, w, generator, signal.SIGSEGV)
    wait_job(qtbot, job, timeout=DRAFT_MS)
    _one_message_and_edits_kept(w, answers, signal.SIGSEGV, ["agenda"])
    quoted = w.current_brief().section("agenda").statements
    assert all(st.quote and "model" not in st.note for st in quoted), [st.note for st in quoted]
    # Retry: a fresh worker drafts only that section again; the user's edits stay.
    qtbot.mouseClick(w.message_bar.button("Retry with the model"), Qt.MouseButton.LeftButton)
    assert w.generating and w.drafting.keys == ["agenda"]
    qtbot.waitUntil(lambda: not w.generating, timeout=DRAFT_MS)
    brief = w.current_brief()
    assert generator.alive and generator.pid != old and generator.pid in child_workers()
    assert not w.message_bar.isVisible()
    assert not [x for x in brief.warnings if x.kind == "model-failed"]
    # The model's bullets are deletions (quoted, noted "by the model") or its own wording (not quoted);
    # a rejected answer is named in the note. After the crash, no note could mention the model.
    notes = [(st.quote, st.note) for st in brief.section("agenda").statements]
    assert any(not quote or "model" in note for quote, note in notes), notes
    assert brief.title == "Our meeting brief"
    assert [s.text for s in brief.section("outlook").statements] == ["Our own outlook line."]
    assert w.model_label.text().startswith("Model ready")
    # The fresh worker belongs to the app, not to the window whose Retry started it.
    dispose(w)
    qtbot.wait(1500)
    assert generator.alive, "closing the window stopped the model worker"


def test_sigkill_mid_draft_then_keep_the_source_sentences(window, qtbot, answers, generator) -> None:
    w = window
    answers.choice = "keep"  # "Keep my edits" for the outlook
    job = w.generate()
    _kill_worker_while_it_writes(qtbot, w, generator, signal.SIGKILL)
    wait_job(qtbot, job, timeout=DRAFT_MS)
    answers.questions.clear()  # (the keep-my-edits question came before the draft)
    _one_message_and_edits_kept(w, answers, signal.SIGKILL, ["context", "agenda", "us_asks"])
    drafted = {s.key: list(s.statements) for s in w.current_brief().sections}
    qtbot.mouseClick(w.message_bar.button("Keep the source sentences"), Qt.MouseButton.LeftButton)
    assert not w.message_bar.isVisible() and not w.generating
    assert {s.key: s.statements for s in w.current_brief().sections} == drafted
    assert "drafted from source sentences" in w.editor.warnings.text()  # the brief says so, for its readers

"""Drafting in the window, fast: honest progress, what checking changed, a model that dies mid-draft.

The real sentence embedder and pipeline run; the model worker is a stand-in that shortens
sentences by deletion (`FakeWorker`), so these tests take seconds. The real worker is killed
with real signals in `test_ui_model_crash.py`.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import SEEDS, FakeWorker, answers, data_dir, dispose, use_the_model, wait_job  # noqa: F401

from briefer.brief import STATUS_FALLBACK, STATUS_USER, Statement


def _window(qtbot, monkeypatch, embedder, worker):
    from briefer.ui import backend
    from briefer.ui.mainwindow import MainWindow

    monkeypatch.setattr(backend, "_model_sets", {})
    backend.prime_models(worker, embedder)
    use_the_model()  # primed models are used when the model is asked for
    w = MainWindow(load_model=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    job = w.add_files([str(SEEDS)])
    wait_job(qtbot, job)
    return w


@pytest.fixture
def fake():
    return FakeWorker()


@pytest.fixture
def win(qtbot, monkeypatch, data_dir, answers, embedder, fake):
    w = _window(qtbot, monkeypatch, embedder, fake)
    yield w
    dispose(w)


def test_sources_are_analysed_as_soon_as_they_are_added_before_the_embedder_is_loaded(
    qtbot, monkeypatch, data_dir, answers, embedder, fake
) -> None:
    from concurrent.futures import Future

    from briefer.ui import backend
    from briefer.ui.mainwindow import MainWindow

    monkeypatch.setattr(backend, "_model_sets", {})
    loading: Future = Future()  # the embedder is still loading
    monkeypatch.setitem(backend._model_sets, ("", 0, True), backend.ModelSet(fake, loading))
    use_the_model()  # primed models are used when the model is asked for
    w = MainWindow(load_model=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.model_label.text().startswith("Model ready"), timeout=5000)
    assert w.model_label.text() == "Model ready (fake-shortener, x64 CPU code, 1 thread)"
    wait_job(qtbot, w.add_files([str(SEEDS)]))
    # Flags, dates and outlets show before anything is drafted, without waiting for the embedder.
    qtbot.waitUntil(lambda: bool(w.current_brief().assessments), timeout=10_000)
    assert "looking for duplicates" in w.status_text
    brief = w.current_brief()
    assert all(not s.statements for s in brief.sections)
    stale = [sid for sid, a in brief.assessments.items() if "stale" in a.flags]
    assert stale, brief.assessments
    assert "stale" in w.sources.list.item(stale[0] - 1).data(100)  # the list's rich-text role
    assert "Lima" in w.editor.meta.text()  # the event, found by the analysis, in the header line
    assert "Dated 2024-" in w.sources.list.item(0).toolTip()  # how the date was found
    loading.set_result(embedder)  # then the full analysis, with embeddings
    qtbot.waitUntil(lambda: w.status_text.startswith("Analysed 5 sources"), timeout=60_000)
    assert stale == [sid for sid, a in w.current_brief().assessments.items() if "stale" in a.flags]
    dispose(w)


def test_progress_moves_within_each_section_never_back_and_estimates_the_time(win, qtbot) -> None:
    seen: list[tuple[str | None, str, int, str, str]] = []
    show = win.drafting._show_progress

    def record() -> None:
        show()
        t = win.drafting.tracker
        box = win.editor.section_box(t.section) if t.section else None
        state = f"{box.state.text()}|{box.state.toolTip()}" if box else ""
        seen.append((t.section, t.stage, win.progress.value(), win.stage_label.text(), state))

    win.drafting._show_progress = record
    wait_job(qtbot, win.generate(), timeout=120_000)
    values = [v for _, _, v, _, _ in seen]
    assert values == sorted(values), "the bar never goes back"
    context = {v for sec, stage, v, _, _ in seen if sec == "context" and stage == "writing"}
    assert len(context) >= 5, "the bar moves within a section, token by token"
    texts = [t for _, _, _, t, _ in seen]
    assert any(t.startswith("Writing “Context” · statement 1 of ") for t in texts)
    first_done = next(i for i, (_, stage, _, _, _) in enumerate(seen) if stage == "section-done")
    assert not any("left" in t for t in texts[:first_done])  # nothing to go by yet
    assert any(t.endswith(" left") and "Writing “Agenda”" in t for t in texts[first_done:])
    # While text streams in, the section says it is the model's draft, not yet checked …
    assert any(sec == "agenda" and state.startswith("Writing · checked when the section is done|") and "not yet checked" in state
               for sec, stage, _, _, state in seen if stage == "writing")
    # … and once checked, what checking did to it.
    for key in ("context", "agenda", "us_asks", "outlook"):
        box = win.editor.section_box(key)
        assert box.state.text().startswith("Checked: "), (key, box.state.text())
        assert "replaced by the source sentence" in box.state.toolTip()
    sec = win.current_brief().section("agenda")
    replaced = sum(1 for s in sec.statements if s.status == STATUS_FALLBACK)
    label = win.editor.section_box("agenda").state.text()
    assert (f"{replaced} replaced" in label) == bool(replaced)


def test_a_model_that_dies_mid_draft_gives_one_message_keeps_edits_and_retry_redrafts_only_those_sections(
    win, qtbot, fake, answers
) -> None:
    # The user wrote the outlook themselves, and keeps it.
    win.session.set_statements("outlook", [Statement("Our own outlook line.", [1], status=STATUS_USER)])
    win.render()
    fake.fail_on = 2  # dies in the second section that needs the model
    job = win.generate()
    win.editor.title.setFocus()
    win.editor.title.setText("")
    qtbot.keyClicks(win.editor.title, "Meeting brief (mine)")  # typed while the draft runs
    wait_job(qtbot, job, timeout=120_000)

    brief = win.current_brief()
    failure = [x for x in brief.warnings if x.kind == "model-failed"]
    assert len(failure) == 1 and "crashed (SIGSEGV)" in failure[0].message
    failed_keys = failure[0].sections
    assert failed_keys and "context" not in failed_keys and "outlook" not in failed_keys
    # One message, in the window, naming what happened; no dialog; the header does not repeat it.
    assert answers.warnings == []
    assert win.message_bar.isVisible() and "crashed (SIGSEGV)" in win.message_bar.text
    assert [b.text() for b in win.message_bar.buttons] == ["Retry with the model", "Keep the source sentences"]
    assert "crashed" not in win.editor.warnings.text()
    # Every section is filled, the user's edits are kept.
    assert all(s.statements for s in brief.sections)
    assert brief.title == "Meeting brief (mine)"
    assert brief.section("outlook").statements[0].text == "Our own outlook line."
    for key in failed_keys:
        assert all(st.quote or st.note == "assembled from the event details the sources agree on"
                   for st in brief.section(key).statements), key

    # After the failure the user edits one of those sections: Retry leaves it alone.
    edited = failed_keys[-1]
    mine = [Statement("My rewrite of this section.", [1], status=STATUS_USER)]
    win.session.set_statements(edited, mine)
    win.editor.set_section(win.session.brief.section(edited))
    before = {k: win.current_brief().section(k).statements for k in ("context", "outlook")}
    retry = win.message_bar.button("Retry with the model")
    qtbot.mouseClick(retry, qtbot_left())
    assert set(win.drafting.keys) == set(failed_keys) - {edited}
    qtbot.waitUntil(lambda: not win.generating, timeout=120_000)
    assert fake.restarts == 1  # a fresh worker
    after = win.current_brief()
    assert not win.message_bar.isVisible()
    assert not [x for x in after.warnings if x.kind == "model-failed"]
    assert after.section(edited).statements == mine
    assert after.title == "Meeting brief (mine)"
    for k, sts in before.items():
        assert after.section(k).statements == sts
    redrafted = [k for k in failed_keys if k != edited]
    assert any("by the model" in st.note for k in redrafted for st in after.section(k).statements), \
        "the model wrote them"


def test_a_model_that_cannot_start_is_named_in_the_status_bar_and_drafts_quote_the_sources(
    qtbot, monkeypatch, data_dir, answers, embedder
) -> None:
    from briefer.models import registry
    from briefer.models.client import WorkerGenerator

    entry = registry.entry(None, "generator")
    broken = WorkerGenerator(entry, registry.info(entry), threads=1, variant="no-such-cpu-code", progress=lambda m: None)
    try:
        w = _window(qtbot, monkeypatch, embedder, broken)
        qtbot.waitUntil(lambda: w.model_label.text().startswith("model unavailable: "), timeout=30_000)
        assert "no-such-cpu-code" in w.model_label.toolTip()
        wait_job(qtbot, w.generate(), timeout=120_000)
        brief = w.current_brief()
        assert w.isVisible() and answers.warnings == [] and not w.message_bar.isVisible()
        assert brief.section("context").statements
        assert any(x.kind == "model" and x.message.startswith("model unavailable") for x in brief.warnings)
        assert all(st.quote or st.status != STATUS_FALLBACK for s in brief.sections for st in s.statements)
        dispose(w)
    finally:
        broken.close()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton

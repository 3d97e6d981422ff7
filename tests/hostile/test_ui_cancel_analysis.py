"""Issue 7, item 7: in the window, Cancel and closing reach inside the analysis of the sources.

Before: the analysis job ran `analyse` without the job's cancel token, so a large source set
kept the analysis thread busy however the user cancelled, and closing had to abandon it.
"""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_inputs import article_set, sources_of
from ui_support import answers, data_dir, make_window  # noqa: F401

from briefer.ports import Parse


class SlowParser:
    """A parser that takes 0.2 s a batch (the real one on a huge set) and finds nothing."""

    info = SimpleNamespace(name="slow-parser")

    def __init__(self) -> None:
        self.calls = 0
        self.started = threading.Event()

    def parse(self, texts):
        self.calls += 1
        self.started.set()
        time.sleep(0.2)
        return [Parse(t, (), ()) for t in texts]


def _window_analysing(qtbot, monkeypatch):
    from sample_brief import make_sample_brief

    import briefer.analyse as an

    parser = SlowParser()
    monkeypatch.setattr(an, "default_parser", lambda: parser)
    w = make_window(qtbot)
    brief = make_sample_brief()
    brief.sources = sources_of(article_set(60))  # 3,000 sentences: the parser gets its whole budget
    brief.assessments = {}
    w.load_brief_object(brief)
    job = w.sourcing.analysis or w.sourcing.analyse()
    assert job is not None
    assert parser.started.wait(10)
    return w, job, parser


def test_cancel_stops_the_source_analysis_at_its_next_batch(qtbot, data_dir, answers, monkeypatch):
    w, job, parser = _window_analysing(qtbot, monkeypatch)
    t0 = time.monotonic()
    job.cancel.cancel()
    qtbot.waitUntil(lambda: job.finished, timeout=3000)
    assert time.monotonic() - t0 < 1.5
    calls = parser.calls
    assert calls < 10  # the whole parse is 10 batches of 64
    assert w.sourcing.analysis is None  # a later change analyses again
    assert not w.session.brief.assessments  # nothing from the cancelled run was applied
    w.session.mark_saved("unused.brief", w.session.revision)
    w.close()


def test_closing_during_analysis_stops_the_thread_instead_of_abandoning_it(qtbot, data_dir, answers, monkeypatch):
    w, _, parser = _window_analysing(qtbot, monkeypatch)
    w.session.mark_saved("unused.brief", w.session.revision)
    t0 = time.monotonic()
    assert w.close()
    assert time.monotonic() - t0 < 1.5
    assert w._stopped is True  # every worker thread joined within the bound
    assert parser.calls < 10

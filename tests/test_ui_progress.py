"""The progress tracker as a specification: per-token movement, never back, an estimate once there is data."""

from __future__ import annotations

from briefer.pipeline import Progress
from briefer.ui.progress import ProgressTracker, format_seconds


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _section(tr: ProgressTracker, clock: Clock, key: str, start: float, span: float, steps: int, tokens: int) -> list[float]:
    """Feed one section: writing, tokens (statements separated by "\n"), verifying, done."""
    seen = []
    tr.on_progress(Progress("writing", f"Writing “{key}”", start, key, steps=steps, span=span))
    per = max(1, tokens // max(1, steps))
    for i in range(tokens):
        if i and i % per == 0:
            tr.on_token("\n")
        tr.on_token(" word")
        clock.t += 0.5
        seen.append(tr.fraction)
    tr.on_progress(Progress("verifying", f"Checking “{key}”", start + span, key))
    tr.on_progress(Progress("section-done", f"“{key}” done", start + span, key))
    seen.append(tr.fraction)
    return seen


def test_the_bar_moves_per_token_within_a_section_and_stops_short_of_its_end_until_checked() -> None:
    clock = Clock()
    tr = ProgressTracker(clock)
    tr.on_progress(Progress("analysing", "Analysing sources", 0.02))
    tr.on_progress(Progress("selecting", "Selecting evidence", 0.08))
    seen = _section(tr, clock, "Context", 0.1, 0.3, steps=3, tokens=60)
    during = seen[:-1]
    assert len(set(during)) > 20  # it moves with the tokens
    assert all(0.1 <= f < 0.1 + 0.3 for f in during)  # never claims the section before it is checked
    assert seen[-1] == 0.4


def test_the_bar_never_goes_back() -> None:
    clock = Clock()
    tr = ProgressTracker(clock)
    _section(tr, clock, "Context", 0.1, 0.3, steps=2, tokens=200)  # far more tokens than expected
    at = tr.fraction
    tr.on_progress(Progress("writing", "Writing “Agenda”", 0.35, "agenda", steps=2, span=0.2))  # a lower report
    assert tr.fraction == at
    tr.on_progress(Progress("done", "Done", 1.0))
    assert tr.fraction == 1.0


def test_the_line_names_the_stage_section_and_statement_and_a_time_estimate_only_after_a_section() -> None:
    clock = Clock()
    tr = ProgressTracker(clock)
    tr.on_progress(Progress("writing", "Writing “Context”", 0.1, "context", steps=4, span=0.3))
    tr.on_token("President")
    assert tr.text() == "Writing “Context” · statement 1 of 4"
    tr.on_token("\n")
    tr.on_token("Talks")
    assert tr.text() == "Writing “Context” · statement 2 of 4"
    assert tr.seconds_left() is None  # nothing to go by yet
    clock.t += 30
    tr.on_progress(Progress("section-done", "“Context” done", 0.4, "context"))
    tr.on_progress(Progress("writing", "Writing “Agenda”", 0.4, "agenda", steps=2, span=0.2))
    # 0.3 of the bar in 30 s: 0.55 to go (to the 0.95 where writing ends) takes about 55 s.
    assert abs(tr.seconds_left() - 55) < 1
    assert tr.text() == "Writing “Agenda” · about 55 s left"
    clock.t += 20
    assert abs(tr.seconds_left() - 35) < 1  # it counts down between reports


def test_expected_tokens_are_learned_from_the_statements_written() -> None:
    clock = Clock()
    tr = ProgressTracker(clock)
    _section(tr, clock, "Context", 0.1, 0.3, steps=2, tokens=80)
    assert tr.tokens_per_statement == 40


def test_estimates_read_calmly() -> None:
    assert format_seconds(3) == "about 5 s"
    assert format_seconds(42) == "about 40 s"
    assert format_seconds(95) == "about 1 min 40 s"
    assert format_seconds(120) == "about 2 min"
    assert format_seconds(610) == "about 10 min"

"""Honest progress for a draft: a bar that moves within each section and never goes back.

The pipeline reports stages ("analysing", "selecting", "writing", "verifying",
"section-done") with a fraction; at the start of each section it also says how many
statements the model will write there and how much of the bar the section covers. In
between, the bar moves per streamed token against the expected number of tokens (learned
from the statements already written), and it shows the stage, the section, the statement
and, once a section is finished, the time left. No Qt here: the window shows `fraction`
and `text()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

TOKENS_PER_STATEMENT = 22.0  # first guess for a bullet; replaced by what the model really writes
MAX_WITHIN = 0.95  # a section's part of the bar never fills before the section is checked


def format_seconds(seconds: float) -> str:
    """A calm estimate: "about 40 s", "about 2 min", "about 1 min 30 s"."""
    s = max(5, round(seconds / 5.0) * 5)
    if s < 60:
        return f"about {s} s"
    if s >= 300:
        return f"about {round(s / 60)} min"
    m, rest = divmod(round(s / 10.0) * 10, 60)
    return f"about {m} min" + (f" {rest} s" if rest else "")


class ProgressTracker:
    """Turns a draft's progress reports and tokens into a monotone fraction and a line of text."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.fraction = 0.0
        self.stage = ""
        self.message = ""
        self.section: str | None = None
        self._start = 0.0  # fraction where the current section began
        self._span = 0.0  # its share of the bar
        self._steps = 0  # statements the model writes in it
        self._tokens = 0  # tokens streamed in it so far
        self._statement = 0  # which of them is streaming (1-based)
        self._written_tokens = 0  # over finished sections: learns the tokens per statement
        self._written_steps = 0
        self._began: tuple[float, float] | None = None  # (time, fraction) of the first section's start
        self._sections_done = 0
        self._eta: tuple[float, float] | None = None  # (time computed, seconds left then)

    # -- input ---------------------------------------------------------------------------
    def on_progress(self, p: Any) -> None:
        """A `briefer.pipeline.Progress` report."""
        self.stage, self.message = p.stage, p.message
        if p.stage == "writing":
            if p.section != self.section:
                self._finish_section()
                self.section = p.section
                self._start, self._span = p.fraction, getattr(p, "span", 0.0)
                self._steps, self._tokens, self._statement = getattr(p, "steps", 0), 0, 0
            if self._began is None:
                self._began = (self._clock(), p.fraction)
        elif p.stage == "section-done":
            self._finish_section()
            self._sections_done += 1
            self._update_eta(p.fraction)
        self._advance(p.fraction)

    def on_token(self, delta: str) -> None:
        """A streamed piece of text of the section being written."""
        if self.stage != "writing":
            return
        if delta == "\n" or self._statement == 0:  # the pipeline separates statements by one "\n"
            self._statement += 1
            if delta == "\n":
                return
        self._tokens += 1
        expected = max(1.0, self._steps * self.tokens_per_statement)
        within = min(MAX_WITHIN, self._tokens / expected)
        self._advance(self._start + self._span * within)

    # -- output ------------------------------------------------------------------------------
    @property
    def tokens_per_statement(self) -> float:
        """Tokens per written statement so far (a first guess before any)."""
        if self._written_steps:
            return self._written_tokens / self._written_steps
        return TOKENS_PER_STATEMENT

    def seconds_left(self) -> float | None:
        """Time left, once a section is finished (None before: there is nothing to go by)."""
        if self._eta is None:
            return None
        computed, left = self._eta
        return max(0.0, left - (self._clock() - computed))

    def text(self) -> str:
        """The stage line: "Writing “Agenda” · statement 2 of 5 · about 40 s left"."""
        parts = [self.message]
        if self.stage == "writing" and self._steps and self._statement:
            parts.append(f"statement {min(self._statement, self._steps)} of {self._steps}")
        left = self.seconds_left()
        if left is not None and self.stage not in ("done", "section-done") and self.fraction < 1.0:
            parts.append(f"{format_seconds(left)} left")
        return " · ".join(p for p in parts if p)

    # -- internals --------------------------------------------------------------------------
    def _advance(self, fraction: float) -> None:
        self.fraction = max(self.fraction, min(1.0, fraction))

    def _finish_section(self) -> None:
        if self.section is not None and self._steps and self._tokens:
            self._written_tokens += self._tokens
            self._written_steps += self._steps
        self.section, self._steps, self._tokens = None, 0, 0

    def _update_eta(self, fraction: float) -> None:
        if self._began is None:
            return
        t0, f0 = self._began
        elapsed, moved = self._clock() - t0, fraction - f0
        if moved <= 0.0 or elapsed <= 0.0:
            return
        left = (0.95 - fraction) / moved * elapsed if fraction < 0.95 else 0.0
        current = self.seconds_left()
        # Smooth: a new estimate counts half, so one quick section does not halve the estimate.
        self._eta = (self._clock(), left if current is None else (current + left) / 2)

"""The drafting run with a generator, fast: the core's contract with any model (tests/fakes.py).

The real model runs the same paths in the slow end-to-end tests; here a deterministic
stand-in shows what the core promises: tokens stream by section, every statement is checked,
Cancel returns what is finished, and a dead engine costs nothing but the model's help.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakes import CRASH, FakeGenerator

from briefer.brief import STATUS_FALLBACK, STATUS_FLAGGED, STATUS_VERIFIED
from briefer.pipeline import CancelToken, draft_brief, load_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def sources():
    return load_sources(sorted(SEEDS.glob("*.txt")))[0]


def test_model_tokens_stream_by_section_and_every_statement_is_checked(sources, embedder):
    gen = FakeGenerator(words=14)  # a cut that the verifier must judge
    streamed: dict[str, str] = {}
    brief = draft_brief(sources, embedder=embedder, generator=gen,
                        on_token=lambda key, delta: streamed.__setitem__(key, streamed.get(key, "") + delta))
    assert gen.prompts and streamed, "the model was asked and its text streamed"
    assert set(streamed) <= {s.key for s in brief.sections}
    assert brief.generator == "fake-shortener" and not brief.cancelled
    statements = [st for s in brief.sections for st in s.statements]
    assert {st.status for st in statements} <= {STATUS_VERIFIED, STATUS_FLAGGED, STATUS_FALLBACK}
    assert any("by the model" in st.note for st in statements)
    for st in statements:
        assert st.citations and all(brief.source(c) for c in st.citations)


def test_cancel_mid_stream_returns_the_finished_sections_marked_cancelled(sources, embedder):
    token = CancelToken()
    gen = FakeGenerator()
    order: list[str] = []

    def on_token(key: str, delta: str) -> None:
        if key not in order:
            order.append(key)
        if len(order) == 2:  # the user presses Cancel while the second section streams
            token.cancel()

    brief = draft_brief(sources, embedder=embedder, generator=gen, on_token=on_token, cancel=token)
    assert brief.cancelled
    first, second = order
    assert brief.section(first).statements, "the section finished before Cancel is kept"
    assert brief.section(second).statements == [], "a section cut off by Cancel is left as it was"


def test_a_dead_engine_costs_only_the_models_help(sources, embedder):
    gen = FakeGenerator(fail_on=2)  # dies a few tokens into its second request
    brief = draft_brief(sources, embedder=embedder, generator=gen)
    failed = [w for w in brief.warnings if w.kind == "model-failed"]
    assert len(failed) == 1 and CRASH in failed[0].message and failed[0].sections
    assert not brief.cancelled
    for key in failed[0].sections:
        statements = brief.section(key).statements
        assert statements, f"{key} is drafted from source sentences"
        assert all(st.quote and "model" not in st.note for st in statements)
    extractive = draft_brief(sources, embedder=embedder)
    assert sum(len(s.statements) for s in brief.sections) == sum(len(s.statements) for s in extractive.sections)


"""Section kinds: one drafter per kind, looked up in a registry.

A template section names its `kind` (`briefer.template.KINDS`); the pipeline runs the
sections in `Template.run_order()` (a synthesis after the sections it reads) and calls the
drafter registered for each kind with a `DraftContext`. Adding a kind is one module with a
function decorated by `@register("kind")`; templates may then name that kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefer.analyse import Analysis
    from briefer.brief import Section, Statement
    from briefer.evidence import Evidence
    from briefer.ports import Embedder
    from briefer.template import SectionSpec, Template

# spec, its evidence -> statements (None when the run was cancelled while writing them)
StatementBuilder = Callable[["SectionSpec", "list[Evidence]"], "list[Statement] | None"]


@dataclass
class DraftContext:
    """What a drafter may read: the analysis, the evidence per section, the lead line, the
    sections finished so far, and the pipeline's statement builder (model + verifier)."""

    analysis: Analysis
    template: Template
    evidence: dict[str, list[Evidence]]
    lead: Statement | None
    build: StatementBuilder
    embedder: Embedder | None = None
    finished: dict[str, Section] = field(default_factory=dict)


Drafter = Callable[["SectionSpec", DraftContext], "list[Statement] | None"]
_DRAFTERS: dict[str, Drafter] = {}


def register(kind: str) -> Callable[[Drafter], Drafter]:
    """Register the drafter of a section kind."""

    def deco(fn: Drafter) -> Drafter:
        _DRAFTERS[kind] = fn
        return fn

    return deco


def drafter_for(kind: str) -> Drafter:
    """The drafter of `kind` (KeyError if no module registered one)."""
    _load()
    return _DRAFTERS[kind]


def registered_kinds() -> tuple[str, ...]:
    """Every kind with a drafter, built-in ones first."""
    _load()
    return tuple(_DRAFTERS)


def _load() -> None:
    # Importing the modules registers their drafters.
    from briefer.sections import evidence, lead, synthesis  # noqa: F401

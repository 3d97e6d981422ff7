"""The whole run, from files to a `Brief`: used by the CLI and the UI alike.

Progress is reported through a callback, generated text streams through another, and a
`CancelToken` is checked between steps and between tokens. Cancelling keeps every
section finished so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from briefer.analyse import Analysis, analyse, place_mentioned
from briefer.brief import (
    Brief,
    BriefWarning,
    EventInfo,
    Section,
    Source,
    Statement,
)
from briefer.cancel import CancelToken as CancelToken  # the run's token lives in briefer.cancel
from briefer.compress import MAX_WORDS
from briefer.errors import BrieferError, Cancelled
from briefer.evidence import Evidence, select_evidence
from briefer.generate import bullet_text, generate_statements, needs_model, statement_for
from briefer.ingest import instruction_warnings
from briefer.ingest import load_sources as load_sources  # ingest's; still importable from here
from briefer.ingest.dates import long_date
from briefer.placement import load_default as load_placement
from briefer.ports import EngineError
from briefer.salience import load_default as load_salience
from briefer.sections import DraftContext, drafter_for
from briefer.sections.lead import lead_statement
from briefer.template import SectionSpec, Template, load_template
from briefer.textutil import content_stems, stem

if TYPE_CHECKING:
    from briefer.placement import Placement, SectionClassifier
    from briefer.ports import Embedder, Generator, Parser


# Notes from ingest (how the text was read) survive a re-run; analysis notes are redone.
_KEPT_NOTES = ("decoded", "repaired")
LEAD_RESTATEMENT = 0.72  # similarity to the lead above which a sentence adds nothing
PLACE_RESTATEMENT = 0.55  # ... or this, for a sentence that also names the meeting's place
# ... unless it has this many content words that neither the lead nor the words of any
# meeting hold ("the first meeting since Russia quit the grain deal in July" is a fact the
# lead does not carry).
NEW_FACT_WORDS = 4
_MEETING_WORDS = (
    "meet meets meeting met talks summit hold holds held visit visits leader leaders president prime minister "
    "counterpart two sides bilateral face expected set scheduled week today tomorrow day "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_MEETING_STEMS = frozenset(stem(w) for w in _MEETING_WORDS.split())


def lead_restatements(analysis: Analysis, lead: Statement | None, embedder: Embedder | None) -> set[int]:
    """Ids of the sentences that only restate the lead (who meets whom, where and when)."""
    if lead is None or embedder is None or analysis.embeddings is None:
        return set()
    sims = analysis.embeddings @ embedder.encode([lead.text])[0]
    where = analysis.event.where or ""
    known = content_stems(lead.text) | _MEETING_STEMS
    return {
        r.id
        for r in analysis.sentences
        if (sims[r.id] >= LEAD_RESTATEMENT or (sims[r.id] >= PLACE_RESTATEMENT and where and place_mentioned(where, r.text)))
        and len(content_stems(r.text) - known) < NEW_FACT_WORDS
    }


@dataclass
class Progress:
    """Where a run is: a stage, a human message, and how far along (0..1)."""

    stage: str  # analysing | selecting | writing | verifying | section-done | done
    message: str
    fraction: float
    section: str | None = None
    result: Section | None = None  # with "section-done": the finished, verified section
    # With "writing": how many statements the model writes in this section (the others are
    # source sentences used as they are) and the fraction the section adds, so that a UI can
    # move its bar per token against the expected count.
    steps: int = 0
    span: float = 0.0


@dataclass
class RunStats:
    """Timings of one run, for the benchmark and the CLI's --verbose."""

    stages: dict[str, float] = field(default_factory=dict)
    tokens: int = 0
    generate_seconds: float = 0.0


def _title(template: Template, analysis: Analysis) -> str:
    frame = analysis.frame
    # Without a place, the venue ("Trump–Erdogan meeting, White House, …"); without either, who
    # and when still name the meeting better than the template's generic title.
    where = (frame.place or frame.venue_name) if frame is not None else ""
    if frame is not None and frame.people and (where or frame.when):
        names = "–".join(p.short or p.name for p in frame.people)
        parts = [f"{names} meeting"] + ([where] if where else []) + ([long_date(frame.when)] if frame.when else [])
        return ", ".join(parts)
    return template.title


class _StatementBuilder:
    """Statements of one section from its evidence: the model shortens, the verifier gates.

    Keeps what the run needs across sections: the generator (dropped if its engine fails,
    the rest is then drafted from source sentences), the stats and the token stream.
    """

    def __init__(self, generator: Generator | None, allowed: set[str], stats: RunStats,
                 on_token: Callable[[str, str], None] | None, cancel: CancelToken) -> None:
        self.generator = generator
        self.allowed = allowed
        self.stats = stats
        self.on_token = on_token
        self.cancel = cancel
        self.engine_failure: str | None = None
        self.without_model: list[str] = []

    def __call__(self, spec: SectionSpec, ev: list[Evidence]) -> list[Statement] | None:
        stats, on_token, cancel = self.stats, self.on_token, self.cancel
        generated: list[str | None] = [None] * len(ev)
        if self.generator is not None and ev:
            last = [-1]

            def tok(i: int, delta: str, key: str = spec.key, last: list[int] = last) -> None:
                stats.tokens += 1
                if on_token:
                    if last[0] not in (-1, i):
                        on_token(key, "\n")  # a new statement starts on its own line
                    last[0] = i
                    on_token(key, delta)
            tg = time.perf_counter()
            try:
                generated = generate_statements(
                    self.generator, ev, on_token=tok, cancel=lambda: cancel.cancelled, max_new_tokens=48
                )
            except EngineError as e:
                # The model's process died or cannot run here: this section and the rest are
                # drafted from source sentences, and the user is told what happened.
                self.engine_failure = e.reason
                self.generator = None
                generated = [None] * len(ev)
            finally:
                stats.generate_seconds += time.perf_counter() - tg
            if cancel.cancelled:
                return None
        if self.engine_failure:
            self.without_model.append(spec.key)
        # `statement_for` refuses (None) a sentence that addresses a model or a reader.
        return [st for e, g in zip(ev, generated) if (st := statement_for(e, g, self.allowed)) is not None]


def draft_brief(
    sources: list[Source],
    *,
    template: Template | None = None,
    generator: Generator | None = None,
    embedder: Embedder | None = None,
    parser: Parser | None = None,
    placement: Placement | None = None,
    salience: SectionClassifier | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_token: Callable[[str, str], None] | None = None,
    cancel: CancelToken | None = None,
    only_sections: Sequence[str] | None = None,
    previous: Brief | None = None,
    overwrite_user: bool = False,
    stats: RunStats | None = None,
) -> Brief:
    """Analyse the sources, select evidence, generate, verify and assemble a Brief.

    With `generator=None` the brief is extractive: every statement is its verbatim
    source sentence. `only_sections` regenerates just those sections, taking the others
    from `previous`. Sections the user edited in `previous` are kept unless
    `overwrite_user`. On cancel the sections finished so far are kept and a
    "cancelled" warning is added. `parser` (default: the packaged one) reads the event;
    `placement` (default: the shipped section classifier) places sentences in sections;
    `salience` (default: the shipped salience model) ranks what analysts want first.
    """
    template = template or load_template()
    cancel = cancel or CancelToken()
    stats = stats if stats is not None else RunStats()
    report = on_progress or (lambda p: None)
    t0 = time.perf_counter()

    report(Progress("analysing", "Analysing sources", 0.02))
    sources = list(sources)
    usable = [s for s in sources if s.usable]
    if not usable:
        raise BrieferError("no readable sources: add at least one article")
    analysis: Analysis | None = None
    try:
        analysis = analyse(usable, embedder, parser, cancel=cancel)  # checks the token inside each step
    except Cancelled:
        pass
    stats.stages["analyse"] = time.perf_counter() - t0
    if analysis is None or cancel.cancelled:
        # One cancel contract: what is finished comes back, with a "cancelled" warning.
        kept = {s.key: s for s in previous.sections} if previous else {}
        report(Progress("done", "Cancelled", 1.0))
        return Brief(
            title=previous.title if previous else _title(template, analysis) if analysis else template.title,
            sections=[kept.get(sp.key) or Section(sp.key, sp.heading, [], sp.guidance) for sp in template.sections],
            sources=sources,
            warnings=[BriefWarning("cancelled", "Drafting was cancelled before any section was written.")],
            event=analysis.event if analysis else previous.event if previous else EventInfo(),
            assessments=analysis.assessments if analysis else dict(previous.assessments) if previous else {},
            date=date.today().isoformat(),
            template=template.name,
            classification=template.classification,
            created=datetime.now().isoformat(timespec="seconds"),
        )

    t1 = time.perf_counter()
    report(Progress("selecting", "Selecting evidence", 0.08))
    lead = lead_statement(analysis)
    used = lead_restatements(analysis, lead, embedder)
    if placement is None:
        placement = load_placement()
    if salience is None:
        salience = load_salience()
    evidence = select_evidence(analysis, template, embedder, exclude=used, lead=lead, placement=placement,
                               salience=salience,
                               bullet_text=bullet_text, max_bullet_words=MAX_WORDS)
    # Text that addresses a model, or lies inside a forged chat turn, is never a bullet, whatever
    # selection offers: a sentence of a forged turn may read as plain news on its own.
    marked = {s.id: set(s.instructions) for s in analysis.sources}
    evidence = {k: [e for e in v if e.sentence.text not in marked.get(e.sentence.source_id, set())]
                for k, v in evidence.items()}
    stats.stages["select"] = time.perf_counter() - t1

    prev_sections = {s.key: s for s in previous.sections} if previous else {}
    wanted = list(only_sections) if only_sections else [s.key for s in template.sections]
    allowed = {n for n in analysis.event.who} | ({analysis.event.where} if analysis.event.where else set())
    warnings = list(analysis.warnings)
    warnings += [
        BriefWarning("unreadable", f"{s.path or s.title}: {s.problem} (skipped)", [s.id])
        for s in sources
        if s.problem
    ]
    warnings += instruction_warnings(s for s in sources if s.usable)
    total = sum(len(evidence[k]) for k in wanted if k in evidence) or 1
    done = 0
    cancelled = False
    model_name = generator.info.name if generator is not None else None
    build = _StatementBuilder(generator, allowed, stats, on_token, cancel)
    ctx = DraftContext(analysis=analysis, template=template, evidence=evidence, lead=lead, build=build,
                       embedder=embedder)
    drafted: dict[str, Section] = {}
    t2 = time.perf_counter()
    # Each section is drafted by the drafter of its kind, in run order (a synthesis reads the
    # others); the brief lists them in template order.
    for spec in template.run_order():
        prev = prev_sections.get(spec.key)
        keep_prev = spec.key not in wanted or (prev is not None and prev.user_edited and not overwrite_user)
        unchanged = prev if prev is not None else Section(spec.key, spec.heading, [], spec.guidance)
        if keep_prev or cancelled:
            drafted[spec.key] = ctx.finished[spec.key] = unchanged
            continue
        ev = evidence.get(spec.key, [])
        # Steps the progress bar can count: the statements the model will write (none when
        # the rules shorten every bullet).
        to_write = sum(1 for e in ev if needs_model(e.sentence.text)) if build.generator else 0
        report(Progress("writing", f"Writing “{spec.heading}”", 0.1 + 0.85 * done / total, spec.key,
                        steps=to_write, span=0.85 * len(ev) / total))
        statements = drafter_for(spec.kind)(spec, ctx)
        if statements is None:  # cancelled while the model wrote this section
            cancelled = True
            drafted[spec.key] = ctx.finished[spec.key] = unchanged
            continue
        report(Progress("verifying", f"Checking “{spec.heading}” against its sources", 0.1 + 0.85 * (done + len(ev)) / total, spec.key))
        section = Section(spec.key, spec.heading, statements, spec.guidance)
        drafted[spec.key] = ctx.finished[spec.key] = section
        done += len(ev)
        # The UI shows each section as soon as it is checked, not when the whole brief is.
        report(Progress("section-done", f"“{spec.heading}” done", 0.1 + 0.85 * done / total, spec.key, section))
        if cancel.cancelled:
            cancelled = True
    sections = [drafted[sp.key] for sp in template.sections]
    engine_failure, without_model = build.engine_failure, build.without_model
    stats.stages["generate+verify"] = time.perf_counter() - t2
    if cancelled:
        warnings.append(BriefWarning("cancelled", "Generation was cancelled; unfinished sections are empty or unchanged."))
    if engine_failure:
        headings = ", ".join(f"“{template.spec(k).heading}”" for k in without_model)
        warnings.append(
            BriefWarning(
                "model-failed",
                f"The local model stopped ({engine_failure}); {headings or 'the remaining sections'} "
                "were drafted from source sentences. Nothing else was lost.",
                sections=without_model,
            )
        )
    brief = Brief(
        title=_title(template, analysis),
        sections=sections,
        sources=sources,
        warnings=warnings,
        event=analysis.event,
        assessments=analysis.assessments,
        date=date.today().isoformat(),
        template=template.name,
        classification=template.classification,
        generator=model_name,
        embedder=embedder.info.name if embedder is not None else None,
        created=datetime.now().isoformat(timespec="seconds"),
    )
    report(Progress("done", "Cancelled" if cancelled else "Done", 1.0))
    stats.stages["total"] = time.perf_counter() - t0
    return brief

"""The whole run, from files to a `Brief`: used by the CLI and the UI alike.

Progress is reported through a callback, generated text streams through another, and a
`CancelToken` is checked between steps and between tokens. Cancelling keeps every
section finished so far.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.analyse import Analysis, analyse, place_mentioned
from briefer.brief import (
    STATUS_FALLBACK,
    STATUS_FLAGGED,
    STATUS_VERIFIED,
    Brief,
    BriefWarning,
    Section,
    Source,
    Statement,
)
from briefer.clean import clean_text
from briefer.errors import BrieferError, Cancelled, InputError
from briefer.evidence import Evidence, select_evidence
from briefer.generate import generate_statements, needs_model
from briefer.ingest import RawDocument, read_document, read_pasted, resolve_dates
from briefer.ports import EngineError
from briefer.template import Template, load_template
from briefer.textutil import split_sentences, words
from briefer.verify import trim_sentence, verify_statement

if TYPE_CHECKING:
    from briefer.ports import Embedder, Generator


# Notes from ingest (how the text was read) survive a re-run; analysis notes are redone.
_KEPT_NOTES = ("decoded", "repaired")
LEAD_RESTATEMENT = 0.72  # similarity to the lead above which a sentence adds nothing
PLACE_RESTATEMENT = 0.55  # ... or this, for a sentence that also names the meeting's place


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


class CancelToken:
    """A thread-safe cancel flag shared by the UI and a running pipeline."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop at the next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once `cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancel was requested."""
        if self._event.is_set():
            raise Cancelled()


@dataclass
class RunStats:
    """Timings of one run, for the benchmark and the CLI's --verbose."""

    stages: dict[str, float] = field(default_factory=dict)
    tokens: int = 0
    generate_seconds: float = 0.0


# -- sources ---------------------------------------------------------------------------


def _to_source(doc: RawDocument, source_id: int) -> Source:
    text = clean_text(doc.text, doc.title)
    return Source(
        id=source_id,
        title=doc.display_title,
        text=text,
        path=doc.path,
        outlet=doc.outlet,
        date=doc.date,
        date_method=doc.date_method,
        words=len(words(text)),
        # Only reading problems are worth a note; how the outlet was found is not a flag.
        notes=tuple(n for n in doc.notes if n.startswith(_KEPT_NOTES)),
    )


def load_sources(
    paths: Iterable[str | Path] = (), pasted: Sequence[tuple[str, str]] = ()
) -> tuple[list[Source], list[BriefWarning]]:
    """Read, clean and date every input; a bad file becomes a warning, not a failure.

    `pasted` holds (name, text) pairs (stdin, the UI's paste box). Readable sources are
    numbered 1..n in input order; unreadable ones follow, flagged, with the reason.
    """
    docs: list[RawDocument] = []
    bad: list[tuple[str, str]] = []
    for p in paths:
        try:
            docs.append(read_document(Path(p)))
        except InputError as e:
            bad.append((str(p), e.reason))
    for name, text in pasted:
        try:
            docs.append(read_pasted(text, name))
        except InputError as e:
            bad.append((name, e.reason))
    resolve_dates(docs)
    sources = [_to_source(d, i) for i, d in enumerate(docs, 1)]
    warnings = []
    for i, s in enumerate(sources):
        if not s.text.strip():
            sources[i] = s = replace(s, problem="nothing left after removing boilerplate")
            warnings.append(BriefWarning("unreadable", f"{s.path or s.title}: {s.problem}", [s.id]))
    for k, (name, reason) in enumerate(bad, len(sources) + 1):
        sources.append(Source(id=k, title=Path(name).name, path=name, problem=reason))
        warnings.append(BriefWarning("unreadable", f"{name}: {reason} (skipped)", [k]))
    return sources, warnings


def _lead_statement(analysis: Analysis) -> Statement | None:
    """The opening line of the brief, assembled from the event found across sources.

    Built from facts (who, where, when, occasion) that several sources agree on, each
    cited to the sources whose sentences name the place; no model is involved.
    """
    ev = analysis.event
    if not ev.who or not ev.where:
        return None
    city = ev.where.split(",")[0].strip()
    country = ev.where.split(",")[-1].strip()
    support: list[tuple[int, str]] = []
    for s in analysis.current_sources:
        for sent in [s.title, *split_sentences(s.text)]:
            if re.search(rf"\b({re.escape(city)}|{re.escape(country)})\b", sent) and re.search(
                r"\b(meet|meeting|talks|summit)\b", sent, re.I
            ):
                support.append((s.id, sent))
                break
    if not support:
        return None
    who = " and ".join(ev.who) if len(ev.who) == 2 else ev.who[0]
    verb = "meet" if len(ev.who) == 2 else "attends"
    when = ""
    if ev.when:
        d = date.fromisoformat(ev.when)
        when = f" on {d.strftime('%A')}, {d.day} {d.strftime('%B %Y')}"
    all_text = " ".join(x for _, x in support) + " " + " ".join(s.text for s in analysis.current_sources)
    margin = "on the sidelines of" if re.search(r"\b(sidelines|margins)\b", all_text) else "during"
    occasion = f", {margin} the {ev.occasion}" if ev.occasion else ""
    text = f"{who} {verb} in {ev.where}{when}{occasion}."
    return Statement(
        text=text,
        citations=sorted({sid for sid, _ in support}),
        evidence=support,
        status=STATUS_VERIFIED,
        note="assembled from the event details the sources agree on",
    )


def _statement_from(ev: Evidence, generated: str | None, allowed: set[str]) -> Statement:
    """Verify a generated bullet; fall back to the source sentence if unsupported."""
    rec = ev.sentence
    evidence = [(rec.source_id, rec.text), *rec.also_in]
    citations = rec.source_ids
    texts = [t for _, t in evidence]
    if generated:
        verdict = verify_statement(generated, texts, allowed_names=allowed)
        if verdict.supported:
            return Statement(
                text=generated,
                citations=citations,
                evidence=evidence,
                status=STATUS_FLAGGED if verdict.flag else STATUS_VERIFIED,
                note=verdict.reason if verdict.flag else "",
            )
        status = STATUS_FALLBACK
        note = f"model wrote “{generated}”, not supported ({verdict.reason}); source sentence used instead"
    else:
        # Short enough to stand as it is (or no model): the source's own words.
        status, note = STATUS_VERIFIED, "source sentence"
    return Statement(
        text=trim_sentence(rec.text), citations=citations, evidence=evidence, status=status, note=note, quote=True
    )


def _title(template: Template, analysis: Analysis) -> str:
    ev = analysis.event
    if ev.who and ev.where:
        names = "–".join(_short_name(n) for n in ev.who)
        when = ""
        if ev.when:
            d = date.fromisoformat(ev.when)
            when = f", {d.day} {d.strftime('%B %Y')}"
        return f"{names} meeting, {ev.where.split(',')[0]}{when}"
    return template.title


def _short_name(name: str) -> str:
    """The name a headline would use: the family name ("Biden", "Xi")."""
    parts = name.split()
    # A two-part name whose second part is longer and unusual in English order (Chinese,
    # Korean names put the family name first) is shown by its first part.
    if len(parts) >= 2 and parts[-2][0].isupper() and len(parts[-2]) <= 3 and parts[-2] not in {"Joe", "Jr"}:
        return parts[-2]
    return parts[-1]


def draft_brief(
    sources: list[Source],
    *,
    template: Template | None = None,
    generator: Generator | None = None,
    embedder: Embedder | None = None,
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
    "cancelled" warning is added.
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
    analysis = analyse(usable, embedder)
    stats.stages["analyse"] = time.perf_counter() - t0
    if cancel.cancelled:
        # One cancel contract: what is finished comes back, with a "cancelled" warning.
        kept = {s.key: s for s in previous.sections} if previous else {}
        report(Progress("done", "Cancelled", 1.0))
        return Brief(
            title=previous.title if previous else _title(template, analysis),
            sections=[kept.get(sp.key) or Section(sp.key, sp.heading, [], sp.guidance) for sp in template.sections],
            sources=sources,
            warnings=[BriefWarning("cancelled", "Drafting was cancelled before any section was written.")],
            event=analysis.event,
            assessments=analysis.assessments,
            date=date.today().isoformat(),
            template=template.name,
            classification=template.classification,
            created=datetime.now().isoformat(timespec="seconds"),
        )

    t1 = time.perf_counter()
    report(Progress("selecting", "Selecting evidence", 0.08))
    lead = _lead_statement(analysis)
    used = set()
    if lead:
        lead_texts = {t for _, t in lead.evidence}
        used = {r.id for r in analysis.sentences if r.text in lead_texts}
        if embedder is not None and analysis.embeddings is not None:
            # Sentences that only restate the lead (who meets whom where and when).
            sims = analysis.embeddings @ embedder.encode([lead.text])[0]
            where = analysis.event.where or ""
            used |= {
                r.id
                for r in analysis.sentences
                if sims[r.id] >= LEAD_RESTATEMENT
                or (sims[r.id] >= PLACE_RESTATEMENT and where and place_mentioned(where, r.text))
            }
    # The lead is the first section's first statement and counts towards its length.
    evidence = select_evidence(analysis, template, embedder, exclude=used, lead_in_first=lead is not None)
    stats.stages["select"] = time.perf_counter() - t1

    prev_sections = {s.key: s for s in previous.sections} if previous else {}
    wanted = list(only_sections) if only_sections else [s.key for s in template.sections]
    allowed = {n for n in analysis.event.who} | ({analysis.event.where} if analysis.event.where else set())
    sections: list[Section] = []
    warnings = list(analysis.warnings)
    warnings += [
        BriefWarning("unreadable", f"{s.path or s.title}: {s.problem} (skipped)", [s.id])
        for s in sources
        if s.problem
    ]
    total = sum(len(evidence[k]) for k in wanted if k in evidence) or 1
    done = 0
    cancelled = False
    engine_failure: str | None = None
    without_model: list[str] = []
    model_name = generator.info.name if generator is not None else None
    t2 = time.perf_counter()
    for spec in template.sections:
        prev = prev_sections.get(spec.key)
        keep_prev = spec.key not in wanted or (prev is not None and prev.user_edited and not overwrite_user)
        unchanged = prev if prev is not None else Section(spec.key, spec.heading, [], spec.guidance)
        if keep_prev or cancelled:
            sections.append(unchanged)
            continue
        ev = evidence.get(spec.key, [])
        to_write = sum(1 for e in ev if needs_model(e.sentence.text)) if generator is not None else 0
        report(Progress("writing", f"Writing “{spec.heading}”", 0.1 + 0.85 * done / total, spec.key,
                        steps=to_write, span=0.85 * len(ev) / total))
        generated: list[str | None] = [None] * len(ev)
        if generator is not None and ev:
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
                    generator, ev, on_token=tok, cancel=lambda: cancel.cancelled, max_new_tokens=48
                )
            except EngineError as e:
                # The model's process died or cannot run here: this section and the rest are
                # drafted from source sentences, and the user is told what happened.
                engine_failure = e.reason
                generator = None
                generated = [None] * len(ev)
            finally:
                stats.generate_seconds += time.perf_counter() - tg
            if cancel.cancelled:
                cancelled = True
                sections.append(unchanged)
                continue
        if engine_failure:
            without_model.append(spec.key)
        report(Progress("verifying", f"Checking “{spec.heading}” against its sources", 0.1 + 0.85 * (done + len(ev)) / total, spec.key))
        statements = [_statement_from(e, g, allowed) for e, g in zip(ev, generated)]
        if spec.key == template.sections[0].key and lead is not None:
            statements.insert(0, lead)
        sections.append(Section(spec.key, spec.heading, statements, spec.guidance))
        done += len(ev)
        # The UI shows each section as soon as it is checked, not when the whole brief is.
        report(Progress("section-done", f"“{spec.heading}” done", 0.1 + 0.85 * done / total, spec.key, sections[-1]))
        if cancel.cancelled:
            cancelled = True
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

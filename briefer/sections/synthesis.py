"""Synthesis sections (the bottom line up front): selected from the verified statements of the
sections drafted before, never written anew.

The first sentence is the lead line shortened by deletion (roles, given names and the weekday
dropped); the second is the statement of the other sections that is most central to them
(closest on average to all the others, with more sources breaking ties) and fits the word
budget, shortened only by deleting an attribution or an aside. Each keeps its citations and
is checked by the verifier against its evidence like every other statement.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.analyse import looks_ahead, person_tokens
from briefer.brief import STATUS_FLAGGED, STATUS_USER, Statement
from briefer.sections import DraftContext, register
from briefer.sections.evidence import PARTY_NOTE
from briefer.sections.lead import LEAD_NOTE
from briefer.textutil import words
from briefer.verify import align, trim_sentence, verify_statement

if TYPE_CHECKING:
    from briefer.template import SectionSpec

DEFAULT_BUDGET = 45
BLUF_NOTE = "selected for the bottom line from the sections below"
BLUF_LEAD_NOTE = LEAD_NOTE + ", shortened for the bottom line"


def shorten_lead(lead: Statement, ctx: DraftContext) -> Statement | None:
    """The lead line with roles, given names and the weekday deleted ("Trump and Xi meet in …")."""
    frame = ctx.analysis.frame
    text = lead.text
    for p in frame.people if frame else []:
        short = p.short or p.name
        text = text.replace(p.display, short, 1)
    text = re.sub(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ", "on ", text)
    # Deletion only: every word left must be the lead's, in its order.
    if align(text, [lead.text]).ratio < 1.0:
        return None
    return Statement(text=text, citations=list(lead.citations), evidence=list(lead.evidence),
                     status=lead.status, note=BLUF_LEAD_NOTE)


def _centrality(cands: list[Statement], ctx: DraftContext) -> list[float]:
    if ctx.embedder is None or len(cands) < 2:
        return [0.0] * len(cands)
    emb = ctx.embedder.encode([c.text for c in cands])
    sims = emb @ emb.T
    n = len(cands)
    return [float((sims[i].sum() - sims[i, i]) / (n - 1)) for i in range(n)]


@register("synthesis")
def draft_synthesis(spec: SectionSpec, ctx: DraftContext) -> list[Statement]:
    """One or two sentences within `spec.max_words`: the meeting, then the central point."""
    budget = spec.max_words or DEFAULT_BUDGET
    out: list[Statement] = []
    if ctx.lead is not None:
        first = shorten_lead(ctx.lead, ctx) or ctx.lead
        if len(words(first.text)) <= budget:
            out.append(first)
    if len(out) >= spec.max_statements:
        return out
    room = budget - sum(len(words(s.text)) for s in out)
    # What the meeting is about: statements of the sections that look ahead (not background).
    specs = {s.key: s for s in ctx.template.sections}
    cands: list[Statement] = []
    for key, sec in ctx.finished.items():
        sp = specs.get(key)
        if sp is None or sp.kind == "synthesis":
            continue
        for st in sec.statements:
            if st.note in (LEAD_NOTE, PARTY_NOTE) or st.status == STATUS_USER or not st.citations:
                continue
            cands.append(st)
    if not cands:
        return out
    central = _centrality(cands, ctx)
    background = {k for k, s in specs.items() if s.accepts_background}
    owner = {id(st): key for key, sec in ctx.finished.items() for st in sec.statements}
    # The point of the meeting: a checked statement that opens on a principal and looks ahead
    # (not a fragment, a headline or a third party's view), then the most central.
    frame = ctx.analysis.frame
    names = {t for toks in (person_tokens(frame) if frame else []) for t in toks if len(t) > 1}

    def about_the_meeting(st: Statement) -> bool:
        opening = " ".join(st.text.split()[:8])  # a principal is what the sentence is about
        return looks_ahead(st.text) and any(re.search(rf"\b{re.escape(n)}\b", opening) for n in names)

    order = sorted(
        range(len(cands)),
        key=lambda i: (owner.get(id(cands[i])) in background, cands[i].status == STATUS_FLAGGED,
                       not about_the_meeting(cands[i]), -(central[i] + 0.02 * len(cands[i].citations)), i),
    )
    allowed = set(ctx.analysis.event.who) | ({ctx.analysis.event.where} if ctx.analysis.event.where else set())
    for i in order:
        st = cands[i]
        for text in dict.fromkeys([st.text, trim_sentence(st.text)]):
            if len(words(text)) > room:
                continue
            verdict = verify_statement(text, [e for _, e in st.evidence], allowed_names=allowed)
            if not verdict.supported:
                continue
            out.append(Statement(text=text, citations=list(st.citations), evidence=list(st.evidence),
                                 status=st.status,
                                 note=BLUF_NOTE, quote=st.quote))
            return out
    return out

"""The lead line: who meets whom, where, when and at which occasion, from the event frame.

It is assembled from the slots the sources agree on (`briefer.frame`), each cited to the
sources that give it; a slot without agreement is left out, so the line says less rather
than something wrong. No model is involved.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.brief import STATUS_VERIFIED, Statement
from briefer.ingest.dates import long_date, month_name, weekday_name
from briefer.sections import DraftContext, register
from briefer.textutil import split_sentences

if TYPE_CHECKING:
    from briefer.analyse import Analysis
    from briefer.template import SectionSpec

LEAD_NOTE = "assembled from the event details the sources agree on"


# Places named with "the": "in the United States", "in the Netherlands", "in the Philippines".
_THE_PLACE = re.compile(r"^(?:United|Republic|Kingdom|Democratic|Federated|Czech Republic|Netherlands|Philippines|"
                        r"Bahamas|Maldives|Gambia|Vatican|Hague|Gulf|Balkans|Caribbean|Middle East)\b")


def _with_article(place: str) -> str:
    return f"the {place}" if _THE_PLACE.match(place) else place


def _date_text(frame) -> str:
    d = frame.when
    return f"{weekday_name(d)}, {long_date(d)}"


def lead_statement(analysis: Analysis) -> Statement | None:
    """The opening line, or None when the sources do not agree on who meets."""
    frame = analysis.frame
    if frame is None or not frame.people:
        return None
    current = {s.id for s in analysis.current_sources}
    people = frame.people
    if len(people) == 2:
        text = f"{people[0].display} and {people[1].display} meet"
    else:
        text = f"{people[0].display} holds talks"
    slots = ["who"]
    venue = frame.venue_name
    if frame.venue:
        text += f" at {frame.venue}"
        slots.append("venue")
    # (Not "at the Amber Palace in Amber Palace" when the building is also the place voted.)
    parts = [p for p in frame.place_parts if p.casefold() != venue.casefold()]
    if frame.place and parts:
        text += f" in {_with_article(', '.join(parts))}" + ("," if len(parts) > 1 and frame.when else "")
        slots.append("where")
    if frame.when:
        text += f" on {_date_text(frame)}"
        slots.append("when")
    if frame.occasion:
        text += f", {'on the sidelines of' if frame.sidelines else 'at'} the {frame.occasion}"
        slots.append("occasion")
    text += "."
    cited = sorted({sid for slot in slots for sid in frame.support.get(slot, []) if sid in current})
    if not cited:
        return None
    # Evidence: per cited source, the sentences that give a slot of the line (the principals
    # together, the place, the date, the occasion), so each part can be checked where it came from.
    names = [p.short or p.name for p in people]
    checks = [lambda s: all(re.search(rf"\b{re.escape(n)}\b", s) for n in names[:2])]
    if frame.place:
        checks.append(lambda s: bool(re.search(rf"\b{re.escape(frame.place)}\b", s, re.I)))
    if frame.venue:
        checks.append(lambda s: bool(re.search(rf"\b{re.escape(venue)}\b", s, re.I)))
    if frame.when:
        d = frame.when
        month, day = month_name(d), d.day
        day_month = rf"\b({day}(st|nd|rd|th)?\s+{month}|{month}\s+{day}\b|{month[:3]}\.?\s+{day}\b|{weekday_name(d)})"
        checks.append(lambda s: bool(re.search(day_month, s)))
    if frame.occasion:
        key = frame.occasion.split("(")[-1].rstrip(") ").split()[0] if "(" in frame.occasion else frame.occasion.split()[0]
        checks.append(lambda s: bool(re.search(rf"\b{re.escape(key)}\b", s)))
    evidence: list[tuple[int, str]] = []
    for src in analysis.current_sources:
        if src.id not in cited:
            continue
        # Text addressed to a model is never cited, not even as support.
        sents = [x for x in [src.title, *split_sentences(src.text)] if x not in src.instructions]
        for check in checks:
            hit = next((s for s in sents if s and check(s)), None)
            if hit and (src.id, hit) not in evidence:
                evidence.append((src.id, hit))
    return Statement(text=text, citations=cited, evidence=evidence, status=STATUS_VERIFIED, note=LEAD_NOTE)


@register("lead")
def draft_lead(spec: SectionSpec, ctx: DraftContext) -> list[Statement]:
    """A section that holds only the lead line."""
    return [ctx.lead] if ctx.lead is not None else []

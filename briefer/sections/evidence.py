"""Evidence sections: statements drawn from the source sentences placed in the section.

Flags of the spec decide what else the section does: `lead_line` opens it with the event
line; `party` makes it about one side's demands, and when that side is not at the meeting
the section holds one plain statement saying so instead of someone else's demands.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.brief import STATUS_VERIFIED, Statement
from briefer.sections import DraftContext, register

if TYPE_CHECKING:
    from briefer.analyse import Analysis
    from briefer.template import SectionSpec

PARTY_NOTE = "the meeting's principals, as the sources name them, do not include this side"


_TITLE_WORDS = ("president", "prime minister", "premier", "chancellor", "leader", "king", "queen", "emperor")


def party_members(analysis: Analysis, party: str, aliases: tuple[str, ...]) -> list[str]:
    """Names of the principals who belong to `party`.

    A principal belongs to it when the sources give them one of its names as nationality
    ("U.S. President Donald Trump"). For a principal the sources give no nationality at all,
    "the American president" / "a US president" (the principal's own title, not followed by
    someone else's name) counts, if the sources say so at least twice.
    """
    frame = analysis.frame
    if frame is None:
        return []
    keys = {a.lower().replace(".", "") for a in (*aliases, party)}
    out = []
    texts = [f"{s.title}\n{s.text}" for s in analysis.current_sources]
    for p in frame.people:
        nats = [re.sub(r"['’]s$", "", n).lower().replace(".", "") for n in (*p.nationalities, p.nationality) if n]
        if any(n in keys for n in nats):
            out.append(p.name)
            continue
        if nats or not aliases:
            continue
        title = next((t for t in _TITLE_WORDS if t in p.role.lower()), "")
        if not title:
            continue
        alias_re = "|".join(re.escape(a) for a in sorted((*aliases, party), key=len, reverse=True))
        # (Not followed by a name: a capital, whatever the case of the rest; "the US president on
        # Tuesday" counts, "the US president Joe Biden" does not.)
        pattern = re.compile(rf"(?<![\w.])(?:{alias_re})\s+{title}\b(?!\s+(?-i:[A-Z]))", re.I)
        if sum(len(pattern.findall(t)) for t in texts) >= 2:
            out.append(p.name)
    return out


def party_present(spec: SectionSpec, analysis: Analysis) -> bool:
    """True if the spec has no party, or one of the principals belongs to it."""
    if not spec.party:
        return True
    frame = analysis.frame
    if frame is None or len(frame.people) < 2:
        return True  # one side unknown (it may be this one): do not claim the side is absent
    return bool(party_members(analysis, spec.party, spec.party_aliases))


def absent_party_statement(spec: SectionSpec, analysis: Analysis) -> Statement:
    """One plain statement: the side this section is about does not take part."""
    frame = analysis.frame
    names = " and ".join(p.short or p.name for p in frame.people) if frame else ""
    text = f"The {spec.party} is not a party to this meeting" + (f" between {names}." if names else ".")
    cited = sorted(frame.support.get("who", [])) if frame else []
    current = {s.id for s in analysis.current_sources}
    return Statement(text=text, citations=[c for c in cited if c in current], status=STATUS_VERIFIED, note=PARTY_NOTE)


@register("evidence")
def draft_evidence(spec: SectionSpec, ctx: DraftContext) -> list[Statement] | None:
    """The lead line if the spec asks for it, then one statement per evidence sentence."""
    if not party_present(spec, ctx.analysis):
        return [absent_party_statement(spec, ctx.analysis)]
    statements = ctx.build(spec, ctx.evidence.get(spec.key, []))
    if statements is None:
        return None
    if spec.lead_line and ctx.lead is not None:
        statements.insert(0, ctx.lead)
    return statements

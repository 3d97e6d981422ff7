"""Cross-source analysis: sentences, near-duplicates, the event the set is about, and
sources that are about a different or older event.

Everything here is deterministic text analysis; the embedder (optional) only sharpens
near-duplicate detection.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from briefer.brief import (
    FLAG_DIFFERENT_EVENT,
    FLAG_DUPLICATE,
    FLAG_STALE,
    BriefWarning,
    EventInfo,
    Source,
    SourceAssessment,
)
from briefer.ingest.dates import WEEKDAY_DAY_RE as _WEEKDAY_DAY
from briefer.ingest.dates import YEAR_MENTION_RE as YEAR_RE
from briefer.ingest.dates import iso as _iso
from briefer.ingest.dates import month_day_dates as _month_day_dates
from briefer.ingest.dates import parse_iso as _parse_iso
from briefer.ingest.dates import weekday_after as _weekday_after
from briefer.textutil import content_stems, jaccard, split_sentences, words

if TYPE_CHECKING:
    import numpy as np

    from briefer.models import Embedder

MEETING_RE = re.compile(
    r"\b(meet|meets|meeting|meetings|met|talks|sit-down|summit|visit|bilateral|face-to-face|in-person)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(will|would|to meet|set for|scheduled|expected|expect|plans? to|upcoming|forthcoming|"
    r"next (?:week|month)|later this|is likely|are likely|intends?|poised)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(previous|previously|last met|took place|earlier|ago|last year|first met|"
    r"had met|have met|met in|met at|during their|since the|dating back)\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:in|at|near)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)(?:,\s+(?:the capital of\s+)?([A-Z][a-z]+))?")
_POSSESSIVE_PLACE = re.compile(r"\b([A-Z][a-z]+)['’]s\s+(?:annual\s+)?(?:[A-Z][\w-]+\s+){0,4}(?:summit|forum|conference)", re.I)
_ACRONYM_LONG = re.compile(r"((?:[A-Z][\w-]+\s+){1,5})\(([A-Z]{2,6})\)")
_OCCASION_WORD = re.compile(r"\b(summit|forum|conference|meeting|gathering)\b", re.I)
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")
_ROLE = re.compile(
    r"((?:U\.S\.|US|American|Chinese|Russian|Japanese|Indian|French|German|British|South Korean|"
    r"Outgoing US|Outgoing U\.S\.)\s+)?(President|Prime Minister|Chancellor|leader)\s*$"
)

# Capitalised words that start name-like sequences but are not people.
_NOT_NAME_WORDS = frozenset(
    ["The", "A", "An", "And", "But", "In", "On", "At", "Of", "For", "With", "From", "By", "As", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "President", "Vice", "Prime", "Minister", "Secretary", "General", "Chairman", "Senator", "Governor", "White", "House", "United", "States", "America", "American", "Chinese", "China", "Asia", "Pacific", "Economic", "Cooperation", "Forum", "Summit", "South", "North", "East", "West", "Korea", "Korean", "Sea", "Strait", "Japan", "Japanese", "Russia", "Russian", "Ukraine", "Ukrainian", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Department", "Ministry", "Council", "Party", "Communist", "Joint", "Chiefs", "Staff", "Defense", "Policy", "Coordination", "Talks", "Military", "Maritime", "Consultative", "Agreement", "National", "Security", "Adviser", "Advisor", "Centre", "Center", "Strategic", "International", "Studies", "Administration", "Republican", "Democrat", "Democratic", "Community", "Guidelines", "Middle", "Liberation", "Army", "People", "Republic", "Foreign", "Minister", "Inc", "Corp", "Group", "Bank", "Street", "Global", "Times", "Post", "News", "Press", "Agency", "Reuters", "Bloomberg", "Kyodo", "Associated", "Outgoing", "Multiple", "Both", "Throughout", "During", "According", "Earlier", "Still", "Despite", "Already", "Administration", "Officials", "Official", "Chairman", "Commander", "Senior", "Kursk", "Lima", "Peru", "Washington", "Beijing", "Moscow", "Pyongyang", "Taiwan", "Taiwanese", "Francisco", "San", "Bali", "Indonesia", "India", "Woodside", "California", "Philippine", "Philippines", "Hong", "Kong", "Tibet", "Xinjiang", "Israel", "Hamas", "Iran", "Getty", "Kyodo"]
)


@dataclass
class SentenceRec:
    """A sentence of one source, with the other sources that said nearly the same."""

    id: int
    source_id: int
    index: int  # position within its source
    text: str
    also_in: list[tuple[int, str]] = field(default_factory=list)  # (source id, their wording)

    @property
    def source_ids(self) -> list[int]:
        """Every source that said this (its own first)."""
        ids = [self.source_id]
        for sid, _ in self.also_in:
            if sid not in ids:
                ids.append(sid)
        return ids


@dataclass
class Analysis:
    """The result of analysing a source set."""

    sources: list[Source]
    sentences: list[SentenceRec]  # canonical sentences (near-duplicates merged)
    event: EventInfo
    warnings: list[BriefWarning] = field(default_factory=list)
    embeddings: np.ndarray | None = None  # rows align with `sentences`
    reference_date: date | None = None  # the date the set is "as of"
    assessments: dict[int, SourceAssessment] = field(default_factory=dict)

    def is_current(self, source_id: int) -> bool:
        """True if facts from this source may be presented as current."""
        a = self.assessments.get(source_id)
        return a is None or a.current

    @property
    def current_sources(self) -> list[Source]:
        """The sources whose facts may be presented as current."""
        return [s for s in self.sources if self.is_current(s.id)]

    def current_sentences(self) -> list[SentenceRec]:
        """Sentences whose every source may be presented as current."""
        current = {s.id for s in self.current_sources}
        return [s for s in self.sentences if s.source_id in current]


def is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence)) and not _PAST.search(sentence)


def is_past(sentence: str) -> bool:
    return bool(_PAST.search(sentence)) or bool(re.search(r"\b(met|held|took)\b", sentence))


def _sentences_by_source(sources: list[Source]) -> dict[int, list[str]]:
    return {s.id: split_sentences(s.text) for s in sources if s.usable}


def _with_title(source: Source, sents: list[str]) -> list[str]:
    # Headlines are written in the present/future about the event, so count them too.
    return ([source.title] if source.title else []) + sents


# -- event detection -----------------------------------------------------------------


def _find_people(sources: list[Source], sents: dict[int, list[str]]) -> list[str]:
    """The two (or one) principals: names that recur in meeting sentences across sources."""
    full_names: Counter[str] = Counter()
    for s in sources:
        for sent in _with_title(s, sents.get(s.id, [])):
            for m in _NAME.finditer(sent):
                parts = m.group(1).split()
                while parts and parts[0] in _NOT_NAME_WORDS:
                    parts = parts[1:]
                while parts and parts[-1] in _NOT_NAME_WORDS:
                    parts = parts[:-1]
                if len(parts) >= 2:
                    full_names[" ".join(parts)] += 1
    # Group full names by surname-ish key (Chinese names put the family name first, so
    # index by every part and let scores decide).
    score: Counter[str] = Counter()
    for name in full_names:
        keys = name.split()
        for s in sources:
            sid_sents = _with_title(s, sents.get(s.id, []))
            meeting = [x for x in sid_sents if MEETING_RE.search(x)]
            title_hit = any(k in (s.title or "") for k in keys)
            if any(any(re.search(rf"\b{re.escape(k)}\b", x) for k in keys) for x in meeting):
                score[name] += 2 + (1 if title_hit else 0)
    if not score:
        return []
    # Merge variants that share a part ("Xi Jinping" / "Jinping Xi" / "Joe Biden").
    # Among variants with the same score, the most frequent spelling wins (a caption's
    # typo "Xi Jinpin" must not beat "Xi Jinping").
    alltext = " ".join(f"{s.title} {s.text}" for s in sources)

    def mentions(name: str) -> int:
        return max(len(re.findall(rf"\b{re.escape(k)}\b", alltext)) for k in name.split())

    ranked = sorted(score, key=lambda n: (-score[n], -full_names[n]))
    best_first = sorted(score, key=lambda n: (-score[n], -mentions(n), -full_names[n]))
    best: list[str] = []
    for name in ranked:
        if any(set(name.split()) & set(b.split()) for b in best):
            continue
        best.append(name)
    top = best[:2]
    # The principal mentioned most often comes first (the brief's own side, usually).
    top.sort(key=lambda n: best_first.index(n))
    if len(top) == 2 and score[top[1]] < 0.6 * score[top[0]]:
        top = top[:1]
    return [_with_role(n, sources) for n in top]


def _with_role(name: str, sources: list[Source]) -> str:
    """Prefix the most common role title used before the name ("Chinese President")."""
    roles: Counter[str] = Counter()
    for s in sources:
        for m in re.finditer(re.escape(name), s.text):
            before = s.text[max(0, m.start() - 40) : m.start()]
            r = _ROLE.search(before)
            if r:
                nationality = (r.group(1) or "").strip().replace("Outgoing ", "")
                roles[f"{nationality} {r.group(2)}".strip()] += 1
    if roles:
        role = max(roles.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        # Prefer a role with a nationality if one was seen at all.
        with_nat = [r for r in roles if " " in r and r.split()[-1] == role.split()[-1]]
        if " " not in role and with_nat:
            role = max(with_nat, key=lambda r: roles[r])
        return f"{role} {name}"
    return name


def _future_places(sents: list[str]) -> Counter[str]:
    """Places named in sentences about an upcoming meeting."""
    places: Counter[str] = Counter()
    for sent in sents:
        if not (MEETING_RE.search(sent) and (is_future(sent) or not is_past(sent))):
            continue
        for m in _PLACE.finditer(sent):
            place = m.group(1)
            first = place.split()[0]
            if first in {"The", "A", "An", "January", "February", "March", "April", "June", "July",
                         "August", "September", "October", "November", "December", "Monday",
                         "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}:
                continue
            if any(w in _ORG_WORDS for w in place.split()):
                continue
            places[place] += 1
            if m.group(2):
                places[f"{place}, {m.group(2)}"] += 1
        for m in _POSSESSIVE_PLACE.finditer(sent):
            places[m.group(1)] += 1
    return places


_ORG_WORDS = frozenset(
    ["President", "White", "House", "Asia", "Pacific", "Economic", "Cooperation", "Group", "Summit", "Forum", "Office", "Department", "Council", "Party", "Chiefs", "Staff", "Administration", "Biden", "Xi", "Trump", "Jinping", "Joe", "Donald", "Sullivan"]
)


def _past_places(sents: list[str]) -> dict[str, list[str]]:
    """Places named in sentences about a past meeting, with those sentences."""
    out: dict[str, list[str]] = defaultdict(list)
    for sent in sents:
        if not (MEETING_RE.search(sent) and is_past(sent)):
            continue
        for m in _PLACE.finditer(sent):
            out[m.group(1)].append(sent)
    return out


def _event_dates(source: Source, sents: list[str], ref: date | None) -> list[date]:
    """Dates of the upcoming meeting that one source gives."""
    pub = _parse_iso(source.date) or ref
    out: list[date] = []
    for sent in _with_title(source, sents):
        if not MEETING_RE.search(sent) or not (is_future(sent) or "set for" in sent):
            continue
        for d in _month_day_dates(sent, pub):
            # A date named for an upcoming meeting is on or after publication.
            if pub is None or d >= pub - timedelta(days=2):
                out.append(d)
        if pub:
            for m in _WEEKDAY_DAY.finditer(sent):
                d = _weekday_after(pub, m.group(1))
                if d.day == int(m.group(2)):
                    out.append(d)
    return out


def _occasion(sources: list[Source]) -> str | None:
    """The summit/forum the meeting is held at, e.g. "Asia-Pacific Economic Cooperation (APEC) summit"."""
    longs: dict[str, str] = {}
    acr_count: Counter[str] = Counter()
    kind: Counter[tuple[str, str]] = Counter()
    for s in sources:
        text = s.text
        for m in _ACRONYM_LONG.finditer(text):
            long = m.group(1).strip()
            # Trim leading words that are not part of the name ("the", "attending the").
            parts = long.split()
            while parts and parts[0][0].islower():
                parts = parts[1:]
            while parts and parts[0] in {"The", "Both", "Peru's", "Annual"}:
                parts = parts[1:]
            if parts:
                longs.setdefault(m.group(2), " ".join(parts))
        for acr in set(re.findall(r"\b([A-Z]{3,6})\b", text)):
            for m in re.finditer(rf"\b{acr}\b[^.]{{0,40}}?\b(summit|forum|conference)\b", text, re.I):
                acr_count[acr] += 1
                kind[(acr, m.group(1).lower())] += 1
    for acr, long in longs.items():
        for m in re.finditer(rf"{re.escape(long)}\s+(?:\({acr}\)\s+)?(summit|forum|conference)", " ".join(s.text for s in sources), re.I):
            acr_count[acr] += 1
            kind[(acr, m.group(1).lower())] += 1
    if not acr_count:
        return None
    acr = acr_count.most_common(1)[0][0]
    word = max((k for k in kind if k[0] == acr), key=lambda k: kind[k])[1]
    long = longs.get(acr)
    return f"{long} ({acr}) {word}" if long else f"{acr} {word}"


def find_event(sources: list[Source], sents: dict[int, list[str]] | None = None) -> EventInfo:
    """Who meets whom, where, when and at which occasion, by majority across sources."""
    sents = sents if sents is not None else _sentences_by_source(sources)
    usable = [s for s in sources if s.usable]
    ref = _reference_date(usable)
    places: Counter[str] = Counter()
    for s in usable:
        # One vote per source per place: a source that repeats itself counts once.
        for p in set(_future_places(_with_title(s, sents.get(s.id, [])))):
            places[p] += 1
    where = None
    if places:
        bare = Counter({p: c for p, c in places.items() if "," not in p})
        where = (bare or places).most_common(1)[0][0]
        # One source saying "Lima, Peru" is enough to name the country too.
        qualified = [(c, p) for p, c in places.items() if p.startswith(f"{where}, ")]
        if qualified:
            where = max(qualified)[1]
    dates: Counter[date] = Counter()
    for s in usable:
        for d in set(_event_dates(s, sents.get(s.id, []), ref)):
            dates[d] += 1
    when = dates.most_common(1)[0][0] if dates else None
    return EventInfo(
        who=_find_people(usable, sents),
        where=where,
        when=_iso(when),
        occasion=_occasion(usable),
    )


def _reference_date(sources: list[Source]) -> date | None:
    """The "as of" date of the set: the latest publication date among the sources."""
    dated = [d for d in (_parse_iso(s.date) for s in sources) if d]
    return max(dated) if dated else None


# -- stale / different-event sources --------------------------------------------------


def place_mentioned(place: str, text: str) -> bool:
    """True if any part of `place` ("Lima, Peru" → Lima or Peru) is named in `text`."""
    return any(re.search(rf"\b{re.escape(p.strip())}\b", text) for p in place.split(","))


def flag_sources(
    sources: list[Source], event: EventInfo, sents: dict[int, list[str]], assessments: dict[int, SourceAssessment]
) -> list[BriefWarning]:
    """Flag (in `assessments`) sources that preview a different or older event; returns their warnings.

    A source is about a different event when the meeting it looks forward to is in a
    place other than the set's and it never names the set's place. It is stale when it
    is dated well before the others, when it names only years before the event's, or
    when other sources speak of its meeting in the past.
    """
    warnings: list[BriefWarning] = []
    usable = [s for s in sources if s.usable]
    ref = _parse_iso(event.when) or _reference_date(usable)
    all_past: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s in usable:
        for place, ss in _past_places(sents.get(s.id, [])).items():
            all_past[place].extend((s.id, x) for x in ss)
    for s in usable:
        notes: list[str] = []
        flags: list[str] = []
        text = f"{s.title}\n{s.text}"
        own_places = _future_places(_with_title(s, sents.get(s.id, [])))
        if event.where and own_places and not place_mentioned(event.where, text):
            other = own_places.most_common(1)[0][0]
            flags.append(FLAG_DIFFERENT_EVENT)
            notes.append(f"previews a meeting in {other}, not in {event.where}")
            # Do the other sources speak of that meeting as past?
            said_past = [(sid, x) for sid, x in all_past.get(other, []) if sid != s.id]
            if said_past:
                years = sorted({y for _, x in said_past for y in YEAR_RE.findall(x)})
                when = f" (in {', '.join(years)})" if years else ""
                flags.append(FLAG_STALE)
                notes.append(
                    f"other sources describe the {other} meeting as a past one{when}"
                )
        pub = _parse_iso(s.date)
        if ref and pub and (ref - pub).days > 60:
            if FLAG_STALE not in flags:
                flags.append(FLAG_STALE)
            notes.append(f"dated {pub.isoformat()}, {(ref - pub).days} days before the event")
        years_named = {int(y) for y in YEAR_RE.findall(text)}
        # Previews routinely recall last year's meeting, so only a source whose latest
        # year is two or more years back counts as old on this ground.
        if ref and years_named and max(years_named) < ref.year - 1 and FLAG_STALE not in flags:
            flags.append(FLAG_STALE)
            notes.append(f"names no year later than {max(years_named)}")
        if flags:
            a = assessments.setdefault(s.id, SourceAssessment())
            for f in flags:
                a.add(f)
            for n in notes:
                if n not in a.notes:
                    a.notes.append(n)
            warnings.append(
                BriefWarning(
                    kind="stale-source",
                    message=(
                        f"Source [{s.id}] “{s.title}” is about a different or older event "
                        f"({'; '.join(notes)}); its facts are not presented as current."
                    ),
                    source_ids=[s.id],
                )
            )
    return warnings


# -- sentences and near-duplicates ---------------------------------------------------

_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*%?|\b(?:first|second|third|fourth|fifth|last|final)\b", re.I)


def _figures(text: str) -> set[str]:
    """Numbers and ordinals in a sentence, "final" read as "last"."""
    return {"last" if x.lower() == "final" else x.lower() for x in _NUMBER.findall(text)}


def _usable_sentence(sent: str) -> bool:
    n = len(words(sent))
    return 5 <= n <= 80 and not sent.rstrip().endswith("?")


def merge_duplicates(
    sources: list[Source],
    sents: dict[int, list[str]],
    embedder: Embedder | None = None,
    threshold: float = 0.86,
    current: set[int] | None = None,
) -> tuple[list[SentenceRec], np.ndarray | None]:
    """Merge near-duplicate sentences across sources, keeping every source that said it.

    Two sentences from different sources are the same when their content words overlap
    strongly (Jaccard ≥ 0.6) or, with an embedder, when their cosine similarity is at
    least `threshold`. The canonical wording is the most complete one.
    """
    recs: list[SentenceRec] = []
    for s in sources:
        if not s.usable:
            continue
        for i, sent in enumerate(sents.get(s.id, [])):
            if _usable_sentence(sent):
                recs.append(SentenceRec(id=len(recs), source_id=s.id, index=i, text=sent))
    if not recs:
        return [], None
    stems = [content_stems(r.text) for r in recs]
    emb = embedder.encode([r.text for r in recs]) if embedder is not None else None
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    numbers = [_figures(r.text) for r in recs]
    for i in range(len(recs)):
        for j in range(i + 1, len(recs)):
            if numbers[i] and numbers[j] and not numbers[i] & numbers[j]:
                continue  # same words, different figures: a conflict to report, not a duplicate
            same_source = recs[i].source_id == recs[j].source_id
            lex = jaccard(stems[i], stems[j])
            sim = float(emb[i] @ emb[j]) if emb is not None else 0.0
            # Within one source, only merge verbatim-ish repeats (e.g. a caption that
            # restates the lede); across sources, paraphrases merge too.
            if (same_source and lex >= 0.7) or (not same_source and (lex >= 0.6 or sim >= threshold)):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        groups[find(i)].append(i)
    source_order = {s.id: k for k, s in enumerate(sources)}
    merged: list[SentenceRec] = []
    keep_rows: list[int] = []
    for members in groups.values():
        # Most complete wording, not overlong, from a current source if possible.
        cur = current if current is not None else {s.id for s in sources}
        canon = max(
            members,
            key=lambda k: (recs[k].source_id in cur, min(len(stems[k]), 30), -source_order[recs[k].source_id]),
        )
        rec = recs[canon]
        rec.also_in = [(recs[k].source_id, recs[k].text) for k in members if k != canon]
        merged.append(rec)
        keep_rows.append(canon)
    order = sorted(range(len(merged)), key=lambda k: (source_order[merged[k].source_id], merged[k].index))
    merged = [merged[k] for k in order]
    rows = [keep_rows[k] for k in order]
    for new_id, r in enumerate(merged):
        r.id = new_id
    return merged, (emb[rows] if emb is not None else None)


def flag_duplicate_sources(
    sources: list[Source], sentences: list[SentenceRec], assessments: dict[int, SourceAssessment]
) -> None:
    """Flag a source most of whose sentences another source already carries."""
    total: Counter[int] = Counter()
    shared: Counter[int] = Counter()
    for r in sentences:
        for sid in r.source_ids:
            total[sid] += 1
        if len(r.source_ids) > 1:
            for sid in r.source_ids:
                shared[sid] += 1
    for s in sources:
        if total[s.id] >= 4 and shared[s.id] / total[s.id] >= 0.8:
            note = f"{shared[s.id]} of its {total[s.id]} sentences also appear in other sources"
            assessments.setdefault(s.id, SourceAssessment()).add(FLAG_DUPLICATE, note)


# -- conflicts -------------------------------------------------------------------------



def find_conflicts(sentences: list[SentenceRec], emb: np.ndarray | None, current: set[int]) -> list[BriefWarning]:
    """Warn where current sources state the same thing with different numbers or ordinals."""
    warnings: list[BriefWarning] = []
    if emb is None:
        return warnings
    cand = [r for r in sentences if r.source_id in current and _NUMBER.search(r.text)]
    seen: set[tuple[int, int]] = set()
    for a_i, a in enumerate(cand):
        for b in cand[a_i + 1 :]:
            if a.source_id == b.source_id:
                continue
            sim = float(emb[a.id] @ emb[b.id])
            if sim < 0.8:
                continue
            na, nb = _figures(a.text), _figures(b.text)
            if na and nb and not (na & nb):
                key = (a.source_id, b.source_id)
                if key in seen:
                    continue
                seen.add(key)
                warnings.append(
                    BriefWarning(
                        kind="conflict",
                        message=(
                            f"Sources [{a.source_id}] and [{b.source_id}] differ: “{a.text}” vs “{b.text}”"
                        ),
                        source_ids=[a.source_id, b.source_id],
                    )
                )
    return warnings


def analyse(sources: list[Source], embedder: Embedder | None = None) -> Analysis:
    """Analyse a source set: event, stale sources, merged sentences, conflicts.

    The sources are not changed: flags and their reasons are in `Analysis.assessments`.
    """
    sents = _sentences_by_source(sources)
    event = find_event(sources, sents)
    assessments: dict[int, SourceAssessment] = {}
    warnings = flag_sources(sources, event, sents, assessments)
    current = {s.id for s in sources if s.usable and (s.id not in assessments or assessments[s.id].current)}
    sentences, emb = merge_duplicates(sources, sents, embedder, current=current)
    flag_duplicate_sources(sources, sentences, assessments)
    warnings += find_conflicts(sentences, emb, current)
    return Analysis(
        sources=sources,
        sentences=sentences,
        event=event,
        warnings=warnings,
        embeddings=emb,
        assessments=assessments,
        reference_date=_parse_iso(event.when) or _reference_date([s for s in sources if s.usable]),
    )

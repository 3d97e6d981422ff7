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
    human_date,
)
from briefer.budget import MAX_PARSE_CHARS, PARSE_BUDGET, SENTENCE_BUDGET, quotas, sample
from briefer.cancel import CancelLike, Check, checker
from briefer.frame import (
    PREVIEW_SLACK_DAYS,
    Frame,
    SourceFrame,
    extract_frame,
    is_meeting_sentence,
    names_person,
    norm_place,
    occasion_key,
)
from briefer.ingest.dates import (
    MONTH_FULL,
    MONTH_RE,
    WEEKDAY_RE,
    iso,
    long_date,
    month_name,
    parse_iso,
    parse_iso_approx,
)
from briefer.neardup import candidate_pairs, similar_pairs
from briefer.textutil import STOPWORDS, content_stems, jaccard, split_sentences, stem, words

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np

    from briefer.ports import Embedder, Parse, Parser

YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

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
# A source dated this long before the meeting, or after it, is about something older or later.
STALE_BEFORE_DAYS = 120
STALE_AFTER_DAYS = 30
MEETING_DATE_APART_DAYS = 7  # a source's own meeting date this far from the set's: another meeting
AFTER_MEETING_DAYS = 2  # a page dated this long after the meeting (time zones aside) is written after it
# Words that mark a meeting told of as an earlier one, not the set's told after the fact.
_EARLIER = re.compile(
    r"\b(last met|previous(?:ly)?|had met|have met|has met|last (?:summit|meeting|visit|trip|time|talks)|"
    r"earlier|ago|last year|since|after their)\b",
    re.I,
)
# Words that speak of a meeting still to come ("will meet", "is expected to", "ahead of").
_AHEAD = re.compile(
    r"\b(will|would|shall|to meet|to hold|to visit|to travel|set to|set for|scheduled|expected|expects?|"
    r"plans?|planned|upcoming|forthcoming|next|is to|are to|due to|poised|ahead of|later (?:this|today|on)|"
    r"is likely|are likely|preparing|prepares?|intends?|going to)\b",
    re.I,
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
    frame: Frame | None = None  # the event frame and what each source says (see `briefer.frame`)

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


def looks_ahead(sentence: str) -> bool:
    """True if the sentence speaks of what will or is expected to happen."""
    return bool(_FUTURE.search(sentence))


def is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence)) and not _PAST.search(sentence)


def is_past(sentence: str) -> bool:
    return bool(_PAST.search(sentence)) or bool(re.search(r"\b(met|held|took)\b", sentence))


def _reference_date(sources: list[Source]) -> date | None:
    """The "as of" date of the set: the latest publication date among the sources."""
    dated = [d for d in (parse_iso(s.date) for s in sources) if d]
    return max(dated) if dated else None


def sentences_by_source(sources: list[Source]) -> dict[int, list[str]]:
    """Each usable source's sentences as `SentenceRec.index` counts them."""
    return {s.id: [x for x in split_sentences(s.text) if x not in s.instructions] for s in sources if s.usable}


def _with_title(source: Source, sents: list[str]) -> list[str]:
    # Headlines are written in the present/future about the event, so count them too.
    return ([source.title] if source.title else []) + sents


# -- the event and the sources about another one -------------------------------------------


def find_event(sources: list[Source], parser: Parser | None = None) -> EventInfo:
    """Who meets whom, where, when and at which occasion, by vote across sources."""
    return event_info(extract(sources, parser or default_parser()))


def default_parser() -> Parser:
    """The packaged parser (spaCy en_core_web_sm), loaded once per process.

    The event frame needs a parse; without one the brief would name the wrong people, so the
    core reaches for the default model itself when a caller passes none.
    """
    from briefer.models import load_parser

    return load_parser()


def extract(sources: list[Source], parser: Parser, cancel: CancelLike | Check = None) -> Frame:
    """The event frame of the usable sources, read without their instruction-like sentences:
    text that addresses a model must not steer who, where or when either. Of a large set the
    parser reads each source's lead and a sample of its meeting sentences (`briefer.budget`)."""
    check = checker(cancel)
    usable = [s for s in sources if s.usable]
    texts = _frame_texts(usable, [_reported_text(s) for s in usable])
    check()
    return extract_frame([(s.id, s.title, t, parse_iso(s.date)) for s, t in zip(usable, texts)],
                         _CheckedParser(parser, check))


def _frame_texts(usable: list[Source], texts: list[str]) -> list[str]:
    """The texts as they are if the parser can read them all within `PARSE_BUDGET`; else
    each source's lead and a sample of its meeting sentences, one per line."""
    split = [split_sentences(t) for t in texts]
    titles = [1 if s.title else 0 for s in usable]
    if sum(len(x) + t for x, t in zip(split, titles)) <= PARSE_BUDGET:
        return texts
    shares = quotas([len(x) + t for x, t in zip(split, titles)], PARSE_BUDGET, floor=1)
    return ["\n".join(body[i] for i in sample(body, q - t, is_meeting_sentence))
            for body, q, t in zip(split, shares, titles)]


class _CheckedParser:
    """A parser that checks for cancel between batches (the frame parses in one call) and
    reads only the start of an overlong "sentence" (a text with no full stops is one)."""

    BATCH = 64

    def __init__(self, parser: Parser, check: Check) -> None:
        self.parser, self.check, self.info = parser, check, parser.info

    def parse(self, texts: Sequence[str]) -> list[Parse]:
        out: list[Parse] = []
        for i in range(0, len(texts), self.BATCH):
            self.check()
            out += self.parser.parse([t[:MAX_PARSE_CHARS] for t in texts[i:i + self.BATCH]])
        return out


def encode(embedder: Embedder, texts: list[str], check: Check, batch: int = 256) -> np.ndarray:
    """Embeddings of `texts`, checking for cancel between batches."""
    import numpy as np

    parts = []
    for i in range(0, len(texts), batch):
        check()
        parts.append(embedder.encode(texts[i:i + batch]))
    return np.concatenate(parts) if parts else embedder.encode([])


def _reported_text(source: Source) -> str:
    """The source's text without the sentences ingest found addressing a model or a reader."""
    text = source.text
    for sentence in source.instructions:
        text = text.replace(sentence, " ")
    return text


def event_info(frame: Frame) -> EventInfo:
    """The frame as the brief stores it: roles with names, "City, Country", ISO date."""
    occasion = frame.occasion
    return EventInfo(
        who=[p.display for p in frame.people],
        # Without a city the sources agree on, the building they do: "White House".
        where=", ".join(frame.place_parts) if frame.place else (frame.venue_name or None),
        when=iso(frame.when),
        occasion=occasion,
    )


def place_mentioned(place: str, text: str) -> bool:
    """True if any part of `place` ("Lima, Peru" → Lima or Peru) is named in `text`."""
    return any(re.search(rf"\b{re.escape(p.strip())}\b", text) for p in place.split(",") if p.strip())


# A building that speaks is no place: "the White House said", "a White House official".
_SPEAKING_BUILDING = r"\s+(?:said|says|announced|confirmed|statement|readout|officials?|spokes\w+|press\s+secretary|aides?)\b"


def venue_mentioned(venue: str, text: str) -> bool:
    """True if `text` names the building `venue` other than as a speaker."""
    return any(not re.match(_SPEAKING_BUILDING, text[m.end():])
               for m in re.finditer(rf"\b{re.escape(venue.strip())}\b", text))


def _compatible(a: str, b: str, frame: Frame) -> bool:
    """Same place, or one inside the other as the sources describe it."""
    if a.lower() == b.lower() or a in frame.countries:
        return True  # a source that names only a principal's own country says nothing against the city
    inside = frame.containment
    return b in inside.get(a, set()) or a in inside.get(b, set())


def _as_said(d: date, with_year: list[date], year: int) -> date | None:
    """A date as the source means it: as written if it gave the year, else in `year`."""
    if d in with_year:
        return d
    try:
        return date(year, d.month, d.day)
    except ValueError:
        return None


def person_tokens(frame: Frame) -> list[list[str]]:
    """Per principal, the name tokens that name them alone ("Maru", "Anna", "Anna Maru")."""
    return [sorted({p.short, *p.name.split()} - {""}, key=lambda t: (-len(t), t)) for p in frame.people]


def names_all(text: str, tokens: list[list[str]]) -> bool:
    """True if `text` names every principal."""
    return all(any(names_person(text, t) for t in toks if len(t) > 1) for toks in tokens)


def recalled_meetings(source_id: int, sources: list[Source], frame: Frame,
                      set_date: date | None = None) -> list[tuple[str, int, str]]:
    """Earlier meetings of the set's principals that the other sources recall, as (place, source
    id, sentence): a place another source names for a meeting it marks as earlier ("last met in
    X", "since they met in X in 2017"), in a sentence naming both principals, when the place is
    not the set's nor a principal's country."""
    if not frame.place or len(frame.people) < 2:
        return []
    year = set_date.year if set_date else None
    tokens = person_tokens(frame)
    out: list[tuple[str, int, str]] = []
    for o in sorted(sources, key=lambda x: x.id):
        of = frame.sources.get(o.id)
        if o.id == source_id or of is None:
            continue
        places = sorted({pl for pl in of.past_places
                         if pl not in frame.countries and not _compatible(pl, frame.place, frame)})
        sents = [o.title, *split_sentences(o.text)]
        for pl in places:
            said = [x for x in sents if place_mentioned(pl, x) and names_all(x, tokens) and _earlier(x, year)]
            if said:
                out.append((pl, o.id, said[0]))
    return out


def _earlier(sentence: str, year: int | None) -> bool:
    """True if the sentence marks the meeting it tells of as an earlier one ("last met in",
    "since they met in ... 2017"), not as the set's meeting told after the fact ("met at")."""
    if _EARLIER.search(sentence):
        return True
    return year is not None and any(int(y) < year for y in YEAR_RE.findall(sentence))


def _occasion_pattern(occasion: str | None) -> re.Pattern[str] | None:
    """The set's gathering by its short name ("G20" also as "G-20"; "SCO"), or its name
    without the head word when it has no acronym."""
    if not occasion:
        return None
    acronyms = sorted(set(re.findall(r"\b(?:G-?\d{1,2}|[A-Z]{3,6})\b", occasion)))
    alts = [re.sub(r"(?<=[A-Za-z])-?(?=\d)", "[- ]?", a) for a in acronyms]
    if not alts:
        name = re.sub(r"\s+(?:summit|forum|conference|gathering|assembly|meeting)s?$", "", occasion, flags=re.I)
        alts = [re.escape(name.strip())] if name.strip() else []
    return re.compile(rf"\b(?:{'|'.join(alts)})\b", re.I) if alts else None


def unplaced_report(source: Source, sf: SourceFrame, sources: list[Source], frame: Frame,
                    set_date: date | None) -> tuple[str, int] | None:
    """The earlier meeting (place, id of the source that recalls it) that a source may be
    about, when it reports a meeting of the set's principals as under way or over ("the two
    sit down to dinner", "he said the meeting was") yet nothing in it ties it to the set's
    meeting:

    - no sentence of it about the meeting looks ahead;
    - it names neither the set's place, nor a place inside it, nor any place the other sources
      name for this meeting;
    - it gives no day near the set's date, and has no publication date from the week before
      the meeting to `STALE_AFTER_DAYS` after it (a report of the meeting is written then);
    - another source recalls an earlier meeting of the two elsewhere, and if the set's meeting
      is at a named gathering that this source names too, the recalled one was at it as well
      (a recurring summit fits both; one named only for this meeting ties it to this one).
    """
    if not frame.place or len(frame.people) < 2:
        return None
    tokens = person_tokens(frame)
    about = [x for x in [source.title, *split_sentences(source.text)] if x and is_meeting_sentence(x)]
    if not any(names_all(x, tokens) for x in about) or any(_AHEAD.search(x) for x in about):
        return None
    if frame.when and any(abs((d - frame.when).days) <= MEETING_DATE_APART_DAYS for d in sf.dates):
        return None
    pub = parse_iso(source.date)
    if pub and set_date and -MEETING_DATE_APART_DAYS <= (pub - set_date).days <= STALE_AFTER_DAYS:
        return None
    recalled = recalled_meetings(source.id, sources, frame, set_date)
    if not recalled:
        return None
    earlier = {pl for pl, _, _ in recalled}
    here = {pl for o, of in frame.sources.items() if o != source.id
            and any(_compatible(x, frame.place, frame) for x in of.places) for pl in of.places}
    text = f"{source.title}\n{source.text}"
    # As written or in a capitals dateline ("OSAKA, Japan -"); a principal's own country says
    # nothing about where they meet.
    if any(re.search(rf"\b(?:{re.escape(pl)}|{re.escape(pl.upper())})\b", text)
           for pl in sorted({*frame.place_parts, *(here - earlier - frame.countries)})):
        return None
    if any(_compatible(pl, frame.place, frame) for pl in sf.places):
        return None
    occasion = _occasion_pattern(frame.occasion)
    if occasion and occasion.search(text):
        recalled = [r for r in recalled if occasion.search(r[2])]
    return (recalled[0][0], recalled[0][1]) if recalled else None


_OTHER_TIME = re.compile(
    r"\b(?P<title>(?:former|ex-)\s*(?:[A-Z][\w.]*\s+){0,2}?(?:President|Prime Minister|Premier|Chancellor|[Ll]eader)"
    r"|(?:President|Prime Minister|Premier|Chancellor)[- ]elect|(?:presidential\s+)?(?:candidate|nominee))"
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,2}$",
    re.I,
)


def other_time_title(text: str, frame: Frame) -> tuple[str, str] | None:
    """(principal, title) if `text` gives a principal a title of an earlier time than the
    set's: "former President", "President-elect", "candidate". None if the set's own role
    for them is such a title."""
    for p, toks in zip(frame.people, person_tokens(frame)):
        if re.search(r"former|elect|candidate|nominee", p.role, re.I):
            continue
        for tok in toks:
            if len(tok) < 2:
                continue
            for m in re.finditer(rf"\b{re.escape(tok)}\b", text):
                t = _OTHER_TIME.search(text[max(0, m.start() - 60):m.start()])
                if t:
                    return (p.short or p.name, t.group("title"))
    return None


# A month named for what is ahead, with no day: "will visit Brazil in November", "in late April".
_AHEAD_MONTH = re.compile(rf"\b(?:in|for|during|by)\s+(?:(?:late|early|mid)[\s-]+)?(?P<m>{'|'.join(MONTH_FULL)})\b(?!\s+\d)")


def announces_month(text: str, pub: date, when: date, tokens: list[list[str]]) -> bool:
    """True if a page dated `pub` names `when`'s month, as the next such month after it, for what
    a principal will do: an early announcement of this meeting ("Xi is expected to visit Brazil
    in November", written in May), not a preview of an older one."""
    for sent in split_sentences(text):
        if not looks_ahead(sent) or not any(names_person(sent, tok) for toks in tokens for tok in toks if len(tok) > 1):
            continue
        for m in _AHEAD_MONTH.finditer(sent):
            month = MONTH_FULL.index(m.group("m")) + 1
            year = pub.year if month >= pub.month else pub.year + 1
            if (year, month) == (when.year, when.month):
                return True
    return False


def _agreed_date(pubs: list[date], on_place: list[date] | None = None) -> date | None:
    """The sources' own dates where most of them lie (the middle one there). Of far apart dates
    as well supported, those of pages that name the set's place (`on_place`); None if that
    does not decide: of two dated pages a year apart, either may be the stale one, and judging
    the other by it would flag a good source."""
    if not pubs:
        return None
    near = {p: sum(1 for q in pubs if abs((q - p).days) <= AGREED_DAYS) for p in pubs}
    most = max(near.values())
    tops = sorted(p for p in pubs if near[p] == most)
    if (tops[-1] - tops[0]).days > AGREED_DAYS:
        placed = sorted(p for p in tops if p in (on_place or []))
        if not placed or (placed[-1] - placed[0]).days > AGREED_DAYS:
            return None
        tops = placed
    return tops[len(tops) // 2]


AGREED_DAYS = 30  # dated pages this close preview the same meeting


def _in_headline(title: str, names: tuple[str, ...]) -> bool:
    """True if the headline names every one of `names` (by surname)."""
    return all(names_person(title, nm.split()[-1]) for nm in names)


def judge_sources(sources: list[Source], frame: Frame, assessments: dict[int, SourceAssessment]) -> list[BriefWarning]:
    """Flag sources about an older or a different meeting, judged on the whole frame.

    Each disagreement with the set's meeting is one signal: the people it pairs, the place
    it names for its meeting (only if it never names the set's place), the date it gives for
    its meeting, its own publication date, and other sources speaking of its meeting as past.
    A report of a meeting of the two as under way or over that names neither the set's place
    nor a date, while another source recalls an earlier meeting of theirs, counts twice: the
    set itself names the meeting it may be about, and nothing in it ties it to this one.
    When the sources agree only on a building ("the White House"), a place for the pair that no
    source names in a sentence with it is another place. A page written two days or more after
    the set's meeting that looks ahead to a meeting of a principal's counts twice: it cannot be
    a preview of the set's meeting.
    One signal is a detail, not another event (an article that recalls an old clash, a
    source with one wrong date); two make the source stale or about a different event. A
    different pair of leaders counts twice: that is another meeting whatever else agrees.
    """
    warnings: list[BriefWarning] = []
    usable = [s for s in sources if s.usable]
    pair = tuple(sorted(p.name for p in frame.people))
    tokens = person_tokens(frame)
    page_dates = [(d, s) for s in usable if (d := parse_iso(s.date))]
    pubs = sorted(d for d, _ in page_dates)
    # The set's place without a principal's own country: every preview names that one.
    own_parts = [fp for fp in frame.place_parts if fp not in frame.countries]
    # (When the place is a principal's own country, the building the sources agree on says
    # where: "US President Trump" names the country, not the White House.)
    home_parts = [frame.venue_name] if frame.venue else list(frame.place_parts)
    set_parts = own_parts or home_parts  # what a source about this meeting names
    set_place_keys = {norm_place(fp) for fp in frame.place_parts}
    principal_names = {p.name for p in frame.people}
    # The gatherings each source puts its meeting at, for one no other source names.
    gatherings = {sid: {occasion_key(o) for o in sf.occasions_at} for sid, sf in frame.sources.items()}
    on_place = [d for d, s in page_dates if any(place_mentioned(p, f"{s.title}\n{s.text}") for p in own_parts)]
    set_date = frame.when or _agreed_date(pubs, on_place)
    # How many sources call a place's meeting past (counted once each: linear, not all pairs).
    own_past = {s.id: set(frame.sources[s.id].past_places) if s.id in frame.sources else set() for s in usable}
    past_count: Counter[str] = Counter(pl for places in own_past.values() for pl in places)
    venue_only = not frame.place and bool(frame.venue)
    venue_sents = [sent for s in usable for sent in split_sentences(s.text) if venue_mentioned(frame.venue_name, sent)] \
        if venue_only else []

    def near_venue(pl: str) -> bool:
        return any(place_mentioned(pl, sent) for sent in venue_sents)

    for s in usable:
        sf = frame.sources.get(s.id)
        if sf is None:
            continue
        score = 0
        notes: list[str] = []
        kinds: list[str] = []
        # People: its main pair is not the set's, and it never names one of the set's
        # principals (or names its own pair together at least twice as often).
        # (A spokesman who announces the trip is no party to a meeting: "Lu Kang announced …".)
        text_all = f"{s.title}\n{s.text}"
        # (By any spelling the set uses for them: sf.people has "Albanis" as Albanese.)
        missing = [p for p, toks in zip(frame.people, tokens)
                   if p.name not in sf.people and not any(names_person(text_all, tok) for tok in toks if len(tok) > 1)]
        # (Nor, in a source that names both principals, a summit's third leader with one of them:
        # "Biden and Trudeau will attend the summit in Mexico", in a set about Biden's bilateral
        # with its host. One that never names a principal is about the third leader's own
        # bilateral at the summit: "Biden meets Xi in Bali" in a set about Albanese and Xi.)
        # (Of the pairs it speaks of other than in looking back: "the 4th US president to visit
        # India since Bill Clinton's trip in 2000" previews no meeting of Clinton's.)
        # (Nor a principal with one of either principal's own country: on a state visit, the
        # visitor's call on the host's president, "Hasina will meet India's President Murmu".)
        # (Unless its headline pairs them and it never pairs the set's two: "Merkel to meet Putin",
        # then "she also plans talks with Zelensky", previews her own bilaterals at the
        # Putin–Zelensky summit.)
        apart = sf.pair_mentions.get(pair, 0) == 0
        own = sorted((pr for pr in sf.pair_ahead if not set(pr) & frame.aides
                      and not (not missing and set(pr) & set(pair) and not (apart and _in_headline(s.title, pr))
                               and set(pr) - set(pair) <= frame.attendees | frame.compatriots)),
                     key=lambda pr: (-sf.pair_ahead[pr], pr))
        # (A source that puts the set's pair at the set's place previews this meeting, whatever
        # else it covers: "Macron to call Putin after G20 … He will meet the Chinese leader in Bali";
        # unless it puts its own pair somewhere else: "Lee meets Ishiba in Tokyo, then Trump".)
        here = own and any(set(pair) <= set(names) and any(place_mentioned(fp, sent) for fp in set_parts)
                           for names, sent in sf.ahead_pairs) and not any(
            set(own[0]) <= set(names) and norm_place(pl) not in set_place_keys and pl not in frame.countries
            for pl, names in sf.place_cands)
        if len(pair) == 2 and own and tuple(sorted(own[0])) != pair and not here and (
            (missing and sf.pair_ahead[own[0]] >= 1)
            or sf.pair_ahead[own[0]] >= max(2, 2 * sf.pair_mentions.get(pair, 0))
        ):
            score += 2
            kinds.append(FLAG_DIFFERENT_EVENT)
            # Named by the pair it is about: a leader of the tour's other leg before a spokesman
            # the source quotes with the principal more often.
            shown = next((pr for pr in own if set(pr) & frame.other_leaders), own[0])
            notes.append(f"is about a meeting of {shown[0]} and {shown[1]}")
        # (Naming the set's place only for one principal's other leg, and nobody else, is not
        # naming it for the meeting: "Xi is due on a state visit to Kazakhstan on Wednesday … will
        # then meet Putin at the summit in Samarkand in Uzbekistan".)
        at_set = [(pl, names) for pl, names in sf.place_cands if norm_place(pl) in set_place_keys]
        leg_only = bool(at_set) and all(len(names) == 1 and set(names) <= principal_names and pl not in sf.both_places
                                        for pl, names in at_set)
        # The places it names both principals at, by name.
        named_both = {pl for pl, names in sf.place_cands if len(principal_names & set(names)) >= 2}
        # Place: it names a meeting place that is not the set's and never names the set's.
        # (When the sources agree only on a building, "the White House", a place no source
        # names in a sentence with it is elsewhere: "will meet Tuesday in Manhattan".)
        if (frame.place or venue_only) and any(x not in frame.countries and x not in sf.datelines for x in sf.places):
            # A principal's own country says nothing about where (it is where one of them lives).
            # Its own meeting place: the one it names with the principals most.
            weight: Counter[str] = Counter()
            paired_at = set(named_both)  # the places it names both principals at
            for pl, names in sf.place_cands:
                weight[pl] += 1 + 2 * len(principal_names & set(names))
            # (Or with "the two leaders", "the leaders of China and Japan".)
            for pl in sf.both_places:
                if pl in weight:
                    weight[pl] += 4
                    paired_at.add(pl)
            # (Not a dateline the story travels away from: "WASHINGTON – Biden will host them in San Diego".)
            own_places = sorted({x for x in sf.places if x not in frame.countries and x not in sf.datelines},
                                key=lambda x: (-weight[x], x))
            # A place named with one principal only is where that one goes ("Macron hosts a
            # conference in Paris on 13 December"), not where the two meet.
            both = own_places[0] in paired_at
            # (A principal's own country in the set's place says nothing either: a preview of
            # their meeting in Xiamen names China too, where this one is in Wuhan, China.)
            # (A source that names the set's place only for a meeting it calls past previews a
            # later one: "after his visit to Riyadh in May, the crown prince comes to Washington".
            # Not when it names any part of the set's place for its own meeting: "Putin will meet
            # Xi in China and visit Harbin", under a caption of their last Beijing meeting.)
            after = any(fp in own_past[s.id] for fp in set_parts) and \
                not any(norm_place(x) in set_place_keys for x in sf.places)
            if both and not any(_compatible(op, frame.place, frame) if frame.place else near_venue(op)
                                for op in own_places if not leg_only or op in paired_at) \
                    and (after or leg_only or not (any(place_mentioned(fp, text_all) if own_parts or not frame.venue
                                                       else venue_mentioned(fp, text_all) for fp in set_parts)
                                                   # (The set's building is in the set's place: "host
                                                   # Meloni at the White House", never "Washington".)
                                                   or (frame.venue and venue_mentioned(frame.venue_name, text_all)))):
                score += 1
                where = f"in {', '.join(frame.place_parts)}" if own_parts or not frame.venue else f"at {frame.venue}"
                notes.append(f"previews a meeting in {own_places[0]}, not {where}")
                if after:
                    score += 1
                    kinds.append(FLAG_DIFFERENT_EVENT)
                    notes.append(f"speaks of the {set_parts[0]} meeting as a past one")
                elif recalled_at := [op for op in own_places
                                     if op in paired_at and past_count[op] - (op in own_past[s.id]) > 0]:
                    # (Any place it names the two at: "in Belfast … in Northern Ireland … in Ireland".)
                    score += 1
                    kinds.append(FLAG_STALE)
                    notes.append(f"other sources speak of the {recalled_at[0]} meeting as a past one")
                else:
                    kinds.append(FLAG_DIFFERENT_EVENT)
        # Report: it tells of a meeting of the two as under way or over, but never where or when,
        # while other sources recall an earlier meeting of theirs elsewhere: nothing ties it to
        # this one, and the set itself names the meeting it may be about.
        recalled = unplaced_report(s, sf, usable, frame, set_date)
        if recalled:
            score += 2
            kinds.append(FLAG_STALE)
            pl, by = recalled
            names = " and ".join(p.short or p.name for p in frame.people)
            notes.append(f"reports a meeting of {names} as under way or over, but names neither "
                         f"{', '.join(frame.place_parts)} nor a date; source [{by}] recalls their earlier "
                         f"meeting in {pl}")
        # Gathering: it puts its meeting on the sidelines of a named gathering, where no other
        # source speaks of one ("scheduled for Tuesday on the margins of the G7 summit" in a set
        # about a visit to the White House).
        # (Not one it dates to another month: "after Moon and Abe last had talks at the United
        # Nations General Assembly in September 2018", in a preview of a December meeting.)
        other_month = {o for o, _, month in sf.occasion_ctx if month and set_date and month != month_name(set_date)}
        alone = [o for o in sf.occasions_at if o not in other_month and not any(
            occasion_key(o) in g for sid, g in gatherings.items() if sid != s.id)]
        if frame.occasion is None and sf.sidelines and alone:
            score += 1
            kinds.append(FLAG_DIFFERENT_EVENT)
            notes.append(f"puts its meeting at the {alone[0]}, which no other source names")
        # Gathering elsewhere: naming the set's place only for a principal's other leg, it puts the
        # set's own gathering only in places that are not the set's ("Xi will then meet Putin at the
        # SCO summit in Samarkand in Uzbekistan" in a set at the SCO summit in Astana): another
        # edition of it. (Not without the leg: "the Apec summit in Thailand" is this one, in
        # Bangkok, when no source says Bangkok is in Thailand.)
        if frame.occasion and frame.place and leg_only:
            key = occasion_key(frame.occasion)
            # Every time it names the gathering, and at a place where it pairs the two: not "the last
            # summit in Washington" beside "this week's in Mexico", nor the gathering's own name
            # taken for a place ("Apec").
            mine = [[x for x in places if norm_place(x) not in norm_place(frame.occasion)]
                    for o, places, _ in sf.occasion_ctx if occasion_key(o) == key]
            away_at = sorted({x for places in mine for x in places if x in named_both}) if mine and all(
                places and not any(norm_place(x) in set_place_keys or _compatible(x, frame.place, frame) for x in places)
                for places in mine) else []
            if away_at:
                score += 1
                kinds.append(FLAG_STALE)
                notes.append(f"puts the {frame.occasion} in {away_at[0]}, not {frame.place}")
        # Role: it gives a principal a title of another time ("Former President Trump is to
        # meet…", "President-elect…") that the set's own sources do not.
        dated = other_time_title(text_all, frame)
        if dated:
            score += 1
            kinds.append(FLAG_STALE)
            notes.append(f"calls {dated[0]} “{dated[1]}”")
        # Date: every day-and-month it gives for its meeting is far from the set's.
        # A date written with its year is compared as it stands; one without, as a day of
        # the meeting's year (its year was only a guess).
        if frame.when and sf.explicit_dates:
            when = frame.when
            said = sorted((d for d in (_as_said(d, sf.year_dates, when.year) for d in sf.explicit_dates) if d),
                          key=lambda d: (abs((d - when).days), d))
            gap = abs((said[0] - when).days) if said else 999
            # Any date it gives for its meeting near the set's (with a principal named or not)
            # says it is this meeting: "20 January" is then another event it mentions.
            near = any(abs((d - when).days) <= MEETING_DATE_APART_DAYS
                       for d in (_as_said(x, sf.year_dates, when.year) for x in sf.dates) if d)
            if gap > MEETING_DATE_APART_DAYS and not near:
                score += 2 if gap > 2 * MEETING_DATE_APART_DAYS else 1
                first = min(said) if said else sorted(sf.explicit_dates)[0]
                kinds.append(FLAG_STALE if first < when else FLAG_DIFFERENT_EVENT)
                shown = long_date(first, year=first in sf.year_dates)
                notes.append(f"gives {shown} for its meeting, not {long_date(when, year=False)}")
        # No date for the set's meeting: every day it gives for its own lies weeks before most
        # sources were written, so its meeting came before theirs.
        elif not frame.when and set_date and len(pubs) >= 2 and sf.explicit_dates and all(
                d < set_date - timedelta(days=PREVIEW_SLACK_DAYS) for d in sf.explicit_dates):
            score += 2
            kinds.append(FLAG_STALE)
            first = min(sf.explicit_dates)
            notes.append(f"gives {long_date(first, year=False)} for its meeting, weeks before the other "
                         f"sources were written")
        # Year: every date it writes out with its year for its meeting ("arrived on 5 April
        # 2023") is months from the set's date. Judged only when the day and month said nothing.
        elif set_date and sf.year_dates:
            gap = min(sf.year_dates, key=lambda d: (abs((d - set_date).days), d))
            days = (set_date - gap).days
            if abs(days) > STALE_BEFORE_DAYS:
                score += 2 if abs(days) > 365 else 1
                kinds.append(FLAG_STALE if days > 0 else FLAG_DIFFERENT_EVENT)
                notes.append(f"gives {long_date(gap)} for its meeting")
        # Publication: written long before the meeting, or well after it. A date read from the
        # page counts double when it is months before or over a year after; one inferred from a
        # weekday or a year guessed for a dateline does not.
        # A page that gives only its month ("2023-09") is dated to within 15 days.
        pub, slack = parse_iso_approx(s.date)
        days = 0  # from the page's date to the meeting, less the page date's own slack
        if pub and set_date:
            days = (set_date - pub).days
            days -= slack if days > 0 else -slack
        # Its own meeting day, by a weekday counted from its date ("will hold a meeting on Friday"
        # under "SOCHI, May 6"), far from the set's: months before, though written within the
        # weeks an announcement may come. (Not counted with the date itself: one piece of evidence.)
        own_days = [d for d, _, names, _ in sf.date_cands if len(set(names) & principal_names) >= 2]
        if frame.when and not sf.explicit_dates and own_days and not sf.year_dates and \
                not (days > STALE_BEFORE_DAYS or -days > STALE_AFTER_DAYS) and \
                all(abs((d - frame.when).days) > 2 * MEETING_DATE_APART_DAYS for d in own_days):
            score += 1
            first = min(own_days)
            kinds.append(FLAG_STALE if first < frame.when else FLAG_DIFFERENT_EVENT)
            notes.append(f"its meeting falls on {long_date(first, year=False)} by its own date, "
                         f"not {long_date(frame.when, year=False)}")
        # Written days after the set's meeting, it looks ahead to a meeting of a principal's on
        # a later day: another meeting ("Merkel is making a working visit to Trump on Friday",
        # dated two days after Macron's state visit, which it recalls).
        later = sorted(d for d, _, names, _ in sf.date_cands if set(names) & principal_names and d >= pub) \
            if pub and frame.when and not slack and not s.date_estimated \
            and (pub - frame.when).days >= AFTER_MEETING_DAYS else []
        if later and -days <= STALE_AFTER_DAYS:  # (a page dated later still is judged by its date below)
            score += 2
            kinds.append(FLAG_DIFFERENT_EVENT)
            notes.append(f"written {(pub - frame.when).days} days after the meeting, it looks ahead to one "
                         f"on {long_date(later[0], year=False)}")
        # (An early announcement names the meeting's month: "Obama will visit Germany in late April",
        # on 30 December.)
        if pub and set_date and (days > STALE_BEFORE_DAYS or -days > STALE_AFTER_DAYS) and not (
                days > 0 and announces_month(text_all, pub, set_date, tokens)):
            # (Months before it is no preview of it: previews come within weeks of their meeting. A
            # year after it, a page is about another. A year guessed for a dateline counts once.)
            score += 2 if not s.date_estimated and (days > STALE_BEFORE_DAYS or -days > 365) else 1
            kinds.append(FLAG_STALE if days > 0 else FLAG_DIFFERENT_EVENT)
            when = human_date(s.date) if slack else pub.isoformat()
            notes.append(f"dated {when}, {abs(days)} days {'before' if days > 0 else 'after'} the meeting")
        if score < 2:
            continue
        a = assessments.setdefault(s.id, SourceAssessment())
        for k in sorted(set(kinds), key=kinds.index):
            a.add(k)
        for n in notes:
            a.add(a.flags[0], n)
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


_LEADING_DATELINE = re.compile(rf"^[A-Z][\w .,'’-]{{0,40}}?\b{MONTH_RE}\s+\d{{1,2}}(?:\s*[:(]|\s+[—–-])", re.I)
_TYPED = re.compile(
    rf"(?P<m1>\b{MONTH_RE})\s+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE})|"
    r"(?P<year>\b(?:19|20)\d\d\b)|"
    r"(?P<num>(?:\b\d+(?:[.,]\d+)*%?|\b(?:first|second|third|fourth|fifth|last|final)\b))\s*(?P<unit>[a-z][\w-]*)?",
    re.I,
)


_WEEKDAY = rf"(?:{WEEKDAY_RE}\s+)?"
_RANGES = (
    re.compile(rf"\b(?P<a>\d{{1,2}})\s*(?:-|–|to|and|until)\s*{_WEEKDAY}(?P<b>\d{{1,2}})\s+(?P<m>{MONTH_RE})", re.I),
    re.compile(rf"(?P<m>\b{MONTH_RE})\s+(?P<a>\d{{1,2}})\s*(?:-|–|to|and|until)\s*(?P<b>\d{{1,2}})\b", re.I),
)


def _typed_figures(text: str) -> dict[str, set[str]]:
    """The figures of a sentence by what they count: a day of a month, a year, or a number or
    ordinal with the word after it ("third meeting", "25 percent"). A leading dateline's
    date is when the story was filed, not a figure of it."""
    m = _LEADING_DATELINE.match(text)
    if m:
        text = text[m.end():]
    out: dict[str, set[str]] = {}
    for pattern in _RANGES:  # "20-22 March", "March 20 to 22": every day of it
        for m in pattern.finditer(text):
            a, b, month = int(m.group("a")), int(m.group("b")), m.group("m")[:3].lower()
            if a < b <= 31:
                out.setdefault("day", set()).update(f"{month} {d}" for d in range(a, b + 1))
    for m in _TYPED.finditer(text):
        if m.group("d1") or m.group("d2"):
            month = (m.group("m1") or m.group("m2"))[:3].lower()
            out.setdefault("day", set()).add(f"{month} {int(m.group('d1') or m.group('d2'))}")
        elif m.group("year"):
            out.setdefault("year", set()).add(m.group("year"))
        elif m.group("unit") and m.group("unit").lower() not in STOPWORDS:
            value = m.group("num").lower()
            out.setdefault("of " + stem(m.group("unit").lower()), set()).add("last" if value == "final" else value)
    return out


def _differ(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """True if the two sentences give different figures for the same thing."""
    return any(not (a[k] & b[k]) for k in a.keys() & b.keys())


def _usable_sentence(sent: str) -> bool:
    n = len(words(sent))
    return 5 <= n <= 80 and not sent.rstrip().endswith("?")


def merge_duplicates(
    sources: list[Source],
    sents: dict[int, list[str]],
    embedder: Embedder | None = None,
    threshold: float = 0.86,
    current: set[int] | None = None,
    cancel: CancelLike | Check = None,
) -> tuple[list[SentenceRec], np.ndarray | None]:
    """Merge near-duplicate sentences across sources, keeping every source that said it.

    Two sentences from different sources are the same when their content words overlap
    strongly (Jaccard ≥ 0.6) or, with an embedder, when their cosine similarity is at
    least `threshold`. The canonical wording is the most complete one. Of a large set only
    the first `SENTENCE_BUDGET` usable sentences, shared out among the sources, are kept;
    candidate pairs come from MinHash banding (`briefer.neardup`), never from all pairs.
    """
    check = checker(cancel)
    usable_idx: list[list[int]] = []
    kept_sources = [s for s in sources if s.usable]
    for s in kept_sources:
        idx: list[int] = []
        for i, sent in enumerate(sents.get(s.id, [])):
            if len(idx) >= SENTENCE_BUDGET:
                break  # no source can be given more than the whole budget
            if _usable_sentence(sent):
                idx.append(i)
        usable_idx.append(idx)
    recs: list[SentenceRec] = []
    for s, idx, q in zip(kept_sources, usable_idx, quotas([len(x) for x in usable_idx], SENTENCE_BUDGET)):
        for i in idx[:q]:
            recs.append(SentenceRec(id=len(recs), source_id=s.id, index=i, text=sents[s.id][i]))
    if not recs:
        return [], None
    stems = [content_stems(r.text) for r in recs]
    emb = encode(embedder, [r.text for r in recs], check) if embedder is not None else None
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    numbers = [_figures(r.text) for r in recs]
    lexical = candidate_pairs(stems, check).tolist()
    by_meaning = similar_pairs(emb, threshold, check).tolist() if emb is not None else []
    for k, (i, j) in enumerate([*lexical, *by_meaning]):
        if k % 4096 == 0:
            check()
        if numbers[i] and numbers[j] and not numbers[i] & numbers[j]:
            continue  # same words, different figures: a conflict to report, not a duplicate
        same_source = recs[i].source_id == recs[j].source_id
        # Within one source, only merge verbatim-ish repeats (e.g. a caption that restates
        # the lede); across sources, paraphrases merge too (by words, or by meaning: the
        # pairs after `lexical` are those at cosine >= threshold).
        lex = jaccard(stems[i], stems[j])
        if (same_source and lex >= 0.7) or (not same_source and (lex >= 0.6 or k >= len(lexical))):
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



def find_conflicts(sentences: list[SentenceRec], emb: np.ndarray | None, current: set[int],
                   cancel: CancelLike | Check = None) -> list[BriefWarning]:
    """Warn where current sources state the same thing with different numbers or ordinals."""
    warnings: list[BriefWarning] = []
    if emb is None:
        return warnings
    cand = [r for r in sentences if r.source_id in current and _NUMBER.search(r.text)]
    if len(cand) < 2:
        return warnings
    seen: set[tuple[int, int]] = set()
    # Pairs at cosine >= 0.8 from a blocked product over the (budgeted) sentences, in the
    # order a loop over all pairs would meet them.
    for a_i, b_i in similar_pairs(emb[[r.id for r in cand]], 0.8, checker(cancel)).tolist():
        a, b = cand[a_i], cand[b_i]
        if a.source_id == b.source_id:
            continue
        if _differ(_typed_figures(a.text), _typed_figures(b.text)):
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


def analyse(sources: list[Source], embedder: Embedder | None = None, parser: Parser | None = None,
            cancel: CancelLike | Check = None) -> Analysis:
    """Analyse a source set: event, stale sources, merged sentences, conflicts.

    The sources are not changed: flags and their reasons are in `Analysis.assessments`.
    `cancel` (a `CancelToken` or a callable) is checked inside every long step; once it is
    set, `briefer.errors.Cancelled` is raised within a batch of work.
    """
    check = checker(cancel)
    check()
    sents = sentences_by_source(sources)
    check()
    frame = extract(sources, parser or default_parser(), check)
    event = event_info(frame)
    assessments: dict[int, SourceAssessment] = {}
    check()
    warnings = judge_sources(sources, frame, assessments)
    current = {s.id for s in sources if s.usable and (s.id not in assessments or assessments[s.id].current)}
    sentences, emb = merge_duplicates(sources, sents, embedder, current=current, cancel=check)
    flag_duplicate_sources(sources, sentences, assessments)
    warnings += find_conflicts(sentences, emb, current, check)
    check()
    return Analysis(
        sources=sources,
        sentences=sentences,
        event=event,
        warnings=warnings,
        embeddings=emb,
        assessments=assessments,
        reference_date=parse_iso(event.when) or _reference_date([s for s in sources if s.usable]),
        frame=frame,
    )

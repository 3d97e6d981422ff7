"""The event frame of a source set: who meets whom (with roles), where, when, at which occasion.

Each source is read on its own first: a parser (named entities and dependencies, see
`briefer.ports.Parser`) finds the people, places, dates and occasions of the sentences that
speak of a meeting, and dates are resolved against that source's own publication date. The
set's frame is then a vote across sources (one vote per source per value; ties broken by
sorted keys, never by set or dict order). A slot without enough agreement stays empty, so the
brief says less instead of something wrong.

`SourceFrame` keeps what each source says about the meeting it looks forward to, so that
staleness and "different event" can be judged from the whole frame (`briefer.analyse`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from briefer.gazetteer import is_country
from briefer.ingest.clean import is_picture_caption
from briefer.ingest.dates import (
    MONTH_FULL,
    MONTH_RE,
    WEEKDAY_RE,
    dates_in,
    dates_with_year,
    day_span_length,
    has_day_span,
    month_name,
    weekday_before,
    weekdays_in,
)
from briefer.ports import Entity, Parse, Parser
from briefer.textutil import NOT_NAME_PIECES

# Words that make a sentence about a meeting (lemmas, lower case).
MEETING_WORDS = frozenset(
    ["meet", "meeting", "met", "talk", "talks", "summit", "visit", "host", "sit", "bilateral", "trip",
     "travel", "arrive", "discuss", "hold", "dine", "dinner", "sit-down", "face-to-face", "tour", "welcome"]
)
_MEETING_RE = re.compile(
    r"\b(meet|meets|meetings?|met|talks?|summit|visit|visits|visiting|hosts?|hosting|sit[- ]down|bilateral|"
    r"face-to-face|trip|travel|travels|arrive[sd]?|arriving|arrival(?= in\b)|welcome[sd]?|welcoming)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(will|would|to meet|to hold|to visit|to travel|set to|set for|scheduled|expected|plans?|planned|"
    r"upcoming|forthcoming|next|is to|are to|due to|poised|ahead of|later this|preparing|prepare)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(last met|previous|previously|took place|ago|first met|had met|have met|has met|last year|"
    r"last (?:summit|meeting|visit|trip)|earlier (?:summit|meeting|visit)|since (?:their|the)|in \d{4}|"
    r"was held|were held|then-)\b",  # "meets with then-Vice President Kalder": a photo of the past
    re.I,
)
# Role titles that stand before a name ("President Xi Jinping"); generic, not of one country.
_TITLES = (
    "Supreme Leader", "Prime Minister", "Premier", "President", "Chancellor", "King", "Queen",
    "Emperor", "Crown Prince", "Emir", "Sultan", "Chairman", "General Secretary", "Secretary-General",
    "Secretary General", "Leader", "leader", "PM",
)
_TITLE_RE = re.compile(
    # (A word glued to what stands before it is no nationality: "Photo/Illutration Prime Minister".)
    r"(?:(?<![\w/])(?P<nat>(?:[A-Z][\w.’'-]*[ \t]){0,2}?[A-Z][\w.’'-]*?(?:['’]s)?)[ \t]+)?"  # one line
    r"(?P<title>" + "|".join(re.escape(t) for t in _TITLES) + r")\s+$"
)
_FORMER = re.compile(r"\b(former|late|then|ex-|outgoing|previous)\s*$", re.I)
_OCCASION_HEAD = re.compile(r"\b(summit|forum|conference|meeting|meetings|gathering|assembly|games|congress)\b", re.I)
_SIDELINES = re.compile(r"\b(sidelines|margins|sideline)\b", re.I)
_ACRONYM = re.compile(r"\b(?:G-?\d{1,2}|[A-Z]{3,6})\b")
PREVIEW_SLACK_DAYS = 14  # a meeting day this long before the middle publication date is another meeting's
_INITIALS = r"[A-Z]\.?[A-Z]\.?"  # a district or state in two initials: "DC", "D.C.", "NY"
_DISTRICT = re.compile(rf",?\s+{_INITIALS}$")  # after a city: "Washington, DC", "New York, NY"
_INITIALS_PLACE = re.compile(rf"^{_INITIALS}$")  # standing alone: "D.C"
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,3}")
_UNDER_WAY = re.compile(r"\b(?:are|is)\s+(?:now\s+)?(?:holding|meeting|hosting)\b|\b(?:talks|meeting)\s+(?:is\s+|are\s+)?under\s?way\b", re.I)
_SENT_DAY = re.compile(rf"\b(?:{WEEKDAY_RE}|{MONTH_RE}|today|tomorrow|tonight|yesterday|next|last|week)", re.I)
# A clock time for the talks and no day: a same-day page ("talks … will take place around 1500 BST").
# (Not "about 1.25": a decimal; "10:30" and "3.30 p.m." are times.)
_CLOCK = re.compile(r"\b(?:at|around|about|from|by)\s+(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?|\d{1,2}:\d{2}\b|"
                    r"[012]\d[0-5]\d\s*(?:GMT|BST|UTC|CET|CEST|hrs|hours|local time)\b)", re.I)
# A gathering's head words without "meeting": "the meeting will be held on Tuesday" is the leaders' own.
_GATHERING_WORD = re.compile(r"\b(?:summit|forum|conference|gathering|assembly|congress)\b", re.I)
_EITHER_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+or\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{2,5})\)")
PLACE_LABELS = ("GPE", "LOC", "FAC")
DATE_SPAN_DAYS = 3  # dates this close are the same meeting (multi-day visits, time zones)
# Votes a day needs to be the meeting's: a weekday one dated page gives (0.5) and the same weekday in
# an undated one (0.4) are enough; one page's weekday alone is not. (Measured on the dev set of 150:
# from 1.0 to 0.9, six more meetings dated right and one wrong; the wrong one, dated by a page
# stamped a year after the others, is refused below.)
WHEN_MIN_VOTES = 0.9
# A city the sources name for the meeting, where the leading place is a principal's own country:
# one source naming it with both leaders (or two with one) is enough to be more precise.
CITY_IN_HOST_VOTES = 1.0


@dataclass(frozen=True)
class Person:
    """A principal: full name and the role the sources give them."""

    name: str
    role: str = ""  # "Chinese President", "Prime Minister", ...
    nationality: str = ""  # the words before the title: "Chinese", "U.S.", "Japan's"
    nationalities: tuple[str, ...] = ()  # every nationality the sources give them, sorted
    short: str = ""  # the part of the name the sources use alone most ("Xi", "Trump", "Kim")

    @property
    def display(self) -> str:
        return f"{self.role} {self.name}".strip()


@dataclass
class SourceFrame:
    """What one source says about the meeting it looks forward to."""

    source_id: int
    people: list[str] = field(default_factory=list)  # canonical names, most salient first
    pair_mentions: Counter[tuple[str, str]] = field(default_factory=Counter)
    # ... of them, in sentences that do not look back ("since Bill Clinton's trip in 2000"): a
    # pair it may preview a meeting of
    pair_ahead: Counter[tuple[str, str]] = field(default_factory=Counter)
    places: list[str] = field(default_factory=list)  # places named for its meeting
    past_places: list[str] = field(default_factory=list)  # places of meetings it calls past
    dates: list[date] = field(default_factory=list)  # dates it gives for its meeting
    # (date, weight, people named, places named) for each date, to be weighed once the set's
    # people and place are known
    date_cands: list[tuple[date, float, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    # What each of those days is a day of, by the word it hangs on: "talks" ("sit down for
    # talks on Thursday"), "trip" ("arrive on Wednesday", "visit India from March 19") or "".
    date_kinds: list[str] = field(default_factory=list)
    # A source without a date of its own: (weekday, weight, people, places) of the days it
    # names only by weekday, which can agree with a day the dated sources give
    weekday_cands: list[tuple[int, float, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    place_cands: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (place, people named)
    # Of those, datelines the sentence travels away from ("WASHINGTON: Biden is heading to Vietnam")
    datelines: set[str] = field(default_factory=set)
    explicit_dates: list[date] = field(default_factory=list)  # day-and-month dates given with a principal
    year_dates: list[date] = field(default_factory=list)  # dates for its meeting written with their year
    # (occasion, places named in its sentence, month named in it or ""), to check once the
    # set's place and date are known that the gathering is where and when the meeting is
    occasion_ctx: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    occasions_at: list[str] = field(default_factory=list)  # of those, the ones it puts the meeting at, not before
    sidelines: bool = False
    venues: list[str] = field(default_factory=list)  # buildings it puts its meeting at ("the White House")
    mentioned: str = ""  # every place-like entity it names (for "never names the place")
    # (the phrase, its format word, people named in its clause) of a meeting that has a format
    # of its own: "their second informal summit", "the 23rd India-Russia Annual Summit"
    formats: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    # (people named, sentence) of each sentence that looks ahead to a meeting of two or more
    ahead_pairs: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    # places named for a meeting of "the two leaders", "the leaders of China and Japan": the
    # pair it is about, by no name
    both_places: list[str] = field(default_factory=list)

    @property
    def occasions(self) -> list[str]:
        """The gatherings it puts its meeting at."""
        return [o for o, _, _ in self.occasion_ctx]


@dataclass
class Frame:
    """The set's event, and the evidence behind each slot."""

    people: list[Person] = field(default_factory=list)
    place: str | None = None
    place_parts: tuple[str, ...] = ()  # the place and, when the sources give it, its country
    venue: str | None = None  # the building, when the sources agree on one: "the White House"
    when: date | None = None
    occasion: str | None = None
    sidelines: bool = False
    sources: dict[int, SourceFrame] = field(default_factory=dict)
    containment: dict[str, set[str]] = field(default_factory=dict)  # place -> places it lies in
    countries: set[str] = field(default_factory=set)  # places that are a principal's own country
    support: dict[str, list[int]] = field(default_factory=dict)  # slot -> source ids that gave it
    # Leaders of a third country the sources pair with a principal: the other legs of a tour
    other_leaders: set[str] = field(default_factory=set)
    # Of those, leaders the sources name with a principal at the meeting's own place: at the
    # same summit ("Biden will meet López Obrador and Trudeau in Mexico City"), not on another leg
    attendees: set[str] = field(default_factory=set)
    # Spokespeople a source names in its meeting sentences ("Foreign Ministry spokesperson Lu
    # Kang announced …"): they announce a meeting, they are no party to it
    aides: set[str] = field(default_factory=set)
    # Others of a principal's own country the sources pair with a principal: on a state visit,
    # the host's president the visitor calls on ("Hasina will meet India's President Murmu")
    compatriots: set[str] = field(default_factory=set)

    @property
    def venue_name(self) -> str:
        """The venue without its article ("White House"), or ""."""
        return _strip_the(self.venue) if self.venue else ""


# -- helpers ---------------------------------------------------------------------------------


def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s\-]+", name) if t)


@lru_cache(maxsize=65536)  # called on every word of every sentence names are looked for in
def _translit(s: str) -> str:
    """`s` without accents or transliteration variants, case kept: "Erdoğan" and "Erdogan",
    "Zelenskyy", "Zelenskiy" and "Zelensky" are one name."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"(\w)\1+", r"\1", s)  # doubled letters: "Zelenskyy", "Al-Assad"
    return re.sub(r"(?:iy|yi|ij|ii)\b", "y", s)  # Slavic endings: "-skiy", "-skyi"


def _fold(s: str) -> str:
    """A name as compared: lower case, without accents or transliteration variants."""
    return _translit(s).lower()


def names_person(text: str, token: str) -> bool:
    """True if `text` names `token` (a name token) in any common spelling of it. Case counts:
    "Un" is a name, "UN" is not."""
    return re.search(rf"\b{re.escape(_translit(token))}\b", re.sub(r"\w+", lambda m: _translit(m.group()), text)) is not None


# Any leader's title the parser may take into a name ("Crown Prince Mohammed bin Salman"): it is
# the role, read from the text before the name, not part of the name.
_NAME_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|" + "|".join(re.escape(t) for t in _TITLES if t[0].isupper()) + r")\.?\s+")


def _clean_person(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    while (m := _NAME_TITLE.match(text)) and len(_name_tokens(text[m.end():])) >= 1:
        text = text[m.end():]
    return text.strip(" ,.\"“”")


def _patronymic(person: str) -> bool:
    """True for a name with "bin", "ibn" or "bint": its last token is the father's name
    ("Salman" of "Mohammed bin Salman"), and its first is a common given name."""
    return re.search(r"\s(?:bin|ibn|bint)\s", person) is not None


def is_meeting_sentence(text: str) -> bool:
    return bool(_MEETING_RE.search(text))


# "… though they did meet on the sidelines of the UNGA": a meeting that took place ("like we
# did in Finland" is no meeting).
_DID_MEET = re.compile(r"\bdid\s+(?:not\s+)?(?:meet|hold|visit|talk|travel|speak|sit|see)\b", re.I)


def looks_ahead(text: str) -> bool:
    """True if the sentence speaks of the meeting to come, not of one that happened."""
    return not _PAST.search(text) and (bool(_FUTURE.search(text)) or (
        not re.search(r"\b(met|held|was|were)\b", text) and not _DID_MEET.search(text)))


def looks_back(text: str) -> bool:
    return bool(_PAST.search(text)) or bool(re.search(r"\b(met|held)\b", text))


# -- people ----------------------------------------------------------------------------------


# Capitalised words that are never part of a person's name (headline words, titles, agencies).
_NOT_NAME = frozenset(
    ["President", "Prime", "Minister", "PM", "Premier", "Chancellor", "Leader", "Will", "Meet", "Meets",
     "Meeting", "Summit", "Talks", "To", "And", "With", "The", "In", "On", "At", "Of", "For", "Says",
     "Said", "AP", "AFP", "Reuters", "Photo", "File", "Getty", "Images", "Mr", "Mrs", "Ms", "Dr", "Vs",
     "Trip", "Visit", "Visits", "Ahead", "After", "Before", "As", "New", "Amid", "Over", "Hold", "Holds",
     # headline verbs the recogniser runs into a name: "Trump Hosts Argentina’s President Milei"
     "Host", "Hosts", "Hosted", "Welcomes", "Greets", "Receives", "Arrives", "Lands", "Heads", "Urges",
     "Warns", "Seeks", "Offers", "Tells", "Calls", "Vows", "Pledges"]
)


# Lower-case particles inside a name: "Luiz Inácio Lula da Silva", "Ursula von der Leyen".
_PARTICLES = frozenset(["da", "de", "do", "dos", "das", "di", "del", "della", "du", "van", "von", "der", "den",
                        "ter", "bin", "ibn", "al", "el", "la", "le", "y"])


@lru_cache(maxsize=4096)  # compared pairwise when grouping names, and per pair of every sentence
def _name_keys(name: str) -> frozenset[str]:
    """The name's words as compared, without particles ("Al Shara" and "Ahmed al-Sharaa" share
    "Sharaa", not "al")."""
    return frozenset(_fold(t) for t in _name_tokens(name) if t not in _PARTICLES and t not in _CAPITAL_PARTICLES)


# Particles some papers capitalise ("Mr Al Shara", "El-Sisi"): never a name's word of their own.
_CAPITAL_PARTICLES = frozenset(["Al", "El"])


def _skeleton(keys: frozenset[str]) -> frozenset[str]:
    """Name keys without their vowels after the first letter: transliterations differ in vowels."""
    return frozenset(k[:1] + re.sub(r"[aeiouy]", "", k[1:]) for k in keys)


def _particle_word(w: str) -> bool:
    """A word that opens on a particle joined by a hyphen: "al-Sharaa", "el-Sisi", "bin-Zayed"."""
    head, _, rest = w.partition("-")
    return head in _PARTICLES and rest[:1].isupper()


# Fewer words than a venue's (`_BUILDING`): "Hall", "Castle", "Villa" and "Lodge" are surnames too.
_BUILDING_NAME = re.compile(r"\b(?:House|Palace|Residence|Pavilion)$")


def _good_name(name: str) -> bool:
    toks = _name_tokens(name)
    words = [t for k, t in enumerate(toks) if not (0 < k < len(toks) - 1 and t in _PARTICLES)]
    ws = name.split()
    return (
        1 <= len(words) <= 4
        # Every word opens on a capital but a particle inside ("Lula da Silva"; not "Ursula von
        # der"); a lower-case piece after a hyphen is part of a name ("Moon Jae-in", "Kim Jong-un").
        and all(w[0].isupper() or (k > 0 and _particle_word(w)) for k, w in enumerate(ws)
                if not (0 < k < len(ws) - 1 and w in _PARTICLES))
        and not any(t.lower() in NOT_NAME_PIECES for t in toks[1:])
        and not any(t in _NOT_NAME for t in toks)
        and not re.search(r"['’]s\b|\d|[–—/]", name)
        and not _BUILDING_NAME.search(name)  # "Blair House", which the recogniser calls a person
    )


_FUNCTION_WORDS = frozenset(["will", "meet", "meets", "to", "and", "with", "for", "of", "in", "on", "at", "set",
                             "hold", "holds", "talks", "as", "amid", "after", "ahead", "over", "the", "a"])


def _title_case(text: str) -> bool:
    """Headlines in Title Case fool the entity recogniser ("Trump Will Meet Putin")."""
    ws = re.findall(r"[A-Za-z][\w'’-]*", text)[1:]
    caps = sum(1 for w in ws if w.lower() in _FUNCTION_WORDS and w[0].isupper())
    lower = sum(1 for w in ws if w.lower() in _FUNCTION_WORDS and w[0].islower())
    return caps >= 2 and caps > lower


def _is_person(p: Parse, e: Entity) -> bool:
    """A person's name, or an organisation's or a place's that a relative clause shows to be a
    person's: the recogniser takes some family names for either ("For Ishiba, who faces…").
    (A real place so written, "Russia, who…", is named as a place more often and is dropped
    as a name below.)"""
    if e.label == "PERSON":
        return True
    after = [t.text.lower() for t in p.tokens[e.end:e.end + 2]]
    # (Or one a leader's title stands before: "German Chancellor Olaf Scholz", tagged an
    # organisation, while one source's misspelt "Olaf Schulz" is tagged a person.)
    titled = e.start > 0 and p.tokens[e.start - 1].text in _TITLE_BEFORE_NAME and len(e.text.split()) in (2, 3) \
        and all(w[:1].isupper() for w in e.text.split())
    return e.label in ("ORG", "GPE") and (after == [",", "who"] or titled)


_TITLE_BEFORE_NAME = frozenset(["President", "Chancellor", "Premier", "PM"])


def _destination(p: Parse, e: Entity) -> bool:
    """True if one word the recogniser calls a person is where a journey goes: "Modi's visit to
    Kyiv", "travels to Kyiv", "travels to Moscow on Monday and Kiev on Tuesday". People are
    met, not travelled to."""
    if e.end - e.start != 1:
        return False
    tok = p.tokens[e.start]
    if tok.dep == "conj" and 0 <= tok.head < len(p.tokens):
        # One stop of an itinerary: "will travel to Moscow on Monday and Kiev on Tuesday".
        h = p.tokens[tok.head]
        if h.dep == "pobj" and 0 <= h.head < len(p.tokens):
            prep = p.tokens[h.head]
            return prep.pos == "ADP" and 0 <= prep.head < len(p.tokens) and bool(_JOURNEY.match(p.tokens[prep.head].text))
        return False
    if tok.dep != "pobj" or not 0 <= tok.head < len(p.tokens):
        return False
    prep = p.tokens[tok.head]
    return prep.text.lower() == "to" and 0 <= prep.head < len(p.tokens) and bool(_JOURNEY.match(p.tokens[prep.head].text))


class _People:
    """Person names of a source set, their variants merged ("Xi", "Xi Jinping", "Jinping")."""

    def __init__(self, parses: Iterable[Parse]) -> None:
        full: Counter[str] = Counter()
        places: Counter[str] = Counter()
        parses = list(parses)
        norp: Counter[str] = Counter()
        modifier: Counter[str] = Counter()
        for p in parses:
            for e in p.entities:
                if e.label in PLACE_LABELS or (e.label == "PERSON" and _destination(p, e)):
                    places[_fold(_strip_the(e.text))] += 1
                elif e.label == "NORP":
                    norp.update(_fold(t) for t in _name_tokens(e.text))
            if _title_case(p.text):
                continue
            for e in p.entities:
                if _is_person(p, e) and not _destination(p, e):
                    name = _clean_person(e.text)
                    if _good_name(name):
                        full[name] += 1
                        last = p.tokens[e.end - 1]
                        if e.end - e.start == 1 and last.dep == "compound" and 0 <= last.head < len(p.tokens) \
                                and p.tokens[last.head].pos == "NOUN":
                            modifier[name] += 1
        # One word that only ever qualifies a noun is a thing, not a person: "a Patriot missile
        # battery", "post Brexit trade deal talks".
        full = Counter({n: c for n, c in full.items() if modifier[n] < c})
        # A word the recogniser calls a place at least as often as a person is a place ("Sochi").
        full = Counter({n: c for n, c in full.items() if places.get(_fold(n), 0) < c or len(_name_tokens(n)) > 1})
        # A title's country run into the name ("US Ambassador to India Eric Garcetti"): the name
        # starts after the places, when a name of two words is left. (A word the recogniser
        # calls a place only a little more often than part of a name is a name: "Yoon".)
        in_names: Counter[str] = Counter()
        for n, c in full.items():
            in_names.update({_fold(w): c for w in n.split()})
        unprefixed: Counter[str] = Counter()
        for n, c in full.items():
            ws = n.split()
            while len(ws) > 2 and places.get(_fold(ws[0]), 0) > 2 * in_names[_fold(ws[0])]:
                ws = ws[1:]
            unprefixed[" ".join(ws)] += c
        full = unprefixed
        # Nor is one with a word it calls a nationality more often than part of a name
        # ("Ukrainian Prim", a cut-off "Ukrainian Prime Minister"): every "Ukrainian" would
        # name that person.
        as_name: Counter[str] = Counter()
        surnames = {_fold(_name_tokens(n)[-1]) for n in full if len(_name_tokens(n)) > 1}
        for n, c in full.items():
            as_name.update({_fold(t): c for t in _name_tokens(n)})
        # (A surname the recogniser also calls a nationality, "Albanese", stays a name.)
        demonym = {t for t in norp if norp[t] > as_name.get(t, 0) and t not in surnames}
        full = Counter({n: c for n, c in full.items() if not {_fold(t) for t in _name_tokens(n)} & demonym})
        # Nor is a name run into a word the set names as a place more often than in names:
        # "Xi Japan" from "…to convey to Xi Japan's concerns", when "Xi" is part of another name.
        # (Not when the other name holds the place-like word too: "Pedro Sánchez", whose
        # "Sánchez" alone the recogniser calls a place, and "Pedro Sanchez" are one person.)
        # (Not when the other name differs only in spelling that word: "Olaf Scholz", whose
        # "Scholz" the recogniser calls a place, and one source's "Olaf Schulz" are one person.)
        def misread(n: str) -> bool:
            toks = _name_tokens(n)
            rest = {_fold(t) for t in toks if places.get(_fold(t), 0) <= as_name.get(_fold(t), 0)}
            placed = _name_keys(n) - rest
            return 0 < len(rest) < len(toks) and any(rest <= _name_keys(m) and not placed <= _name_keys(m)
                                                     and _skeleton(placed) != _skeleton(_name_keys(m) - rest)
                                                     for m in full if m != n)

        full = Counter({n: c for n, c in full.items() if not misread(n)})
        # Group variants sharing a name token, most frequent first; a name that would join two
        # groups ("Putin-Donald Trump") is a conflation and is dropped.
        groups: list[tuple[set[str], Counter[str]]] = []
        for n in sorted(full, key=lambda n: (-full[n], n)):
            toks = _name_keys(n)
            # Two full names are one person only if one holds the other ("Donald Trump",
            # "Donald J. Trump"), not when they share a family name ("Marina Silva", "Luiz
            # Inácio Lula da Silva"): the shared word then names the one named more often.
            # (Words compared by their consonants: "Ahmad al-Sharaa" and "Ahmed al-Sharaa" are one.)
            sk = _skeleton(toks)
            homes = [g for g in groups if g[0] & toks
                     and (len(toks) == 1 or not any(len(_name_keys(v)) > 1 and not (_skeleton(_name_keys(v)) <= sk or sk <= _skeleton(_name_keys(v)))
                                                    for v in g[1]))]
            if not homes and len(toks) == 1:
                # A family name misspelt ("Albanis" for "Albanese", a machine translation):
                # the same first five letters and nearly the same length.
                (t,) = toks
                homes = [g for g in groups if len(t) >= 6 and any(
                    len(u) >= 6 and u[:5] == t[:5] and abs(len(u) - len(t)) <= 2 for u in g[0])][:1]
            if len(homes) > 1:
                continue
            if homes:
                homes[0][0].update(toks)
                homes[0][1][n] = full[n]
            else:
                groups.append((set(toks), Counter({n: full[n]})))
        self.canon: dict[str, str] = {}
        self.groups: list[str] = []
        for _, variants in groups:
            # The fullest spelling used at least twice (or the fullest at all): "Xi Jinping".
            longest = max(len(_name_tokens(v)) for v in variants)
            multi = [v for v in variants if len(_name_tokens(v)) > 1 and (variants[v] >= 2 or len(_name_tokens(v)) == longest)]
            pool = multi or list(variants)
            # (Never a spelling cut short at a hyphen: "Moon Jae" of "Moon Jae-in".)
            name = sorted(pool, key=lambda v: (any(u.startswith(v + "-") for u in pool),
                                               -variants[v], -len(v), v))[0]
            self.groups.append(name)
            for v in variants:
                self.canon[v] = name
        full_names = sorted((v for v in self.canon if len(_name_tokens(v)) > 1), key=lambda v: (-len(v), v))
        self._full = re.compile(r"\b(?:" + "|".join(map(re.escape, full_names)) + r")\b") if full_names else None
        # A token that names a person of the set on its own ("Xi"), for mentions NER missed.
        self.token_of: dict[str, str] = {}
        weight = {g: sum(c for v, c in full.items() if self.canon.get(v) == g) for g in self.groups}
        for g in sorted(self.groups, key=lambda g: (-weight[g], g)):
            for v in (v for v in self.canon if self.canon[v] == g):
                for t in _name_tokens(v):
                    # (Not a word the set names as a place far more often than in names: "Israel"
                    # of "Bene Israel", a community, would make every "Israel" a person.)
                    if len(t) >= 2 and t[0].isupper() and not (
                            len(_name_tokens(v)) > 1 and places.get(_fold(t), 0) > 2 * as_name.get(_fold(t), 0)):
                        self.token_of.setdefault(t, g)
                        self.token_of.setdefault(_fold(t).capitalize(), g)
        # Who "the Chinese leader" or "his French counterpart" is: the one person the texts
        # title as a leader of that nationality ("Chinese President Xi Jinping"). News names
        # the other side so on second mention: "Macron will meet the Chinese leader on Tuesday".
        titled: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for p in parses:
            for m in _TITLED_NAME.finditer(p.text):
                nat, title = m.group("nat"), _LEADER_TITLE.get(m.group("title").lower())
                if nat in _NOT_NATIONALITY or nat in _NOT_A_SIDE or nat in self.token_of or title is None:
                    continue
                found = self._named(m.group("name"))
                if len(found) == 1:
                    titled[_nat_key(nat)][found[0]].add(title)
        self.role_of: dict[str, dict[str, str]] = {}  # nationality -> title -> person
        for nat, persons in titled.items():
            if len(persons) == 1:
                ((g, titles),) = persons.items()
                self.role_of[nat] = {t: g for t in (*titles, "leader", "counterpart")}

    def in_text(self, text: str) -> list[str]:
        """Canonical people named in `text` (by any of their name tokens, or as "the Chinese
        leader" when the set has one), in sorted order."""
        found = set(self._named(text))
        for m in _ROLE_REF.finditer(text):
            if m.group("after") and not _CALENDAR_WORD.match(m.group("after").strip()):
                continue  # "the Chinese leader Xi Jinping": the name says who (not "… Tuesday morning")
            g = self._by_role(m)
            if g is not None:
                found.add(g)
        return sorted(found)

    def _by_role(self, m: re.Match[str]) -> str | None:
        """Whom a `_ROLE_REF` match ("the Chinese leader") stands for, if the set has one such."""
        return self.role_of.get(_nat_key(m.group("nat")), {}).get(_LEADER_TITLE.get(m.group("title").lower(), ""))

    def first_in(self, text: str) -> str | None:
        """The person `text` names first (by name or as "the Chinese leader"), if any."""
        hits = []
        for m in re.finditer(r"[A-Z][\w’'-]*", text):
            g = self._named(m.group())
            if g:
                hits.append((m.start(), g[0]))
                break
        for m in _ROLE_REF.finditer(text):
            g = self._by_role(m)
            if g is not None:
                hits.append((m.start(), g))
                break
        return min(hits)[1] if hits else None

    def _named(self, text: str) -> list[str]:
        found = set()
        if self._full is not None:
            # A full name names its own person only: "Luiza Maru da Costa" is not also "Lena
            # Costa" by its family name.
            def take(m: re.Match[str]) -> str:
                found.add(self.canon[m.group()])
                return " "
            text = self._full.sub(take, text)
        for tok in re.findall(r"[A-Z][\w’'-]*", text):
            tok = re.sub(r"['’]s$", "", tok)
            for part in [tok, *tok.split("-"), _fold(tok).capitalize()]:
                g = self.token_of.get(part)
                if g is not None:
                    found.add(g)
        return sorted(found)


def _short_name(person: str, texts: list[str]) -> str:
    """The name token the sources use most: the family name, whatever the name order."""
    # A name with "bin" has no short form: "Salman" of "Mohammed bin Salman" is his father's.
    if _patronymic(person):
        return person
    # (Never a lower-case piece of a hyphenated name: "in" of "Moon Jae-in" is everywhere.)
    toks = [t for t in _name_tokens(person) if len(t) >= 2 and t[0].isupper() and t not in _CAPITAL_PARTICLES]
    if not toks:
        return person
    joined = "\n".join(texts)
    counts = {t: len(re.findall(rf"\b{re.escape(t)}\b", joined)) for t in toks}
    return sorted(toks, key=lambda t: (-counts[t], toks.index(t)))[0]


def _mention_pattern(person: str) -> re.Pattern[str] | None:
    """What matches a mention of `person`: the whole name or any of its tokens, longest first
    ("Donald Trump" before "Trump"); None if the name has no usable token."""
    # (Only the whole of a name with "bin": "Saudi King Salman" is the father's title.)
    toks = [t for t in _name_tokens(person) if len(t) >= 2] if not _patronymic(person) else [person]
    if not toks:
        return None
    variants = sorted({person, *toks}, key=lambda v: (-len(v), v))
    return re.compile(rf"\b(?:{'|'.join(re.escape(v) for v in variants)})\b")


def _all_nationalities(person: str, texts: Iterable[str]) -> tuple[str, ...]:
    pat = _mention_pattern(person)
    out: set[str] = set()
    for text in texts if pat else ():
        for m in pat.finditer(text):
            before = text[max(0, m.start() - 60):m.start()]
            r = _TITLE_RE.search(before)
            if r and r.group("nat") and not _FORMER.search(before[:r.start()]):
                words_ = [w for w in r.group("nat").split() if w[0].isupper() and w not in _NOT_NATIONALITY]
                if words_:
                    out.add(_nationality(words_))
    return tuple(sorted(out))


def _roles(person: str, texts: Iterable[str]) -> tuple[str, str]:
    """The role title and the nationality words the sources put before `person` most often."""
    pat = _mention_pattern(person)
    if pat is None:
        return "", ""
    roles: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for m in pat.finditer(text):
            before = text[max(0, m.start() - 60):m.start()]
            r = _TITLE_RE.search(before)
            if not r:
                continue
            if _FORMER.search(before[:r.start()]):
                continue
            nat = (r.group("nat") or "").strip()
            words_ = [w for w in nat.split() if w[0].isupper() and w not in _NOT_NATIONALITY]
            if nat and _FORMER.search(nat + " "):
                continue
            roles[(_nationality(words_), r.group("title"))] += 1
    if not roles:
        return "", ""
    titles: Counter[str] = Counter()
    for (_, t), c in roles.items():
        titles[t.capitalize() if t == "leader" else t] += c
    title = sorted(titles, key=lambda t: (-titles[t], t))[0]
    nats = Counter({n: c for (n, t), c in roles.items() if n and (t.capitalize() if t == "leader" else t) == title})
    nat = sorted(nats, key=lambda n: (-nats[n], n))[0] if nats else ""
    shown_title = "leader" if title == "Leader" else title
    return (f"{nat} {shown_title}".strip(), nat)


# The first word of a two-word nationality ("South Korean", "Sri Lankan"): any other word before
# one is not part of it ("Beijing Serbian President", a dateline run into the title). ("New" is
# never among the words: `_NOT_NATIONALITY` drops it first.)
_NAT_QUALIFIERS = frozenset(["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                             "Central", "Sri", "Saudi", "Hong", "Costa", "El", "Puerto", "United", "Sierra",
                             "Burkina", "Cape", "Papua", "Solomon", "Marshall", "San", "Santa", "Bosnian", "Trinidad"])


def _nationality(words_: list[str]) -> str:
    """The nationality of the capitalised words before a title: the last one, or two when the
    first qualifies it."""
    return " ".join(words_[-2:]) if len(words_) >= 2 and words_[-2] in _NAT_QUALIFIERS else words_[-1] if words_ else ""


# Capitalised words before a title that are not a nationality ("The", "Meet", "Visiting").
_NOT_NATIONALITY = frozenset(["The", "A", "An", "And", "With", "Meet", "Meets", "Visiting", "Incoming", "When",
                              "While", "As", "But", "Then", "Former", "Outgoing", "Late", "Current", "New",
                              "Both", "Says", "Said", "Sitting", "Acting", "Mr", "Mrs", "Ms", "By", "For", "To",
                              "Of", "In", "On", "At", "After", "Before", "Host", "Hosting",
                              # (a sentence's opening word: "If PM Narendra Modi and Trump meet …")
                              "If", "Once", "Since", "Although", "Though", "Unless", "Until", "Whether",
                              "Where", "Why", "How", "What", "Which", "Who", "So", "Yet", "Or", "Nor", "Even",
                              "Also", "Only", "Now", "Today", "Here", "There", "This", "That", "These",
                              "Those", "Because", "During", "Under", "From", "Than", "Like", "About",
                              "Amid", "Will", "Would", "Could", "Should", "Did", "Does", "Has", "Had", "Was"])


# A leader's title before a name, and the same title standing for the name ("the Chinese leader").
_LEADER_TITLE = {"president": "president", "prime minister": "prime minister", "premier": "premier",
                 "chancellor": "chancellor", "leader": "leader", "pm": "prime minister", "counterpart": "counterpart"}
_TITLED_NAME = re.compile(
    r"\b(?P<nat>[A-Z][\w.]*[A-Za-z]\.?) (?P<title>[Pp]resident|[Pp]rime [Mm]inister|[Pp]remier|[Cc]hancellor|[Ll]eader|PM)"
    r" (?P<name>(?:[A-Z][\w’'-]+ ?){1,3})"
)
_ROLE_REF = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir) (?:[A-Z][a-z]+ )?(?P<nat>[A-Z][\w.]*[A-Za-z]\.?)"
    r" (?P<title>president|prime minister|premier|chancellor|leader|counterpart)\b(?P<after> [A-Z][\w’'-]*)?"
)

# Words before a leader's title that name an office, not a side ("Vice President", "Majority Leader").
_NOT_A_SIDE = frozenset([
    "Vice", "Deputy", "First", "Foreign", "Acting", "Interim", "Caretaker", "Party", "Opposition", "Majority",
    "Minority", "Senate", "House", "Republican", "Democratic", "Democrat", "Supreme", "Executive", "Regional",
    "Provincial", "State", "Union", "Council", "Commission", "Bank", "Group", "Team", "Club", "World",
])


def _nat_key(nat: str) -> str:
    return _fold(nat).replace(".", "")


# -- per-source reading ----------------------------------------------------------------------


# Heads a place attaches to when it is where a meeting happens ("meet in", "visit to", "be in").
_PLACE_HEAD = re.compile(
    r"^(?:meet\w*|met|talks?|summit\w*|visit\w*|trip|tour|journey|travel\w*|arriv\w*|land\w*|head\w*|go|goes|going|"
    r"be|is|are|will|expected|hold\w*|held|host\w*|gather\w*|sit|dinner|conference|bilateral|place|stop|"
    r"fly|flies|flew|come|comes|coming|welcome\w*|receive\w*|discuss\w*|session|forum)$",
    re.I,
)


# "first" and "last" are not here: "their first summit" and "their last meeting as
# presidents" are often the meeting ahead.
_PAST_MARK = frozenset(["after", "since", "previous", "previously", "ago", "earlier", "former", "prior"])


_EARLIER_MET = frozenset(["when", "since", "after", "last", "previously", "first", "earlier", "already"])


def _met_at(p: Parse, places: list[str]) -> set[str]:
    """Of `places`, those a past "met" puts a meeting at ("when they met in San Diego")."""
    tokens = p.tokens
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.dep != "pobj" or not 0 <= tok.head < len(tokens) or tokens[tok.head].text.lower() not in ("in", "at"):
            continue
        prep = tokens[tok.head]
        # (Up through the nouns it qualifies: "since they met on the margins of the G7 summit in
        # Kananaskis".)
        v, hops = prep.head, 0
        while 0 <= v < len(tokens) and not tokens[v].tag.startswith("VB") and tokens[v].head != v and hops < 6:
            v, hops = tokens[v].head, hops + 1
        verb = tokens[v] if 0 <= v < len(tokens) else prep
        if verb.text.lower() != "met" or verb.tag != "VBD":
            continue
        # Only an earlier meeting told as such ("when they met", "last met"), not the day's own
        # report ("Trump and Trong met at the palace in Hanoi").
        if not any(t.head == v and t.text.lower() in _EARLIER_MET for t in tokens):
            continue
        span = next((e for e in p.entities if e.start <= i < e.end), None)
        name = _strip_the(span.text) if span is not None else tok.text
        if name in places:
            out.add(name)
    return out


def _past_chain(tokens: tuple, i: int, depth: int = 3) -> bool:
    """True if the word at `i`, or a word it hangs from, marks an earlier meeting
    ("eight months after their historic summit in Singapore")."""
    seen = 0
    while 0 <= i < len(tokens) and seen < depth:
        tok = tokens[i]
        if tok.text.lower() in _PAST_MARK:
            return True
        if tok.dep == "pcomp" and 0 <= tok.head < len(tokens) and tokens[tok.head].text.lower() in _PAST_MARK:
            return False  # "after arriving in Seoul, he will…": the trip itself, not an earlier one
        # Its own modifiers: "their first summit", "last meeting".
        if any(t.head == i and t.text.lower() in _PAST_MARK for t in tokens):
            return True
        if tok.head == i:
            break
        i = tok.head
        seen += 1
    return False


# Words of organisations and gatherings that the recogniser sometimes tags as places.
_ORG_WORD = re.compile(
    r"\b(Cooperation|Organi[sz]ation|Economic|Summit|Forum|Council|Union|Association|Conference|Group|"
    r"Ministry|Department|Committee|Party|Agency|Office|Bank|Fund|Treaty|Alliance|Community|House)\b"
)


def _place_of(p: Parse, people: _People) -> tuple[list[str], list[str], set[str]]:
    """Places a sentence names as where a meeting is, every place-like entity in it, and
    which of the first are its dateline when the sentence travels away from it: "WASHINGTON:
    Biden is heading to Vietnam" (the story was written there; its people meet elsewhere)."""
    tokens = p.tokens
    person_tokens = set(people.token_of)
    meeting, named = [], []
    datelines: set[str] = set()
    destinations: set[str] = set()
    visited: set[str] = set()
    in_entity = set()
    for e in p.entities:
        in_entity.update(range(e.start, e.end))
        if e.label not in PLACE_LABELS:
            continue
        text = _strip_the(e.text)
        if not text or not text[0].isupper() or set(_name_tokens(text)) & person_tokens or _ORG_WORD.search(text) \
                or _GROUP_OF_NATIONS.fullmatch(text) or _CALENDAR_WORD.fullmatch(text):
            continue  # ("the G7 summit": a group of nations is no place; "in Dec" is a month)
        named.append(text)
        last = tokens[e.end - 1]
        head = tokens[last.head] if 0 <= last.head < len(tokens) else last
        after = tokens[e.end].text if e.end < len(tokens) else ""
        if last.dep == "dobj" and _JOURNEY.match(head.text):
            visited.add(text)  # "will now visit Israel": where the sentence goes, for its dateline
        if last.dep == "pobj" and head.text.lower() == "of" and re.fullmatch(_PLACE_NOUN, tokens[head.head].text):
            # "in the Russian city of Vladivostok", "Russia's resort of Sochi"
            noun = tokens[head.head]
            prep = tokens[noun.head]
            if noun.dep == "pobj" and prep.text.lower() in ("in", "at", "to") and not _past_chain(tokens, prep.head):
                meeting.append(text)
                destinations.add(text)
        elif last.dep == "pobj" and head.text.lower() in ("in", "at", "to"):
            # The word the place hangs from, or the one above it ("meeting next month in X").
            grand = tokens[head.head] if 0 <= head.head < len(tokens) else head
            upper = tokens[grand.head] if 0 <= grand.head < len(tokens) else grand
            gi = head.head
            objects = [tk for tk in tokens if tk.head == gi and tk.dep in ("dobj", "nsubj", "nsubjpass", "attr")]
            if any(_PLACE_HEAD.match(g.text) or g.text in person_tokens for g in (grand, upper, *objects)) \
                    and not _past_chain(tokens, head.head):
                meeting.append(text)
                destinations.add(text)  # "to Vietnam", "in San Diego": where the sentence puts them
        elif last.dep == "appos" and head.ent in PLACE_LABELS:
            meeting.append(text)  # "in Busan, South Korea": the country too
        elif after.lower() in ("summit", "talks", "meeting"):
            meeting.append(text)  # "the Helsinki summit"
        elif e.start == 0 and re.match(r"\s*(?:\(|[-–—:]|,)", p.text[len(e.text):len(e.text) + 3]):
            meeting.append(text)  # dateline: "HANOI (Reuters) -"
            datelines.add(text)
        elif e.start == 1 and tokens[0].text == "(" and after == ")":
            meeting.append(text)  # dateline: "(Paris) Chinese President ..."
            datelines.add(text)
    # A proper noun the recogniser left untagged, after "in/at" of a meeting word ("meet in Sochi")
    # or "to" of a journey ("Modi's visit to Kyiv"); or one it took for a person nobody in the set
    # is ("Kyiv" tagged PERSON there, a place elsewhere in the set).
    misread = {i for e in p.entities if e.label == "PERSON" and e.end - e.start == 1
               and tokens[e.start].text not in person_tokens for i in range(e.start, e.end)}
    for i, tok in enumerate(tokens):
        if (i in in_entity and i not in misread) or tok.pos != "PROPN" or tok.dep != "pobj" or not tok.text[:1].isupper():
            continue
        prep = tokens[tok.head]
        grand = tokens[prep.head]
        if not (prep.text.lower() in ("in", "at") or (prep.text.lower() == "to" and _JOURNEY.match(grand.text))):
            continue
        if (_PLACE_HEAD.match(grand.text) or grand.text in person_tokens) and grand.text.lower() not in ("be", "is", "are", "will") \
                and tok.text not in person_tokens and not _past_chain(tokens, prep.head) \
                and not _GROUP_OF_NATIONS.fullmatch(tok.text) and not _CALENDAR_WORD.fullmatch(tok.text):
            meeting.append(tok.text)  # (not a month: "will visit India in Dec")
    # ("HANOI (Reuters) - … meet in Hanoi": the sentence itself puts the meeting there.)
    away = {d for d in datelines if [norm_place(m) for m in meeting].count(norm_place(d)) == 1
            and {norm_place(x) for x in destinations | visited} - {norm_place(d)}}
    return meeting, named, away


_GROUP_OF_NATIONS = re.compile(r"G-?\d{1,2}")
# Words that take their destination with "to": "a visit to Kyiv", "travels to Kyiv".
_JOURNEY = re.compile(r"^(?:visit\w*|trip|tour|journey|travel\w*|head\w*|fly|flies|flew|go|goes|going|comes?|coming)$", re.I)
_PLACE_NOUN = r"(?:city|resort|town|port|capital|island|province|region|state|seaside|coastal)"
# The last word of a building a meeting is held at, when the recogniser calls it an
# organisation ("the Peace House"); what it calls a facility counts whatever its name.
_BUILDING = re.compile(r"\b(?:House|Palace|Hall|Castle|Villa|Residence|Lodge|Manor|Estate|Pavilion)$")


def _venues_of(p: Parse, people: _People) -> list[str]:
    """Buildings a meeting sentence puts the meeting at: "host Erdogan at the White House",
    "will visit the White House". "The White House said" is a speaker, not a venue."""
    tokens, out = p.tokens, []
    person_tokens = set(people.token_of)
    for e in p.entities:
        if not (e.label == "FAC" or (e.label == "ORG" and _BUILDING.search(e.text))) or _GATHERING_WORD.search(e.text):
            continue  # (not "the G20 Summit")
        last = tokens[e.end - 1]
        head = tokens[last.head] if 0 <= last.head < len(tokens) else last
        prep = head.text.lower() if last.dep == "pobj" else ""
        # "at/to the X" hanging from a meeting word, or the object of "visit/host … X".
        verb = tokens[head.head] if prep and 0 <= head.head < len(tokens) else head
        if not (prep in ("at", "to") or (last.dep == "dobj" and re.match(r"visit", head.text, re.I))):
            continue
        if not (_PLACE_HEAD.match(verb.text) or verb.text in person_tokens) or _past_chain(tokens, head.head if prep else last.head):
            continue
        name = e.text.strip()
        if set(_name_tokens(_strip_the(name))) & person_tokens or not name[:1].isalpha():
            continue
        out.append(name if name.lower().startswith("the ") else _strip_the(name))
    return out


def _containment(parses: Iterable[Parse], person_tokens: set[str]) -> dict[str, set[str]]:
    """Place -> places the texts say it lies in: "in Busan, South Korea", "Japan's Osaka",
    "the Russian resort of Sochi", "Sochi in Russia"."""
    out: dict[str, set[str]] = defaultdict(set)
    commas: Counter[tuple[str, str]] = Counter()  # "in Busan, South Korea": trusted when seen twice
    places: set[str] = set()
    norps: list[tuple[Parse, object]] = []
    for p in parses:
        ents = [e for e in p.entities if e.label in PLACE_LABELS and not set(_name_tokens(e.text)) & person_tokens]
        places.update(_strip_the(e.text) for e in ents)
        for a, b in itertools.pairwise(ents):
            between = " ".join(t.text for t in p.tokens[a.end:b.start])
            before = p.tokens[a.start - 1].text.lower() if a.start > 0 else ""
            after = p.tokens[b.end].text.lower() if b.end < len(p.tokens) else ""
            nxt = p.tokens[b.end + 1] if b.end + 1 < len(p.tokens) else None
            # "to France, Serbia and Hungary" and "France, Ukraine on the agenda" are lists.
            in_list = after in ("and", "or") or (after == "," and nxt is not None and nxt.ent in PLACE_LABELS)
            in_list = in_list or after not in ("", ",", ".", ";", ")", "–", "—", "this", "next", "later", "for", "from")
            if between == "," and (before in ("in", "at", "to", "from") or a.start == 0) and not in_list:
                # "in Lima, Peru, on Saturday" closes the pair with a comma, "in Hanoi, Vietnam this
                # week" with a time word: one is enough.
                closed = after in (",", ".", ";", "", "this", "next", "later")
                commas[(_strip_the(a.text), _strip_the(b.text))] += 2 if closed else 1
            elif between == "in" and before in ("in", "at", "to"):
                out[_strip_the(a.text)].add(_strip_the(b.text))
            elif re.fullmatch(r"['’]s(?: \w+){0,3}", between) and re.search(_PLACE_NOUN + r"|^['’]s$", between):
                out[_strip_the(b.text)].add(_strip_the(a.text))
        norps.append((p, None))
    for (a_, b_), c in commas.items():
        if c >= 2:
            out[a_].add(b_)
    # "the Russian resort of Sochi", "the northern Chinese city of Tianjin": the adjective
    # names the country the text also names (same first five letters: Russian/Russia).
    for p, _ in norps:
        for m in re.finditer(
            rf"\b(?:the\s+)?(?:[a-z-]+\s+){{0,2}}(?P<adj>[A-Z][a-z]+)\s+(?:[a-z-]+\s+){{0,2}}{_PLACE_NOUN}\s+of\s+(?P<x>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)",
            p.text,
        ):
            adj, x = m.group("adj"), m.group("x")
            for c in sorted(places):
                if c != x and len(adj) >= 5 and c[:5].lower() == adj[:5].lower() and " " not in c:
                    out[x].add(c)
    return out


# Countries the sources name by several names ("the US", "the United States"): one place.
_COUNTRY_ALIASES = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom",
}


def norm_place(s: str) -> str:
    """"U.S." -> "united states", "Japan's" -> "japan": for comparing place names and
    nationalities."""
    # "Washington, DC", "Washington D.C." and "Washington": a two-letter district or state
    # after a city is part of no other name.
    key = _DISTRICT.sub("", re.sub(r"['’]s$", "", s.strip())).replace(".", "").lower()
    return _COUNTRY_ALIASES.get(key, key)


def _strip_the(s: str) -> str:
    return re.sub(r"^the\s+", "", s, flags=re.I).strip(" ,.")


_DATED_NAME = re.compile(rf"\b{MONTH_RE}\s+\d{{1,2}}\b", re.I)


def _occasions(p: Parse, people: _People, ahead: bool = True) -> list[str]:
    """Named gatherings a sentence puts the meeting at: "G20 summit", "SCO summit", "APEC";
    with `ahead`, also one it puts the meeting before ("ahead of the G20 summit")."""
    before = "|ahead of" if ahead else ""
    out = []
    # "the U.N. General Assembly": initials with full stops would end the name at "U."
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), p.text)
    named_first = []  # "the Summit of the Americas": the head word comes first
    for m in re.finditer(
        rf"\b(?:at|during|for|attend(?:s|ing)?{before}|sidelines of|margins of)\s+(?:the\s+)?"
        r"(?P<a>(?:[A-Z][\w-]*\s+)?(?:Summit|Forum|Conference|Assembly)\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)",
        text,
    ):
        named_first.append(m.group("a"))
    for m in re.finditer(
        r"\b(?:sidelines|margins|sideline)\s+of\s+(?:the\s+|this\s+(?:week|month)['’]s\s+|next\s+(?:week|month)['’]s\s+)?"
        r"(?P<a>[^,.;]{2,80}?)(?=\s+(?:in|at|on|this|next|later|to|with|and)\b|[,.;]|$)",
        text,
    ):
        out.append(m.group("a"))
    for m in re.finditer(
        rf"\b(?:at|during|for|attend(?:s|ing)?{before})\s+(?:the\s+|this\s+(?:week|month)['’]s\s+|next\s+(?:week|month)['’]s\s+)?"
        r"(?P<a>(?:[\w.'’()-]+\s+){0,6}?(?:summit|forum|conference|gathering|assembly|meeting))\b",
        text,
        re.I,
    ):
        a = m.group("a")
        # "at the APEC meeting" is a gathering; "at the meeting", "at the Oval Office meeting"
        # is the leaders' own.
        if a.lower().endswith("meeting") and not (_ACRONYM.search(a) or _PAREN_ACRONYM.search(a)):
            continue
        out.append(a)
    good = []
    for o in out:
        # After the last "at the" inside it: "(for talks on) Monday at the G20 summit" -> "G20 summit";
        # "(for) Canada to attend the G-7 summit" -> "G-7 summit".
        o = re.sub(r"^.*\b(?:at|during|attend(?:s|ing)?)\s+(?:the\s+|a\s+)?", "", o.strip())
        if _DATED_NAME.search(o):
            continue  # "the June 28-29 G20 summit": a gathering dated in its name is another day's
        if re.search(r"\b(?:ahead of|before|after)\b", o):
            continue  # "meet at Mar-a-Lago ahead of North Korea summit": a place, then another meeting
        # Start at the gathering's name: "first time at a G20 summit" -> "G20 summit".
        ws = o.split()
        while ws and not (ws[0][0].isupper() or _ACRONYM.fullmatch(ws[0]) or ws[0][0].isdigit()):
            ws = ws[1:]
        if len(ws) > 2 and re.fullmatch(r"(?:19|20)\d\d", ws[0]):
            ws = ws[1:]  # "the 2022 Asia-Pacific Economic Cooperation (APEC) meeting": the year is not its name
        o = " ".join(ws)
        # The gathering ends at its head word: "NATO summit hosted by Lithuania", "G20 summit in Bali".
        if any(o in n or n in o for n in named_first):
            continue  # counted below as it is named
        # (And at any word in lower case after it: "the G7 Summit will offer an important opportunity".)
        o = re.sub(r"\s+(summit|forum|conference|assembly)\s+(?:(?:in|at|hosted|held|organi[sz]ed|being|taking|which|that|of)\s+|(?-i:[a-z])).*$",
                   lambda x: " " + x.group(1), o, flags=re.I)
        # A gathering has a name of its own: an acronym or capitalised words that are not
        # the principals or a place ("the Trump–Kim summit" is the meeting itself).
        words_ = [w for w in re.split(r"[\s\-–]+", o) if w]
        named = [w for w in words_ if (w[0].isupper() or _ACRONYM.fullmatch(w)) and not _OCCASION_HEAD.fullmatch(w)]
        if not named:
            continue
        good.append(o)
    return good + named_first


def occasion_key(o: str) -> str:
    """What a gathering's spellings share: its acronym ("G20 summit" and "G-20", "Asia-Pacific
    Economic Cooperation (APEC) meeting" and "Apec summit"), else the initials of its name
    ("United Nations General Assembly" and "UN General Assembly")."""
    paren = _PAREN_ACRONYM.search(o)  # "Asia-Pacific Economic Cooperation (Apec) meeting"
    if paren:
        return paren.group(1).upper()
    acr = _ACRONYM.findall(o)
    if acr:
        return re.sub(r"[-\s]", "", acr[-1]).upper()
    if re.fullmatch(r"[A-Z][a-z]{2,5}\s+(?:summit|forum|conference|gathering|assembly|meeting)", o, re.I):
        return o.split()[0].upper()  # "Apec summit", "Nato summit": an acronym some papers write so
    # "United Nations General Assembly" and "UN General Assembly": the same initials.
    parts = [w for w in re.split(r"[\s\-–]+", re.sub(r"['’]s?\b", "", o)) if w]
    if parts and not _OCCASION_HEAD.fullmatch(parts[0]):
        parts = [w for w in parts if not _OCCASION_HEAD.fullmatch(w)]
    parts = [w for w in parts if w.lower() not in ("of", "the", "and", "for", "on", "in") and not w[:1].isdigit()]
    initials = "".join(w if w.isupper() and len(w) <= 3 else w[0] for w in parts).upper()
    if len(initials) >= 2:
        return initials
    return re.sub(r"\s+(summit|forum|conference|gathering|assembly|meeting)$", "", o, flags=re.I).lower()


# Who speaks for a government and is no party to its meetings: "spokesperson Lu Kang announced".
_SPOKES = r"(?:spokes(?:man|woman|person)|press secretary)"
_LEADER_ROLE = re.compile(r"\b(?:president|prime minister|premier|chancellor|king|queen|emperor|emir|sultan|leader|general secretary)\b", re.I)
TRIP_DAYS = 3  # a span of days this long, given with the leaders, is a trip's, not their meeting's
_ARRIVAL = re.compile(r"\b(arriv\w*|land\w*|reach\w*|depart\w*|leav\w*|head\w*|fl(?:y|ies|ew)|travel\w*|wrap\w*|conclud\w*"
                      r"|set(?:s|ting)? off)\b", re.I)
_MEET_WORD = re.compile(r"\b(meet\w*|talks|summit|hold|holds|bilateral|sit|host\w*|dinner|discuss\w*|visit\w*)\b", re.I)


def _event_weight(sent: str, pos: int) -> float:
    """Weight of a date by the nearest event word: an arrival date is not the meeting's."""
    best: tuple[int, float] | None = None
    for pattern, w in ((_MEET_WORD, 1.0), (_ARRIVAL, 0.3)):
        for m in pattern.finditer(sent):
            d = abs(m.start() - pos)
            if best is None or d < best[0]:
                best = (d, w)
    return best[1] if best else 0.6


def _known_place_mentions(sent: str, known: list[str]) -> list[str]:
    """Places of the set named after in/at/to, where the recogniser missed them here."""
    out = []
    for name in known:
        if re.search(rf"\b(?:in|at|to)\s+(?:(?:the|[A-Z][a-z]+['’]s|[a-z-]+)\s+){{0,4}}?{re.escape(name)}\b", sent):
            out.append(name)
    return out


def _reports_past(p: Parse, sent: str) -> bool:
    """True if the sentence reports what happened ("Xi arrived in France on Sunday"): its
    main verb is in the past tense and nothing in it looks ahead."""
    roots = [t for i, t in enumerate(p.tokens) if t.head == i]
    return bool(roots) and roots[0].tag == "VBD" and not _FUTURE.search(sent)


def _in_past_clause(p: Parse, pos: int) -> bool:
    """True if the words at character `pos` belong to a clause, not the main one, whose verb
    is in the past tense: "…after supporters stormed Congress on Jan. 8", "…, the White House
    said on Tuesday". That day is of something that happened, not of the meeting."""
    at = [i for i, t in enumerate(p.tokens) if t.idx <= pos]
    if not at:
        return False
    i, seen = at[-1], set()
    while i not in seen:
        seen.add(i)
        t = p.tokens[i]
        if t.pos in ("VERB", "AUX") and t.dep != "aux":
            # (Or a done thing a noun carries: "the joint statement issued on Oct. 31", not "the
            # talks scheduled for Thursday".)
            return (t.tag == "VBD" and t.head != i) or (t.tag == "VBN" and t.dep == "acl" and _DONE.match(t.text) is not None)
        i = t.head
    return False


# The words a day hangs on, by what they tell of it: the two meeting ("talks on Thursday"), a
# trip's days ("arrive on Wednesday", "visit India from March 19"), its end ("scheduled to end
# Thursday"), or nothing yet ("planned for March 20": what is planned says).
# (By the word's form: the parser's lemmas are not to be relied on, "arrived" stays "arrived".)
_TALKS_WORD = re.compile(r"(?:meet|meets|meeting|met|talks?|summit\w*|discuss\w*|sit|sits|sat|sitting|dinner|lunch"
                         r"|bilateral|negotiat\w*|confer|confers|conferring)", re.I)
_TRIP_WORD = re.compile(r"(?:visit\w*|trips?|tour\w*|arriv\w*|fl(?:y|ies|ew|ying)|land\w*|travel\w*|embark\w*"
                        r"|head\w*|depart\w*|leav\w*|left|reach\w*|stay\w*|stop\w*|welcom\w*|journey\w*)", re.I)
_END_WORD = re.compile(r"(?:end|ends|ended|ending|last|lasts|lasting|run|runs|running|conclud\w*|wrap\w*|finish\w*)", re.I)
_LIGHT_WORD = re.compile(r"(?:is|are|was|were|be|been|being|plan\w*|schedul\w*|set|expect\w*|due|slated|hold|holds"
                         r"|held|holding|take|takes|taking|place|go|goes|going)", re.I)
_TIME_WORD = re.compile(r"(?:morning|afternoon|evening|night)", re.I)


def date_kind(p: Parse, pos: int) -> str:
    """What the day at character `pos` is a day of, by the words it hangs on in the parse:
    "talks", "trip" (a visit's days, its arrival, the first of a span "from March 19"), "end"
    (the day a trip ends: "last till January 10") or "" when nothing says."""
    at = [i for i, t in enumerate(p.tokens) if t.idx <= pos]
    if not at:
        return ""
    i, seen = at[-1], set()
    while i not in seen and len(seen) < 8:
        seen.add(i)
        t = p.tokens[i]
        word = t.text
        if t.pos == "ADP" and word.lower() in ("from", "until", "till", "through"):
            return "trip" if word.lower() == "from" else "end"
        if t.pos == "ADP" and word.lower() == "to" and p.tokens[t.head].text.lower() == "from":
            return "end"  # "from Saturday to Tuesday"
        if t.pos in ("VERB", "NOUN", "AUX") and not _TIME_WORD.fullmatch(word):
            if _END_WORD.fullmatch(word) and t.pos != "NOUN":
                return "end"
            if _TALKS_WORD.fullmatch(word):
                return "talks"
            if _TRIP_WORD.fullmatch(word):
                return "trip"
            if _LIGHT_WORD.fullmatch(word):
                # "The summit is planned for March 20", "be in Canberra on June 17 for talks":
                # what the light verb's subject or its other phrases name.
                kids = [k for k, c in enumerate(p.tokens) if c.head == i and k != i]
                words = [p.tokens[k].text for k in kids if p.tokens[k].dep in ("nsubj", "nsubjpass", "dobj", "attr")]
                words += [g.text for k in kids if p.tokens[k].dep == "prep" for g in p.tokens
                          if g.head == k and g.dep == "pobj"]
                if any(_TALKS_WORD.fullmatch(w) for w in words):
                    return "talks"
                if any(_TRIP_WORD.fullmatch(w) for w in words):
                    return "trip"
            elif t.pos in ("VERB", "NOUN"):
                return ""
        if t.head == i:
            break
        i = t.head
    return ""


_DONE = re.compile(r"^(?:issued|signed|agreed|adopted|reached|released|published|concluded|struck|sealed|held)$", re.I)


def _speaks_ahead(p: Parse, sent: str) -> bool:
    """True if the sentence speaks of what is to come: a future word ("will", "set to"), or a
    main verb in the present tense ("The leaders meet in Lindau on Wednesday"); not "details
    are still being settled on Tuesday" (a passive or progressive now)."""
    roots = [t for i, t in enumerate(p.tokens) if t.head == i]
    return bool(_FUTURE.search(sent)) or (bool(roots) and roots[0].tag in ("VBZ", "VBP"))


_MONTH_WORD = re.compile(rf"\b({'|'.join(MONTH_FULL)})\b|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s+\d)")


def _month_in(sent: str) -> str:
    """The month a sentence names, in full ("Nov. 4" -> "November"), or ""."""
    m = _MONTH_WORD.search(sent)
    if not m:
        return ""
    return m.group(1) or next(f for f in MONTH_FULL if f.startswith(m.group(2)))


def read_source(source_id: int, sentences: list[str], parses: list[Parse], pub: date | None,
                people: _People, known_places: list[str] | None = None, year_ref: date | None = None) -> SourceFrame:
    """What one source says about its meeting: people, places, dates (against its own date)."""
    sf = SourceFrame(source_id)
    person_score: Counter[str] = Counter()
    named_all: list[str] = []
    before: str | None = None  # whom the sentence before named first
    for k, (sent, p) in enumerate(zip(sentences, parses)):
        names = people.in_text(sent)
        # "He will meet the Chinese leader on Tuesday": "he" is whom the sentence before named first.
        he = before if before is not None and before not in names and _HE_OPENS.match(sent) else None
        if he is not None:
            names = sorted([*names, he])
        before = people.first_in(sent) or (before if _HE_OPENS.match(sent) else None)
        meeting_places, named, datelines = _place_of(p, people)
        meeting_places = sorted(set(meeting_places))
        named_all.extend(named)
        if not is_meeting_sentence(sent) or is_picture_caption(sent):
            continue  # (a photo's caption pairs whoever stood in the picture)
        weight = 2 if k == 0 else 1  # the headline says what the article is about
        for n in names:
            person_score[n] += weight
        # (A leader a time is named by is no party to it: "relations under Donald Trump".)
        ruled = set(people.in_text(" ".join(m.group("who") for m in _UNDER_LEADER.finditer(sent))))
        paired = [n for n in names if n not in ruled or n in people.in_text(_UNDER_LEADER.sub(" ", sent))]
        for a_i, a in enumerate(paired):
            for b in paired[a_i + 1:]:
                # A couple travelling together ("Emmanuel and Brigitte Macron") is no meeting.
                if not _name_keys(a) & _name_keys(b):
                    sf.pair_mentions[(a, b)] += weight
                    # (An aside that looks back is no look back: "Tashiba, who met Maru in February,
                    # hopes to coordinate with Kalder".)
                    if k == 0 or not looks_back(_RELATIVE_ASIDE.sub("", sent)):
                        sf.pair_ahead[(a, b)] += weight
        ahead = looks_ahead(sent) or k == 0
        if ahead and len(names) >= 2:
            # (Not in an aside: "Tashiba, who met Maru in Lindau in February, hopes to …".)
            main = _RELATIVE_ASIDE.sub("", sent)
            in_main = set(people.in_text(main)) | ({he} if he else set())
            sf.ahead_pairs.append((tuple(n for n in names if n in in_main), main))
        if ahead:
            # ("… when they met in San Diego, a conversation to be deepened when they meet here":
            # the place the past "met" puts them at is an earlier meeting's.)
            met_before = _met_at(p, meeting_places)
            meeting_places = [m for m in meeting_places if m not in met_before]
            sf.past_places.extend(sorted(met_before))
            sf.places.extend(meeting_places)
            if _BOTH_LEADERS.search(sent):
                sf.both_places.extend(meeting_places)
            sf.venues.extend(_venues_of(p, people))
            # A dateline the sentence travels away from is where the story was written: its
            # people do not meet there ("WASHINGTON: Biden is heading to Vietnam next month").
            sf.place_cands.extend((pl, () if pl in datelines else tuple(names)) for pl in meeting_places)
            sf.datelines |= datelines
            month = _month_in(sent)
            sf.occasion_ctx.extend((o, tuple(sorted(set(named))), month)
                                   for o in _occasions(p, people))
            sf.occasions_at.extend(_occasions(p, people, ahead=False))
            for m in _FORMAT.finditer(sent):
                sf.formats.append((m.group("o"), m.group("fmt").lower(), tuple(people.in_text(_clause_at(sent, m.start())))))
            if _SIDELINES.search(sent):
                sf.sidelines = True
            kept: set[date] = set()
            for d, explicit, pos in dates_in(sent, pub, year_ref, past=_reports_past(p, sent),
                                             ahead=k == 0 or _speaks_ahead(p, sent)):
                if pub is not None and d < pub - timedelta(days=1):
                    continue  # a date for a meeting ahead is not before the article
                if _in_past_clause(p, pos):
                    continue  # "…especially after protesters stormed Congress on Jan. 8"
                kept.add(d)
                if explicit and weekday_before(sent, pos) not in (None, d.weekday()):
                    continue  # "arrived on Wednesday, Nov 13" (a Monday): the page misprints one of them
                sf.dates.append(d)
                # "the summit runs October 30-31" (no leader named), "…, and alliance leaders
                # gather in Lithuania on July 11-12 for their summit": the gathering's days.
                clause = _clause_at(sent, pos)
                gathering = not people.in_text(clause) and bool(has_day_span(clause) or _GATHERING_WORD.search(clause))
                if explicit and names and not gathering:
                    sf.explicit_dates.append(d)
                w = (1.0 if explicit else 0.5) * _event_weight(sent, pos) * (1.0 if pub else 0.8)
                if gathering or day_span_length(sent) >= TRIP_DAYS:
                    # "visits Beijing and Shanghai on 4-7 November": the trip's days, not the
                    # meeting's. Two days for the leaders ("7-8 June") are their meeting's.
                    w *= 0.5
                if _EITHER_DAY.search(sent):
                    w *= 0.5  # "on the 3rd or 4th of July": neither day is said
                kind = date_kind(p, pos)
                if kind == "end":
                    continue  # "his visit, scheduled to end Thursday": the day the trip ends
                sf.date_cands.append((d, w if k else w * 1.5, tuple(names), tuple(meeting_places)))
                sf.date_kinds.append(kind)
            # (Written out with its year and kept as a day of its meeting: not "the killing of
            # Nijjar … on June 18, 2023" in a preview dated two years later.)
            sf.year_dates.extend(d for d in dates_with_year(sent) if d in kept)
            if pub is not None and not sf.date_cands and (
                    (k <= 1 and len(names) >= 2 and _UNDER_WAY.search(sent))
                    or (_CLOCK.search(sent) and _MEETING_RE.search(sent) and not _SENT_DAY.search(sent))):
                # "Putin and Erdogan are holding talks in Astana": the page's own day, if it
                # gives no other.
                sf.dates.append(pub)
                sf.date_cands.append((pub, 0.5, tuple(names), tuple(meeting_places)))
                sf.date_kinds.append("")
            if pub is None:
                for wd, pos in weekdays_in(sent):
                    w = 0.5 * _event_weight(sent, pos) * 0.8
                    sf.weekday_cands.append((wd, w if k else w * 1.5, tuple(names), tuple(meeting_places)))
        elif looks_back(sent):
            sf.past_places.extend(meeting_places)
    sf.people = sorted(person_score, key=lambda n: (-person_score[n], n))
    sf.mentioned = " | ".join(named_all)
    return sf


# -- the set's frame -------------------------------------------------------------------------


# A bilateral summit's own format, the occasion when there is no gathering ("for their second
# informal summit", "for the 23rd India-Russia Annual Summit").
_FORMAT = re.compile(
    r"\b(?P<o>(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?"
    r"(?:[A-Z][\w]*(?:[-–][A-Z][\w]*)?\s+)?(?P<fmt>[Ii]nformal|[Aa]nnual)\s+(?:[Ss]ummit|[Mm]eeting))\b"
)
_CALENDAR_WORD = re.compile(rf"{WEEKDAY_RE}|{MONTH_RE}")
# A leader named for the time he rules: "the relationship under Trump", "ties under President Xi".
_UNDER_LEADER = re.compile(r"\bunder\s+(?P<who>(?:(?:the\s+)?(?:U\.?S\.?|US|[A-Z][a-z]+)\s+)?(?:(?:President|Prime Minister|"
                           r"Premier|Chancellor|leader)\s+)?(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)")
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which|whom|whose)\b[^,]*,")
_HE_OPENS = re.compile(r"^[\"“]?(?:He|She)\b")
# The two leaders spoken of together without their names.
_BOTH_LEADERS = re.compile(
    r"\b(?:the two|both) (?:leaders|presidents|prime ministers|heads of state)\b"
    r"|\bthe leaders of (?-i:[A-Z])[\w-]+ and (?-i:[A-Z])[\w-]+\b", re.I)  # (names: capitals, in any case)
# Where one clause of a sentence ends and another, with its own subject, begins.
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+[—–]\s+")


def _clause_at(sent: str, pos: int) -> str:
    """The clause of `sent` that holds character `pos` (clauses split at ", and", ";" and dashes)."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sent):
        if m.start() > pos:
            return sent[start:m.start()]
        start = m.end()
    return sent[start:]


def _speaks_for(name: str, texts: list[str]) -> bool:
    """The texts call `name` a spokesperson: "Foreign Ministry spokesperson Lu Kang", "Lu Kang, a
    spokesman for …"."""
    n = re.escape(name)
    pat = re.compile(rf"(?i:{_SPOKES})\s+{n}\b|\b{n},\s+(?:[\w'’.-]+\s+){{0,4}}?(?i:{_SPOKES})\b")
    return any(pat.search(t) for t in texts if name in t)


def _titled(name: str, texts: list[str], role: re.Pattern[str]) -> bool:
    """The texts give `name` a title of `role`, before it ("Chancellor Ulla Brenn", "US Special
    Envoy to Syria Tom Barrack") or after it ("Thomas Barrack, the US envoy to Syria")."""
    last = re.escape(_name_tokens(name)[-1])
    pat = re.compile(rf"{role.pattern}[^.,;:]{{0,30}}?\b{last}\b|\b{last},\s+(?:the|a|an)\s+[^.,;:]{{0,40}}?{role.pattern}", re.I)
    return any(pat.search(t) for t in texts)


# An official's title, not a leader's.
_OFFICIAL_ROLE = re.compile(r"\b(?:advis[eo]r|envoy|secretary|minister|ambassador|spokes\w+|official|aide|director|"
                            r"chief of staff|negotiator|counsel|diplomat)s?\b", re.I)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _top(votes: Counter[str]) -> list[str]:
    return sorted(votes, key=lambda k: (-votes[k], k))


def _paired_places(a: str, b: str, texts: list[str]) -> bool:
    """True if a text joins the two places as a pair: "Australia and India", "India-Australia"."""
    pat = rf"\b{re.escape(a)}\s*(?:and|[-–])\s*{re.escape(b)}\b|\b{re.escape(b)}\s*(?:and|[-–])\s*{re.escape(a)}\b"
    return any(re.search(pat, t) for t in texts)


def extract_frame(
    sources: list[tuple[int, str, str, date | None]], parser: Parser
) -> Frame:
    """The event frame of a set of (source id, title, text, publication date) by vote.

    Sentences are split by `briefer.textutil.split_sentences`; the title counts as the
    first sentence of its source.
    """
    from briefer.textutil import split_sentences

    per_source: list[tuple[int, list[str], date | None]] = []
    all_sents: list[str] = []
    for sid, title, text, pub in sources:
        # A page without a headline is shown by its opening words, cut short ("… at the White…"):
        # when the text goes on with a capital, the last of them is half a name ("White House").
        shown = title.removesuffix("…")
        if title.endswith("…") and text.lstrip().startswith(shown) \
                and re.match(r"\s+[A-Z]", text.lstrip()[len(shown):]):
            title = shown.rsplit(" ", 1)[0] + "…"
        sents = ([title] if title else []) + split_sentences(text)
        per_source.append((sid, sents, pub))
        all_sents.extend(sents)
    uniq = sorted(set(all_sents))
    parsed = dict(zip(uniq, parser.parse(uniq)))
    people = _People(parsed[s] for s in uniq)
    frame = Frame(containment=_containment((parsed[s] for s in uniq), set(people.token_of)))
    known = sorted({
        _strip_the(e.text) for s in uniq for e in parsed[s].entities
        if e.label in PLACE_LABELS and _strip_the(e.text)[:1].isupper() and not set(_name_tokens(e.text)) & set(people.token_of)
    })
    pubs = sorted(pub for _, _, pub in per_source if pub)
    year_ref = pubs[len(pubs) // 2] if pubs else None  # the set's date, for the year of an undated source
    for sid, sents, pub in per_source:
        frame.sources[sid] = read_source(sid, sents, [parsed[s] for s in sents], pub, people, known, year_ref)
    n = len(per_source)

    texts = [s for _, sents, _ in per_source for s in sents]
    roles: dict[str, tuple[str, str]] = {}

    def role_of(nm: str) -> tuple[str, str]:
        """`_roles` of a name, read from the texts once (the pair choice and the people both ask)."""
        if nm not in roles:
            roles[nm] = _roles(nm, texts)
        return roles[nm]

    # Who: the pair that most sources name together in meeting sentences.
    # A source votes in full for the pair it names together most, and for another pair in
    # proportion: a preview of one meeting that mentions the next leg of the trip ("before
    # he goes on to Washington to see Trump") does not vote for that one as much.
    pair_votes: dict[tuple[str, str], float] = defaultdict(float)
    single: Counter[str] = Counter()
    for sf in frame.sources.values():
        most = max(sf.pair_mentions.values(), default=0)
        for pair, k in sf.pair_mentions.items():
            pair_votes[pair] += k / most
        for name in set(sf.people):
            single[name] += 1
    if pair_votes:
        mentions: Counter[tuple[str, str]] = Counter()
        for sf in frame.sources.values():
            mentions.update(sf.pair_mentions)
        ranked = sorted(pair_votes, key=lambda pr: (-round(pair_votes[pr], 6), -mentions[pr], -(single[pr[0]] + single[pr[1]]), pr))
        need = max(1, (n + 2) // 3)
        best = ranked[0]
        # A visitor who meets the host's president and its premier: the pair most named may
        # be the two hosts. Two leaders of one country are not the two sides; the pair of
        # one of them with someone of another country, as well supported, is.
        def nat(nm: str) -> str:
            return norm_place(role_of(nm)[1])

        if nat(best[0]) and nat(best[0]) == nat(best[1]):
            across = [pr for pr in ranked[1:6] if pair_votes[pr] >= need and set(pr) & set(best)
                      and nat(pr[0]) != nat(pr[1])]
            if across:
                best = across[0]
        # The person most sources name is a principal: a visitor whom some sources name only as
        # "she" while naming her hosts ("She will meet Xi and Premier Li Qiang") is still one.
        top = sorted(single, key=lambda nm: (-single[nm], nm))[0]
        # (Only if the sources pair her nearly as often: "Trump", whom every preview of a
        # Lee–Ishiba meeting names as Lee's next host, is no principal of it.)
        if top not in best and single[top] > min(single[best[0]], single[best[1]]):
            with_top = [pr for pr in ranked if top in pr and pair_votes[pr] >= max(need, 0.8 * pair_votes[best])]
            if with_top:
                best = with_top[0]
        chosen = list(best) if pair_votes[best] >= need else []
    else:
        chosen = []
    if not chosen and single:
        top = _top(single)[0]
        chosen = [top] if single[top] >= max(1, (n + 1) // 2) else []
    # Most mentioned first, then by name: the same order whatever the input order.
    chosen.sort(key=lambda nm: (-single[nm], nm))
    frame.people = []
    for nm in chosen:
        role, nationality = role_of(nm)
        frame.people.append(Person(nm, role, nationality, _all_nationalities(nm, texts), _short_name(nm, texts)))
    frame.support["who"] = sorted(sid for sid, sf in frame.sources.items() if all(p in sf.people for p in chosen))

    # Where: places named for the meeting, one vote per source; the most specific place
    # the sources support, qualified by its country when they say where it lies.
    chosen_set = set(chosen)
    # "DC" standing alone ("arrives in DC") is the city the texts write it after ("Washington,
    # DC"): one place, one vote a source. (Not "US" or "UK": a country.)
    cand_names = sorted({pl for sf in frame.sources.values() for pl, _ in sf.place_cands})
    initials = [pl for pl in cand_names if _INITIALS_PLACE.match(pl) and norm_place(pl) not in _COUNTRY_ALIASES.values()]
    joined = "\n".join(texts).replace(".", "") if initials else ""  # (most sets name no district)
    district_city: dict[str, str] = {}
    for pl in initials:
        cities = sorted({c for c in cand_names if not _INITIALS_PLACE.match(c)
                         and re.search(rf"\b{re.escape(c.replace('.', ''))},?\s+{re.escape(pl.replace('.', ''))}(?!\w)", joined)})
        if len({norm_place(c) for c in cities}) == 1:
            district_city[pl] = cities[0]
    # "VLADIVOSTOK" (a dateline) and "Vladivostok" are one place: the usual spelling wins.
    # "Delhi" is short for "New Delhi" when the sources name both.
    keys = {norm_place(pl) for sf in frame.sources.values() for pl, _ in sf.place_cands}

    def place_key(pl: str) -> str:
        key = norm_place(pl)
        return f"new {key}" if f"new {key}" in keys else key

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for sf in frame.sources.values():
        for pl, _ in sf.place_cands:
            spellings[place_key(pl)][pl] += 1

    def canonical(pl: str) -> str:
        # The fuller name ("New Delhi") before the short one, then the usual spelling.
        forms = spellings[place_key(pl)]
        return sorted(forms, key=lambda f: (f.isupper(), bool(_DISTRICT.search(f)), -len(norm_place(f)),
                                            -forms[f], f))[0]

    place_votes: dict[str, float] = defaultdict(float)
    for sf in frame.sources.values():
        best_w: dict[str, float] = {}
        for pl, names in sf.place_cands:
            pl = district_city.get(pl, pl)
            k = len(chosen_set & set(names))
            # (A place named for "the two leaders" is named for both: "The two leaders are
            # scheduled to hold summit talks in Tokyo on Monday.")
            w = 1.0 if k >= 2 or (k == 1 and len(chosen_set) == 1) or (pl in sf.both_places and not set(names) - chosen_set) \
                else 0.5 if k == 1 else 0.25
            # (One vote a source, however it spells the place: "New Delhi" and "Delhi".)
            best_w[canonical(pl)] = max(best_w.get(canonical(pl), 0.0), w)
        for pl, w in best_w.items():
            place_votes[pl] += w
    place_sources: dict[str, set[int]] = defaultdict(set)  # the sources that name each place
    for sid, sf in frame.sources.items():
        for pl, _ in sf.place_cands:
            place_sources[canonical(pl)].add(sid)
    # The places each source names for the meeting, but for a dateline it travels away from.
    named_for_meeting = [{canonical(pl) for pl, _ in sf.place_cands if pl not in sf.datelines}
                         for sf in frame.sources.values()]
    # (Of places as well supported, a principal's own country ranks after the others: it says
    # whose country, not where in it. "Japan" and "Tokyo" named as often: the meeting is in Tokyo.)
    ranked = sorted(place_votes, key=lambda k: (-place_votes[k], _principals_country(frame, k), k))
    if ranked and (place_votes[ranked[0]] >= 1.5 or n == 1):
        top = ranked[0]
        inside = frame.containment
        # A place inside the top place is more precise, when half as many sources name it; a
        # city inside a country that lies in no other place, also when one source names it with
        # both leaders (or several without).
        outermost = not inside.get(top)
        finer = [p for p in ranked if top in inside.get(p, set())
                 and (place_votes[p] * 2 >= place_votes[top] or (outermost and place_votes[p] >= 1.0))]
        container = top
        if finer:
            top = finer[0]
        # The host's own country ("Russia" for a Russian president) holds the city the
        # sources name for the meeting, even when no text says so in as many words.
        def own_country(pl: str) -> bool:
            return _principals_country(frame, pl)

        # A place the texts pair with a principal's own country ("ties between Australia and
        # India") is the other side's country, even when no text gives that leader's nationality.
        def country_like(pl: str) -> bool:
            return own_country(pl) or any(own_country(a) and _paired_places(a, pl, texts) for a in ranked if a != pl)

        frame.countries = {pl for pl in ranked if country_like(pl)}
        beaten: set[str] = set()

        def beside_top(c: str) -> bool:
            return any({c, top} <= named for named in named_for_meeting)

        # (Any country too, when a source names the city beside it for the meeting: "Macron to
        # visit India … in Jaipur", where Modi is only ever "Prime Minister Narendra Modi".)
        if not finer and (top in frame.countries or is_country(top)):
            # (A visit "to India" is named far more often than the city the talks are in; a
            # city two sources name for the meeting, with a whole vote between them, still is.)
            # (A city inside a place not the top one may lie in another country, unless a source
            # names it beside the top one: "Jaipur" in "Rajasthan", "in Jaipur, India".)
            cities = [c for c in ranked if c != top and c not in frame.countries and not is_country(c)
                      and (place_votes[c] >= max(CITY_IN_HOST_VOTES, 0.4 * place_votes[top])
                           or (place_votes[c] >= CITY_IN_HOST_VOTES and len(place_sources[c]) >= 2))
                      and (not (inside.get(c, set()) - {top}) or beside_top(c))]
            # A city that a source names for the meeting beside the host country lies in it; one
            # that no source does may lie in the other side's ("New Delhi", from a preview of
            # the return visit; "Washington", where the host was last received): no rival.
            with_host = [c for c in cities if beside_top(c)]
            if with_host:
                beaten |= set(cities) - set(with_host)
                cities = with_host
            elif top not in frame.countries:
                cities = []
            # Below 1.5 votes, a city must come from two sources and lead the other cities: a
            # place one preview recalls ("they last met in Bali") is not where they meet now.
            cities = [c for c in cities if place_votes[c] >= 1.5 or (
                len(place_sources[c]) >= 2 and all(place_votes[o] < place_votes[c] for o in cities if o != c))]
            if cities:
                inside = {**inside, cities[0]: {top}}
                frame.containment.setdefault(cities[0], set()).add(top)
                top = cities[0]
        # Refuse a tie between two places that are not one inside the other.
        # (A principal's country is no rival to a city: it is one side's, not a place to meet.)
        # (A tie with a place outside the one it lies in goes to the finer place: the sources that
        # name "China" four times back "Hangzhou", named once, against a stale preview's "New York"
        # named once. Places inside the same one compete on their own votes.)
        def rivals_it(p: str) -> bool:
            tie_broken = finer and container not in inside.get(p, set()) and container != p
            return place_votes[p] > place_votes[top] if tie_broken else place_votes[p] >= place_votes[top]

        rivals = [p for p in ranked if p != top and rivals_it(p)
                  and top not in inside.get(p, set()) and p not in inside.get(top, set())
                  and not (p in frame.countries and top not in frame.countries) and p not in beaten]
        if not rivals:
            frame.place = top
            # A district or state in initials ("D.C", "NY") is no country to name the city by;
            # "US" and "UK" are.
            outer = sorted((c for c in inside.get(top, set()) if not _INITIALS_PLACE.match(c)
                            or norm_place(c) in _COUNTRY_ALIASES.values()),
                           key=lambda c: (-place_votes.get(c, 0.0), c))
            host = next((c for c in ranked if c in frame.countries and own_country(c)
                         and place_votes[c] >= place_votes[top]), None) if not outer and top not in frame.countries else None
            if host is not None:
                # The host's country named as often as the city holds it ("Mexico City" and
                # "Mexico", a tie the city takes), unless the sources name another city beside it
                # and not this one ("Osaka, Japan", next month's forum, beside "Tokyo").
                beside = set().union(*(named for named in named_for_meeting if host in named))
                others = beside - {host} - frame.countries
                # (Nor when the sources name another country with the city as often: "Albanese's
                # visit to Ahmedabad … ties with India" puts Ahmedabad in no country of his.)
                with_top = Counter(c for named in named_for_meeting if top in named for c in named
                                   if c != top and (c in frame.countries or is_country(c)))
                rival_country = any(with_top[c] >= with_top[host] for c in with_top if c != host)
                if (not others or top in others) and not rival_country:
                    outer = [host]
                    frame.containment.setdefault(top, set()).add(host)
            # A principal's own country lies in no other place.
            frame.place_parts = (top, outer[0]) if outer and outer[0] != top and top not in frame.countries else (top,)
            frame.support["where"] = sorted(
                sid for sid, sf in frame.sources.items() if any(p in sf.places for p in frame.place_parts)
            )

    # Venue: a building that two sources or more put the meeting at, and none other as often
    # ("at the White House"; the city may be left open: the sources say only "the White House").
    venue_backers: dict[str, set[int]] = defaultdict(set)  # one vote a source
    venue_spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for sid, sf in frame.sources.items():
        for v in sf.venues:
            # "Fort de Bregancon" and "Fort Bregancon" are one building.
            key = _fold(" ".join(w for w in _strip_the(v).split() if not w.islower()))
            venue_backers[key].add(sid)
            venue_spelled[key][v] += 1
    votes = sorted(((len(b), k) for k, b in venue_backers.items()), key=lambda vk: (-vk[0], vk[1]))
    # (Not on the sidelines of a gathering: "the White House" is then where they met before or
    # will meet next, not where they meet now. Unless more sources put the meeting at the
    # building than speak of sidelines: those are of a meeting hoped for, or of another one.)
    sidelines = sum(sf.sidelines for sf in frame.sources.values())
    if votes and votes[0][0] >= 2 and (sidelines < 2 or sidelines < votes[0][0]) and (
            len(votes) == 1 or votes[1][0] < votes[0][0]):
        key = votes[0][1]
        frame.venue = sorted(venue_spelled[key], key=lambda v: (-venue_spelled[key][v], v))[0]
        frame.support["venue"] = sorted(venue_backers[key])

    # When: dates given for the meeting, resolved against each source's own date, counted
    # where the sentence names a principal or the place (not another leg of a tour).
    principals = {p.name for p in frame.people}
    # Votes go to a day of the year; the year comes from the sources that state it or are
    # dated themselves, so one source's wrong publication year does not move the meeting.
    day_votes: dict[tuple[int, int], float] = defaultdict(float)
    backers: dict[tuple[int, int], list[int]] = defaultdict(list)
    years: dict[tuple[int, int], dict[int, float]] = defaultdict(lambda: defaultdict(float))
    dated = {sid for sid, _, pub in per_source if pub}

    # Leaders of a third country the sources pair with one principal for a meeting of their
    # own: the next leg of a tour ("Lee goes on to Washington to meet Trump on 25 August").
    # (The host's premier, whom a visitor also meets, is of a principal's country.)
    own_nations = {norm_place(role_of(nm)[1]) for nm in principals} - {""}
    # (Paired less often than the principals are with each other: a tie is no other leg.)
    own_votes = pair_votes.get(tuple(sorted(principals)), 0.0) if len(principals) == 2 else 0.0
    other_leaders = {nm for pr, v in pair_votes.items() if 1.0 <= v < own_votes and len(set(pr) & principals) == 1
                     for nm in pr if nm not in principals and _LEADER_ROLE.search(role_of(nm)[0])
                     and norm_place(role_of(nm)[1]) not in own_nations}
    # (A third leader the sources name with a principal at the meeting's own place, when they
    # speak of a gathering, is at the same summit, not on another leg: "Biden will meet López
    # Obrador and Trudeau in Mexico City" for the North American Leaders' Summit.)
    set_keys = {norm_place(pl) for pl in frame.place_parts}

    def at_the_place(nm: str) -> bool:
        votes = Counter()  # one per source: where it names the leader with a principal most
        for sf in frame.sources.values():
            mine = Counter(norm_place(pl) in set_keys for pl, names in sf.place_cands
                           if nm in names and set(names) & principals)
            if mine:
                votes[mine[True] > mine[False]] += 1
        return votes[True] > votes[False]

    # (Only at a gathering: on a state visit, the host's premier the visitor sees the day before
    # is another meeting of the visit.)
    at_gathering = sum(1 for sf in frame.sources.values() if sf.occasion_ctx or sf.sidelines) >= 2
    frame.attendees = {nm for nm in other_leaders if at_gathering and at_the_place(nm)}
    other_leaders -= frame.attendees
    frame.other_leaders = other_leaders
    paired = sorted({nm for sf in frame.sources.values() for pr in sf.pair_mentions for nm in pr})
    frame.compatriots = {nm for nm in paired if nm not in principals
                         and any(_same_nation(role_of(nm)[1], n) for n in own_nations)}
    # (And an official by title, with no leader's title: "National security adviser Jake Sullivan",
    # "Secretary of State John Kerry", "Thomas Barrack, the US envoy to Syria"; not "Mr Albanese
    # said", a leader whose title the page leaves out, nor a party's "General Secretary".)
    frame.aides = {nm for nm in paired if nm not in principals and (
        _speaks_for(nm, texts) or (_titled(nm, texts, _OFFICIAL_ROLE) and not _titled(nm, texts, _LEADER_ROLE)))}

    # The meeting's place, the principals' countries, and any place the sources name for the
    # meeting with a full vote (the place itself may be left open).
    meeting_places = set(frame.place_parts) | frame.countries | {pl for pl, v in place_votes.items() if v >= 1.0}

    def about_it(names: tuple[str, ...], places: tuple[str, ...]) -> bool:
        # A sentence about the meeting that names nobody and nowhere else ("The summit
        # will be held on Tuesday") counts; one about another leg of a tour does not.
        if set(names) & other_leaders:
            return False
        # One principal in a place that is not the meeting's: another leg ("Modi leaves Port
        # Moresby for Sydney on Monday").
        if places and len(set(names) & principals) < 2 and not set(places) & meeting_places:
            return False
        return bool(set(names) & principals or set(places) & set(frame.place_parts) or (
            not names and not set(places) - set(frame.place_parts) - frame.countries))

    # Previews are written before their meeting: with three dated sources or more, a day weeks
    # before most of them were published is an older meeting's (a stale preview's headline).
    earliest = year_ref - timedelta(days=PREVIEW_SLACK_DAYS) if year_ref and len(pubs) >= 3 else None
    both_named: Counter[tuple[int, int]] = Counter()  # sources that give a day in a sentence naming both principals
    # ... and the meeting's city: "talks with Modi in New Delhi on April 22", not "visit India on April 21"
    city_keys = {norm_place(pl) for pl in frame.place_parts if pl not in frame.countries}
    at_city: Counter[tuple[int, int]] = Counter()
    # ... and a day given for the talks themselves: "sit down for formal talks on Thursday", not
    # "a state visit to China on Nov 8"
    for_talks: Counter[tuple[int, int]] = Counter()
    # ... and sources that give a day as more than a trip's (every talks' day is one)
    not_trip: Counter[tuple[int, int]] = Counter()
    for sid, sf in sorted(frame.sources.items()):
        best_w: dict[tuple[int, int], float] = {}
        with_both: set[tuple[int, int]] = set()
        with_city: set[tuple[int, int]] = set()
        with_talks: set[tuple[int, int]] = set()
        with_other: set[tuple[int, int]] = set()
        for (d, w, names, places), kind in zip(sf.date_cands, sf.date_kinds, strict=True):
            if not about_it(names, places) or (earliest and d < earliest):
                continue
            md = (d.month, d.day)
            best_w[md] = max(best_w.get(md, 0.0), w)
            if kind == "talks":
                with_talks.add(md)
            if kind != "trip":
                with_other.add(md)
            if len(principals) == 2 and principals <= set(names):
                with_both.add(md)
                if city_keys & {norm_place(pl) for pl in places}:
                    with_city.add(md)
            # The year of an undated source's "4 November" is the set's guess, not its word.
            # (A guess counts for little: a year one source writes out beats four guessed from a
            # stale source's date, the only dated one.)
            years[md][d.year] += 1.0 if sid in dated or d in sf.year_dates else 0.1
        for md, w in best_w.items():
            day_votes[md] += w
            backers[md].append(sid)
        both_named.update(with_both)
        at_city.update(with_city)
        for_talks.update(with_talks)
        not_trip.update(with_other)
    # A source without a date of its own that names the meeting's day by its weekday ("on
    # Wednesday") agrees with a day the others give, if counted from the dated sources (the next
    # such weekday after each, or the day before it) it falls on exactly one of the days they
    # give: "Friday" from pages of Monday 23 and Thursday 26 January is 27 January, the day one
    # gives, though 20 January is nearer to the first. It never adds a day.
    # Only the dates of sources written in the months before the leading day count: a stale
    # source dated years earlier would put the weekday on another day.
    # The weekdays back the day they agree with most: each day is tried with the sources dated
    # before it (a stale source's "Tuesday" and the set's "Monday" may both fit a day of their
    # own), and only the best-backed day takes their votes.
    def weekday_backing(lead: tuple[int, int]) -> dict[int, tuple[tuple[int, int], float]]:
        voted = [date(y, *lead) for y in years[lead] if _valid(y, *lead)]
        refs = sorted({pub for _, _, pub in per_source if pub and any(0 <= (d - pub).days <= 90 for d in voted)})
        out: dict[int, tuple[tuple[int, int], float]] = {}
        for sid, sf in sorted(frame.sources.items()):
            best_w: dict[tuple[int, int], float] = {}
            # (A source that gives the two leaders two weekdays, "Kim arrives on Wednesday" and
            # "talks with Putin on Thursday", says nothing about which is the day the others give.)
            if len({wd for wd, _, names, places in sf.weekday_cands
                    if principals <= set(names) and about_it(names, places)}) > 1:
                continue
            for wd, w, names, places in sf.weekday_cands:
                if not about_it(names, places):
                    continue
                days = {r + timedelta(days=(wd - r.weekday() + 1) % 7 - 1) for r in refs}
                days = {day for day in days if (day.month, day.day) in day_votes and day.year in years[(day.month, day.day)]}
                if len(days) != 1:
                    continue
                day = next(iter(days))
                md = (day.month, day.day)
                if sid not in backers[md]:
                    best_w[md] = max(best_w.get(md, 0.0), w)
            for md, w in sorted(best_w.items()):
                out[sid] = max(out.get(sid, (md, 0.0)), (md, w), key=lambda x: (x[1], x[0]))
        return out

    if day_votes and any(sf.weekday_cands for sf in frame.sources.values()):
        backing = {md: weekday_backing(md) for md in day_votes}

        def total(md: tuple[int, int]) -> float:
            return day_votes[md] + sum(w for d, w in backing[md].values() if d == md)

        lead_md = sorted(day_votes, key=lambda md: (-total(md), -day_votes[md], md))[0]
        for sid, (md, w) in sorted(backing[lead_md].items()):
            day_votes[md] += w
            backers[md].append(sid)
    if day_votes:
        best_md = sorted(day_votes, key=lambda md: (-day_votes[md], md))[0]
        year = sorted(years[best_md], key=lambda y: (-years[best_md][y], -y))[0]

        def apart(md: tuple[int, int]) -> int:
            try:
                return abs((date(year, *md) - date(year, *best_md)).days)
            except ValueError:
                return 999

        # A visit's first day ("Xi visits Hungary from May 8 to 10", "Xi arrives on Wednesday")
        # is not the day the two meet, when only a later day is given with both of them
        # ("Xi is due to hold talks with Orban on Thursday"). Then the same with the meeting's
        # city: the visit's first day given with the country ("will visit India on April 21 to
        # hold talks with Modi") and a later one with both leaders in the city ("talks with Modi
        # in New Delhi on April 22"): a tour's first stop is elsewhere. Then the same with a day
        # given for the talks themselves ("sit down for formal talks on Thursday") after one
        # every source gives as the trip's ("a state visit to China on Nov 8").
        # Each tally with what keeps the leading day (the talks' day beats only a day given as
        # the trip's alone: "arrives on Nov 8", "a state visit to China from Nov 8") and whether an
        # earlier day nearly as well backed may win too (the two leaders' own tallies: "Modi and
        # Putin will hold the annual summit on September 4", against "On September 5, Modi will
        # attend the forum"), though not a day given only as the trip's: "Xi arrived in Rio on
        # Sunday … and is set to have talks with Lula", before their talks in Brasília on Wednesday.
        visit_votes = 0.0
        for named, kept_by, earlier in ((both_named, both_named, True), (at_city, at_city, True),
                                        (for_talks, not_trip, False)):
            if visit_votes or kept_by[best_md]:
                continue
            met = sorted((md for md in day_votes if named[md] and 0 < apart(md) <= DATE_SPAN_DAYS and (
                md > best_md or (earlier and day_votes[md] >= 0.8 * day_votes[best_md] and not_trip[md]))),
                         key=lambda md: (-named[md], -day_votes[md], md))
            if met:
                # The visit's days are agreed: their support backs the day the two meet, with that
                # day's own ("arrives on April 5" twice, "talks with Kalder on April 6" once).
                visit_votes = day_votes[best_md]
                best_md = met[0]
                year = sorted(years[best_md], key=lambda y: (-years[best_md][y], -y))[0]
        # Dated pages that put the day in different years ("15 February" under stamps of 2023
        # and 2024) carry a crawler's dates, not the story's: the weekday the undated sources give
        # the two leaders' meeting ("talks with Putin in Moscow on Tuesday") says which year it is.
        if sum(1 for v in years[best_md].values() if v >= 1.0) >= 2:
            said_wd = {wd for sf in frame.sources.values() for wd, _, names, places in sf.weekday_cands
                       if principals and principals <= set(names) and about_it(names, places)}
            if len(said_wd) == 1:
                (wd,) = said_wd
                voted = sorted(years[best_md])
                fits = [y for y in range(voted[0] - 2, voted[-1] + 2) if _valid(y, *best_md)
                        and date(y, *best_md).weekday() == wd]
                if fits:
                    year = min(fits, key=lambda y: (min(abs(y - v) for v in voted), y))
        # A rival day: nearly as many votes, from as many sources, and not the same visit.
        rivals = [md for md in day_votes if md != best_md and day_votes[md] >= 0.8 * day_votes[best_md]
                  and len(backers[md]) >= len(backers[best_md]) and apart(md) > DATE_SPAN_DAYS]
        votes = day_votes[best_md] + visit_votes
        try:
            day: date | None = date(year, *best_md)
        except ValueError:
            day = None
        # (A day with less than a full vote needs most of the dated pages written in the weeks
        # before it: one page stamped a year after the others does not date the set.)
        near = sum(1 for p in pubs if -3 <= (day - p).days <= 60) if day else 0
        if day and not rivals and votes >= WHEN_MIN_VOTES and (votes >= 1.0 or 2 * near > len(pubs)):
            frame.when = day
            frame.support["when"] = backers[best_md]

    # Occasion: a named gathering that several sources put the meeting at.
    occ_votes: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    # "the Trump–Kim summit" is the meeting itself, not a gathering it is held at.
    principal_tokens = {tok for p in frame.people for tok in _name_tokens(p.name)}
    # "Asia-Pacific Economic Cooperation (APEC) summit" tells that the long name is APEC.
    long_to_acr: dict[str, str] = {}
    for sf in frame.sources.values():
        for o in sf.occasions:
            m = re.search(r"(?P<long>(?:[A-Z][\w-]*\s+){1,6})\((?P<acr>[A-Z][A-Za-z0-9-]{1,7})\)", o)
            if m:
                long_to_acr[m.group("long").strip().lower()] = m.group("acr").upper()

    def _key(o: str) -> str:
        k = occasion_key(o)
        return long_to_acr.get(k, k)

    here = set(frame.place_parts) | frame.countries | {pl for c in frame.place_parts for pl in frame.containment.get(c, ())}

    def elsewhere(places: tuple[str, ...], month: str) -> bool:
        # A gathering the sentence puts in another month or another place than the meeting's
        # ("met on the sidelines of the G7 summit in Canada in June") is an earlier one.
        if month and frame.when and month != month_name(frame.when):
            return True
        return bool(frame.place_parts and places and not set(places) & here)

    # A gathering the sources name only with other places than the meeting's is held elsewhere,
    # wherever a source names it alone ("host Putin ahead of the G7 summit", "the G7 summit in
    # Biarritz", for talks at a fort on the coast).
    # (A principal's own country says nothing of where: "France's Macron to host Putin ahead of
    # the G7 summit".)
    placed: dict[str, set[str]] = defaultdict(set)
    for sf in frame.sources.values():
        for o, places, _ in sf.occasion_ctx:
            placed[_key(o)].update(set(places) - frame.countries)
    away = {k for k, places in placed.items() if frame.place_parts and places and not places & here}
    # Nor is a gathering no source puts the meeting at, only before ("host Putin days ahead of
    # the G7 summit"): a meeting on its eve is also at it ("arrives in New Delhi for the G20").
    at = {_key(o) for sf in frame.sources.values() for o in sf.occasions_at}
    away |= set(placed) - at
    for sf in frame.sources.values():
        occs = [o for o, places, month in sf.occasion_ctx if not elsewhere(places, month) and _key(o) not in away
                and not {w.strip("'’s") for w in re.split(r"[\s\-–]+", o)} & principal_tokens]
        for o in {_key(o) for o in occs}:
            occ_votes[o] += 1
        for o in occs:
            spelled[_key(o)][o] += 1
    if occ_votes:
        key = _top(occ_votes)[0]
        if occ_votes[key] >= max(2, (n + 2) // 3):
            forms = spelled[key]
            # The fullest common spelling: "Shanghai Cooperation Organisation (SCO) summit".
            form = sorted(forms, key=lambda f: (-(forms[f] > 0) * len(f.split()), -forms[f], f))[0]
            if not any(_OCCASION_HEAD.fullmatch(w) for w in form.split()):
                form = f"{form} summit" if re.search(r"summit", " ".join(forms), re.I) else form
            frame.occasion = form
            frame.sidelines = sum(sf.sidelines for sf in frame.sources.values()) >= 1
            frame.support["occasion"] = sorted(
                sid for sid, sf in frame.sources.items() if key in {_key(o) for o in sf.occasions}
            )
            if frame.place is None:
                _place_of_occasion(frame, key, _key, place_votes)
    if frame.occasion is None and principals:
        # No gathering: the meeting's own format, when enough sources give it with a principal.
        fmt_votes: Counter[str] = Counter()
        fmt_forms: dict[str, Counter[str]] = defaultdict(Counter)
        for sf in frame.sources.values():
            mine = [(o, f) for o, f, names in sf.formats if set(names) & principals]
            fmt_votes.update({f for _, f in mine})
            for o, f in mine:
                fmt_forms[f][o] += 1
        if fmt_votes:
            fmt = _top(fmt_votes)[0]
            if fmt_votes[fmt] >= max(2, (n + 2) // 3):
                forms = fmt_forms[fmt]
                # The usual spelling, the fuller one on a tie: "second informal summit".
                frame.occasion = sorted(forms, key=lambda f: (-forms[f], -len(f.split()), f))[0]
                frame.sidelines = False
                frame.support["occasion"] = sorted(
                    sid for sid, sf in frame.sources.items() if any(f == fmt for _, f, _ in sf.formats))
    return frame


OCCASION_PLACE_SOURCES = 2  # sources that name the gathering in the place, for the place to be the meeting's


def _same_nation(a: str, b: str) -> bool:
    """True if two nationality words name one country: "India's" and "Indian", "Russia" and
    "Russian" (a stem shared but for the last letter of the shorter)."""
    ka, kb = sorted((norm_place(a), norm_place(b)), key=len)
    return bool(ka) and (ka == kb or (len(ka) > 3 and kb.startswith(ka[:-1])))


def _principals_country(frame: Frame, pl: str) -> bool:
    """True if `pl` is a principal's own country by the nationality the sources give them
    ("Russia" for a Russian president, "Iran" for an Iranian one)."""
    key = norm_place(pl)
    stem_ = key[:-1] if len(key) > 4 else key
    return any(n == key or n.startswith(stem_) for n in (norm_place(p.nationality) for p in frame.people if p.nationality)
               if n)


def _place_of_occasion(frame: Frame, key: str, key_of: Callable[[str], str], place_votes: dict[str, float]) -> None:
    """No place won the vote, but the sources agree on the gathering: a meeting on its sidelines
    is where the gathering is. The place is one that sources name with the gathering ("the UN
    General Assembly in New York") and that some source names for the meeting; never a
    principal's own country (that is one side's, not where they meet)."""
    voted = {norm_place(pl) for pl, v in place_votes.items() if v > 0}
    backers: dict[str, set[int]] = defaultdict(set)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for sid, sf in frame.sources.items():
        for o, places, _ in sf.occasion_ctx:
            if key_of(o) != key:
                continue
            for pl in places:
                k = norm_place(pl)
                if k in voted and not _principals_country(frame, pl):
                    backers[k].add(sid)
                    spelled[k][pl] += 1
    ranked = sorted(backers, key=lambda k: (-len(backers[k]), k))
    if not ranked or len(backers[ranked[0]]) < OCCASION_PLACE_SOURCES:
        return
    if len(ranked) > 1 and len(backers[ranked[1]]) == len(backers[ranked[0]]):
        return  # two places for the gathering: say neither
    k = ranked[0]
    frame.place = sorted(spelled[k], key=lambda f: (-spelled[k][f], f))[0]
    frame.place_parts = (frame.place,)
    frame.support["where"] = sorted(backers[k])

"""Every date rule in Briefer: month/weekday/date patterns, datelines, year-less clues,
and the calendar helpers analysis uses to date the event.

Publication dates, most trusted first: metadata (HTML meta tags, front matter, parsed by
the readers with `parse_full_date`); an explicit dateline at the top ("date 2024-11-16",
"Nov. 13, 2024": `find_dateline`); a weekday-and-date page header without a year
("Saturday, February 24": the year is chosen so the weekday matches); for .docx/.pdf the
file's creation date; and finally the day officials spoke ("said Wednesday", "reported on
Wednesday (November 13)"), dated against the event it announces (`find_date_clue`).
`resolve_clue` then re-anchors year-less and relative dates on the dated documents of a set.

Everything here is pure: text in, dates out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta

from briefer.textutil import sentence_bounds

# ---------------------------------------------------------------------------------------
# Patterns shared by cleaning (date-only lines, labelled datelines) and ingest

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _alts(words: list[str]) -> str:
    # Capitalised and ALL-CAPS forms only: lower-case "may" / "march" are usually not months.
    out: list[str] = []
    for w in words:
        out += [w, w.upper()]
    return "|".join(sorted(set(out), key=len, reverse=True))


_MONTH_FORMS: list[str] = []
for _m in _MONTH_NAMES:
    _MONTH_FORMS += [_m, _m[:3]] + (["Sept"] if _m == "September" else [])
MONTH_RE = rf"(?:{_alts(_MONTH_FORMS)})\.?(?![A-Za-z])"
# A weekday inside a name is no day: "the Good Friday Agreement", "Super Tuesday", "Black Friday".
_NAMED_DAY = "".join(rf"(?<!\b{w} )" for w in ("Good", "Black", "Super", "Bloody", "Ash", "Holy", "Maundy", "Cyber", "Palm"))
WEEKDAY_RE = rf"{_NAMED_DAY}(?:{_alts(_WEEKDAY_NAMES)})(?![A-Za-z])"
_WEEKDAY_ABBR_RE = rf"(?:{_alts([*_WEEKDAY_NAMES, 'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun'])})\.?(?![A-Za-z])"
DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# A full date with a year, in the usual news formats.
FULL_DATE_RE = (
    rf"(?:{_YEAR}-[01]?\d-[0-3]?\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|{_YEAR}/[01]?\d/[0-3]?\d"
    rf"|{MONTH_RE}\s+{DAY_RE},?\s+{_YEAR}"
    rf"|{DAY_RE}\s+{MONTH_RE},?\s+{_YEAR})"
)
TIME_RE = (
    r"(?:[0-2]?\d[:.][0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?|[0-2]?\d\s*[AaPp]\.?[Mm]\.?(?:\s*[A-Z]{2,4})?)"
)
# A line that is only a date (optionally weekday, year, time, label): a page header or a
# "Published ..." stamp, never article prose.
_DATE_LINE = re.compile(
    rf"^(?:(?:updated|published|posted|last updated|first published|date|dated)(?:\s+on)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY_ABBR_RE},?\s*)?"
    rf"(?:{FULL_DATE_RE}|{MONTH_RE}\s+{DAY_RE}(?:,?\s+{_YEAR})?|{DAY_RE}\s+{MONTH_RE}(?:,?\s+{_YEAR})?)"
    rf"(?:\s*(?:,|\||-|–|—|at)?\s*{TIME_RE})?"
    # a programme page's player link after it: "Friday 7 July 2017 7:36AM (view full episode)"
    rf"(?:\s*\((?:view|watch|listen|play)\b[^)]{{0,40}}\))?"
    # an update note after it: "May 19, 2025; (This has been updated with quotes from …)"
    rf"(?:\s*[;|,]?\s*\(?(?:this (?:story |article |post )?has been |was )?(?:updated|corrected|amended)\b[^)]{{0,160}}\)?)?\s*$",
    re.IGNORECASE,
)
# A dateline label glued to the first words: " date 2024-11-16 President Joe Biden ...".
_LEADING_DATE_LABEL = re.compile(
    rf"^\s*(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last updated)\s*:?\s*"
    rf"(?:(?:{WEEKDAY_RE},?\s*)?{FULL_DATE_RE}(?:\s*(?:,|at)?\s*{TIME_RE})?|{_YEAR}-(?:0?[1-9]|1[0-2])(?![\d-]))"
    rf"\s*[—–|:-]?\s*",
    re.IGNORECASE,
)


def is_date_line(line: str) -> bool:
    """True if the line is nothing but a date ("Saturday, February 24", "Nov. 13, 2024")."""
    return bool(_DATE_LINE.match(line.strip()))


def strip_leading_dateline(text: str) -> str:
    """Remove a labelled dateline glued to the start ("date 2024-11-16 President ...")."""
    return _LEADING_DATE_LABEL.sub("", text.lstrip(), count=1)


# ---------------------------------------------------------------------------------------
# Calendar words

_MONTHS = {m[:3].lower(): i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}  # fmt: skip
_WEEKDAYS = {w: i for i, w in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
MONTH_FULL = _MONTH_NAMES
WEEKDAY_FULL = _WEEKDAY_NAMES


def month_name(d: date) -> str:
    """"November": always English, as the texts and the brief are, never the process locale
    (`strftime` follows it, and Qt sets it from the desktop)."""
    return MONTH_FULL[d.month - 1]


def weekday_name(d: date) -> str:
    """"Saturday", in English whatever the locale."""
    return WEEKDAY_FULL[d.weekday()]


def long_date(d: date, *, year: bool = True) -> str:
    """"16 November 2024" (or "16 November"), in English whatever the locale."""
    return f"{d.day} {month_name(d)}" + (f" {d.year}" if year else "")


def _month(s: str) -> int | None:
    return _MONTHS.get(s.strip(". ").lower()[:3])


def _weekday(s: str) -> int | None:
    return _WEEKDAYS.get(s.strip(". ").lower()[:3])


_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{WEEKDAY_RE}),?\s*\(?\s*$")


def weekday_before(text: str, pos: int) -> int | None:
    """The weekday written just before position `pos` ("Wednesday, Nov 13"), 0 = Monday."""
    m = _WEEKDAY_BEFORE.search(text[:pos])
    return _weekday(m.group("wd")) if m else None


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def parse_full_date(s: str) -> dt.date | None:
    """Parse a full date (ISO, "Nov. 13, 2024", "13 November 2024", ISO timestamp)."""
    s = s.strip()
    try:
        m = re.match(r"^((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})", s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.search(rf"({MONTH_RE})\s+({DAY_RE}),?\s+((?:19|20)\d\d)", s, re.I)
        if m and _month(m.group(1)):
            return dt.date(int(m.group(3)), _month(m.group(1)) or 0, _day(m.group(2)))
        m = re.search(rf"({DAY_RE})\s+({MONTH_RE}),?\s+((?:19|20)\d\d)", s, re.I)
        if m and _month(m.group(2)):
            return dt.date(int(m.group(3)), _month(m.group(2)) or 0, _day(m.group(1)))
        m = re.match(r"^((?:19|20)\d\d)(\d\d)(\d\d)", s)  # 20241116, PDF style
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------------------
# Publication date: explicit datelines

_LABELLED_DATE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<label>date|dated|published(?: on)?|first published(?: on)?|posted(?: on)?|"
    rf"updated(?: on)?|last updated(?: on)?)\s*:?\s*(?:{WEEKDAY_RE},?\s*)?(?P<date>{FULL_DATE_RE})",
    re.IGNORECASE,
)
_TOP_FULL_DATE = re.compile(rf"(?:{WEEKDAY_RE},?\s*)?(?P<date>{FULL_DATE_RE})")
# A publication stamp inside a line of page furniture: "3 min read Last Updated : Jul 08 2024 |
# 5:39 PM IST", "Politics | Published: 7 July 2031". Only after a separator or a reading time,
# never after prose ("the report, published on ...").
_INLINE_STAMP = re.compile(
    # (or after a lower-case section tag that opens the line, with a colon: "world Updated: Sep 16, 2015")
    rf"(?:[|•·–—]\s*|\bread\s+|^[a-z]+\s+(?=(?:published|updated)\s*:))"
    rf"(?P<label>first published|published|posted|last updated|updated)(?:\s+on)?\s*:?\s*"
    rf"(?:{WEEKDAY_RE},?\s*)?(?P<date>{FULL_DATE_RE})",
    re.IGNORECASE,
)
_DOTTED_STAMP = re.compile(r"[|•·–—]\s*(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\s*$")
_HEAD_LINES = 8  # lines at the top of a page where a date stamp may stand
_SKIP_LINK = re.compile(r"^(?:\d+\.\s*)?(?:Skip|Jump) to\b", re.I)
TOP_DATES_APART_DAYS = 7  # stamps at the top this close are the page's (published, updated)


_LABELLED_MONTH = re.compile(
    rf"(?:^|\n)[ \t]*(?P<label>date|dated|published(?: on)?|posted(?: on)?)\s*:?\s*"
    rf"(?:(?P<y>{_YEAR})-(?P<m>0?[1-9]|1[0-2])(?![\d-])|(?P<mon>{MONTH_RE})\s+(?P<y2>{_YEAR})(?!\d))",
    re.IGNORECASE,
)


def find_dateline(text: str) -> tuple[str, str] | None:
    """(ISO date, method) from an explicit dateline with a year, or None. Only labelled
    dates ("Published: ...") or a date at the top of the text count: a full date in the
    body is usually about an event, not the publication.

    After those, a stamp inside a line of page furniture ("3 min read Last Updated : Jul 08
    2024 | 5:39 PM IST"). A labelled dateline that gives only a month ("date 2023-09",
    "Published: September 2023") yields a reduced ISO date, "2023-09": the month is known,
    the day is not."""
    head = "\n".join(text.split("\n")[:15])
    found = [m for m in _LABELLED_DATE.finditer(head)]
    # "published"/"date" before "updated": the original publication date is wanted
    found.sort(key=lambda m: "updated" in m.group("label").lower())
    for m in found:
        d = parse_full_date(m.group("date"))
        if d:
            return d.isoformat(), f"dateline '{m.group(0).strip()}'"
    # (Skip links above a page do not push its date stamp out of the top lines: "1. Skip to
    # content / 2. Skip to main menu / 3. Skip to more … sites / <headline> / September 24, 2015".)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip() and not _SKIP_LINK.match(ln.strip())][:_HEAD_LINES]
    top = _top_dates(lines)
    if top:
        return top
    inline = [m for m in (_INLINE_STAMP.search(ln) for ln in lines) if m]
    inline.sort(key=lambda m: "updated" in m.group("label").lower())
    for m in inline:
        d = parse_full_date(m.group("date"))
        if d:
            return d.isoformat(), f"dateline '{m.string[m.start('label'):m.end()].strip()}'"
    # (A title line that ends on a day in the European dotted form: "… | DW | 23.04.2016".)
    for ln in lines:
        m = _DOTTED_STAMP.search(ln)
        if m:
            try:
                d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            return d.isoformat(), f"dateline '{m.group(0).strip(' |•·–—')}'"
    m = _LABELLED_MONTH.search(head)
    if m:
        year = int(m.group("y") or m.group("y2"))
        month = int(m.group("m")) if m.group("m") else _month(m.group("mon"))
        if month:
            return f"{year:04d}-{month:02d}", f"dateline '{m.group(0).strip()}' (month only)"
    return None


_TODAY_WIDGET = re.compile(r"^Today\b(?!['’]s\s+(?:meeting|talks|summit))", re.I)


def _top_dates(lines: list[str]) -> tuple[str, str] | None:
    """The date stamp at the top of a page: a date-only line or a date that opens one of the
    first four lines ("Nov. 13, 2024 — ..."), or a date-only line with a time of day a little
    lower ("Wed, 19 Jun 2019 09:16 GMT"). The first stands unless a stamp far from it says
    otherwise (a site header's date above the article's): then the one with a time of day is
    the article's, else the one below the headline, and if that does not settle it, none is
    taken. A date under a "Today in …" widget is the day the page was saved, never taken."""
    found: list[tuple[dt.date, str, bool, bool]] = []  # (date, quote, has a time, below the first line of words)
    prose_seen = False
    for i, ln in enumerate(lines):
        m = _TOP_FULL_DATE.search(ln[:80])
        headline_above = prose_seen
        prose_seen = prose_seen or not is_date_line(ln)
        if not m or (i and _TODAY_WIDGET.match(lines[i - 1])):
            continue  # ("Today in New Delhi, India / Mar 30, 2017-Thursday": the day the page was saved)
        before, after = ln[: m.start()], ln[m.end() :].lstrip()[:1]
        # (A time of day may stand before it: "All News 08:00 May 21, 2021".)
        opens_line = bool(re.match(rf"^[\w ,.()]*(?:{TIME_RE})?\s*$", before)) and len(before.split()) <= 4
        stamp = bool(re.match(r"(?:updated|last updated|modified)\b", ln[m.end():].lstrip(), re.I))
        timed = is_date_line(ln) and bool(re.search(rf"{TIME_RE}\s*$", ln))
        on_top = i < 4 and (is_date_line(ln) or (opens_line and (after in ("—", "–", "-", "|", "(", ":", "") or stamp)))
        if on_top or timed:
            d = parse_full_date(m.group("date"))
            if d:
                found.append((d, m.group(0).strip(), timed, headline_above))
    if not found:
        return None
    first = found[0]
    if all(abs((f[0] - first[0]).days) <= TOP_DATES_APART_DAYS for f in found):
        return first[0].isoformat(), f"dateline '{first[1]}'"
    timed_dates = {f[0] for f in found if f[2]}
    if len(timed_dates) == 1:
        pick = next(f for f in found if f[2])
        return pick[0].isoformat(), f"dateline '{pick[1]}' (the timed stamp of the page's dates)"
    # A site's date of the day stands above the headline; the article's stands below it.
    below = [f for f in found if f[3]]
    if len({f[0] for f in below}) == 1 and len(below) < len(found):
        return below[0][0].isoformat(), f"dateline '{below[0][1]}' (the stamp below the headline)"
    return None


# ---------------------------------------------------------------------------------------
# Publication date: year-less and relative clues


@dataclass(frozen=True)
class DateClue:
    """A date the text gives without a year, or only relative to another day.

    The anchor is a month/day (and its weekday, if the text names it); the publication
    day is the `pub_weekday` on or before the anchor (the anchor itself if None).
    """

    kind: str  # "header" | "dateline" | "weekday-date" | "relative" | "monthday"
    quote: str  # the words found, for the user
    month: int
    day: int
    weekday: int | None = None  # of the anchor, 0 = Monday
    pub_weekday: int | None = None
    anchor_quote: str | None = None  # for "relative": the event date it is counted from


_HEADER = re.compile(
    rf"^(?:(?P<wd>{WEEKDAY_RE}|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),?\s+)?"
    rf"(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))\s*$"
)
_WEEKDAY_DATE = re.compile(
    rf"(?P<wd>{WEEKDAY_RE}),?\s*\(?\s*(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))(?!,?\s*(?:19|20)\d\d)\s*\)?"
)
_SPEECH = r"(?:said|says|saying|told|tells|announced|announcing|reported|reporting|stated|confirmed|disclosed|revealed|briefed|unveiled)"
_SPEECH_WEEKDAY = re.compile(
    rf"\b{_SPEECH}\s+(?:on\s+)?(?:late\s+|early\s+)?(?P<wd>{WEEKDAY_RE})(?!\s*\(|,?\s*{MONTH_RE})"
)
_MONTHDAY = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,30}}(?:, [A-Z][A-Za-z .'-]{{1,30}})?,\s+(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})"
    rf"|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))\.?\s*[/(][A-Z][\w.&' -]{{0,30}}[/)]"
)
_MONTHDAY = re.compile(
    rf"(?<![\w-])(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))(?![\w-])(?!,?\s*(?:19|20)\d\d)"
)
_ANY_WEEKDAY = re.compile(rf"\b(?P<wd>{WEEKDAY_RE})(?:'s|’s)?\b")


def _md(m: re.Match[str]) -> tuple[int, int] | None:
    mon = _month(m.group("mon") or m.group("mon2") or "")
    day = _day(m.group("day") or m.group("day2") or "0")
    if not mon or not 1 <= day <= 31:
        return None
    return mon, day


# A wire dateline without a year: "New Delhi, Aug 6: …", "ANKARA, August 28. /TASS/. …",
# "WASHINGTON/SEOUL, May 20 (Yonhap) -- …".
_WIRE_MONTHDAY = re.compile(
    rf"^(?P<city>[A-Z][A-Za-z .'/-]{{1,30}}),\s+(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+"
    rf"(?P<mon2>{MONTH_RE}))(?!,?\s*(?:19|20)\d\d)\s*(?:[:.(–—-]|/|$)"  # (or alone on its line: "New Delhi, April 21")
)


# The same without a place, the service in brackets: "Nov. 10 (UPI) -- …", "12 March (AFP) – …".
_WIRE_MONTHDAY_CREDIT = re.compile(
    rf"^(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))(?!,?\s*(?:19|20)\d\d)"
    rf"\s*\([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){{0,3}}\)\s*(?:--|[-–—:])"
)


# A sentence that tells of an earlier event gives no anchor for counting back to the page's
# own day: its month/day is not the event the page announces.
_PAST_EVENT = re.compile(r"\b(?:took place|last year|previous(?:ly)?|ago|was held|were held|had met|last met|first met|"
                         r"met (?:on|in|at)|spoke|talked)\b", re.I)


def _sentence_at(text: str, start: int) -> str:
    """The sentence of `text` that holds position `start`, as the project's splitter cuts its
    line (so "U.S." or "Oct." inside it does not end it)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    line = text[a : b if b >= 0 else len(text)]
    return next((line[x:y] for x, y in sentence_bounds(line) if x <= start - a < y), line)


def top_clue(text: str, *, datelines: bool = True) -> DateClue | None:
    """The year-less date at the top of a page, read from its first lines only: a weekday page
    header, else a wire dateline ("New Delhi, Aug 6: …"). None if there is none."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:_HEAD_LINES]
    for ln in lines[:4]:
        ln = re.sub(r"^(?:Subscribe|Advertisement|Advertisment)\s*", "", ln)
        m = _HEADER.match(ln)
        if m and _md(m):
            mon, day = _md(m)  # type: ignore[misc]
            wd = _weekday(m.group("wd") or "")
            return DateClue("header", ln, mon, day, weekday=wd, pub_weekday=wd)
    for i, ln in enumerate(lines if datelines else []):
        m = (_WIRE_MONTHDAY.match(ln) if i < 4 else None) or _WIRE_MONTHDAY_CREDIT.match(ln)
        if m and _md(m):
            mon, day = _md(m)  # type: ignore[misc]
            return DateClue("dateline", m.group(0).split("(")[0].rstrip(" :.(–—-/"), mon, day)
    return None


def find_date_clue(text: str, title: str | None = None, *, datelines: bool = True) -> DateClue | None:
    """A year-less or relative publication date: a weekday page header at the top, a wire
    dateline ("New Delhi, Aug 6: …") (`top_clue`), the weekday-and-date officials spoke on, or
    "said Wednesday" counted back from the dated event the article announces. None if there is none."""
    top = top_clue(text, datelines=datelines)
    if top is not None:
        return top

    # "reported on Wednesday (November 13)": the latest such day officials spoke on
    spoken: list[DateClue] = []
    for m in _WEEKDAY_DATE.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        before = re.split(r"[.!?]\s", before)[-1]  # same sentence only
        md = _md(m)
        if md and re.search(rf"\b{_SPEECH}\b", before):
            wd = _weekday(m.group("wd"))
            spoken.append(DateClue("weekday-date", m.group(0).strip(), md[0], md[1], weekday=wd, pub_weekday=wd))
    if spoken:
        return max(spoken, key=lambda c: (c.month, c.day))

    # "officials said Wednesday" + the event "on Saturday" + "Nov. 16" (in the title, say)
    sm = _SPEECH_WEEKDAY.search(text)
    if not sm:
        return None
    pub_wd = _weekday(sm.group("wd"))
    quote = sm.group(0)
    counts: dict[int, int] = {}
    for m in _ANY_WEEKDAY.finditer(text):
        if m.start() == sm.start("wd"):
            continue
        wd = _weekday(m.group("wd"))
        if wd is not None:
            counts[wd] = counts.get(wd, 0) + 1
    event_wds = sorted(counts, key=lambda w: -counts[w])
    mentions: list[tuple[int, int, int, str]] = []  # (priority, month, day, quote)
    seen: dict[tuple[int, int], int] = {}
    for m in _MONTHDAY.finditer(text):
        md = _md(m)
        if md:
            seen[md] = seen.get(md, 0) + 1
    listed: set[tuple[int, int]] = set()
    for m in _MONTHDAY.finditer(text):
        md = _md(m)
        if not md or md in listed:
            continue
        in_title = bool(title) and m.group(0) in (title or "")
        sentence = _sentence_at(text, m.start())
        if _PAST_EVENT.search(sentence) and not in_title:
            # "The previous meeting took place on October 13 last year", "This year the two
            # spoke by phone on August 2": not the event the article announces.
            continue
        listed.add(md)
        mentions.append((0 if in_title else 1, md[0], md[1], m.group(0)))
    mentions.sort(key=lambda x: (x[0], -seen[(x[1], x[2])]))
    if not mentions:
        return None
    # The event: the month/day in the title (else the most repeated), on the weekday the
    # text names most often (other than the day officials spoke).
    _, mon, day, q = mentions[0]
    wd = event_wds[0] if event_wds else None
    return DateClue("relative", quote, mon, day, weekday=wd, pub_weekday=pub_wd, anchor_quote=q)


def describe_clue(c: DateClue) -> str:
    """How a clue reads to the user ("relative 'said Wednesday', counted back from …")."""
    if c.kind == "header":
        return f"page header '{c.quote}'"
    if c.kind == "dateline":
        return f"dateline '{c.quote}'"
    if c.kind == "weekday-date":
        return f"relative '{c.quote}'"
    if c.kind == "relative":
        wd = f" ({WEEKDAY_FULL[c.weekday]})" if c.weekday is not None else ""
        return f"relative '{c.quote}', counted back from the event date '{c.anchor_quote}'{wd}"
    return f"date '{c.quote}'"


CLUE_MAX_DAYS_FROM_REFS = 366  # a year-less date resolved further than this from every dated source is refused
# "Officials said Thursday" counted back from the event's date assumes the event is days away;
# landing further than this from every dated source of the set, that is doubtful, and refused.
RELATIVE_MAX_DAYS_FROM_REFS = 7


def resolve_clue(c: DateClue, refs: list[tuple[dt.date, int]], today: dt.date) -> tuple[dt.date, str] | None:
    """Choose the year for a clue: the weekday must match (if given), the date may not
    be in the future, and it should be the nearest to a reference (or to today).

    `refs` holds (date, source number) of the fully dated documents of the set."""
    centres = [r[0] for r in refs] or [today]
    best: tuple[int, dt.date, int | None] | None = None
    for y in range(min(x.year for x in centres) - 15, max(x.year for x in centres) + 2):
        try:
            anchor = dt.date(y, c.month, c.day)
        except ValueError:
            continue
        if c.weekday is not None and anchor.weekday() != c.weekday:
            continue
        pub = anchor
        if c.pub_weekday is not None:  # the last such weekday on or before the anchor
            pub = anchor - dt.timedelta(days=(anchor.weekday() - c.pub_weekday) % 7)
        if pub > today:
            continue
        for i, centre in enumerate(centres):
            dist = abs((pub - centre).days)
            if best is None or dist < best[0]:
                best = (dist, pub, refs[i][1] if refs else None)
    if best is None:
        return None
    if refs and best[0] > CLUE_MAX_DAYS_FROM_REFS:
        return None  # the weekday fits only a year far from every dated source: not this set's
    if refs and c.kind == "relative" and best[0] > RELATIVE_MAX_DAYS_FROM_REFS:
        return None  # the speech may have come weeks before the event it announces
    _, pub, src = best
    desc = describe_clue(c)
    if src is not None:
        ref_date = next(r[0] for r in refs if r[1] == src)
        if c.weekday is None:
            return pub, f"{desc}, year taken from {ref_date.isoformat()} (source {src})"
        if c.kind == "header":
            return pub, (
                f"{desc} (year inferred: {pub.year} is the year nearest to {ref_date.isoformat()} "
                f"(source {src}) in which {MONTH_FULL[c.month - 1]} {c.day} is a {WEEKDAY_FULL[c.weekday]})"
            )
        return pub, f"{desc} resolved against {ref_date.isoformat()} (source {src})"
    if c.weekday is None:
        return None  # a bare month/day: no year without a reference
    if c.kind == "header":
        return (
            pub,
            f"{desc} (year inferred: {pub.year} is the latest year in which {MONTH_FULL[c.month - 1]} {c.day} is a {WEEKDAY_FULL[c.weekday]})",
        )
    return pub, f"{desc} (year inferred from the weekday)"


# ---------------------------------------------------------------------------------------
# Dates in sentences, for analysis (the event's date)

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

MONTH_NAME_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH_DAY_RE = re.compile(rf"\b{MONTH_NAME_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_NAME_RE}\b(?:,?\s+(\d{{4}}))?")
# A year a news text names (1950–2049).
YEAR_MENTION_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def iso(d: date | None) -> str | None:
    """The ISO string of a date, or None."""
    return d.isoformat() if d else None


def parse_iso(s: str | None) -> date | None:
    """The date of an ISO string ("2024-11-16", or a timestamp), or None."""
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


MONTH_ONLY_RE = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])$")


def is_month_only(s: str | None) -> bool:
    """True for a reduced ISO date that gives only the month ("2023-09")."""
    return bool(s and MONTH_ONLY_RE.match(s))


def parse_iso_approx(s: str | None) -> tuple[date | None, int]:
    """(date, uncertainty in days) of an ISO date or a month-only one ("2023-09" is the
    15th, give or take 15 days); (None, 0) if there is no date."""
    m = MONTH_ONLY_RE.match(s or "")
    if m:
        return date(int(m.group(1)), int(m.group(2)), 15), 15
    d = parse_iso(s)
    return d, 0


def month_day_dates(sent: str, ref: date | None) -> list[date]:
    """Calendar dates mentioned in a sentence; a missing year comes from `ref`."""
    found: list[date] = []
    # (pattern, group of the month, group of the day): "Nov. 16" and "16 November".
    for pattern, g_month, g_day in ((MONTH_DAY_RE, 1, 2), (DAY_MONTH_RE, 2, 1)):
        for m in pattern.finditer(sent):
            month = MONTHS[m.group(g_month).lower().rstrip(".")]
            year = int(m.group(3)) if m.group(3) else (ref.year if ref else None)
            if year:
                try:
                    found.append(date(year, month, int(m.group(g_day))))
                except ValueError:
                    pass
    return found


def weekday_after(ref: date, weekday: str) -> date:
    """The first `weekday` ("Saturday") on or after `ref`."""
    target = WEEKDAYS.index(weekday.lower())
    delta = (target - ref.weekday()) % 7
    return ref + timedelta(days=delta)


# ---------------------------------------------------------------------------------------
# Dates inside an article's sentences: when the meeting is (read by `briefer.frame`)

_SENT_MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for m in names}
_SENT_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SENT_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_SENT_MD = re.compile(rf"\b{_SENT_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\b(?:,?\s+(\d{{4}}))?")
_SENT_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?{_SENT_MONTH}\b(?:,?\s+(\d{{4}}))?")
# A span of days: "October 30-31", "30-31 October", "3 and 4 July", and across a month's end:
# "August 31-September 1", "from 29 August to 1 September".
_SPAN_IN = re.compile(
    rf"\b{_SENT_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:[-–]|and|to)\s*\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s*(?:[-–]|and|to)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_SENT_MONTH}\b"
    rf"|\b{_SENT_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:[-–]|to|through|until)\s*{_SENT_MONTH}\s+\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_SENT_MONTH}\s*(?:[-–]|to|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_SENT_MONTH}\b"
)


# A story's dateline inside its text: "Ottawa, May 3 (IANS) Canadian Prime Minister ...",
# "Ottawa, May 3, 2025 — Prime Minister ...".
# (Two places of a joint dateline: "WASHINGTON/SEOUL, May 20 (Yonhap) --".)
_DATELINE_BEFORE = re.compile(r"(?:^|[)—–-]\s*)[A-Z][A-Za-z.'/-]+(?:\s+[A-Z][A-Za-z.'/-]+){0,2},\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\(|[—–:]|-\s)")


def has_day_span(text: str) -> bool:
    """True if a sentence gives a span of days ("October 30-31", "3 and 4 July")."""
    return bool(_SPAN_IN.search(text))


def day_span_length(text: str) -> int:
    """How many days the first span of days in a sentence covers ("4-7 November": 4); 0 if none."""
    m = _SPAN_IN.search(text)
    if not m:
        return 0
    days = [int(d) for d in re.findall(r"\b\d{1,2}\b", m.group())[:2]]
    months = [_SENT_MONTHS[x.lower().rstrip(".")] for x in re.findall(_SENT_MONTH, m.group())]
    if len(days) != 2:
        return 0
    if len(months) == 2 and months[0] != months[1]:
        try:  # (a year without 29 February: a span is never read off a leap day)
            first = date(2001, months[0], days[0])
            last = date(2001 + (months[1] < months[0]), months[1], days[1])
        except ValueError:
            return 0
        return (last - first).days + 1 if last > first else 0
    return days[1] - days[0] + 1 if days[1] > days[0] else 0


_SENT_WD = re.compile(rf"\b{_NAMED_DAY}(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SENT_RELATIVE = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


_SPOKEN = re.compile(
    r"\b(said|says|told|tells|announced|announces|confirmed|reported|added|stated|statement|briefing|briefed|"
    r"wrote|posted|tweeted)\b(?:[^,.;]{0,30}|[^,.;]{0,20}\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*)$",
    re.I,
)


# Between a speech verb and a date, words that start a clause of its own: "said he would meet
# Xi on Tuesday" gives the meeting's day, "said on Tuesday" the day it was said.
# ("announced the visit on October 4": the visit is what was announced, not a verb of its own.)
_CLAUSE_AFTER_SPEECH = re.compile(
    r"\b(?:will|would|shall|could|can|may|might|plans?)\b"
    r"|(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\ba )\b(?:meet\w*|met|visit\w*|hold\w*|host\w*)\b",
    re.I,
)


def _said_on(before: str) -> bool:
    """True if the date that follows `before` is the day something was said ("officials said
    on Friday"), not a day the speaker spoke of ("said he would meet Xi on Tuesday")."""
    m = _SPOKEN.search(before)
    return bool(m) and not _CLAUSE_AFTER_SPEECH.search(before[m.end(1):])


def dates_with_year(text: str) -> list[date]:
    """Calendar dates a sentence writes out with their year ("5th April 2023")."""
    out: list[date] = []
    for pattern, g_month, g_day in ((_SENT_MD, 1, 2), (_SENT_DM, 2, 1)):
        for m in pattern.finditer(text):
            if not m.group(3) or _said_on(text[:m.start()]):
                continue
            try:
                out.append(date(int(m.group(3)), _SENT_MONTHS[m.group(g_month).lower().rstrip(".")], int(m.group(g_day))))
            except ValueError:
                pass
    return sorted(set(out))


NEAR_WEEKDAY_DAYS = 3  # a weekday in a sentence that is neither ahead nor past: at most this far ahead


_SINCE = re.compile(r"\bsince\s+(?:(?:early|mid|late|the)\s+)?$", re.I)


def dates_in(text: str, ref: date | None, year_ref: date | None = None, past: bool = False,
             ahead: bool = True) -> list[tuple[date, bool, int]]:
    """Calendar dates a sentence gives, resolved against `ref` (the source's own date).

    Returns (date, explicit, position): explicit when the text names a day of a month. A weekday is
    the next such day on or after `ref` (the last one on or before it when the sentence
    reports what already happened, `past`); when the sentence says neither (not `ahead`: no
    future word, "arrangements still being ironed out on Tuesday") it may be last week's as
    well as next week's, so only a day at most `NEAR_WEEKDAY_DAYS` ahead is kept. Without
    `ref` it is not resolved. "Yesterday", "today", "tomorrow" count from `ref`. A day and
    month without a year take the year that puts them nearest to `ref` (or `year_ref`, the
    set's date, for a source without a date of its own). The day something was said
    ("officials said on Friday") is not a date of the meeting, but the day a speaker gives
    ("said he would meet Xi on Tuesday") is.
    """
    out: list[tuple[date, bool, int]] = []
    spans: list[tuple[int, int]] = []
    for pattern, g_month, g_day in ((_SENT_MD, 1, 2), (_SENT_DM, 2, 1)):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in spans) or _said_on(text[:m.start()]):
                continue
            spans.append((m.start(), m.end()))
            # The day the story was filed, not a day of the meeting: a dateline after its place
            # ("Ottawa, May 3 (IANS) -"), or one that opens the story with its year or its place
            # in brackets ("22nd May 2024 – (Beijing) Xi is to meet …").
            before, after = text[:m.start()], text[m.end():]
            if _DATELINE_AFTER.match(after) and (_DATELINE_BEFORE.search(before) or (
                    not before.strip() and (m.group(3) or after.lstrip().startswith("(")))):
                continue
            month = _SENT_MONTHS[m.group(g_month).lower().rstrip(".")]
            day = int(m.group(g_day))
            anchor = ref or year_ref
            if m.group(3):
                years = [int(m.group(3))]
            elif anchor:
                years = [anchor.year - 1, anchor.year, anchor.year + 1]
            else:
                continue
            cands = []
            for y in years:
                try:
                    cands.append(date(y, month, day))
                except ValueError:
                    pass
            if not cands:
                continue
            best = min(cands, key=lambda d: (abs((d - anchor).days) if anchor else 0, d))
            if anchor and not m.group(3) and _SINCE.search(text[:m.start()]):
                # "going on since February 24" (written in November): the last such day, not the next.
                best = max((d for d in cands if d <= anchor), default=best)
            out.append((best, True, m.start()))
    if ref:
        for target, pos in _weekdays(text, spans):
            if past:
                out.append((ref - timedelta(days=(ref.weekday() - target) % 7), False, pos))
            elif ahead or (target - ref.weekday()) % 7 <= NEAR_WEEKDAY_DAYS:
                out.append((ref + timedelta(days=(target - ref.weekday()) % 7), False, pos))
        for word, days in _SENT_RELATIVE.items():
            for m in re.finditer(rf"\b{word}\b", text, re.I):
                if _said_on(text[:m.start()]):
                    continue
                out.append((ref + timedelta(days=days), False, m.start()))
    return out


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Where a sentence writes a day of a month ("June 12", "12 June 2018")."""
    spans: list[tuple[int, int]] = []
    for pattern in (_SENT_MD, _SENT_DM):
        for m in pattern.finditer(text):
            if not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return spans


# A weekday right before the speech verb: "Trump on Tuesday said he will ...".
_SAID_AFTER = re.compile(
    r"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:said|says|told|announced|confirmed|stated|tweeted|wrote|posted)\b",
    re.I,
)


def _weekdays(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(weekday, position) of the weekdays a sentence names as days of what it reports: not
    the day something was said ("officials said on Friday", "Trump on Tuesday said"), not one
    a written date already gives ("Tuesday, June 12")."""
    out = []
    for m in _SENT_WD.finditer(text):
        if any(a <= m.start() < b + 12 for a, b in spans) or _said_on(text[:m.start()]) \
                or _SAID_AFTER.match(text[m.end():]):
            continue
        out.append((_SENT_WEEKDAYS.index(m.group(1).lower()), m.start()))
    return out


def weekdays_in(text: str) -> list[tuple[int, int]]:
    """(weekday, position) of the days a sentence names only by their weekday (0 = Monday),
    for a source without a date of its own: they cannot be placed on a calendar alone, but
    can agree with a day the dated sources give."""
    return _weekdays(text, _date_spans(text))

"""What an article says about itself in its text: the headline and the outlet's credit.

Never guessed: a title must read as a headline, an outlet must be credited explicitly.
"""

from __future__ import annotations

import re

from briefer.ingest.clean import (
    LEAD_CREDIT_RE,
    LEAD_DOT_CREDIT_RE,
    LEAD_SLASH_CREDIT_RE,
    ends_sentence,
    is_boilerplate_line,
    is_headline,
    is_wire_caption,
)
from briefer.ingest.dates import is_date_line, strip_leading_dateline
from briefer.textutil import content_stems


def detect_title(text: str) -> str | None:
    """The headline: the first line before the body that reads as a headline (short, no
    closing full stop) and is about the story below it; None if there is none.

    Pages open with furniture that reads like a headline ("Politics & Government", "Shropshire
    Star", "GET LIVE MARKET QUOTES & NEWS", "Thu | Jan 17, 2019") and the headline follows it.
    A headline shares its words with the story; furniture does not, so it is passed over."""
    lines = text.split("\n")[:40]
    for i, line in enumerate(lines):
        s = strip_leading_dateline(line).strip()
        if not s or is_boilerplate_line(s) or is_date_line(s) or len(s) < 12:
            continue
        if _DESK.match(s) or _PICTURE_CREDIT.search(s) or _is_breadcrumb(s) or _GLUED.search(s):
            continue
        n = len(s.split())
        broken = bool(_BROKEN_OFF.search(s))
        if n >= 3 and not broken and _HEADLINE_START.match(s) and not s[0].islower() and is_headline(s) \
                and about_story(s, "\n".join(lines[i + 1:])):
            return s
        if n >= _BODY_WORDS or broken or (n >= _SENTENCE_WORDS and ends_sentence(s) and not is_wire_caption(s)):
            return None  # the body has begun: a headline comes before it (a picture's caption may too)
    return None


_BODY_WORDS = 25  # a line this long is a paragraph of the body, not a headline
_SENTENCE_WORDS = 10  # ... and so is a sentence this long with its full stop
# A line that stops on one of these is a sentence broken off (the body, wrapped at a width), not
# a headline: "WASHINGTON May 20 President Barack Obama and".
_BROKEN_OFF = re.compile(
    r"\b(?:the|a|an|to|of|and|or|but|by|with|that|this|as|on|in|at|since|is|are|was|were|will|has|have|his|her|their|its)$", re.I
)
_TITLE_SHARED = 2  # content words a headline shares with its story, at least (and a third of its own)
# A headline opens with a capital, a figure, a quote or a bracket ("(LEAD) Yoon to …"); not
# with the rest of a sentence ("will visit China for …") or markup ('["north america"]').
_HEADLINE_START = re.compile(r"[\w‘“'\"(]")
# Words run together where a page's labels met its links: "PennsylvaniaHuman Remains Found…",
# "White HouseThe First Attempt…" (a name such as "McDonald" or "MacArthur" has fewer).
_GLUED = re.compile(r"[a-z]{4}[A-Z][a-z.]")
# Words a headline shares with any page: dates and a page's own labels.
_PAGE_WORDS = frozenset({  # (and a time zone's: "UTC")
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "updated", "published", "news", "live",
    "video", "photo", "am", "pm", "gmt", "edt", "est", "utc",
})  # fmt: skip
# A picture's credit: "Japan's Prime Minister Shinzo Abe. Picture: REUTERS", "Yomiuri Shimbun file photo".
_PICTURE_CREDIT = re.compile(
    r"\b(?:Picture|Photo|Image|Photograph)s?\s*(?::|by\b)|\b(?:file|composite|representative) (?:photo|image)\b"
    r"|\(File\)",
    re.I,
)


def names_article(sentence: str) -> bool:
    """True if a sentence of the body can stand for an untitled article's title: five words
    or more, three of them saying something (not a date: "10 November 2025 21:37 (UTC+04:00)"),
    opening as a sentence does, and no editor's note in brackets ("(Adds context in …)")."""
    s = sentence.strip()
    return len(s.split()) >= 5 and len(story_words(s)) >= 3 and bool(_SENTENCE_START.match(s)) \
        and not (s.startswith("(") and s.endswith(")"))


_SENTENCE_START = re.compile(r"[A-Z0-9‘“'\"(]")


def _is_breadcrumb(line: str) -> bool:
    """True for a trail of short section names: "China / Across America", "Thu | Jan 17"."""
    parts = re.split(r"\s+[/|»›>]\s+", line)
    return len(parts) > 1 and all(len(p.split()) <= 3 for p in parts)


def story_words(text: str) -> set[str]:
    """The stems of `text`'s content words that say something of a story: not dates, times,
    figures or a page's labels ("Updated", "Live")."""
    return {w for w in content_stems(text) if w not in _PAGE_WORDS and not w[:1].isdigit()}


def about_story(title: str, story: str) -> bool:
    """True if `title` shares at least two content words (not dates, not page labels) with
    the first lines of `story`, and at least a third of its own. (Headlines have words of
    their own: "Stage set for landmark Kim-Trump summit in Singapore" shares two of six.)"""
    own = story_words(title)
    shared = own & content_stems(story[:3000])
    return len(shared) >= _TITLE_SHARED and 3 * len(shared) >= len(own)


_GENERIC_CREDITS = {
    "agencies", "agency", "wires", "wire", "staff", "desk", "file", "photo", "representational",
    "getty", "getty images", "shutterstock", "istock", "handout", "l", "r", "c", "video", "ians photo",
}  # fmt: skip
_GENERIC_DESKS = {
    "web", "online", "digital", "news", "editorial", "world", "national", "international",
    "foreign", "city", "metro", "sports", "business",
}  # fmt: skip
_CREDIT_NAME = r"[A-Z][\w&.'-]*(?:[ /][A-Z][\w&.'-]*){0,3}"


_DESK = re.compile(r"^\(?[A-Z][\w ]{0,30} (?:Desk|Bureau)\)?$")
_BYLINE_DESK = re.compile(r"^(?:By\s+)?(?P<name>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,2}) (?:News )?(?:Desk|Bureau)$")
_INPUTS_FROM = re.compile(r"^[—–(-]*\s*with (?:additional )?inputs? from\s+(.+?)\)?\.?$", re.I)
_COPYRIGHT = re.compile(
    rf"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s+)?(?P<name>(?:The )?{_CREDIT_NAME})", re.I
)
_PHOTO_CREDIT = re.compile(rf"(?<=[.!?\"”’])\s*\((?P<credit>{_CREDIT_NAME})\)\s*$")
# Wire datelines: "SEOUL (Reuters) -", "VLADIVOSTOK, Russia (Reuters) –", "CANBERRA, Australia (AP) —",
# and a paragraph opened by the service's name: "(MENAFN) On Sunday, …".
_WIRE_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'-]{{2,30}}(?:, [A-Z][A-Za-z .'-]{{2,30}})?\s*\((?P<name>{_CREDIT_NAME})\)\s*[-–—:]"
)
_WIRE_LEADING = re.compile(rf"^\((?P<name>{_CREDIT_NAME})\)\s*(?:[-–—:]\s*)?[A-Z]")
_NOT_OUTLET = re.compile(r"^(?:Photo|File|Image|Video|Updated|All)\b", re.I)
# A picture's credit names whoever took or sold the picture, not who wrote the story: "EPA File
# Photo", "File/AP", "AP Archive", "Mick Tsikas/AAP PHOTOS", "(COMBO)".
_PICTURE_AGENCY = re.compile(r"\b(?:Photos?|File|Archives?|Images?|Pictures?|Combo)\b", re.I)
# What follows a name in a credit: "Copyright 2022 The Associated Press. All rights reserved.",
# an editor's initials ("Source: Reuters/at").
_CREDIT_TAIL = re.compile(r"(?:\.?\s+All(?:\s+rights.*)?|/[a-z]{1,3})$")
# A credit on a line of its own: "Source: AFP", "(Reuters)" (a wire story's closing credit).
_SOURCE_LINE = re.compile(rf"^(?:Source|Credit|Courtesy)\s*:\s*(?P<name>{_CREDIT_NAME})\.?$", re.I)
_BRACKET_LINE = re.compile(rf"^\((?P<name>{_CREDIT_NAME})\)$")


def detect_outlet(text: str) -> tuple[str, str] | None:
    """(outlet, how it was found) from credits in the raw text, or None. Never guessed:
    only an explicit credit counts (lead credit, desk byline, a wire dateline such as
    "SEOUL (Reuters) -", a credit line such as "Source: AFP" or "(Reuters)", "with inputs
    from", ©, a photo credit as the last resort). What trails the name in a credit goes
    ("… The Associated Press. All rights reserved.", "Reuters/at")."""
    found = _credited(text)
    if found is None:
        return None
    name = _CREDIT_TAIL.sub("", found[0]).rstrip(". ")
    return (name, found[1]) if name else None


def _credited(text: str) -> tuple[str, str] | None:
    """The first explicit credit in `text`, as it stands, and how it was found."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]

    def ok(name: str) -> bool:
        # (Nor a transcript's stage note in capitals: "(SOUNDBITE OF SEAGULLS CRYING)".)
        return name.strip().lower() not in _GENERIC_CREDITS and len(name) <= 40 and not _PICTURE_AGENCY.search(name) \
            and not (name.isupper() and len(name.split()) > 2)

    for ln in lines[:30]:
        m = LEAD_CREDIT_RE.match(ln) or LEAD_SLASH_CREDIT_RE.match(ln)
        if m and ok(m.group("credit")):
            return m.group("credit"), f"lead credit '{ln[: m.end()].strip()}'"
    for ln in lines[:15]:
        m = _BYLINE_DESK.match(ln)
        if m and ok(m.group("name")) and m.group("name").lower() not in _GENERIC_DESKS:
            return m.group("name"), f"byline '{ln}'"
    for ln in lines[:30]:
        ln = strip_leading_dateline(ln)  # " date 2031-11-14 LINDAU (AP) — …"
        m = _WIRE_DATELINE.match(ln) or _WIRE_LEADING.match(ln)
        if m and ok(m.group("name")) and not _NOT_OUTLET.match(m.group("name")):
            return m.group("name"), f"wire dateline '{ln[: m.end()].strip(' -–—:')}'"
        m = LEAD_DOT_CREDIT_RE.match(ln)  # "GOYANG. KAZINFORM - …"
        if m and ok(m.group("credit")):
            return m.group("credit"), f"wire dateline '{ln[: m.end()].strip(' -–—:')}'"
    for i, ln in enumerate(lines):
        # "Source: ..." lower down is more often a chart's or a poll's than the article's.
        m = (_SOURCE_LINE.match(ln) if i < 15 else None) or _BRACKET_LINE.match(ln)
        if m and ok(m.group("name")) and not _NOT_OUTLET.match(m.group("name")):
            return m.group("name"), f"credit line '{ln}'"
    for ln in lines:
        m = _INPUTS_FROM.match(ln)
        if m:
            for part in re.split(r",|\band\b|/", m.group(1)):
                name = part.strip(" ()")
                if name and re.fullmatch(_CREDIT_NAME, name) and ok(name):
                    return name, f"credit line '{ln}'"
    for ln in lines:
        m = _COPYRIGHT.match(ln)
        if m and ok(m.group("name")):
            return m.group("name").rstrip("."), f"copyright line '{ln[:60]}'"
    for ln in lines:
        m = _PHOTO_CREDIT.search(ln) if ln.endswith(")") else None
        if m and ok(m.group("credit")):
            return m.group("credit"), f"photo credit '({m.group('credit')})'"
    return None


"""What an article says about itself in its text: the headline and the outlet's credit.

Never guessed: a title must read as a headline, an outlet must be credited explicitly.
"""

from __future__ import annotations

import re

from briefer.ingest.clean import (
    LEAD_CREDIT_RE,
    LEAD_DOT_CREDIT_RE,
    LEAD_SLASH_CREDIT_RE,
    is_boilerplate_line,
    is_headline,
)
from briefer.ingest.dates import is_date_line, strip_leading_dateline


def detect_title(text: str) -> str | None:
    """The headline: the first substantial line that is not boilerplate or a date, if it
    reads as a headline (short, no closing full stop); None otherwise."""
    for line in text.split("\n")[:40]:
        s = strip_leading_dateline(line).strip()
        if not s or is_boilerplate_line(s) or is_date_line(s) or len(s) < 12:
            continue
        if _DESK.match(s):
            continue
        return s if is_headline(s) else None
    return None


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
# A credit on a line of its own: "Source: AFP", "(Reuters)" (a wire story's closing credit).
_SOURCE_LINE = re.compile(rf"^(?:Source|Credit|Courtesy)\s*:\s*(?P<name>{_CREDIT_NAME})\.?$", re.I)
_BRACKET_LINE = re.compile(rf"^\((?P<name>{_CREDIT_NAME})\)$")


def detect_outlet(text: str) -> tuple[str, str] | None:
    """(outlet, how it was found) from credits in the raw text, or None. Never guessed:
    only an explicit credit counts (lead credit, desk byline, a wire dateline such as
    "SEOUL (Reuters) -", a credit line such as "Source: AFP" or "(Reuters)", "with inputs
    from", ©, a photo credit as the last resort)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]

    def ok(name: str) -> bool:
        return name.strip().lower() not in _GENERIC_CREDITS and len(name) <= 40

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


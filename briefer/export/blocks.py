"""The render model every writer shares: a `Brief` turned once into blocks of styled spans.

All the decisions about *what* a memo says live here, so DOCX, PDF and Markdown say the
same thing and differ only in *how* they draw it:

* every string is cleaned at this boundary: XML-invalid and control characters removed,
  line breaks folded, straight quotes made typographic (“ ” ‘ ’, apostrophes ’);
* bold is parsed once from the editor's ``**…**`` into `Span.bold`; source wording
  (`Statement.quote`) becomes quotation spans: the text between “ ” with inner double
  quotes turned to single ones, which every writer sets in italics;
* citations are bracketed numbers (``[1, 3]``) tied to the numbered Sources list, whose
  entries read outlet, “title”, date, with a short "date estimated" note and flag markers;
* the memo header carries only what is set and says nothing twice: the meeting line
  shows only the parts of the event that the title does not already give.

Writers map `Span.role` to colour (citations grey, flags and reasons amber) and never
parse text conventions themselves.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from briefer.brief import (
    FLAG_DIFFERENT_EVENT,
    FLAG_DUPLICATE,
    FLAG_STALE,
    FLAG_UNREADABLE,
    STATUS_FLAGGED,
    Brief,
    Source,
    Statement,
    human_date,
)
from briefer.brief import (
    Section as BriefSection,
)

# Span roles: what a span is, so writers can colour it; the text itself is final.
TEXT = "text"
CITE = "cite"  # " [1, 3]"
FLAG_ICON = "flag-icon"  # "⚑" (a writer whose font lacks it may leave it out)
FLAG = "flag"  # "Check: "
REASON = "reason"  # " (Reason: …)"
NOTE = "note"  # " (date estimated)"
MARKER = "marker"  # " [stale]"

FLAG_SYMBOL = "⚑"
FLAG_WORD = "Check"
EMPTY_SECTION = "No statement could be drawn from the sources."
LEAD_KEYS = ("bluf",)  # sections printed as paragraphs, not bullets (bottom line up front)

CORE_PROPERTY_LIMIT = 255  # Word rejects longer core-properties values
_DISPLAY_LIMIT = 400  # titles and labels: a one-line thing must not fill a page
_WARNING_LIMIT = 1200

WARNING_LABELS = {
    "stale-source": "Other meeting",  # stale or about a different event: the message says which
    "conflict": "Conflict",
    "unreadable": "Unreadable file",
    "cancelled": "Cancelled",
    "model": "Model",
}

FLAG_MARKERS = {
    FLAG_STALE: "stale",
    FLAG_DIFFERENT_EVENT: "different event",
    FLAG_DUPLICATE: "duplicate",
    FLAG_UNREADABLE: "not read",
}



# -- the model -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """A run of text with its style. `quote`: the source's own wording (set in italics)."""

    text: str
    bold: bool = False
    italic: bool = False
    quote: bool = False
    role: str = TEXT

    @property
    def emphasised(self) -> bool:
        """True if the span is set in italics (itself, or as quoted source wording)."""
        return self.italic or self.quote


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Field:
    """One memo-header line, e.g. ``Date: 15 November 2024``."""

    label: str
    value: str


@dataclass(frozen=True)
class Notice:
    """One line of the warnings box: ``Other meeting: Source 3 …``."""

    label: str
    text: str


@dataclass(frozen=True)
class Item:
    """One statement: its spans (flag, text, citations, reason) ready to draw."""

    spans: Inline
    flagged: bool = False

    @property
    def text(self) -> str:
        """The plain text, as a reader sees it."""
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class SectionBlock:
    """A heading and its statements; `lead` sections (BLUF) are paragraphs, not bullets."""

    key: str
    heading: str
    items: tuple[Item, ...]
    lead: bool = False


@dataclass(frozen=True)
class SourceEntry:
    """One numbered entry of the Sources list; `number` is the citation number."""

    number: int
    spans: Inline

    @property
    def text(self) -> str:
        """The plain text of the entry (without its number)."""
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Properties:
    """Document metadata (DOCX core properties, PDF info), each at most 255 characters."""

    title: str
    subject: str
    author: str
    category: str
    comments: str
    created: _dt.datetime | None


@dataclass(frozen=True)
class Document:
    """Everything a writer draws, in reading order."""

    classification: str  # banner: page header and footer of every page
    title: str
    fields: tuple[Field, ...]  # To / From / Date / Meeting, only those that are set
    summary: str  # "Prepared from 5 sources"
    warnings: tuple[Notice, ...]
    sections: tuple[SectionBlock, ...]
    sources: tuple[SourceEntry, ...]
    closing: str  # how to read the memo, and who made it
    properties: Properties

    def all_text(self) -> str:
        """Every character a writer may draw (fonts are subset from this)."""
        parts = [self.classification, self.title, self.summary, self.closing, "Sources", "Warnings"]
        parts += [f"{f.label}: {f.value}" for f in self.fields]
        parts += [f"{n.label}: {n.text}" for n in self.warnings]
        for sec in self.sections:
            parts.append(sec.heading)
            parts += [it.text for it in sec.items]
        parts += [f"{e.number}. {e.text}" for e in self.sources]
        return "\n".join(parts)


# -- text cleaning -------------------------------------------------------------------------
# XML 1.0 forbids C0 controls except tab/LF/CR, lone surrogates and U+FFFE/U+FFFF; C1
# controls are legal but never meant (mis-decoded bytes). NEL and the Unicode line and
# paragraph separators are line breaks.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[\s\x85\u2028\u2029]+")
_OPENERS = set(" \t\n([{<\u00a0—–-/“‘")


def xml_safe(text: str) -> str:
    """`text` without XML-invalid or control characters; tabs kept, line breaks as spaces.

    Unlike `sanitize` it keeps the spacing: writers call it on every run as a last guard.
    """
    return _INVALID.sub("", text).replace("\r", " ").replace("\n", " ").replace("\x85", " ")


def sanitize(text: str | None) -> str:
    """`text` without XML-invalid or control characters, on one line, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", _INVALID.sub("", str(text))).strip()


def smart_quotes(text: str) -> str:
    """Straight quotes and apostrophes made typographic: "a" → “a”, 'b' → ‘b’, it's → it’s."""
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == '"':
            out.append("“" if not prev or prev in _OPENERS else "”")
        elif ch == "'":
            if prev and prev not in _OPENERS:
                out.append("’")  # it's, Biden's, students', 'quoted'
            elif nxt.isdigit():
                out.append("’")  # '90s
            else:
                out.append("‘")
        else:
            out.append(ch)
    return "".join(out)


def clean(text: str | None, limit: int | None = None) -> str:
    """Sanitised, typographic text, cut to `limit` characters (with an ellipsis) if given."""
    return shorten(smart_quotes(sanitize(text)), limit) if limit else smart_quotes(sanitize(text))


def shorten(text: str, limit: int | None) -> str:
    """`text` cut at a word boundary to at most `limit` characters, ending in “…”."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def as_quotation(text: str) -> str:
    """Cleaned text set between “ ”, inner double quotes turned to single ones.

    Text that already is one whole quotation is left as it is.
    """
    if text.startswith("“") and text.endswith(("”", "”.")) and text.count("“") == 1:
        return text
    inner = text.replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def parse_bold(text: str, *, quote: bool = False) -> list[Span]:
    """Spans of `text`, with the editor's ``**bold**`` as bold spans (no asterisks left)."""
    spans: list[Span] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()], quote=quote))
        spans.append(Span(m.group(1), bold=True, quote=quote))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:], quote=quote))
    return spans


# -- building -----------------------------------------------------------------------------
def build_document(brief: Brief) -> Document:
    """The render model of `brief` (pure: same brief, same document)."""
    flagged = sum(1 for sec in brief.sections for st in sec.statements if st.status == STATUS_FLAGGED)
    quoted = any(st.quote for sec in brief.sections for st in sec.statements)
    return Document(
        classification=clean(brief.classification, _DISPLAY_LIMIT),
        title=clean(brief.title, _DISPLAY_LIMIT) or "Untitled brief",
        fields=tuple(_fields(brief)),
        summary=brief.prepared_from(),
        warnings=tuple(_notices(brief, flagged)),
        sections=tuple(_section(sec) for sec in brief.sections),
        sources=tuple(_source_entry(brief, src) for src in sorted(brief.sources, key=lambda s: s.id)),
        closing=_closing(brief, flagged=flagged > 0, quoted=quoted),
        properties=_properties(brief),
    )


def meeting_line(brief: Brief) -> str:
    """The parts of the event (who, when, where, occasion) that the title does not give.

    A part counts as given when its first phrase (a surname, "Lima", "16 November 2024",
    "APEC") is already in the title, so the header never repeats the title.
    """
    ev = brief.event
    title = clean(brief.title).casefold()
    parts: list[str] = []
    who = [clean(w) for w in ev.who if w]
    title_words = set(re.findall(r"\w+", title))
    # A person is named by the title if any part of the name is (Chinese names put the
    # surname first: "Xi" for Xi Jinping); one-letter initials do not count.
    if who and not all(any(len(n) > 1 and n in title_words for n in re.findall(r"\w+", w.casefold())) for w in who):
        parts.append(" and ".join(who) if len(who) <= 2 else ", ".join(who))
    when = human_date(ev.when) if ev.when else ""
    if when and when.casefold() not in title:
        parts.append(when)
    where = clean(ev.where)
    if where and where.split(",")[0].strip().casefold() not in title:
        parts.append(where)
    occasion = clean(ev.occasion)
    if occasion:
        acronym = re.search(r"\(([A-Z0-9-]{2,})\)", occasion)
        known = [occasion.casefold()] + ([acronym.group(1).casefold()] if acronym else [])
        if not any(k in title for k in known):
            parts.append(occasion)
    return shorten(", ".join(parts), _DISPLAY_LIMIT)


def _fields(brief: Brief) -> list[Field]:
    fields = []
    if clean(brief.addressee):
        fields.append(Field("To", clean(brief.addressee, _DISPLAY_LIMIT)))
    if clean(brief.author):
        fields.append(Field("From", clean(brief.author, _DISPLAY_LIMIT)))
    if brief.date:
        fields.append(Field("Date", clean(human_date(brief.date), _DISPLAY_LIMIT)))
    meeting = meeting_line(brief)
    if meeting:
        fields.append(Field("Meeting", meeting))
    return fields


def warning_label(kind: str) -> str:
    """Human label for a warning kind (unknown kinds are capitalised)."""
    return WARNING_LABELS.get(kind, kind.replace("-", " ").capitalize() or "Note")


def _notices(brief: Brief, flagged: int) -> list[Notice]:
    notices = [Notice(warning_label(clean(w.kind)), clean(w.message, _WARNING_LIMIT)) for w in brief.warnings]
    if flagged:
        notices.append(
            Notice(
                FLAG_WORD,
                f"{flagged} statement{'s are' if flagged != 1 else ' is'} marked “{FLAG_SYMBOL} {FLAG_WORD}” "
                "and must be checked against the sources before this brief is used.",
            )
        )
    return notices


def _section(sec: BriefSection) -> SectionBlock:
    lead = sec.key.casefold() in LEAD_KEYS or sec.heading.casefold().startswith("bottom line")
    return SectionBlock(
        key=sec.key,
        heading=clean(sec.heading, _DISPLAY_LIMIT) or "Untitled section",
        items=tuple(_item(st) for st in sec.statements if clean(st.text)),
        lead=lead,
    )


_PROVENANCE = ("shortened by deleting words", "shortened by the model, by deleting words", "source sentence")


def _item(st: Statement) -> Item:
    text = clean(st.text)
    flagged = st.status == STATUS_FLAGGED
    spans: list[Span] = []
    if flagged:
        spans += [Span(FLAG_SYMBOL, bold=True, role=FLAG_ICON), Span(f" {FLAG_WORD}: ", bold=True, role=FLAG)]
    if st.quote:
        spans += parse_bold(as_quotation(text), quote=True)
    else:
        spans += parse_bold(text)
    if st.citations:
        spans.append(Span(f" [{', '.join(str(c) for c in st.citations)}]", role=CITE))
    # The memo gives the reader the reason to check, not how the bullet was made.
    reason = "; ".join(p for p in clean(st.note).rstrip(".").split("; ") if p not in _PROVENANCE)
    if flagged and reason:
        spans.append(Span(f" (Reason: {reason}.)", italic=True, role=REASON))
    return Item(tuple(spans), flagged=flagged)


def _source_entry(brief: Brief, src: Source) -> SourceEntry:
    title = clean(src.title, _DISPLAY_LIMIT) or "Untitled"
    outlet = clean(src.outlet, _DISPLAY_LIMIT)
    spans = [Span(f"{outlet}, " if outlet else "")]
    spans.append(Span(as_quotation(title)))
    spans.append(Span(f", {human_date(src.date)}" if src.date else ", undated"))
    if src.date_estimated:
        spans.append(Span(" (date estimated)", italic=True, role=NOTE))
    spans.append(Span("."))
    markers = [FLAG_MARKERS.get(f, clean(f).replace("-", " ")) for f in brief.flags_of(src.id)]
    if markers:
        spans.append(Span(f" [{'; '.join(markers)}]", bold=True, role=MARKER))
    return SourceEntry(src.id, tuple(s for s in spans if s.text))


def _closing(brief: Brief, *, flagged: bool, quoted: bool) -> str:
    bits = []
    if brief.sources:
        bits.append("Numbers in brackets refer to the numbered sources above.")
    if quoted:
        bits.append("Text in quotation marks and italics is the source’s own wording.")
    if flagged:
        bits.append(
            f"Statements marked “{FLAG_SYMBOL} {FLAG_WORD}” need checking; the others were checked "
            "against the source sentences they cite."
        )
    made = "Draft prepared by Briefer"
    generator = clean(brief.generator, 80)
    if generator:
        made += f" with {generator}"
    if brief.created:
        made += f" on {human_date(clean(brief.created)[:10])}"
    bits.append(made + "; verify before use.")
    return " ".join(bits)


def _created(brief: Brief) -> _dt.datetime | None:
    if not brief.created:
        return None
    try:
        stamp = _dt.datetime.fromisoformat(sanitize(brief.created))
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(_dt.UTC)
    return stamp.replace(tzinfo=None, microsecond=0)


def _properties(brief: Brief) -> Properties:
    limit = CORE_PROPERTY_LIMIT
    return Properties(
        title=clean(brief.title, limit) or "Untitled brief",
        subject=clean(brief.event.describe(), limit) or clean(brief.template, limit),
        author=clean(brief.author, limit) or "Briefer",
        category=clean(brief.classification, limit),
        comments=clean(brief.prepared_from(), limit),
        created=_created(brief),
    )

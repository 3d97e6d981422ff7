"""The typed `Brief` data model shared by the CLI, the Qt UI and the exporters.

Everything here is plain data: no Qt, no model, no file I/O except `save_brief` /
`load_brief`, which write atomically and validate on the way in.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from briefer.errors import BrieferError
from briefer.fsutil import atomic_write_bytes

# 2: run flags/notes moved from each source to `Brief.assessments`.
SCHEMA_VERSION = 2

# Statement status values. "verified": generated text whose names, numbers, dates and
# content words are supported by the cited sentences. "fallback": the generated text was
# not supported, so the supporting source sentence stands in its place. "flagged": kept,
# but the editor must look at it. "user": written or changed by the user (never
# overwritten by a later generation without asking).
STATUS_VERIFIED = "verified"
STATUS_FALLBACK = "fallback"
STATUS_FLAGGED = "flagged"
STATUS_USER = "user"
STATUSES = (STATUS_VERIFIED, STATUS_FALLBACK, STATUS_FLAGGED, STATUS_USER)

# Source flags.
FLAG_STALE = "stale"  # older than the event set / about an earlier event
FLAG_DIFFERENT_EVENT = "different-event"
FLAG_DUPLICATE = "duplicate"  # mostly repeats another source
FLAG_UNREADABLE = "unreadable"  # could not be read; `problem` says why

_CITE_RE = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")


# How a date was found (`Source.date_method`) when it was worked out rather than read:
# a relative day counted from another date, a year guessed from the weekday, a file's
# own timestamp. Such dates carry "date estimated" in the Sources list.
_ESTIMATED_METHOD = re.compile(
    r"relative|resolved against|inferred|year taken|counted|estimat|guess|document metadata|from the text",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    """One input article as ingest read and cleaned it. `id` is its citation number.

    Immutable: what a run concludes about a source (stale, duplicate, …) is a
    `SourceAssessment` on the `Brief`, so re-running analysis never has to undo anything.
    """

    id: int
    title: str
    text: str = ""
    path: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, or yyyy-mm when the page gives only the month
    date_method: str = "not found"  # how the date was found, for the user
    words: int = 0
    notes: tuple[str, ...] = ()  # how the text was read (decoding, repairs), for the user
    problem: str | None = None  # set when the source could not be read
    # Sentences that address a model or a reader instead of reporting news (possible
    # prompt injection), as ingest found them: shown to the user, never used as evidence.
    instructions: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        """True if the source has text to analyse."""
        return self.problem is None and bool(self.text.strip())

    @property
    def date_estimated(self) -> bool:
        """True if the date was worked out (relative day, inferred year, file time), not read."""
        return bool(self.date) and bool(_ESTIMATED_METHOD.search(self.date_method or ""))


@dataclass
class SourceAssessment:
    """What one run concluded about one source: flags and the human reasons for them."""

    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, flag: str, note: str | None = None) -> None:
        """Add a flag (once) and its reason (once)."""
        if flag not in self.flags:
            self.flags.append(flag)
        if note and note not in self.notes:
            self.notes.append(note)

    @property
    def current(self) -> bool:
        """False if the source is about a different or older event."""
        return FLAG_STALE not in self.flags and FLAG_DIFFERENT_EVENT not in self.flags


def source_flags(source: Source, assessment: SourceAssessment | None) -> list[str]:
    """Every flag of a source: `unreadable` from ingest, then the run's flags."""
    flags = [FLAG_UNREADABLE] if source.problem else []
    return flags + [f for f in (assessment.flags if assessment else []) if f not in flags]


@dataclass
class Statement:
    """One bullet of a section: text plus the sources (by id) that support it."""

    text: str
    citations: list[int] = field(default_factory=list)
    # The source sentences the statement rests on, parallel to nothing in particular:
    # each is (source id, sentence) so the UI can highlight it in its source.
    evidence: list[tuple[int, str]] = field(default_factory=list)
    status: str = STATUS_VERIFIED
    note: str = ""  # why it was flagged / fell back
    # True when the text is the source's own wording (a sentence, or one shortened only by
    # deleting words): the app and the exports mark it as a quotation, so news copy never
    # reads as the author's own words.
    quote: bool = False

    def cited_text(self) -> str:
        """The statement with its citations appended as ``[1, 3]``."""
        if not self.citations:
            return self.text
        return f"{self.text} [{', '.join(str(c) for c in self.citations)}]"


@dataclass
class Section:
    """One section of the template, e.g. "Agenda"."""

    key: str
    heading: str
    statements: list[Statement] = field(default_factory=list)
    guidance: str = ""

    @property
    def user_edited(self) -> bool:
        """True if any statement was written or changed by the user."""
        return any(s.status == STATUS_USER for s in self.statements)


@dataclass
class BriefWarning:
    """Something the editor must know: a stale source, conflicting facts, a bad file."""

    kind: str  # "stale-source", "conflict", "unreadable", "cancelled", "model-failed"
    message: str
    source_ids: list[int] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # keys of the sections it concerns


@dataclass
class EventInfo:
    """What the source set is about: who meets whom, where, when, at which summit."""

    who: list[str] = field(default_factory=list)
    where: str | None = None
    when: str | None = None  # ISO date
    occasion: str | None = None  # e.g. "Asia-Pacific Economic Cooperation (APEC) summit"

    def describe(self) -> str:
        """A short human description of the event."""
        parts = []
        if self.who:
            parts.append(" and ".join(self.who) if len(self.who) <= 2 else ", ".join(self.who))
        if self.where:
            parts.append(f"in {self.where}")
        if self.when:
            parts.append(f"on {human_date(self.when)}")
        if self.occasion:
            parts.append(f"({self.occasion})")
        return " ".join(parts)


@dataclass
class Brief:
    """A policy brief: sections of cited statements, its sources and its warnings."""

    title: str
    sections: list[Section] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    warnings: list[BriefWarning] = field(default_factory=list)
    event: EventInfo = field(default_factory=EventInfo)
    # Per-run judgements of the sources, by source id (see `SourceAssessment`).
    assessments: dict[int, SourceAssessment] = field(default_factory=dict)
    date: str | None = None  # the brief's own date (ISO)
    template: str = "leader-meeting"
    classification: str = "UNCLASSIFIED // DRAFT"
    author: str = ""  # who prepared the brief (header line; template variable)
    addressee: str = ""  # who it is for (header line; template variable)
    generator: str | None = None  # model that wrote the draft
    embedder: str | None = None
    created: str | None = None  # ISO timestamp
    schema_version: int = SCHEMA_VERSION

    # -- queries ---------------------------------------------------------------
    def section(self, key: str) -> Section:
        """The section with this key; KeyError if absent."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def source(self, source_id: int) -> Source:
        """The source with this citation number; KeyError if absent."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def assessment(self, source_id: int) -> SourceAssessment:
        """This run's judgement of a source (empty if there is none)."""
        return self.assessments.get(source_id) or SourceAssessment()

    def flags_of(self, source_id: int) -> list[str]:
        """Every flag of the source with this id (ingest's and this run's)."""
        return source_flags(self.source(source_id), self.assessments.get(source_id))

    def is_current(self, source_id: int) -> bool:
        """True if facts from this source may be presented as current."""
        src = self.source(source_id)
        return src.usable and self.assessment(source_id).current

    @property
    def cancelled(self) -> bool:
        """True if the run that drafted this brief was cancelled (what it finished is kept)."""
        return any(w.kind == "cancelled" for w in self.warnings)

    @property
    def used_sources(self) -> list[Source]:
        """Sources that were read successfully."""
        return [s for s in self.sources if s.usable]

    def prepared_from(self) -> str:
        """The "prepared from N sources" line."""
        n = len(self.used_sources)
        return f"Prepared from {n} source{'s' if n != 1 else ''}"

    # -- (de)serialisation -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, schema-versioned."""
        d = asdict(self)
        d["assessments"] = {str(k): v for k, v in d["assessments"].items()}
        for sec in d["sections"]:
            for st in sec["statements"]:
                st["evidence"] = [list(e) for e in st["evidence"]]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Brief:
        """Build a Brief from `to_dict` output, validated field by field (see `brief_schema`).

        BrieferError naming the field if it is not one, e.g.
        ``sections[2].statements[0].citations[1]: expected a whole number``.
        """
        from briefer.brief_schema import brief_from_dict

        return brief_from_dict(d)


def human_date(iso: str | None) -> str:
    """'2024-11-16' → '16 November 2024', '2023-09' → 'September 2023' (the input
    unchanged if it is not an ISO date)."""
    # Here, not at the top: briefer.ingest imports this module.
    from briefer.ingest.dates import long_date, month_name

    if not iso:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        try:
            d = date.fromisoformat(f"{iso}-01")
            return f"{month_name(d)} {d.year}"
        except ValueError:
            return iso
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return long_date(d)


def split_citations(text: str) -> tuple[str, list[int]]:
    """Split ``"Biden meets Xi. [1, 3]"`` into its text and citation ids.

    Citation markers anywhere in the text are collected (in order, without repeats) and
    removed; this is how edited text from the UI maps back onto statements.
    """
    ids: list[int] = []
    for m in _CITE_RE.finditer(text):
        for part in m.group(1).split(","):
            n = int(part)
            if n not in ids:
                ids.append(n)
    clean = _CITE_RE.sub("", text).strip()
    return clean, ids


def save_brief(brief: Brief, path: str | Path) -> None:
    """Write the brief as schema-versioned JSON, atomically.

    A brief over the size limit is refused (it could not be opened again).
    """
    from briefer.brief_schema import MAX_BRIEF_BYTES

    data = json.dumps(brief.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")
    if len(data) > MAX_BRIEF_BYTES:
        raise BrieferError(
            f"{path}: cannot save: the brief is {_mb(len(data))}, over the {_mb(MAX_BRIEF_BYTES)} limit "
            "for .brief files (remove some long sources)"
        )
    atomic_write_bytes(Path(path), data)


def load_brief(path: str | Path) -> Brief:
    """Read a brief saved by `save_brief`; one BrieferError naming the file and field if it can't.

    Only regular files up to `MAX_BRIEF_BYTES` are read (a FIFO or a device would block).
    """
    from briefer.brief_schema import MAX_BRIEF_BYTES, brief_from_dict

    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise BrieferError(f"{p}: no such file") from None
    except OSError as e:
        raise BrieferError(f"{p}: cannot read ({e.strerror or e})") from None
    if not stat.S_ISREG(st.st_mode):
        raise BrieferError(f"{p}: not a saved brief (not a regular file)")
    if st.st_size > MAX_BRIEF_BYTES:
        raise BrieferError(f"{p}: too large to open ({_mb(st.st_size)}; the limit is {_mb(MAX_BRIEF_BYTES)})")
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_BRIEF_BYTES + 1)
    except OSError as e:
        raise BrieferError(f"{p}: cannot read ({e.strerror or e})") from None
    if len(raw) > MAX_BRIEF_BYTES:
        raise BrieferError(f"{p}: too large to open (over the {_mb(MAX_BRIEF_BYTES)} limit)")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BrieferError(f"{p}: not a saved brief (not UTF-8 text)") from None
    except json.JSONDecodeError as e:
        raise BrieferError(f"{p}: not a saved brief (invalid JSON: {e})") from None
    except RecursionError:
        raise BrieferError(f"{p}: not a saved brief (nested too deeply)") from None
    except ValueError as e:  # e.g. an integer with thousands of digits
        raise BrieferError(f"{p}: not a saved brief ({e})") from None
    try:
        return brief_from_dict(data)
    except BrieferError as e:
        raise BrieferError(f"{p}: {e}") from None
    except RecursionError:
        raise BrieferError(f"{p}: not a saved brief (nested too deeply)") from None


def _mb(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb.is_integer() else f"{mb:.1f} MB"

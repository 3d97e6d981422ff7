"""The typed `Brief` data model shared by the CLI, the Qt UI and the exporters.

Everything here is plain data: no Qt, no model, no file I/O except `save_brief` /
`load_brief`, which write atomically and validate on the way in.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from briefer.errors import BrieferError
from briefer.fsutil import atomic_write_text

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
    date: str | None = None  # ISO yyyy-mm-dd
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

    kind: str  # "stale-source", "conflict", "unreadable", "cancelled", "model"
    message: str
    source_ids: list[int] = field(default_factory=list)


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
        """Build a Brief from `to_dict` output; BrieferError if it is not one."""
        if not isinstance(d, dict):
            raise BrieferError("not a saved brief (expected a JSON object)")
        version = d.get("schema_version")
        if not isinstance(version, int):
            raise BrieferError("not a saved brief (no schema_version)")
        if version > SCHEMA_VERSION:
            raise BrieferError(
                f"saved with a newer Briefer (schema {version}, this one reads up to {SCHEMA_VERSION})"
            )
        try:
            sections = [
                Section(
                    key=str(s["key"]),
                    heading=str(s["heading"]),
                    guidance=str(s.get("guidance", "")),
                    statements=[
                        Statement(
                            text=str(st["text"]),
                            citations=[int(c) for c in st.get("citations", [])],
                            evidence=[(int(e[0]), str(e[1])) for e in st.get("evidence", [])],
                            status=st.get("status", STATUS_VERIFIED)
                            if st.get("status") in STATUSES
                            else STATUS_FLAGGED,
                            note=str(st.get("note", "")),
                            quote=bool(st.get("quote", st.get("status") == STATUS_FALLBACK)),
                        )
                        for st in s.get("statements", [])
                    ],
                )
                for s in d.get("sections", [])
            ]
            sources = []
            assessments: dict[int, SourceAssessment] = {}
            for s in d.get("sources", []):
                src = Source(
                    id=int(s["id"]),
                    title=str(s.get("title", "")),
                    text=str(s.get("text", "")),
                    path=s.get("path"),
                    outlet=s.get("outlet"),
                    date=s.get("date"),
                    date_method=str(s.get("date_method", "not found")),
                    words=int(s.get("words", 0)),
                    notes=tuple(str(n) for n in s.get("notes", []) if version >= 2),
                    problem=s.get("problem"),
                    instructions=tuple(str(x) for x in s["instructions"])
                    if isinstance(s.get("instructions"), list)
                    else (),
                )
                sources.append(src)
                if version < 2 and s.get("flags"):  # schema 1 kept run flags on the source
                    flags = [str(f) for f in s.get("flags", []) if f != FLAG_UNREADABLE]
                    assessments[src.id] = SourceAssessment(flags, [str(n) for n in s.get("notes", [])])
            for k, a in (d.get("assessments") or {}).items():
                assessments[int(k)] = SourceAssessment(
                    [str(f) for f in a.get("flags", [])], [str(n) for n in a.get("notes", [])]
                )
            warnings = [
                BriefWarning(
                    kind=str(w.get("kind", "")),
                    message=str(w.get("message", "")),
                    source_ids=[int(i) for i in w.get("source_ids", [])],
                )
                for w in d.get("warnings", [])
            ]
            ev = d.get("event") or {}
            event = EventInfo(
                who=[str(x) for x in ev.get("who", [])],
                where=ev.get("where"),
                when=ev.get("when"),
                occasion=ev.get("occasion"),
            )
            return cls(
                title=str(d.get("title", "Untitled brief")),
                sections=sections,
                sources=sources,
                warnings=warnings,
                event=event,
                assessments=assessments,
                date=d.get("date"),
                template=str(d.get("template", "leader-meeting")),
                classification=str(d.get("classification", "UNCLASSIFIED // DRAFT")),
                author=str(d.get("author") or ""),
                addressee=str(d.get("addressee") or ""),
                generator=d.get("generator"),
                embedder=d.get("embedder"),
                created=d.get("created"),
                schema_version=SCHEMA_VERSION,
            )
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise BrieferError(f"saved brief is damaged ({type(e).__name__}: {e})") from None


def human_date(iso: str | None) -> str:
    """'2024-11-16' → '16 November 2024' (the input unchanged if it is not an ISO date)."""
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B %Y')}"


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
    """Write the brief as schema-versioned JSON, atomically."""
    atomic_write_text(Path(path), json.dumps(brief.to_dict(), ensure_ascii=False, indent=2))


def load_brief(path: str | Path) -> Brief:
    """Read a brief saved by `save_brief`; BrieferError with a clear reason if it can't."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise BrieferError(f"{p}: no such file") from None
    except OSError as e:
        raise BrieferError(f"{p}: cannot read ({e.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BrieferError(f"{p}: not a saved brief (invalid JSON: {e})") from None
    try:
        return Brief.from_dict(data)
    except BrieferError as e:
        raise BrieferError(f"{p}: {e}") from None

"""The `.brief` file schema: every field's type and limit, checked before a `Brief` is built.

A saved brief is untrusted input (it may come by mail, or be damaged). Each field is
read through a small typed reader that knows where it is in the document, so any
problem becomes ONE `BrieferError` naming the field, e.g.
``sections[2].statements[0].citations[1]: expected a whole number``. Nothing is coerced
with `str()`/`int()`: a number where text belongs is an error, not text.

Limits (documented in docs/architecture.md) keep opening, autosaving and showing a brief
fast enough for the UI thread to stay free.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from briefer.brief import (
    FLAG_UNREADABLE,
    SCHEMA_VERSION,
    STATUS_FALLBACK,
    STATUS_FLAGGED,
    STATUS_VERIFIED,
    STATUSES,
    Brief,
    BriefWarning,
    EventInfo,
    Section,
    Source,
    SourceAssessment,
    Statement,
)
from briefer.errors import BrieferError

MAX_BRIEF_BYTES = 50 * 1024 * 1024  # a .brief file; sources' full text is most of it
MAX_SECTIONS = 50
MAX_STATEMENTS = 500  # per section
MAX_SOURCES = 2000
MAX_LINE = 5_000  # titles, headings, notes, messages: characters
MAX_STATEMENT = 20_000  # one statement or evidence sentence: characters
MAX_STATEMENT_TOTAL = 2_000_000  # all statements of a brief together: characters
MAX_SOURCE_TEXT = 25 * 1024 * 1024  # one source's text: characters
MAX_ID = 1_000_000  # citation numbers / source ids


class _Field:
    """A value and where it sits in the document (``sections[2].heading``)."""

    __slots__ = ("value", "where")

    def __init__(self, value: Any, where: str) -> None:
        self.value = value
        self.where = where

    def fail(self, message: str) -> BrieferError:
        return BrieferError(f"{self.where}: {message}" if self.where else message)

    def at(self, key: str | int) -> _Field:
        """The member `key` of this object (missing → None), or item `key` of this list."""
        if isinstance(key, int):
            return _Field(self.value[key], f"{self.where}[{key}]")
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return _Field(value, f"{self.where}.{key}" if self.where else key)

    def present(self) -> bool:
        return self.value is not None

    # -- typed readers -------------------------------------------------------------
    def obj(self, optional: bool = False) -> dict[str, Any]:
        if self.value is None and optional:
            return {}
        if not isinstance(self.value, dict):
            raise self.fail(f"expected an object, not {_kind(self.value)}")
        return self.value

    def items(self, limit: int, optional: bool = True) -> list[_Field]:
        if self.value is None and optional:
            return []
        if not isinstance(self.value, list):
            raise self.fail(f"expected a list, not {_kind(self.value)}")
        if len(self.value) > limit:
            raise self.fail(f"more than {limit:,} entries")
        return [self.at(i) for i in range(len(self.value))]

    def text(self, default: str | None = "", limit: int = MAX_LINE, empty_ok: bool = True) -> str:
        if self.value is None:
            if default is None:
                raise self.fail("missing")
            return default
        if not isinstance(self.value, str):
            raise self.fail(f"expected text, not {_kind(self.value)}")
        if len(self.value) > limit:
            raise self.fail(f"text is longer than {limit:,} characters")
        if not empty_ok and not self.value.strip():
            raise self.fail("must not be empty")
        return self.value

    def opt_text(self, limit: int = MAX_LINE) -> str | None:
        return None if self.value is None else self.text(limit=limit)

    def whole(self, low: int = 0, high: int = MAX_ID) -> int:
        v = self.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.fail(f"expected a whole number, not {_kind(v)}")
        if isinstance(v, float):
            if not math.isfinite(v) or not v.is_integer():
                raise self.fail("expected a whole number")
            v = int(v)
        if not low <= v <= high:
            raise self.fail(f"expected a whole number from {low} to {high:,}, not {v}")
        return v

    def flag(self, default: bool) -> bool:
        if self.value is None:
            return default
        if not isinstance(self.value, bool):
            raise self.fail(f"expected true or false, not {_kind(self.value)}")
        return self.value

    def iso_date(self, month_ok: bool = False) -> str | None:
        """An ISO date; with `month_ok` also a month-only one ("2023-09", a source's
        publication month when the page gives no day)."""
        s = self.opt_text(limit=40)
        if s is None or s == "":
            return None
        try:
            date.fromisoformat(f"{s}-01" if month_ok and re.fullmatch(r"\d{4}-\d{2}", s) else s)
        except ValueError:
            raise self.fail(f"expected a date as YYYY-MM-DD, not {s[:40]!r}") from None
        return s

    def strings(self, limit: int = 200) -> list[str]:
        return [f.text() for f in self.items(limit)]


def _kind(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, str):
        return "text"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


def brief_from_dict(data: Any) -> Brief:
    """Validate a parsed `.brief` document and build the Brief; BrieferError naming the field."""
    root = _Field(data, "")
    if not isinstance(data, dict):
        raise BrieferError("not a saved brief (expected a JSON object)")
    v = root.at("schema_version")
    if v.value is None:
        raise BrieferError("not a saved brief (no schema_version)")
    if isinstance(v.value, bool) or not isinstance(v.value, (int, float)):
        raise v.fail(f"expected a whole number, not {_kind(v.value)}")
    version = v.whole(low=-(2**31), high=2**31)
    if version > SCHEMA_VERSION:
        raise BrieferError(f"saved with a newer Briefer (schema {version}, this one reads up to {SCHEMA_VERSION})")
    if version < 1:
        raise v.fail(f"{version} is not a Briefer schema version (1 to {SCHEMA_VERSION})")

    sections = [_section(f) for f in root.at("sections").items(MAX_SECTIONS)]
    seen: set[str] = set()
    total = 0
    for i, sec in enumerate(sections):
        if sec.key in seen:
            raise BrieferError(f"sections[{i}].key: {sec.key!r} is used by an earlier section")
        seen.add(sec.key)
        total += sum(len(st.text) for st in sec.statements)
    if total > MAX_STATEMENT_TOTAL:
        raise BrieferError(f"sections: the statements hold more than {MAX_STATEMENT_TOTAL:,} characters")

    sources: list[Source] = []
    assessments: dict[int, SourceAssessment] = {}
    ids: set[int] = set()
    for f in root.at("sources").items(MAX_SOURCES):
        src = _source(f, version)
        if src.id in ids:
            raise f.at("id").fail(f"source {src.id} appears twice")
        ids.add(src.id)
        sources.append(src)
        if version < 2 and f.at("flags").present():  # schema 1 kept run flags on the source
            flags = [x for x in f.at("flags").strings() if x != FLAG_UNREADABLE]
            if flags:
                assessments[src.id] = SourceAssessment(flags, f.at("notes").strings())
    a = root.at("assessments")
    for key, value in a.obj(optional=True).items():
        entry = _Field(value, f"{a.where}[{key!r}]")
        try:
            sid = int(key)
        except ValueError:
            raise entry.fail("expected a source number as the key") from None
        entry.obj()
        assessments[sid] = SourceAssessment(entry.at("flags").strings(), entry.at("notes").strings())

    warnings = []
    for f in root.at("warnings").items(1000):
        f.obj()
        extra = {}
        if "sections" in BriefWarning.__dataclass_fields__:  # the section keys a warning concerns
            extra["sections"] = [x.text(limit=200) for x in f.at("sections").items(MAX_SECTIONS)]
        warnings.append(
            BriefWarning(
                kind=f.at("kind").text(),
                message=f.at("message").text(),
                source_ids=[x.whole(1) for x in f.at("source_ids").items(MAX_SOURCES)],
                **extra,
            )
        )
    ev = root.at("event")
    ev.obj(optional=True)
    event = EventInfo(
        who=ev.at("who").strings(),
        where=ev.at("where").opt_text(),
        when=ev.at("when").iso_date(),
        occasion=ev.at("occasion").opt_text(),
    )
    return Brief(
        title=root.at("title").text("Untitled brief"),
        sections=sections,
        sources=sources,
        warnings=warnings,
        event=event,
        assessments=assessments,
        date=root.at("date").iso_date(),
        template=root.at("template").text("leader-meeting", limit=500),
        classification=root.at("classification").text("UNCLASSIFIED // DRAFT"),
        author=root.at("author").text(),
        addressee=root.at("addressee").text(),
        generator=root.at("generator").opt_text(),
        embedder=root.at("embedder").opt_text(),
        created=root.at("created").opt_text(limit=100),
        schema_version=SCHEMA_VERSION,
    )


def _section(f: _Field) -> Section:
    f.obj()
    return Section(
        key=f.at("key").text(None, limit=200, empty_ok=False),
        heading=f.at("heading").text(None),
        guidance=f.at("guidance").text(),
        statements=[_statement(s) for s in f.at("statements").items(MAX_STATEMENTS)],
    )


def _statement(f: _Field) -> Statement:
    f.obj()
    status_field = f.at("status")
    status = status_field.text(STATUS_VERIFIED, limit=40)
    evidence = []
    for e in f.at("evidence").items(200):
        pair = e.items(2, optional=False)
        if len(pair) != 2:
            raise e.fail("expected [source number, sentence]")
        evidence.append((pair[0].whole(1), pair[1].text(limit=MAX_STATEMENT)))
    return Statement(
        text=f.at("text").text(None, limit=MAX_STATEMENT),
        citations=[c.whole(1) for c in f.at("citations").items(200)],
        evidence=evidence,
        # An unknown status (a newer Briefer's) is shown as "check this", never trusted.
        status=status if status in STATUSES else STATUS_FLAGGED,
        note=f.at("note").text(),
        quote=f.at("quote").flag(default=status == STATUS_FALLBACK),
    )


def _source(f: _Field, version: int) -> Source:
    f.obj()
    return Source(
        id=f.at("id").whole(1),
        title=f.at("title").text(),
        text=f.at("text").text(limit=MAX_SOURCE_TEXT),
        path=f.at("path").opt_text(),
        outlet=f.at("outlet").opt_text(),
        date=f.at("date").iso_date(month_ok=True),
        date_method=f.at("date_method").text("not found"),
        words=f.at("words").whole(0, 10**9) if f.at("words").present() else 0,
        notes=tuple(f.at("notes").strings()) if version >= 2 else (),
        problem=f.at("problem").opt_text(),
        instructions=tuple(f.at("instructions").strings()),
    )

"""From inputs to numbered `Source`s: read every input, date the set, and turn every
problem into a warning that names the input, so one bad file never stops a run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefer.brief import BriefWarning, Source
from briefer.errors import InputError
from briefer.ingest.document import RawDocument
from briefer.ingest.files import expand_inputs
from briefer.ingest.read import read_bytes, read_document, read_pasted, resolve_dates

# Notes from ingest (how the text was read) survive a re-run; analysis notes are redone.
_KEPT_NOTES = ("decoded", "repaired", "possible prompt injection")
WARNING_INSTRUCTIONS = "instructions"  # BriefWarning kind: a source addresses a model or reader


def to_source(doc: RawDocument, source_id: int) -> Source:
    """The immutable `Source` for a read document (its body was cleaned at ingest)."""
    notes = [n for n in doc.notes if n.startswith(_KEPT_NOTES)]
    if doc.instructions:
        notes.append(_instructions_note(len(doc.instructions)))
    return Source(
        id=source_id,
        title=doc.display_title,
        text=doc.body,
        path=doc.path,
        outlet=doc.outlet,
        date=doc.date,
        date_method=doc.date_method,
        words=doc.words,
        # Only reading problems are worth a note; how the outlet was found is not a flag.
        notes=tuple(notes),
        instructions=doc.instructions,
    )


def _instructions_note(n: int) -> str:
    return (
        f"possible prompt injection: {n} sentence{'s' if n != 1 else ''} "
        f"address{'es' if n == 1 else ''} a model or reader instead of reporting news; never used as evidence"
    )


def instruction_warnings(sources: Iterable[Source]) -> list[BriefWarning]:
    """One warning per source that holds text addressed to a model or a reader."""
    out = []
    for s in sources:
        if not s.instructions:
            continue
        first = s.instructions[0]
        quote = first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"
        n = len(s.instructions)
        out.append(
            BriefWarning(
                WARNING_INSTRUCTIONS,
                f"Source [{s.id}] “{s.title}” ({s.path or 'pasted'}): {n} sentence{'s' if n != 1 else ''} "
                f"address{'es' if n == 1 else ''} a model or reader instead of reporting news (possible prompt "
                f"injection), e.g. “{quote}”; never used as evidence.",
                [s.id],
            )
        )
    return out


def load_sources(
    paths: Iterable[str | os.PathLike[str]] = (),
    pasted: Sequence[tuple[str, str | bytes]] = (),
    *,
    today: dt.date | None = None,
) -> tuple[list[Source], list[BriefWarning]]:
    """Read, clean and date every input; a bad input becomes a warning, not a failure.

    `paths` may name files and folders (see `expand_inputs`). `pasted` holds (name,
    text) pairs: text from the UI's paste box, or bytes from stdin, which are decoded and
    recognised like a file. Readable sources are numbered 1..n in input order; unreadable
    ones follow, flagged, with the reason. Folders that gave nothing are warnings only.
    """
    inputs = expand_inputs(paths)
    docs: list[RawDocument] = []
    bad: list[tuple[str, str]] = []
    for p in inputs.files:
        try:
            docs.append(read_document(p, today=today))
        except InputError as e:
            bad.append((str(p), e.reason))
    for name, text in pasted:
        try:
            if isinstance(text, bytes):
                docs.append(read_bytes(text, name, today=today))
            else:
                docs.append(read_pasted(text, name, today=today))
        except InputError as e:
            bad.append((name, e.reason))
    docs = resolve_dates(docs, today=today)
    sources = [to_source(d, i) for i, d in enumerate(docs, 1)]
    warnings = []
    for i, s in enumerate(sources):
        if not s.text.strip():
            sources[i] = s = dataclasses.replace(s, problem="nothing left after removing boilerplate")
            warnings.append(BriefWarning("unreadable", f"{s.path or s.title}: {s.problem}", [s.id]))
    warnings += instruction_warnings(sources)
    for k, (name, reason) in enumerate(bad, len(sources) + 1):
        sources.append(Source(id=k, title=Path(name).name, path=name, problem=reason))
        warnings.append(BriefWarning("unreadable", f"{name}: {reason} (skipped)", [k]))
    for e in inputs.problems:
        warnings.append(BriefWarning("unreadable", f"{e.path}: {e.reason} (skipped)"))
    return sources, warnings

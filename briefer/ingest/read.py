"""Read one input (a file, stdin's bytes, pasted text) into a `RawDocument`.

The registry picks the reader; then, for every format alike: control characters go,
whitespace is normalised, the title, outlet and publication date are found (each with
how it was found), the body is cleaned once and its words counted once, articles in a
language Briefer does not read are refused, and sentences that address a model rather
than report news are marked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path

from briefer.errors import InputError
from briefer.ingest.clean import clean_text, normalise_whitespace
from briefer.ingest.dates import (
    DateClue,
    describe_clue,
    find_date_clue,
    find_dateline,
    is_month_only,
    resolve_clue,
    top_clue,
)
from briefer.ingest.document import METHOD_NOT_FOUND, Extracted, RawDocument
from briefer.ingest.files import read_file_bytes
from briefer.ingest.instructions import find_instructions
from briefer.ingest.limits import MAX_BYTES, MAX_TEXT_CHARS, human_size
from briefer.ingest.metadata import detect_outlet, detect_title
from briefer.ingest.registry import reader_for
from briefer.ingest.screen import LANGUAGE_NOT_SUPPORTED, is_supported_language, one_line, strip_control_chars
from briefer.textutil import word_count


def read_document(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, today: dt.date | None = None
) -> RawDocument:
    """Read one file; raise InputError(path, reason) with a short reason if it can't.

    `today` (default: the clock) bounds year inference: articles are not from the future.
    """
    p = Path(path)
    data = read_file_bytes(path, max_bytes)
    return read_bytes(data, str(path), name=p.name, suffix=p.suffix, today=today)


def read_bytes(
    data: bytes, path: str, *, name: str | None = None, suffix: str = "", today: dt.date | None = None
) -> RawDocument:
    """Read a document from its bytes (a file's, or stdin's). The reader is chosen by
    `suffix` if it is a known one, else by sniffing the content. `path` names the input
    in messages; it is recorded on the document unless `suffix` is empty (stdin)."""
    if not data.strip():
        raise InputError(path, "empty file" if suffix else "empty input")
    reader = reader_for(suffix, data[:1024].lstrip())
    extracted = reader.read(data, path)
    return _finish(extracted, path=path if suffix else None, name=name or path, kind=reader.kind, today=today)


def read_pasted(text: str, name: str = "Pasted text", *, today: dt.date | None = None) -> RawDocument:
    """Wrap pasted text as a document; InputError if there is no text.

    (Stdin arrives as bytes and goes through `read_bytes`, so it is decoded and
    recognised like a file.)"""
    return _finish(Extracted(text=text.lstrip("\ufeff")), path=None, name=name, kind="paste", today=today)


def resolve_dates(docs: Sequence[RawDocument], *, today: dt.date | None = None) -> list[RawDocument]:
    """The documents, with the dates that lack a year or are relative resolved against
    the documents with a full date (metadata / dateline). The input is not changed.

    References are cited as "source N", N being the position in `docs` counted from 1.
    """
    today = today or dt.date.today()
    refs = [
        (dt.date.fromisoformat(d.date), i + 1)
        for i, d in enumerate(docs)
        if d.date and d.date_clue is None and d.date_method != METHOD_NOT_FOUND and not is_month_only(d.date)
    ]
    out = list(docs)
    if not refs:
        return out
    for i, d in enumerate(out):
        if d.date_clue is None:
            continue
        got = resolve_clue(d.date_clue, refs, today)
        if got:
            out[i] = dataclasses.replace(d, date=got[0].isoformat(), date_method=got[1])
        elif d.date:
            # The clue fits no year near the set's dated sources: the date it gave alone is a guess.
            out[i] = dataclasses.replace(d, date=None, date_method=f"{describe_clue(d.date_clue)} "
                                         "(no year near the dated sources fits it)")
    return out


def _finish(ex: Extracted, *, path: str | None, name: str, kind: str, today: dt.date | None) -> RawDocument:
    label = path or name  # how messages name the input
    today = today or dt.date.today()
    if len(ex.text) > MAX_TEXT_CHARS:
        raise InputError(label, f"text is {human_size(len(ex.text))}; the limit is {human_size(MAX_TEXT_CHARS)}")
    text = normalise_whitespace(strip_control_chars(ex.text)).strip()
    if not re.search(r"\w", text):
        raise InputError(label, "no readable text" + (" (scanned PDF without a text layer?)" if kind == "pdf" else ""))
    notes = list(ex.notes)
    title = one_line(ex.title) or detect_title(text)
    outlet = one_line(ex.outlet)
    if outlet is None:
        found = detect_outlet(text)
        if found:
            outlet = found[0]
            notes.append(f"outlet from {found[1]}")
    date, method, clue = _publication_date(ex, text, title, today)
    body = clean_text(text, title, normalised=True)
    if not is_supported_language(body or text):
        raise InputError(label, LANGUAGE_NOT_SUPPORTED)
    return RawDocument(
        path=path,
        name=name,
        text=text,
        body=body,
        title=title,
        outlet=outlet,
        date=date,
        date_method=method,
        kind=kind,
        notes=tuple(notes),
        words=word_count(body),
        instructions=find_instructions(body, title),
        date_clue=clue,
    )


def _publication_date(
    ex: Extracted, text: str, title: str | None, today: dt.date
) -> tuple[str | None, str, DateClue | None]:
    """(ISO date, how it was found, the clue still to resolve against other sources)."""
    if ex.date:
        return ex.date, ex.date_method or "metadata", None
    explicit = find_dateline(text)
    # (Only the top lines can contradict a stamp: the rest of the clues are read without one.)
    if explicit and not _contradicts(top_clue(text), explicit[0]):
        return explicit[0], explicit[1], None
    clue = find_date_clue(text, title)
    if clue and clue.kind == "header":
        return _from_clue(clue, today)
    if clue and clue.kind == "dateline":
        # A wire dateline has no year: the set's dated sources give it (`resolve_dates`);
        # until then, a weekday clue of the text may date it on its own.
        other = find_date_clue(text, title, datelines=False)
        got = _from_clue(other, today) if other else None
        if got and got[0]:
            return got[0], got[1], clue
        return _from_clue(clue, today)
    if ex.weak_date:
        return ex.weak_date, ex.weak_method or "document metadata", None
    if clue:
        return _from_clue(clue, today)
    return None, METHOD_NOT_FOUND, None


# A page's stamp and the story's own dateline this far apart: one of them is wrong, and the
# dateline is the reporter's ("date 2021-03-11" above "New Delhi, April 21").
STAMP_DATELINE_APART_DAYS = 3


def _contradicts(clue: DateClue | None, iso: str) -> bool:
    """True if the story's wire dateline gives another day than the page's stamp `iso`."""
    if clue is None or clue.kind != "dateline" or len(iso) < 10:
        return False
    stamp = dt.date.fromisoformat(iso[:10])
    days = []
    for year in (stamp.year - 1, stamp.year, stamp.year + 1):
        try:
            days.append(abs((dt.date(year, clue.month, clue.day) - stamp).days))
        except ValueError:
            pass
    return bool(days) and min(days) > STAMP_DATELINE_APART_DAYS


def _from_clue(clue: DateClue, today: dt.date) -> tuple[str | None, str, DateClue]:
    got = resolve_clue(clue, [], today)
    if got:
        return got[0].isoformat(), got[1], clue
    return None, f"{describe_clue(clue)} (year unknown; needs a dated source)", clue

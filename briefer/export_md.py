"""Markdown export, plus the plain-text formatting shared with the DOCX exporter.

Layout: classification line, ``# Title``, a meta line (date, "Prepared from N sources",
event), warnings as a blockquote, ``## Heading`` per section with ``- statement [1, 3]``
bullets, and a numbered Sources list whose numbers are the citation numbers.

Statement status is shown the same way as in the DOCX: "flagged" statements start with
``⚑ Check:`` and end with the reason; "fallback" statements (a source sentence standing
in for generated text) are set in quotation marks; "verified" and "user" statements are
plain. JSON export is `briefer.brief.save_brief`.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from briefer.brief import (
    FLAG_DIFFERENT_EVENT,
    FLAG_DUPLICATE,
    FLAG_STALE,
    FLAG_UNREADABLE,
    STATUS_FLAGGED,
    Brief,
    Source,
    Statement,
)
from briefer.fsutil import atomic_write_text

FLAG_MARK = "⚑ Check:"

WARNING_LABELS = {
    "stale-source": "Stale source",
    "conflict": "Conflict",
    "unreadable": "Unreadable file",
    "cancelled": "Cancelled",
    "model": "Model",
}

_FLAG_LABELS = {
    FLAG_STALE: "STALE",
    FLAG_DIFFERENT_EVENT: "DIFFERENT EVENT",
    FLAG_DUPLICATE: "DUPLICATE",
    FLAG_UNREADABLE: "NOT READ",
}


# -- shared text helpers ---------------------------------------------------------------
def format_date(iso: str | None) -> str | None:
    """``2024-11-15`` → ``15 November 2024``; anything unparsable is returned as is."""
    if not iso:
        return None
    try:
        d = _dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"


def meta_line(brief: Brief) -> str:
    """``15 November 2024 · Prepared from 5 sources``."""
    parts = [p for p in (format_date(brief.date), brief.prepared_from()) if p]
    return " · ".join(parts)


def warning_label(kind: str) -> str:
    """Human label for a warning kind (unknown kinds are title-cased)."""
    return WARNING_LABELS.get(kind, kind.replace("-", " ").capitalize() or "Note")


def flagged_count(brief: Brief) -> int:
    """Number of statements the editor must check."""
    return sum(1 for sec in brief.sections for st in sec.statements if st.status == STATUS_FLAGGED)


def flagged_summary(brief: Brief) -> str | None:
    """The derived warning line for flagged statements, or None if there are none."""
    n = flagged_count(brief)
    if not n:
        return None
    return (
        f"{n} statement{'s are' if n != 1 else ' is'} marked “{FLAG_MARK[:-1]}” and must be "
        "checked against the sources before this brief is used."
    )


def display_text(st: Statement) -> str:
    """The statement text as printed.

    Source sentences standing in for a bullet are printed as plain text, not as quotes:
    they may have lost an attribution or an aside, so they are no longer exact quotations;
    the footnote says where they come from.
    """
    return st.text.strip()


def source_flags(brief: Brief, src: Source) -> str | None:
    """``STALE: reason`` style marker for a source, or None if it has no flags/problem."""
    assessment = brief.assessment(src.id)
    labels = [_FLAG_LABELS.get(f, f.upper()) for f in assessment.flags]
    if src.problem and "NOT READ" not in labels:
        labels.append("NOT READ")
    if not labels:
        return None
    reasons = [src.problem] if src.problem else []
    reasons += [n for n in assessment.notes if n and n not in reasons and not src.problem]
    reason = "; ".join(r.rstrip(".") for r in reasons)
    return f"{', '.join(labels)}: {reason}" if reason else ", ".join(labels)


def source_line(src: Source) -> str:
    """``Title — Outlet, 2024-11-13 (date from the byline).`` (no number, no flags)."""
    where = ", ".join(p for p in (src.outlet, src.date or "undated") if p)
    line = f"{src.title or 'Untitled'} — {where}"
    if src.date and src.date_method:
        # Methods read either "byline" or "from the byline"; both print naturally.
        method = src.date_method.strip()
        line += f" (date {method})" if method.lower().startswith("from ") else f" (date from: {method})"
    return line + "."


def short_title(title: str, words: int = 5) -> str:
    """The first `words` words of a title, with an ellipsis if cut."""
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + "…"


def citation_note(brief: Brief, source_id: int, *, short: bool = False) -> str:
    """Footnote text for one source: ``[1] Outlet, “Title”, 2024-11-14.``

    `short` cuts the title to its first words (Chicago-style short note), for sources
    already cited in full earlier in the document.
    """
    try:
        src = brief.source(source_id)
    except KeyError:
        return f"[{source_id}] (source not in this brief)."
    title = short_title(src.title) if short else src.title
    parts = [p for p in (src.outlet, f"“{title}”" if title else None, src.date or "undated") if p]
    note = f"[{source_id}] {', '.join(parts)}."
    flags = brief.flags_of(source_id)
    if FLAG_STALE in flags:
        note += " Stale source."
    elif FLAG_DIFFERENT_EVENT in flags:
        note += " About a different event."
    return note


# -- markdown ----------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_<>\[\]])")


def _esc(text: str) -> str:
    """Escape Markdown syntax in free text so it prints literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_statement(st: Statement) -> str:
    cites = f" [{', '.join(str(c) for c in st.citations)}]" if st.citations else ""
    body = _esc(display_text(st)) + cites
    if st.status == STATUS_FLAGGED:
        reason = f" *(Reason: {_esc(st.note.rstrip('.'))}.)*" if st.note.strip() else ""
        return f"- **{FLAG_MARK}** {body}{reason}"
    return f"- {body}"


def brief_to_markdown(brief: Brief) -> str:
    """The brief as a Markdown document (UTF-8 text, ends with a newline)."""
    out: list[str] = []
    if brief.classification:
        out += [f"**{_esc(brief.classification)}**", ""]
    out += [f"# {_esc(brief.title)}", ""]
    meta = [f"*{_esc(meta_line(brief))}*"]
    if brief.event.describe():
        meta.append(f"*Event: {_esc(brief.event.describe())}*")
    out += ["  \n".join(meta), ""]

    lines = [f"> - **{warning_label(w.kind)}:** {_esc(w.message)}" for w in brief.warnings]
    summary = flagged_summary(brief)
    if summary:
        lines.append(f"> - **Check:** {_esc(summary)}")
    if lines:
        out += ["> **Warnings**", ">", *lines, ""]

    for sec in brief.sections:
        out += [f"## {_esc(sec.heading)}", ""]
        if sec.statements:
            out += [_md_statement(st) for st in sec.statements]
        else:
            out.append("*No statement could be drawn from the sources.*")
        out.append("")

    if brief.sources:
        out += ["## Sources", ""]
        for src in sorted(brief.sources, key=lambda s: s.id):
            flags = source_flags(brief, src)
            line = f"{src.id}. {_esc(source_line(src))}"
            if flags:
                line += f" **\\[{_esc(flags)}\\]**"
            out.append(line)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def export_markdown(brief: Brief, path: str | Path) -> Path:
    """Write the brief as Markdown, atomically; BrieferError if the path is unwritable."""
    p = Path(path)
    atomic_write_text(p, brief_to_markdown(brief))
    return p

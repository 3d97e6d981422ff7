"""Markdown export: the block model as CommonMark.

Layout: the classification in bold, ``# Title``, the memo fields as ``**Label:** value``
lines, warnings as a blockquote, ``## Heading`` per section with ``- statement [1, 3]``
bullets (a BLUF section as paragraphs), a numbered Sources list whose numbers are the
citation numbers, and the closing note in italics.

Styles come from the spans: bold as ``**…**``, italics and quoted source wording as
``*…*``. Only the text is escaped, never the markup we add, so bold prints as bold.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefer.brief import Brief
from briefer.export import ExportFormat
from briefer.export.blocks import CITE, MARKER, Document, Inline, Span, build_document, xml_safe
from briefer.fsutil import atomic_write_text

_SPECIAL = re.compile(r"([\\`*_<>\[\]])")
# Text at the start of a line that Markdown would read as a block: heading, quote, list.
_BLOCK_START = re.compile(r"^(#|>|[-+]\s|\d+[.)]\s)")


def escape(text: str) -> str:
    """Escape Markdown syntax in free text so it prints literally."""
    return _SPECIAL.sub(r"\\\1", xml_safe(text))


def _line_start(text: str) -> str:
    """Escape a line opening that would start a block (``# x``, ``1. x``, ``- x``)."""
    m = _BLOCK_START.match(text)
    if not m:
        return text
    token = m.group(1)
    if token[0].isdigit():
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return "\\" + text


def inline(spans: Inline) -> str:
    """Spans as Markdown: runs of equal style are merged, then wrapped in ``**`` / ``*``."""
    groups: list[tuple[tuple[bool, bool], str]] = []
    for span in spans:
        style = (span.bold, span.emphasised)
        # Our own brackets ("[1, 3]", "[stale]") are no link syntax; only free text is escaped.
        text = xml_safe(span.text) if span.role in (CITE, MARKER) else escape(span.text)
        if groups and groups[-1][0] == style:
            groups[-1] = (style, groups[-1][1] + text)
        else:
            groups.append((style, text))
    out = []
    for (bold, italic), text in groups:
        core = text.strip()
        if not core or not (bold or italic):
            out.append(text)
            continue
        mark = ("**" if bold else "") + ("*" if italic else "")
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark[::-1]}{trail}")
    return "".join(out)


def render_markdown(d: Document) -> str:
    """The document as Markdown text (ends with a newline)."""
    out: list[str] = []
    if d.classification:
        out += [f"**{escape(d.classification)}**", ""]
    out += [f"# {escape(d.title)}", ""]
    head = [f"**{escape(f.label)}:** {escape(f.value)}" for f in d.fields]
    head.append(f"*{escape(d.summary)}*")
    out += ["  \n".join(head), ""]

    if d.warnings:
        out += ["> **Warnings**", ">"]
        out += [f"> - **{escape(n.label)}:** {escape(n.text)}" for n in d.warnings]
        out.append("")

    for sec in d.sections:
        out += [f"## {escape(sec.heading)}", ""]
        if not sec.items:
            out += ["*No statement could be drawn from the sources.*", ""]
            continue
        if sec.lead:
            for item in sec.items:
                out += [_line_start(inline(item.spans)), ""]
        else:
            out += [f"- {_line_start(inline(item.spans))}" for item in sec.items]
            out.append("")

    if d.sources:
        out += ["## Sources", ""]
        out += [f"{e.number}. {_line_start(inline(e.spans))}" for e in d.sources]
        out.append("")
    out.append(inline((Span(d.closing, italic=True),)))
    return "\n".join(out).rstrip("\n") + "\n"


def brief_to_markdown(brief: Brief) -> str:
    """The brief as a Markdown document (UTF-8 text, ends with a newline)."""
    return render_markdown(build_document(brief))


def write_markdown(brief: Brief, path: str | Path) -> None:
    """Write the brief as Markdown, atomically; BrieferError if the path is unwritable."""
    atomic_write_text(Path(path), brief_to_markdown(brief))


FORMAT = ExportFormat("markdown", ".md", "Markdown", write_markdown, other_suffixes=(".markdown",))

"""Markdown (.md): keep the words, drop the syntax; front matter gives title, outlet, date."""

from __future__ import annotations

import html as html_lib
import re

from briefer.ingest.dates import parse_full_date
from briefer.ingest.document import Extracted
from briefer.ingest.readers.text import read_text
from briefer.ingest.registry import Reader

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)


def read_markdown(data: bytes, path: str) -> Extracted:
    """Decode, read the front matter, strip the Markdown syntax."""
    plain = read_text(data, path)  # decoding and the RTF check are the text reader's
    return _strip_markdown(plain.text, plain.notes)


def _strip_markdown(text: str, notes: tuple[str, ...]) -> Extracted:
    title = outlet = date = date_method = None
    text = text.replace("\r\n", "\n")
    m = _FRONT_MATTER.match(text)
    if m:
        for line in m.group(1).split("\n"):
            k, _, v = line.partition(":")
            k, v = k.strip().lower(), v.strip().strip("'\"")
            if not v:
                continue
            if k == "title":
                title = v
            elif k in ("source", "outlet", "publisher", "site", "sitename", "site_name"):
                outlet = v
            elif k in ("date", "published", "pubdate", "date_published"):
                d = parse_full_date(v)
                if d:
                    date, date_method = d.isoformat(), f"metadata (front matter {k})"
        text = text[m.end() :]
    out: list[str] = []
    has_text = False
    in_code = False
    for line in text.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            has_text = has_text or bool(line.strip())
            continue
        if re.match(r"^\s*([-*_])(\s*\1){2,}\s*$", line) or re.match(r"^\s*=+\s*$", line):
            continue  # horizontal rule / setext underline
        if re.match(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", line):
            continue  # table separator
        if re.match(r"^\s*\[[^\]]+\]:\s*\S+", line):
            continue  # link reference definition
        h = re.match(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$", line)
        if h:
            line = h.group(1)
            if title is None and line.strip() and not has_text:
                title = _inline_md(line)
        line = re.sub(r"^\s*(?:>\s?)+", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = "; ".join(c.strip() for c in line.strip().strip("|").split("|"))
        line = _inline_md(line)
        out.append(line)
        has_text = has_text or bool(line.strip())
    return Extracted(text="\n".join(out), title=title, outlet=outlet, date=date, date_method=date_method, notes=notes)


def _inline_md(s: str) -> str:
    # Every span pattern stops at the next opening delimiter instead of scanning on with
    # ".+?": on a long line of unclosed markers that scan is quadratic (minutes for 200 KB).
    s = re.sub(r"!\[[^\[\]]*\]\([^)\[\]]*\)", "", s)  # images: the alt text is a caption
    s = re.sub(r"\[([^\[\]]+)\]\([^)\[\]]*\)", r"\1", s)
    s = re.sub(r"\[([^\[\]]+)\]\[[^\[\]]*\]", r"\1", s)
    s = re.sub(r"<(https?://[^<>\s]+)>", r"\1", s)
    s = re.sub(r"`([^`]+)`", r"\1", s)
    s = re.sub(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1", r"\2", s)
    s = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", s)
    s = re.sub(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])", r"\1", s)
    s = re.sub(r"~~((?:(?!~~).)+?)~~", r"\1", s)
    s = re.sub(r"</?[A-Za-z][^<>]*>", "", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", s)
    return html_lib.unescape(s)


READER = Reader(kind="md", label="Markdown", suffixes=(".md", ".markdown"), read=read_markdown)

"""Read input documents (txt, md, html, docx, pdf, pasted text) into `RawDocument`s.

Besides the text, ingest finds what the document says about itself: its title, the
outlet that published it and its publication date, each with the method used, so the
user can judge it. Nothing is invented: a field that cannot be found is None.

Date detection, most trusted first: metadata (HTML meta tags, front matter); an
explicit dateline at the top ("date 2024-11-16", "Nov. 13, 2024"); a weekday-and-date
page header without a year ("Saturday, February 24": the year is chosen so the weekday
matches); for .docx/.pdf the file's creation date; and finally the day officials spoke
("said Wednesday", "reported on Wednesday (November 13)"), dated against the event it
announces. `resolve_dates` then re-anchors year-less and relative dates on the dated
documents of the same set.

Only `read_document` touches the file system; everything else is pure.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import logging
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from briefer.clean import (
    DAY_RE,
    FULL_DATE_RE,
    LEAD_CREDIT_RE,
    MONTH_RE,
    WEEKDAY_RE,
    clean_text,
    is_boilerplate_line,
    is_date_line,
    is_headline,
    normalise_whitespace,
    strip_leading_dateline,
)
from briefer.errors import InputError

MAX_BYTES = 20 * 1024 * 1024

TEXT_EXTS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_EXTS = {".html", ".htm", ".xhtml"}

METHOD_NOT_FOUND = "not found"


@dataclass
class DateClue:
    """A date the text gives without a year, or only relative to another day.

    The anchor is a month/day (and its weekday, if the text names it); the publication
    day is the `pub_weekday` on or before the anchor (the anchor itself if None).
    """

    kind: str  # "header" | "weekday-date" | "relative" | "monthday"
    quote: str  # the words found, for the user
    month: int
    day: int
    weekday: int | None = None  # of the anchor, 0 = Monday
    pub_weekday: int | None = None
    anchor_quote: str | None = None  # for "relative": the event date it is counted from


@dataclass
class RawDocument:
    """One input document as read, before cleaning."""

    path: str | None  # None for pasted text / stdin
    name: str  # display name (file name or "Pasted text")
    text: str  # extracted text, before cleaning
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    date_method: str = METHOD_NOT_FOUND
    kind: str = "txt"  # "txt", "md", "html", "docx", "pdf", "paste"
    notes: list[str] = field(default_factory=list)  # e.g. "decoded as cp1252"
    words: int = 0  # words in the cleaned article body
    date_clue: DateClue | None = field(default=None, repr=False, compare=False)

    @property
    def display_title(self) -> str:
        """The title, else the opening words of the body, else the name."""
        if self.title:
            return self.title
        body = clean_text(self.text)
        if body:
            first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
            return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"
        return self.name


@dataclass
class _Meta:
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    date_method: str | None = None
    weak_date: str | None = None  # file creation date (docx/pdf): below text datelines
    weak_method: str | None = None
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# public API


def read_document(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, today: dt.date | None = None
) -> RawDocument:
    """Read one file; raise InputError(path, reason) with a short reason if it can't.

    `today` (default: the clock) bounds year inference: articles are not from the future.
    """
    p = Path(path)
    spath = str(path)
    if not p.exists():
        raise InputError(spath, "no such file")
    if p.is_dir():
        raise InputError(spath, "is a folder, not a file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(spath, f"file is {_human_size(size)}; the limit is {_human_size(max_bytes)}")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(spath, "cannot read (permission denied)") from None
    except OSError as e:
        raise InputError(spath, f"cannot read ({e.strerror or e})") from None
    if len(data) > max_bytes:  # the file grew while we looked
        raise InputError(spath, f"file is {_human_size(len(data))}; the limit is {_human_size(max_bytes)}")
    if not data.strip():
        raise InputError(spath, "empty file")

    kind = _kind_for(p.suffix.lower(), data)
    meta = _Meta()
    if kind == "pdf":
        text = _read_pdf(spath, data, meta)
    elif kind == "docx":
        text = _read_docx(spath, data, meta)
    elif kind == "html":
        text = _read_html(spath, data, meta)
    else:
        text = _decode_text(spath, data, meta.notes)
        if text.lstrip().startswith("{\\rtf"):
            raise InputError(spath, "RTF is not supported; save it as .docx or .txt")
        if kind == "md":
            text = _strip_markdown(text, meta)
    text = normalise_whitespace(text).strip()
    if not re.search(r"\w", text):
        raise InputError(spath, "no readable text" + (" (scanned PDF without a text layer?)" if kind == "pdf" else ""))
    return _finish(RawDocument(path=spath, name=p.name, text=text, kind=kind), meta, today)


def read_pasted(text: str, name: str = "Pasted text", *, today: dt.date | None = None) -> RawDocument:
    """Wrap pasted text (or stdin) as a document; InputError if there is no text."""
    text = normalise_whitespace(text.lstrip("\ufeff")).strip()
    if not re.search(r"\w", text):
        raise InputError(name, "no readable text")
    return _finish(RawDocument(path=None, name=name, text=text, kind="paste"), _Meta(), today)


def resolve_dates(docs: list[RawDocument], *, today: dt.date | None = None) -> None:
    """Date, in place, the documents whose date lacks a year or is relative, using the
    documents with a full date (metadata / dateline) as reference.

    References are cited as "source N", N being the position in `docs` counted from 1.
    """
    today = today or dt.date.today()
    refs = [
        (dt.date.fromisoformat(d.date), i + 1)
        for i, d in enumerate(docs)
        if d.date and d.date_clue is None and d.date_method != METHOD_NOT_FOUND
    ]
    if not refs:
        return
    for d in docs:
        if d.date_clue is None:
            continue
        got = _resolve_clue(d.date_clue, refs, today)
        if got:
            d.date, d.date_method = got[0].isoformat(), got[1]


def word_count(text: str) -> int:
    """Words in `text` (hyphenated and apostrophe words count once)."""
    return len(re.findall(r"\w[\w'’-]*", text))


# ---------------------------------------------------------------------------------------
# file kinds


def _human_size(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
    if n >= 1024:
        kb = n / 1024
        return f"{kb:.0f} KB" if kb == int(kb) else f"{kb:.1f} KB"
    return f"{n} bytes"


def _kind_for(ext: str, data: bytes) -> str:
    head = data[:1024].lstrip()
    if ext in TEXT_EXTS:
        return TEXT_EXTS[ext]
    if ext in HTML_EXTS:
        return "html"
    if ext == ".docx":
        return "docx"
    if ext == ".pdf":
        return "pdf"
    # unknown extension: sniff the content
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if re.match(rb"(?is)(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", head):
        return "html"
    return "txt"


def _decode_text(spath: str, data: bytes, notes: list[str]) -> str:
    """Decode bytes as text: UTF-8 (BOM or not), UTF-16/32 (BOM or NUL pattern), then
    cp1252 / Latin-1. Raises InputError for binary data."""
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(spath, f"not valid {enc.upper()} text") from None
            if enc != "utf-8-sig":
                notes.append(f"decoded as {enc.upper()}")
            return _check_plausible(spath, text)
    if b"\x00" in data[:8192]:
        # UTF-16 without a BOM shows NULs in every other byte; anything else is binary.
        sample = data[:8192]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        enc = (
            "utf-16-le"
            if odd > 0.3 * len(sample) / 2 and even == 0
            else "utf-16-be"
            if even > 0.3 * len(sample) / 2 and odd == 0
            else None
        )
        if enc:
            try:
                text = data.decode(enc)
                notes.append(f"decoded as {enc.upper()} (no BOM)")
                return _check_plausible(spath, text)
            except UnicodeDecodeError:
                pass
        raise InputError(spath, "binary file, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            notes.append("decoded as cp1252 (not valid UTF-8)")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            notes.append("decoded as Latin-1 (not valid UTF-8)")
    else:
        text = _repair_mojibake(text, notes)
    return _check_plausible(spath, text)


def _check_plausible(spath: str, text: str) -> str:
    sample = text[:20000]
    if not sample:
        return text
    ctrl = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0x7F <= ord(c) < 0xA0)
    if ctrl / len(sample) > 0.02:
        raise InputError(spath, "binary file, not a text document")
    return text


_MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]"
)


def _repair_mojibake(text: str, notes: list[str]) -> str:
    """Undo UTF-8 that was once decoded as cp1252 ("Bidenâ€™s" → "Biden’s")."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return text
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return text  # a real non-cp1252 character: this is not simple mojibake
            raw.append(ord(ch))  # bytes cp1252 leaves undefined (0x81, 0x8D, 0x9D...) pass through
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text
    notes.append("repaired mis-encoded characters (UTF-8 read as cp1252)")
    return fixed


# -- markdown --------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)


def _strip_markdown(text: str, meta: _Meta) -> str:
    """Markdown to plain text: keep the words, drop the syntax; front matter → metadata."""
    text = text.replace("\r\n", "\n")
    m = _FRONT_MATTER.match(text)
    if m:
        for line in m.group(1).split("\n"):
            k, _, v = line.partition(":")
            k, v = k.strip().lower(), v.strip().strip("'\"")
            if not v:
                continue
            if k == "title":
                meta.title = v
            elif k in ("source", "outlet", "publisher", "site", "sitename", "site_name"):
                meta.outlet = v
            elif k in ("date", "published", "pubdate", "date_published"):
                d = _parse_full_date(v)
                if d:
                    meta.date, meta.date_method = d.isoformat(), f"metadata (front matter {k})"
        text = text[m.end() :]
    out: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
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
            if meta.title is None and line.strip() and not _has_text(out):
                meta.title = _inline_md(line)
        line = re.sub(r"^\s*(?:>\s?)+", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = "; ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(_inline_md(line))
    return "\n".join(out)


def _has_text(lines: list[str]) -> bool:
    return any(ln.strip() for ln in lines)


def _inline_md(s: str) -> str:
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)  # images: the alt text is a caption
    s = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", s)
    s = re.sub(r"<(https?://[^>]+)>", r"\1", s)
    s = re.sub(r"`([^`]+)`", r"\1", s)
    s = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", s)
    s = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", s)
    s = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", s)
    s = re.sub(r"~~(.+?)~~", r"\1", s)
    s = re.sub(r"</?[A-Za-z][^>]*>", "", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", s)
    return html_lib.unescape(s)


# -- html ------------------------------------------------------------------------------

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publication_date", "dc.date.issued", "dc.date",
    "dcterms.created", "date", "sailthru.date", "parsely-pub-date", "article.published",
)  # fmt: skip


def _read_html(spath: str, data: bytes, meta: _Meta) -> str:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    _html_meta(data, meta)
    try:
        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises many things on broken markup
        doc = None
    text = ""
    if doc is not None:
        text = "\n\n".join(ln for ln in (doc.text or "").split("\n") if ln.strip())
        meta.title = meta.title or (doc.title or None)
        meta.outlet = meta.outlet or (doc.sitename or None)
        if not meta.date and doc.date:
            d = _parse_full_date(doc.date)
            if d:
                meta.date, meta.date_method = d.isoformat(), "metadata (page date found by htmldate)"
    if not text.strip():
        text = _html_fallback_text(data)
    if not text.strip() and not data.lstrip()[:1] == b"<":
        raise InputError(spath, "not an HTML document")
    return text


def _html_meta(data: bytes, meta: _Meta) -> None:
    """Title, site name and publication date from <meta> tags and JSON-LD."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(data)
    except Exception:
        return
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        val = (el.get("content") or "").strip()
        if key and val and key not in found:
            found[key] = val
    for el in root.iter("time"):
        if el.get("datetime") and (el.get("pubdate") is not None or el.get("itemprop") == "datePublished"):
            found.setdefault("time pubdate", el.get("datetime", ""))
    for el in root.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', el.text)
            if m:
                found.setdefault("datepublished", m.group(1))
    for key in (*_META_DATE_KEYS, "time pubdate"):
        if key in found:
            d = _parse_full_date(found[key])
            if d:
                label = "JSON-LD datePublished" if key == "datepublished" else key
                meta.date, meta.date_method = d.isoformat(), f"metadata ({label})"
                break
    meta.title = found.get("og:title") or found.get("twitter:title") or None
    meta.outlet = found.get("og:site_name") or found.get("application-name") or None


def _html_fallback_text(data: bytes) -> str:
    try:
        import lxml.html

        root = lxml.html.document_fromstring(data)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    blocks = [el.text_content().strip() for el in root.iter("p", "h1", "h2", "h3", "li", "blockquote")]
    text = "\n\n".join(b for b in blocks if b)
    return text or root.text_content()


# -- docx / pdf ------------------------------------------------------------------------

_PYDOCX_DEFAULT_CREATED = dt.datetime(2013, 12, 23, 23, 15)  # python-docx's template, not a real date


def _read_docx(spath: str, data: bytes, meta: _Meta) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(spath, "old Word .doc format is not supported; save it as .docx")
    try:
        import docx

        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                cells: list[str] = []
                for c in row.cells:
                    if c.text.strip() and c.text not in cells:  # merged cells repeat
                        cells.append(c.text.strip())
                parts.append(" | ".join(cells))
        props = d.core_properties
        title, created = props.title, props.created
    except Exception:  # python-docx raises zip, XML, key and value errors on bad files
        raise InputError(spath, "not a valid .docx file (corrupt or not Word)") from None
    if title and title.strip():
        meta.title = title.strip()
    if created and created.replace(tzinfo=None) != _PYDOCX_DEFAULT_CREATED and created.year >= 1990:
        meta.weak_date, meta.weak_method = created.date().isoformat(), "document metadata (created)"
    return "\n\n".join(p.strip() for p in parts if p.strip())


_JUNK_PDF_TITLES = re.compile(r"^(?:untitled|microsoft word - .*|document\d*|.*\.(?:docx?|pdf|html?))$", re.I)


def _read_pdf(spath: str, data: bytes, meta: _Meta) -> str:
    # pypdf logs every repair it makes on imperfect files; the user only needs our verdict.
    log = logging.getLogger("pypdf")
    old_level = log.level
    log.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_pdf_quiet(spath, data, meta)
    finally:
        log.setLevel(old_level)


def _read_pdf_quiet(spath: str, data: bytes, meta: _Meta) -> str:
    if not data.lstrip()[:1024].count(b"%PDF-"):
        raise InputError(spath, "not a valid .pdf file (corrupt or not a PDF)")
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise InputError(spath, "PDF is password-protected")
        pages = [(page.extract_text() or "") for page in reader.pages]
    except InputError:
        raise
    except Exception:  # pypdf raises PdfReadError, ValueError, KeyError... on bad files
        raise InputError(spath, "not a valid .pdf file (corrupt or not a PDF)") from None
    try:
        info = reader.metadata
        title = info.title if info else None
        created = info.creation_date if info else None
    except Exception:  # malformed metadata is not worth failing for
        title = created = None
    if title and title.strip() and not _JUNK_PDF_TITLES.match(title.strip()):
        meta.title = title.strip()
    if created and created.year >= 1990:
        meta.weak_date, meta.weak_method = created.date().isoformat(), "document metadata (PDF creation date)"
    return "\n\n".join(p.strip() for p in pages if p.strip())


# ---------------------------------------------------------------------------------------
# title, outlet, date


def _finish(doc: RawDocument, meta: _Meta, today: dt.date | None) -> RawDocument:
    today = today or dt.date.today()
    doc.notes.extend(meta.notes)
    doc.title = meta.title or detect_title(doc.text)
    if meta.outlet:
        doc.outlet = meta.outlet
    else:
        found = detect_outlet(doc.text)
        if found:
            doc.outlet = found[0]
            doc.notes.append(f"outlet from {found[1]}")
    if meta.date:
        doc.date, doc.date_method = meta.date, meta.date_method or "metadata"
    else:
        explicit = find_dateline(doc.text)
        clue = None if explicit else find_date_clue(doc.text, doc.title)
        if explicit:
            doc.date, doc.date_method = explicit
        elif clue and clue.kind == "header":
            _apply_clue(doc, clue, today)
        elif meta.weak_date:
            doc.date, doc.date_method = meta.weak_date, meta.weak_method or "document metadata"
        elif clue:
            _apply_clue(doc, clue, today)
    doc.words = word_count(clean_text(doc.text, doc.title))
    return doc


def _apply_clue(doc: RawDocument, clue: DateClue, today: dt.date) -> None:
    doc.date_clue = clue
    got = _resolve_clue(clue, [], today)
    if got:
        doc.date, doc.date_method = got[0].isoformat(), got[1]
    else:
        doc.date_method = f"{_describe_clue(clue)} (year unknown; needs a dated source)"


def detect_title(text: str) -> str | None:
    """The headline: the first substantial line that is not boilerplate or a date, if it
    reads as a headline (short, no closing full stop); None otherwise."""
    for line in text.split("\n")[:40]:
        s = strip_leading_dateline(line).strip()
        if not s or is_boilerplate_line(s) or is_date_line(s) or len(s) < 12:
            continue
        if re.match(r"^\(?[A-Z][\w ]{0,30} (?:Desk|Bureau)\)?$", s):
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


def detect_outlet(text: str) -> tuple[str, str] | None:
    """(outlet, how it was found) from credits in the raw text, or None. Never guessed:
    only an explicit credit counts (lead credit, desk byline, "with inputs from", ©,
    a photo credit as the last resort)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]

    def ok(name: str) -> bool:
        return name.strip().lower() not in _GENERIC_CREDITS and len(name) <= 40

    for ln in lines[:30]:
        m = LEAD_CREDIT_RE.match(ln)
        if m and ok(m.group("credit")):
            return m.group("credit"), f"lead credit '{ln[: m.end()].strip()}'"
    for ln in lines[:15]:
        m = re.match(r"^(?:By\s+)?(?P<name>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,2}) (?:News )?(?:Desk|Bureau)$", ln)
        if m and ok(m.group("name")) and m.group("name").lower() not in _GENERIC_DESKS:
            return m.group("name"), f"byline '{ln}'"
    for ln in lines:
        m = re.match(r"^[—–(-]*\s*with (?:additional )?inputs? from\s+(.+?)\)?\.?$", ln, re.I)
        if m:
            for part in re.split(r",|\band\b|/", m.group(1)):
                name = part.strip(" ()")
                if name and re.fullmatch(_CREDIT_NAME, name) and ok(name):
                    return name, f"credit line '{ln}'"
    for ln in lines:
        m = re.match(
            rf"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s+)?(?P<name>(?:The )?{_CREDIT_NAME})", ln, re.I
        )
        if m and ok(m.group("name")):
            return m.group("name").rstrip("."), f"copyright line '{ln[:60]}'"
    for ln in lines:
        m = re.search(rf"(?<=[.!?\"”’])\s*\((?P<credit>{_CREDIT_NAME})\)\s*$", ln)
        if m and ok(m.group("credit")):
            return m.group("credit"), f"photo credit '({m.group('credit')})'"
    return None


# -- dates -----------------------------------------------------------------------------

_MONTHS = {m[:3].lower(): i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}  # fmt: skip
_WEEKDAYS = {w: i for i, w in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
_MONTH_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]  # fmt: skip
_WEEKDAY_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _month(s: str) -> int | None:
    return _MONTHS.get(s.strip(". ").lower()[:3])


def _weekday(s: str) -> int | None:
    return _WEEKDAYS.get(s.strip(". ").lower()[:3])


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _parse_full_date(s: str) -> dt.date | None:
    """Parse a full date (ISO, "Nov. 13, 2024", "13 November 2024", ISO timestamp)."""
    s = s.strip()
    try:
        m = re.match(r"^((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})", s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.search(rf"({MONTH_RE})\s+({DAY_RE}),?\s+((?:19|20)\d\d)", s, re.I)
        if m and _month(m.group(1)):
            return dt.date(int(m.group(3)), _month(m.group(1)) or 0, _day(m.group(2)))
        m = re.search(rf"({DAY_RE})\s+({MONTH_RE}),?\s+((?:19|20)\d\d)", s, re.I)
        if m and _month(m.group(2)):
            return dt.date(int(m.group(3)), _month(m.group(2)) or 0, _day(m.group(1)))
        m = re.match(r"^((?:19|20)\d\d)(\d\d)(\d\d)", s)  # 20241116, PDF style
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


_LABELLED_DATE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<label>date|dated|published(?: on)?|first published(?: on)?|posted(?: on)?|"
    rf"updated(?: on)?|last updated(?: on)?)\s*:?\s*(?:{WEEKDAY_RE},?\s*)?(?P<date>{FULL_DATE_RE})",
    re.IGNORECASE,
)
_TOP_FULL_DATE = re.compile(rf"(?:{WEEKDAY_RE},?\s*)?(?P<date>{FULL_DATE_RE})")


def find_dateline(text: str) -> tuple[str, str] | None:
    """(ISO date, method) from an explicit dateline with a year, or None. Only labelled
    dates ("Published: ...") or a date at the top of the text count: a full date in the
    body is usually about an event, not the publication."""
    head = "\n".join(text.split("\n")[:15])
    found = [m for m in _LABELLED_DATE.finditer(head)]
    # "published"/"date" before "updated": the original publication date is wanted
    found.sort(key=lambda m: "updated" in m.group("label").lower())
    for m in found:
        d = _parse_full_date(m.group("date"))
        if d:
            return d.isoformat(), f"dateline '{m.group(0).strip()}'"
    top = [ln.strip() for ln in text.split("\n") if ln.strip()][:4]
    for ln in top:
        m = _TOP_FULL_DATE.search(ln[:80])
        if not m:
            continue
        # a date-only line, or a date that opens the line ("Nov. 13, 2024 — ...")
        before, after = ln[: m.start()], ln[m.end() :].lstrip()[:1]
        opens_line = bool(re.match(r"^[\w ,.()]*$", before)) and len(before.split()) <= 4
        if is_date_line(ln) or (opens_line and after in ("—", "–", "-", "|", "(", ":", "")):
            d = _parse_full_date(m.group("date"))
            if d:
                return d.isoformat(), f"dateline '{m.group(0).strip()}'"
    return None


_HEADER = re.compile(
    rf"^(?:(?P<wd>{WEEKDAY_RE}|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),?\s+)?"
    rf"(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))\s*$"
)
_WEEKDAY_DATE = re.compile(
    rf"(?P<wd>{WEEKDAY_RE}),?\s*\(?\s*(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))(?!,?\s*(?:19|20)\d\d)\s*\)?"
)
_SPEECH = r"(?:said|says|saying|told|tells|announced|announcing|reported|reporting|stated|confirmed|disclosed|revealed|briefed|unveiled)"
_SPEECH_WEEKDAY = re.compile(
    rf"\b{_SPEECH}\s+(?:on\s+)?(?:late\s+|early\s+)?(?P<wd>{WEEKDAY_RE})(?!\s*\(|,?\s*{MONTH_RE})"
)
_MONTHDAY = re.compile(
    rf"(?<![\w-])(?:(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})|(?P<day2>{DAY_RE})\s+(?P<mon2>{MONTH_RE}))(?![\w-])(?!,?\s*(?:19|20)\d\d)"
)
_ANY_WEEKDAY = re.compile(rf"\b(?P<wd>{WEEKDAY_RE})(?:'s|’s)?\b")


def _md(m: re.Match[str]) -> tuple[int, int] | None:
    mon = _month(m.group("mon") or m.group("mon2") or "")
    day = _day(m.group("day") or m.group("day2") or "0")
    if not mon or not 1 <= day <= 31:
        return None
    return mon, day


def find_date_clue(text: str, title: str | None = None) -> DateClue | None:
    """A year-less or relative publication date: a weekday page header at the top, the
    weekday-and-date officials spoke on, or "said Wednesday" counted back from the dated
    event the article announces. None if there is none."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for ln in lines[:4]:
        ln = re.sub(r"^(?:Subscribe|Advertisement|Advertisment)\s*", "", ln)
        m = _HEADER.match(ln)
        if m and _md(m):
            mon, day = _md(m)  # type: ignore[misc]
            wd = _weekday(m.group("wd") or "")
            return DateClue("header", ln, mon, day, weekday=wd, pub_weekday=wd)

    # "reported on Wednesday (November 13)": the latest such day officials spoke on
    spoken: list[DateClue] = []
    for m in _WEEKDAY_DATE.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        before = re.split(r"[.!?]\s", before)[-1]  # same sentence only
        md = _md(m)
        if md and re.search(rf"\b{_SPEECH}\b", before):
            wd = _weekday(m.group("wd"))
            spoken.append(DateClue("weekday-date", m.group(0).strip(), md[0], md[1], weekday=wd, pub_weekday=wd))
    if spoken:
        return max(spoken, key=lambda c: (c.month, c.day))

    # "officials said Wednesday" + the event "on Saturday" + "Nov. 16" (in the title, say)
    sm = _SPEECH_WEEKDAY.search(text)
    if not sm:
        return None
    pub_wd = _weekday(sm.group("wd"))
    quote = sm.group(0)
    counts: dict[int, int] = {}
    for m in _ANY_WEEKDAY.finditer(text):
        if m.start() == sm.start("wd"):
            continue
        wd = _weekday(m.group("wd"))
        if wd is not None:
            counts[wd] = counts.get(wd, 0) + 1
    event_wds = sorted(counts, key=lambda w: -counts[w])
    mentions: list[tuple[int, int, int, str]] = []  # (priority, month, day, quote)
    seen: dict[tuple[int, int], int] = {}
    for m in _MONTHDAY.finditer(text):
        md = _md(m)
        if md:
            seen[md] = seen.get(md, 0) + 1
    for m in _MONTHDAY.finditer(text):
        md = _md(m)
        if not md or any(x[1:3] == md for x in mentions):
            continue
        in_title = bool(title) and m.group(0) in (title or "")
        mentions.append((0 if in_title else 1, md[0], md[1], m.group(0)))
    mentions.sort(key=lambda x: (x[0], -seen[(x[1], x[2])]))
    if not mentions:
        return None
    # The event: the month/day in the title (else the most repeated), on the weekday the
    # text names most often (other than the day officials spoke).
    _, mon, day, q = mentions[0]
    wd = event_wds[0] if event_wds else None
    return DateClue("relative", quote, mon, day, weekday=wd, pub_weekday=pub_wd, anchor_quote=q)


def _describe_clue(c: DateClue) -> str:
    if c.kind == "header":
        return f"page header '{c.quote}'"
    if c.kind == "weekday-date":
        return f"relative '{c.quote}'"
    if c.kind == "relative":
        wd = f" ({_WEEKDAY_FULL[c.weekday]})" if c.weekday is not None else ""
        return f"relative '{c.quote}', counted back from the event date '{c.anchor_quote}'{wd}"
    return f"date '{c.quote}'"


def _resolve_clue(c: DateClue, refs: list[tuple[dt.date, int]], today: dt.date) -> tuple[dt.date, str] | None:
    """Choose the year for a clue: the weekday must match (if given), the date may not
    be in the future, and it should be the nearest to a reference (or to today)."""
    centres = [r[0] for r in refs] or [today]
    best: tuple[int, dt.date, int | None] | None = None
    for y in range(min(x.year for x in centres) - 15, max(x.year for x in centres) + 2):
        try:
            anchor = dt.date(y, c.month, c.day)
        except ValueError:
            continue
        if c.weekday is not None and anchor.weekday() != c.weekday:
            continue
        pub = anchor
        if c.pub_weekday is not None:  # the last such weekday on or before the anchor
            pub = anchor - dt.timedelta(days=(anchor.weekday() - c.pub_weekday) % 7)
        if pub > today:
            continue
        for i, centre in enumerate(centres):
            dist = abs((pub - centre).days)
            if best is None or dist < best[0]:
                best = (dist, pub, refs[i][1] if refs else None)
    if best is None:
        return None
    _, pub, src = best
    desc = _describe_clue(c)
    if src is not None:
        ref_date = next(r[0] for r in refs if r[1] == src)
        if c.weekday is None:
            return pub, f"{desc}, year taken from {ref_date.isoformat()} (source {src})"
        if c.kind == "header":
            return pub, (
                f"{desc} (year inferred: {pub.year} is the year nearest to {ref_date.isoformat()} "
                f"(source {src}) in which {_MONTH_FULL[c.month - 1]} {c.day} is a {_WEEKDAY_FULL[c.weekday]})"
            )
        return pub, f"{desc} resolved against {ref_date.isoformat()} (source {src})"
    if c.weekday is None:
        return None  # a bare month/day: no year without a reference
    if c.kind == "header":
        return (
            pub,
            f"{desc} (year inferred: {pub.year} is the latest year in which {_MONTH_FULL[c.month - 1]} {c.day} is a {_WEEKDAY_FULL[c.weekday]})",
        )
    return pub, f"{desc} (year inferred from the weekday)"

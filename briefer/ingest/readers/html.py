"""Web pages (.html): the main text via trafilatura; title, site and date from meta tags."""

from __future__ import annotations

import re

from briefer.errors import InputError
from briefer.ingest.dates import parse_full_date
from briefer.ingest.document import Extracted
from briefer.ingest.registry import Reader

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publication_date", "dc.date.issued", "dc.date",
    "dcterms.created", "date", "sailthru.date", "parsely-pub-date", "article.published",
)  # fmt: skip


def read_html(data: bytes, path: str) -> Extracted:
    """Main text by trafilatura (its own fallback: the page's paragraphs); metadata
    from <meta> tags and JSON-LD first, then what trafilatura/htmldate found."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    title, outlet, date, date_method = _html_meta(data)
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
        title = title or (doc.title or None)
        outlet = outlet or (doc.sitename or None)
        if not date and doc.date:
            d = parse_full_date(doc.date)
            if d:
                date, date_method = d.isoformat(), "metadata (page date found by htmldate)"
    if not text.strip():
        text = _html_fallback_text(data)
    if not text.strip() and not data.lstrip()[:1] == b"<":
        raise InputError(path, "not an HTML document")
    return Extracted(text=text, title=title, outlet=outlet, date=date, date_method=date_method)


def _html_meta(data: bytes) -> tuple[str | None, str | None, str | None, str | None]:
    """(title, site name, ISO date, how the date was found) from <meta> tags and JSON-LD."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(data)
    except Exception:
        return None, None, None, None
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
    date = date_method = None
    for key in (*_META_DATE_KEYS, "time pubdate"):
        if key in found:
            d = parse_full_date(found[key])
            if d:
                label = "JSON-LD datePublished" if key == "datepublished" else key
                date, date_method = d.isoformat(), f"metadata ({label})"
                break
    title = found.get("og:title") or found.get("twitter:title") or None
    outlet = found.get("og:site_name") or found.get("application-name") or None
    return title, outlet, date, date_method


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


_HTML_HEAD = re.compile(rb"(?is)(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b")


READER = Reader(
    kind="html",
    label="Web pages",
    suffixes=(".html", ".htm", ".xhtml"),
    read=read_html,
    sniff=lambda head: bool(_HTML_HEAD.match(head.lstrip())),
    priority=30,
)

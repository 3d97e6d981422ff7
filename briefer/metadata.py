"""Who published an article, read from its own text when the page's metadata did not say.

Wire-service datelines ("SEOUL (Reuters) -", "PARIS (AP) —", "(MENAFN) On Sunday"), and
copyright lines ("© 2024 The Irish Times"). Only patterns that name a publisher by their
form, never a list of outlets. Meant to move into the ingest package (`briefer/ingest/`)
once that lands; until then the pipeline asks it when ingest found no outlet.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][A-Za-z&.'-]{1,20}(?: [A-Z][A-Za-z&.'-]{1,20}){0,3}"
# "SEOUL (Reuters) -", "VLADIVOSTOK, Russia (Reuters) –", "CANBERRA, Australia (AP) —"
_DATELINE = re.compile(
    rf"(?m)^\s*[A-Z][A-Z .'-]{{2,30}}(?:, [A-Z][A-Za-z .'-]{{2,30}})?\s*\((?P<name>{_NAME})\)\s*[-–—:]"
)
# "(MENAFN) On Sunday, …" or "(Yonhap) —" opening a paragraph.
_LEADING = re.compile(rf"(?m)^\s*\((?P<name>{_NAME})\)\s*(?:[-–—:]\s*)?[A-Z]")
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s*)?(?P<name>{_NAME})", re.I)
_NOT_OUTLET = re.compile(r"^(?:Photo|File|Reuters/|AFP/|Getty|Image|Video|Updated|All)\b", re.I)


def outlet_from_text(text: str) -> str | None:
    """The publisher the article's own text names, or None."""
    head = text[:3000]
    for pattern in (_DATELINE, _LEADING, _COPYRIGHT):
        m = pattern.search(head if pattern is not _COPYRIGHT else text)
        if m and not _NOT_OUTLET.match(m.group("name")):
            return m.group("name").strip()
    return None

"""Plain text (.txt), and the reader of last resort for content nothing else recognises."""

from __future__ import annotations

from briefer.errors import InputError
from briefer.ingest.decode import decode_text
from briefer.ingest.document import Extracted
from briefer.ingest.registry import Reader


def read_text(data: bytes, path: str) -> Extracted:
    """Decode the bytes; RTF is refused with advice."""
    text, notes = decode_text(path, data)
    if text.lstrip().startswith("{\\rtf"):
        raise InputError(path, "RTF is not supported; save it as .docx or .txt")
    return Extracted(text=text, notes=notes)


READER = Reader(
    kind="txt",
    label="Plain text",
    suffixes=(".txt", ".text"),
    read=read_text,
    sniff=lambda head: True,
    priority=100,
)

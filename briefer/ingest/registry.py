"""The registry of input readers: which suffixes each reads, how it recognises its
content, and the function that reads it.

A reader is one module in `briefer/ingest/readers/` that defines ``READER = Reader(...)``;
the package finds every such module, so adding an input format is a one-file addition.
The CLI's folder expansion, the GUI's file dialog and ingest all ask this registry.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from briefer.ingest.document import Extracted


@dataclass(frozen=True)
class Reader:
    """How to read one input format.

    `read(data, path)` gets the file's bytes (already size-checked) and its display
    path, and returns the text and metadata, or raises `InputError(path, reason)` with a
    one-line reason. `sniff(head)` says whether the first bytes (up to 1 KB) of a file of
    unknown suffix are this format (None: recognised by suffix only). Readers are tried
    for sniffing in `priority` order; the plain-text reader, which takes anything, is last.
    """

    kind: str  # short name, recorded on the document ("pdf")
    label: str  # for people and file dialogs ("PDF documents")
    suffixes: tuple[str, ...]  # lower case, with the dot (".pdf")
    read: Callable[[bytes, str], Extracted]
    sniff: Callable[[bytes], bool] | None = None
    priority: int = 50


@cache
def all_readers() -> tuple[Reader, ...]:
    """Every registered reader, in sniffing order."""
    package = importlib.import_module("briefer.ingest.readers")
    found: list[Reader] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        reader = getattr(module, "READER", None)
        if isinstance(reader, Reader):
            found.append(reader)
    kinds = [r.kind for r in found]
    suffixes = [s for r in found for s in r.suffixes]
    if len(set(kinds)) != len(kinds) or len(set(suffixes)) != len(suffixes):
        raise RuntimeError(f"input readers overlap: kinds {kinds}, suffixes {suffixes}")
    return tuple(sorted(found, key=lambda r: (r.priority, r.kind)))


def supported_suffixes() -> tuple[str, ...]:
    """Every suffix Briefer reads (".docx", ".htm", …), sorted: the one list."""
    return tuple(sorted(s for r in all_readers() for s in r.suffixes))


def reader_for(suffix: str, head: bytes) -> Reader:
    """The reader for a file: by its suffix if known, else by sniffing its first bytes."""
    suffix = suffix.lower()
    for r in all_readers():
        if suffix in r.suffixes:
            return r
    for r in all_readers():
        if r.sniff is not None and r.sniff(head):
            return r
    raise LookupError("no reader accepts this content")  # the text reader accepts anything


def file_dialog_filter() -> str:
    """A Qt file-dialog filter listing the supported suffixes."""
    patterns = " ".join(f"*{s}" for s in supported_suffixes())
    return f"Articles ({patterns});;All files (*)"

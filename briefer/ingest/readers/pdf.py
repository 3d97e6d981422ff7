"""PDF documents (.pdf): the text layer, page by page; title and creation date from the
document information. Decompressed streams, pages and characters are capped, so a small
PDF cannot unpack to gigabytes or take minutes."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings

from briefer.errors import InputError
from briefer.ingest.document import Extracted
from briefer.ingest.limits import MAX_BYTES, MAX_PDF_PAGES, MAX_PDF_STREAM, MAX_TEXT_CHARS, human_size
from briefer.ingest.registry import Reader

_CORRUPT = "not a valid .pdf file (corrupt or not a PDF)"
ENCRYPTED = "encrypted (password-protected) PDF"
_JUNK_PDF_TITLES = re.compile(r"^(?:untitled|microsoft word - .*|document\d*|.*\.(?:docx?|pdf|html?))$", re.I)


def read_pdf(data: bytes, path: str) -> Extracted:
    """The text layer of every page; pypdf's repair chatter is silenced."""
    # pypdf logs every repair it makes on imperfect files; the user only needs our verdict.
    log = logging.getLogger("pypdf")
    old_level = log.level
    log.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings(), _limits():
            warnings.simplefilter("ignore")
            return _read(path, data)
    finally:
        log.setLevel(old_level)


def _limits() -> contextlib.AbstractContextManager[object]:
    """pypdf's own resource limits, tightened for articles (pypdf ≥ 6 has them per context)."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return contextlib.nullcontext()
    cap = MAX_PDF_STREAM
    return apply(
        maximum_declared_stream_length=MAX_BYTES,  # a stream longer than the file is a lie
        zlib_maximum_output_length=cap,
        lzw_maximum_output_length=cap,
        run_length_maximum_output_length=cap,
        brotli_maximum_output_length=cap,
        jbig2_maximum_output_length=cap,
        array_based_stream_maximum_output_length=cap,
    )


def _read(path: str, data: bytes) -> Extracted:
    if not data.lstrip()[:1024].count(b"%PDF-"):
        raise InputError(path, _CORRUPT)
    import pypdf
    from pypdf.errors import DependencyError, LimitReachedError

    pages: list[str] = []
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # many PDFs only restrict printing: no password to open
            except DependencyError:
                raise InputError(path, f"{ENCRYPTED}; its AES encryption needs the 'cryptography' package") from None
            except Exception:
                ok = 0
            if not ok:
                raise InputError(path, ENCRYPTED)
        n = len(reader.pages)
        if n > MAX_PDF_PAGES:
            raise InputError(path, f"refused: the PDF has {n} pages (the limit is {MAX_PDF_PAGES})")
        chars = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            chars += len(text)
            if chars > MAX_TEXT_CHARS:
                raise InputError(path, f"refused: the PDF's text is over {human_size(MAX_TEXT_CHARS)} (the limit)")
            pages.append(text)
    except InputError:
        raise
    except LimitReachedError:
        raise InputError(
            path, f"refused: a compressed stream in the PDF unpacks to over {human_size(MAX_PDF_STREAM)} (a 'zip bomb'?)"
        ) from None
    except Exception:  # pypdf raises PdfReadError, ValueError, KeyError... on bad files
        if b"/Encrypt" in data:  # a broken encryption dictionary is still encryption
            raise InputError(path, ENCRYPTED) from None
        raise InputError(path, _CORRUPT) from None
    try:
        info = reader.metadata
        title = info.title if info else None
        created = info.creation_date if info else None
    except Exception:  # malformed metadata is not worth failing for
        title = created = None
    weak_date = weak_method = None
    if created and created.year >= 1990:
        weak_date, weak_method = created.date().isoformat(), "document metadata (PDF creation date)"
    return Extracted(
        text="\n\n".join(p.strip() for p in pages if p.strip()),
        title=title.strip() if title and title.strip() and not _JUNK_PDF_TITLES.match(title.strip()) else None,
        weak_date=weak_date,
        weak_method=weak_method,
    )


READER = Reader(
    kind="pdf",
    label="PDF documents",
    suffixes=(".pdf",),
    read=read_pdf,
    sniff=lambda head: head.startswith(b"%PDF-"),
    priority=10,
)

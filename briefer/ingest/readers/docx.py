"""Word documents (.docx): paragraphs and tables; title and creation date from the core
properties. The zip is checked before anything is unpacked, so a "zip bomb" (a small
file that unpacks to gigabytes) is refused at once."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from briefer.errors import InputError
from briefer.ingest.document import Extracted
from briefer.ingest.limits import MAX_UNPACKED_PART, MAX_UNPACKED_TOTAL, MAX_ZIP_ENTRIES, human_size
from briefer.ingest.registry import Reader

_PYDOCX_DEFAULT_CREATED = dt.datetime(2013, 12, 23, 23, 15)  # python-docx's template, not a real date
_CORRUPT = "not a valid .docx file (corrupt or not Word)"


def check_zip(path: str, data: bytes) -> None:
    """Refuse a zip whose parts would unpack to more than the limits allow.

    The sizes come from the zip's directory; `zipfile` never yields more than the
    declared size of a part (it stops there and checks the CRC), so a part that lies
    about its size is refused as corrupt when it is read, not unpacked without end.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(path, _CORRUPT) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError(path, f"refused: the .docx holds {len(infos)} parts (the limit is {MAX_ZIP_ENTRIES})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_UNPACKED_PART:
            raise InputError(
                path,
                f"refused: {info.filename} unpacks to {human_size(info.file_size)} "
                f"(the limit is {human_size(MAX_UNPACKED_PART)}; a compressed 'zip bomb'?)",
            )
    if total > MAX_UNPACKED_TOTAL:
        raise InputError(
            path,
            f"refused: the .docx unpacks to {human_size(total)} "
            f"(the limit is {human_size(MAX_UNPACKED_TOTAL)}; a compressed 'zip bomb'?)",
        )


def read_docx(data: bytes, path: str) -> Extracted:
    """Paragraph and table text (merged cells once), the title and creation date."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "old Word .doc format is not supported; save it as .docx")
    check_zip(path, data)
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
        raise InputError(path, _CORRUPT) from None
    weak_date = weak_method = None
    if created and created.replace(tzinfo=None) != _PYDOCX_DEFAULT_CREATED and created.year >= 1990:
        weak_date, weak_method = created.date().isoformat(), "document metadata (created)"
    return Extracted(
        text="\n\n".join(p.strip() for p in parts if p.strip()),
        title=title.strip() if title and title.strip() else None,
        weak_date=weak_date,
        weak_method=weak_method,
    )


READER = Reader(
    kind="docx",
    label="Word documents",
    suffixes=(".docx",),
    read=read_docx,
    sniff=lambda head: head.startswith(b"PK\x03\x04"),
    priority=20,
)

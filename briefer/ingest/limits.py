"""Size limits for inputs, so that no file, however built, can exhaust memory or time.

A compressed container (DOCX is a zip; PDF streams are deflated) is judged by what it
unpacks to, not only by its size on disk.
"""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024  # a file on disk, or stdin
MAX_TEXT_CHARS = 20 * 1024 * 1024  # text extracted from any document
MAX_UNPACKED_PART = 48 * 1024 * 1024  # one part of a .docx, unpacked (document.xml: 2–3× its text)
MAX_UNPACKED_TOTAL = 96 * 1024 * 1024  # every part of a .docx together, unpacked
MAX_ZIP_ENTRIES = 2000
MAX_PDF_PAGES = 2000
MAX_PDF_STREAM = 32 * 1024 * 1024  # one decompressed PDF stream


def human_size(n: int) -> str:
    """1536 → "1.5 KB", 20971520 → "20 MB"."""
    mb = n / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
    if n >= 1024:
        kb = n / 1024
        return f"{kb:.0f} KB" if kb == int(kb) else f"{kb:.1f} KB"
    return f"{n} bytes"

"""Bytes to text, for files and stdin alike: BOMs, UTF-16/32 with or without a BOM,
UTF-8, then cp1252 / Latin-1, with a repair for UTF-8 that was once read as cp1252."""

from __future__ import annotations

import codecs
import re

from briefer.errors import InputError


def decode_text(path: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """(text, notes) for these bytes; InputError(path, …) for binary data.

    The notes say how the text was read when it was not plain UTF-8 ("decoded as cp1252").
    """
    notes: list[str] = []
    text = _decode(path, data, notes)
    sample = text[:20000]
    if sample:
        ctrl = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0x7F <= ord(c) < 0xA0)
        if ctrl / len(sample) > 0.02:
            raise InputError(path, "binary file, not a text document")
    return text, tuple(notes)


def _decode(path: str, data: bytes, notes: list[str]) -> str:
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
                raise InputError(path, f"not valid {enc.upper()} text") from None
            if enc != "utf-8-sig":
                notes.append(f"decoded as {enc.upper()}")
            return text
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
                return text
            except UnicodeDecodeError:
                pass
        raise InputError(path, "binary file, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            notes.append("decoded as cp1252 (not valid UTF-8)")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            notes.append("decoded as Latin-1 (not valid UTF-8)")
        return text
    return _repair_mojibake(text, notes)


_MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]"
)


def _latin1_passthrough(err: UnicodeError) -> tuple[bytes, int]:
    # Bytes cp1252 leaves undefined (0x81, 0x8D, 0x9D…) come back as the same code point.
    assert isinstance(err, UnicodeEncodeError)
    chunk = err.object[err.start : err.end]
    if any(ord(c) > 0xFF for c in chunk):
        raise err  # a real non-cp1252 character: this is not simple mojibake
    return chunk.encode("latin-1"), err.end


codecs.register_error("briefer-latin1-passthrough", _latin1_passthrough)


def _repair_mojibake(text: str, notes: list[str]) -> str:
    """Undo UTF-8 that was once decoded as cp1252 ("Bidenâ€™s" → "Biden’s")."""
    found = 0
    for _ in _MOJIBAKE.finditer(text):
        found += 1
        if found >= 2:
            break
    if found < 2:
        return text
    try:
        fixed = text.encode("cp1252", errors="briefer-latin1-passthrough").decode("utf-8")
    except UnicodeError:
        return text
    notes.append("repaired mis-encoded characters (UTF-8 read as cp1252)")
    return fixed

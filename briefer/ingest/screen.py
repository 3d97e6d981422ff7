"""Screening of extracted text: characters no document format can carry, and articles in
a language Briefer does not read."""

from __future__ import annotations

import re

from briefer.textutil import words

LANGUAGE_NOT_SUPPORTED = "language not supported (Briefer reads English articles)"

# Characters XML 1.0 forbids (C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF),
# plus DEL and the C1 controls, which no article means: a DOCX export would fail on them.
_BREAKS = re.compile("[\x0b\x0c\x85\u2028]")
_INVALID = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_control_chars(text: str) -> str:
    """`text` without control characters; form feeds and vertical tabs become line breaks."""
    return _INVALID.sub("", _BREAKS.sub("\n", text))


def one_line(text: str | None) -> str | None:
    """A metadata value (title, outlet) as one clean line, or None if nothing is left."""
    if text is None:
        return None
    s = " ".join(strip_control_chars(text).split())
    return s or None


_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# The commonest English function words: about 40 % of the words of any English article,
# a few per cent of a French, Spanish or German one.
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "it", "at", "from", "he", "be", "are", "has", "have", "will", "an", "his", "were", "not", "this", "which", "but", "they", "had", "their", "who", "been", "its", "would", "said"]
)
_SAMPLE = 200_000  # characters looked at: enough to judge, bounded on a 20 MB text


def is_supported_language(text: str) -> bool:
    """False if the text is plainly not English: mostly non-Latin letters (Chinese,
    Arabic, Cyrillic…), or Latin words almost none of which are English function words.
    Short texts get the benefit of the doubt."""
    sample = text[:_SAMPLE]
    letters = len(sample) - len(_LETTER.sub("", sample))
    if letters == 0:
        return True
    latin = len(sample) - len(_LATIN.sub("", sample))
    if latin < 0.5 * letters:
        return False
    tokens = [w.lower() for w in words(sample)]
    if len(tokens) < 40:
        return True
    english = sum(1 for w in tokens if w in _ENGLISH)
    return english >= 0.08 * len(tokens)

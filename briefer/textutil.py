"""Text helpers shared by the analysis, evidence and verification stages."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt",
    "sen", "rep", "gov", "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "a.m", "p.m", "e.g", "i.e", "etc", "approx", "dept", "prof", "adm", "maj",
}
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*%?")

STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "said", "says", "say", "told", "according", "official", "officials", "would", "could", "may", "might", "must", "shall"]
)


_INITIALS = re.compile(r"[a-z](?:\.[a-z]){1,2}")


def split_sentences(text: str) -> list[str]:
    """Split article text into sentences; paragraphs always end a sentence.

    Handles common abbreviations (U.S., Nov., Gen.) and closing quotes so that
    `He said "yes." Then` splits after the quote.
    """
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = " ".join(para.split())
        out += [para[a:b] for a, b in sentence_bounds(para)]
    return out


def sentence_bounds(para: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph (whitespace already normalised to
    single spaces), as `split_sentences` cuts it. Linear in the paragraph's length."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(para):
        end = m.start() + len(m.group(1))
        # Only the last word matters: look at the end of the candidate, never copy it all
        # (a paragraph of initials or abbreviations would make that quadratic).
        last = para[max(start, end - 64) : end].rstrip("\"”’')]").rstrip(".!?")
        last_words = last.split()
        # The abbreviation may end a compound: "the Japan-U.S. alliance".
        last_word = last_words[-1].lower().rsplit("-", 1)[-1] if last_words else ""
        # A single capital initial ("George W. Bush") or a known abbreviation does
        # not end a sentence.
        if last_word.rstrip(".") in _ABBREV or (len(last_word) == 1 and "a" <= last_word <= "z") or (
            _INITIALS.fullmatch(last_word) and last_word not in ("a.m", "p.m")  # "George H.W. Bush"
        ):
            continue
        out.append(_stripped(para, start, end))
        start = m.end()
    if para[start:].strip():
        out.append(_stripped(para, start, len(para)))
    return [(a, b) for a, b in out if b > a]


def _stripped(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a].isspace():
        a += 1
    while b > a and s[b - 1].isspace():
        b -= 1
    return a, b


def words(text: str) -> list[str]:
    """Word tokens (letters, or numbers with their separators and %)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """The number of words in `text`: the one counter for every word count shown."""
    return _WORD.subn("", text)[1]  # counted in C, without a list of every word


def stem(word: str) -> str:
    """A crude, predictable stem: lower case, common English suffixes removed."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")  # "partnership'" closing a quotation, "leaders'" possessive
    for suf in ("ational", "ization", "ations", "ation", "ments", "ment", "ities", "ity",
                "ingly", "ings", "ing", "edly", "ies", "ied", "ers", "er", "ed", "es", "ly", "s"):
        if len(w) - len(suf) >= 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the content words of `text` (stopwords dropped)."""
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 1}


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


# What makes an adjective of a name after a hyphen ("Trump-backed", "Beijing-style"), where a
# lower-case piece of a name does not ("Moon Jae-in", "Kim Jong-un").
NOT_NAME_PIECES = frozenset({
    "based", "led", "backed", "born", "style", "era", "like", "type", "friendly", "brokered", "appointed",
    "allied", "aligned", "made", "owned", "run", "linked", "controlled", "sponsored", "funded", "bound", "wide",
})


# A speaker in the first person ("I", "we", "our"; not "US"): without its attribution, no one.
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|[Ww]e|[Ww]e['’](?:re|ve|ll)|us|[Oo]ur|[Mm]y|[Ll]et['’]s)\b")
# The third-person pronouns that point back to someone named before ("he and Xi will …").
THIRD_PERSON = r"(?:he|she|they|him|her|his|their|them)"

"""Large source sets, generated on the fly from a fixed seed (no third-party text, nothing in git).

Articles read like news about one meeting of two invented leaders: a headline and a lead that
name them, the place and the date, then body sentences of English function words and
invented content words drawn with a Zipf law (a few common words, a long tail of rare ones,
as in real text). Every sentence is unique; some articles share a paraphrased sentence or a
figure with others, as syndicated copy does, so near-duplicates and conflicts exist to find.
"""

from __future__ import annotations

import random
from itertools import accumulate

_ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "gr", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["", "", "n", "r", "l", "s", "m", "nd", "st"]
_FUNCTION = ["the", "of", "and", "to", "in", "a", "on", "with", "for", "that", "by", "as", "from", "at", "its",
             "their", "will", "would", "has", "is", "was", "be"]  # fmt: skip
_PEOPLE = [("President", "Aldo Varnet", "Varnet"), ("Prime Minister", "Bela Quistor", "Quistor")]
_PLACE = "Doriva"
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _vocabulary(n: int, seed: int) -> list[str]:
    r = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < n:
        w = "".join(r.choice(_ONSETS) + r.choice(_VOWELS) for _ in range(r.randint(2, 3))) + r.choice(_CODAS)
        seen.setdefault(w, None)
    return list(seen)


VOCAB = _vocabulary(20000, seed=7)
_CUM = list(accumulate(1.0 / (rank + 1) for rank in range(len(VOCAB))))  # Zipf


class Writer:
    """Deterministic sentences and articles; one instance per generated set."""

    def __init__(self, seed: int = 1) -> None:
        self.r = random.Random(seed)
        self.count = 0

    def body_sentence(self) -> str:
        r = self.r
        n = r.randint(10, 26)
        ws = [r.choice(_FUNCTION) if r.random() < 0.4 else w for w in r.choices(VOCAB, cum_weights=_CUM, k=n)]
        if r.random() < 0.15:
            ws.insert(r.randint(1, len(ws)), str(r.randint(2, 900)))
        self.count += 1
        # A serial word keeps every sentence unique, like a running story does.
        return " ".join(ws).capitalize() + f" {self._serial()}."

    def _serial(self) -> str:
        n, out = self.count, []
        while True:
            n, k = divmod(n, len(_ONSETS))
            out.append(_ONSETS[k] + "o")
            if not n:
                return "".join(out) + "x"

    def lead(self, k: int) -> list[str]:
        """A headline-like lead naming the principals, the place and the day (varied per article)."""
        (t1, n1, s1), (t2, n2, s2) = _PEOPLE
        day = _DAYS[k % 2]
        forms = [
            f"{t1} {n1} will meet {t2} {n2} in {_PLACE} on {day}, officials said.",
            f"{s1} and {s2} are expected to hold talks in {_PLACE} on {day} after months of tension.",
            f"The meeting between {s1} and {s2} in {_PLACE} is set for {day}, according to the ministry.",
        ]
        return [forms[k % 3], forms[(k + 1) % 3]]

    def article(self, k: int, sentences: int, shared: list[str]) -> tuple[str, str]:
        """(title, text) of article `k`: a lead, body paragraphs and, now and then, a shared sentence."""
        r = self.r
        (_, _, s1), (_, _, s2) = _PEOPLE
        title = f"{s1} and {s2} to meet in {_PLACE} (report {k})"
        sents = self.lead(k)
        while len(sents) < sentences:
            if shared and r.random() < 0.08:
                sents.append(r.choice(shared))
            else:
                sents.append(self.body_sentence())
        paras, i = [], 0
        while i < len(sents):
            step = r.randint(1, 4)
            paras.append(" ".join(sents[i : i + step]))
            i += step
        return title, "\n\n".join(paras)


def article_set(n: int, sentences: int = 50, seed: int = 1) -> list[tuple[str, str]]:
    """`n` (title, text) articles of about `sentences` sentences (~7 KB each at 50)."""
    w = Writer(seed)
    shared = [w.body_sentence() for _ in range(max(4, n // 4))]
    return [w.article(k, sentences, shared) for k in range(n)]


def big_article(mb: float, seed: int = 1) -> tuple[str, str]:
    """One article of `mb` MB of unique sentences, in paragraphs."""
    w = Writer(seed)
    target = int(mb * 1024 * 1024)
    parts: list[str] = ["\n\n".join(w.lead(0))]
    size = len(parts[0])
    while size < target:
        para = " ".join(w.body_sentence() for _ in range(w.r.randint(1, 4)))
        parts.append(para)
        size += len(para) + 2
    (_, _, s1), (_, _, s2) = _PEOPLE
    return f"{s1} and {s2} to meet in {_PLACE}", "\n\n".join(parts)[:target]


def sources_of(articles: list[tuple[str, str]], date: str = "2031-03-03"):
    """`Source`s (ids from 1) of (title, text) pairs, as ingest would give for pasted text."""
    from briefer.brief import Source
    from briefer.textutil import word_count

    return [
        Source(id=i, title=title, text=text, date=date, date_method="test", words=word_count(text))
        for i, (title, text) in enumerate(articles, 1)
    ]

"""How much of a source set the costly stages see, so that analysis time stays bounded.

A brief holds a few dozen statements, and news puts what matters first. So the parser (the
event frame) reads the lead of every article plus a bounded sample of its meeting sentences,
and the embedder, duplicate merging, conflicts, placement and evidence work on at most
`SENTENCE_BUDGET` sentences: the first ones of every source, shared out evenly. A usual set
(a handful of articles, a few hundred sentences) fits whole and is analysed exactly as
before; only very large inputs are cut, deterministically (by position, never by hash).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

SENTENCE_BUDGET = 800  # sentences the embedder and the sentence-level stages see, in all
PARSE_BUDGET = 600  # sentences the parser reads for the event frame, titles included
MAX_PARSE_CHARS = 2000  # of one sentence (text without full stops is one "sentence"): the parser sees its start
LEAD_SHARE = 0.75  # of a source's parse quota: its first sentences; the rest samples meeting sentences


def quotas(lengths: Sequence[int], budget: int, floor: int = 0) -> list[int]:
    """Share `budget` among sources of `lengths` items: each gets min(length, q) for the
    largest even share q that fits, the remainder going one by one to the earliest sources
    that still have items. Every source gets at least `floor` (even past the budget)."""
    n = len(lengths)
    if sum(lengths) <= budget:
        return list(lengths)
    # Largest q with sum(min(l, q)) <= budget (binary search on the share).
    lo, hi = 0, max(lengths)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(min(x, mid) for x in lengths) <= budget:
            lo = mid
        else:
            hi = mid - 1
    out = [min(x, lo) for x in lengths]
    left = budget - sum(out)
    for i in range(n):
        if left <= 0:
            break
        if lengths[i] > out[i]:
            out[i] += 1
            left -= 1
    return [max(q, min(floor, x)) for q, x in zip(out, lengths)]


def sample(sentences: Sequence[str], quota: int, wanted: Callable[[str], bool]) -> list[int]:
    """Indices (ascending) of what the parser reads of one source: its lead, then sentences
    `wanted` spread evenly over the rest (then any sentences, if too few match)."""
    if quota >= len(sentences):
        return list(range(len(sentences)))
    lead = max(1, math.ceil(quota * LEAD_SHARE)) if quota else 0
    rest = quota - lead
    chosen = list(range(min(lead, len(sentences))))
    if rest > 0:
        pool = [i for i in range(lead, len(sentences)) if wanted(sentences[i])]
        if len(pool) < rest:
            taken = set(pool)
            pool = sorted(pool + [i for i in range(lead, len(sentences)) if i not in taken][: rest - len(pool)])
        step = len(pool) / rest
        chosen += sorted({pool[int(k * step)] for k in range(rest)})
    return chosen

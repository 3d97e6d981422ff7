"""Near-duplicate candidates without comparing all pairs: MinHash + LSH banding over word sets.

Each set (a sentence's content stems) gets a MinHash signature of `BANDS * ROWS` values; two
sets land in the same bucket of a band when their `ROWS` values there agree, which happens
with probability J**ROWS for Jaccard similarity J. With 48 bands of 4 rows a pair at J = 0.7
is a candidate with probability 0.999998, one at J = 0.6 with 0.9987, one at J = 0.1 with
0.005; candidates are then checked exactly. Within a bucket each member is paired only with
the `PER_BUCKET` members before it (in input order), so however the buckets fall there are at
most n * BANDS * PER_BUCKET candidates: linear in n. A bucket that large holds copies of one
sentence, which chain together through those neighbours.

Everything is deterministic: tokens are hashed with zlib.crc32 and the hash functions come
from blake2b of a fixed label, never from Python's seeded `hash()` or a random generator.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Sequence

import numpy as np

BANDS = 48
ROWS = 4
PER_BUCKET = 8  # a bucket member is compared with at most this many members before it
_CHUNK = 24  # hash functions evaluated at once (bounds the temporary arrays)


def _params(label: str, n: int) -> np.ndarray:
    out = [int.from_bytes(hashlib.blake2b(f"{label}-{k}".encode(), digest_size=8).digest(), "little") for k in range(n)]
    return np.array(out, dtype=np.uint64)


_A = _params("briefer-minhash-a", BANDS * ROWS) | np.uint64(1)  # odd multipliers (multiply-shift hashing)
_B = _params("briefer-minhash-b", BANDS * ROWS)
_MIX = _params("briefer-band-mix", ROWS) | np.uint64(1)


def _never() -> None:
    return None


def signatures(sets: Sequence[set[str]], check: Callable[[], None] = _never) -> np.ndarray:
    """MinHash signatures: a (len(sets), BANDS * ROWS) uint64 array; an empty set's row is all-max."""
    n = len(sets)
    sig = np.full((n, BANDS * ROWS), np.iinfo(np.uint64).max, dtype=np.uint64)
    rows = [i for i, s in enumerate(sets) if s]
    if not rows:
        return sig
    toks = [sorted(sets[i]) for i in rows]
    lengths = np.array([len(t) for t in toks], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    h = np.fromiter((zlib.crc32(t.encode("utf-8")) for ts in toks for t in ts), dtype=np.uint64, count=int(lengths.sum()))
    with np.errstate(over="ignore"):
        for c in range(0, BANDS * ROWS, _CHUNK):
            check()
            a, b = _A[c:c + _CHUNK, None], _B[c:c + _CHUNK, None]
            vals = (a * h[None, :] + b) >> np.uint64(32)
            sig[np.array(rows)[:, None], np.arange(c, min(c + _CHUNK, BANDS * ROWS))[None, :]] = \
                np.minimum.reduceat(vals, starts, axis=1).T
    return sig


def candidate_pairs(sets: Sequence[set[str]], check: Callable[[], None] = _never) -> np.ndarray:
    """Pairs (i, j), i < j, that may have a high Jaccard similarity: a (k, 2) int64 array in
    sorted order, at most len(sets) * BANDS * PER_BUCKET of them. Empty sets pair with nothing."""
    n = len(sets)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    sig = signatures(sets, check)
    nonempty = np.array([bool(s) for s in sets])
    found: list[np.ndarray] = []
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            check()
            part = sig[:, band * ROWS:(band + 1) * ROWS]
            keys = (part * _MIX[None, :]).sum(axis=1, dtype=np.uint64)  # one key per row (collisions only add candidates)
            idx = np.nonzero(nonempty)[0]
            order = idx[np.argsort(keys[idx], kind="stable")]  # by key, then by input order
            sk = keys[order]
            for d in range(1, PER_BUCKET + 1):
                if d >= len(order):
                    break
                same = np.nonzero(sk[d:] == sk[:-d])[0]
                if len(same):
                    found.append(order[same] * n + order[same + d])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


def similar_pairs(emb: np.ndarray, threshold: float, check: Callable[[], None] = _never,
                  block: int = 512) -> np.ndarray:
    """Pairs (i, j), i < j, of unit rows with cosine similarity >= `threshold`, in sorted order.

    A blocked matrix product: memory is `block` rows at a time. Callers pass a bounded number
    of rows (the analysis keeps at most `briefer.budget.SENTENCE_BUDGET` sentences), so this
    is bounded work whatever the input's size.
    """
    n = len(emb)
    out: list[np.ndarray] = []
    for start in range(0, n, block):
        check()
        sims = emb[start:start + block] @ emb.T
        ii, jj = np.nonzero(sims >= threshold)
        ii = ii + start
        keep = jj > ii
        if keep.any():
            out.append(np.stack([ii[keep], jj[keep]], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out).astype(np.int64)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]

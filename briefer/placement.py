"""Which section a sentence belongs in, learned from labelled sentences of real previews.

A multinomial logistic regression over the sentence's embedding (all-MiniLM-L6-v2) and a
few features of the sentence in its set (position in its article, tense, which principal it
names, whether it reads like an ask, an attribution or page furniture). Labels: context,
agenda, us_asks, other_asks, outlook, none. The weights ship as a small numpy file
(`data/placement.npz`, no pickle); `bench/train_placement.py` re-trains them reproducibly
from `bench/devset/` and reports leave-one-cluster-out accuracy.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from briefer.analyse import Analysis, SentenceRec

DEFAULT_PATH = Path(__file__).parent / "data" / "placement.npz"
LABELS = ("context", "agenda", "us_asks", "other_asks", "outlook", "none")

_FUTURE = re.compile(r"\b(will|would|expected|expects?|plans?|set to|to meet|scheduled|likely|upcoming|next)\b", re.I)
_PAST = re.compile(r"\b(last met|previous|previously|ago|earlier|took place|had met|first met|since)\b|\bmet\b", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_ASK = re.compile(
    r"\b(urge[sd]?|press(?:es|ed)?|push(?:es|ed)?|warn(?:s|ed)?|call(?:s|ed)? (?:on|for)|demand\w*|insist\w*|"
    r"seek\w*|ask\w*|raise[sd]?|want\w*|hope[sd]? to|aim\w* to|propos\w*|offer\w*|concession\w*|tariff\w*)\b",
    re.I,
)
_AGENDA = re.compile(r"\b(discuss\w*|agenda|topics?|issues?|including|focus\w*|address\w*|talk about)\b", re.I)
_OUTLOOK = re.compile(
    r"\b(agree\w*|deal|sign\w*|breakthrough|outcome\w*|result\w*|hope\w*|optimis\w*|pessimis\w*|risk\w*|"
    r"expect\w* to (?:produce|yield|lead)|could|may|might|analysts?|experts?|unlikely|likely)\b",
    re.I,
)
_ATTRIB = re.compile(r"\b(said|says|told|according to|stated|added)\b", re.I)
_CLUTTER = re.compile(r"\||©|Photo|Getty|Subscribe|Read more|Click|http|www\.|•|Advertis|newsletter|Follow", re.I)

FEATURES = (
    "first", "position", "future", "past", "old_year", "principals", "party_principal", "other_principal",
    "party_present", "party_word", "ask", "agenda_word", "outlook_word", "quote", "attribution", "number",
    "length", "capitals", "clutter", "place",
)


@dataclass
class SectionClassifier:
    """Softmax over `labels` of standardised features: p = softmax(((x - mean) / scale) @ W + b)."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    mean: np.ndarray  # (features,)
    scale: np.ndarray  # (features,)
    party_aliases: tuple[str, ...]  # how sources name the side "us_asks" is about

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, analysis: Analysis, cands: list[SentenceRec]) -> np.ndarray:
        """Probabilities (sentences × labels) for the candidate sentences of an analysis."""
        if not cands:
            return np.zeros((0, len(self.labels)))
        return self.probabilities(features(analysis, cands, self.party_aliases))

    def save(self, path: Path) -> None:
        np.savez(
            path,
            labels=np.array(self.labels),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            party_aliases=np.array(self.party_aliases),
            features=np.array(FEATURES),
        )

    @classmethod
    def load(cls, path: Path) -> SectionClassifier:
        with np.load(path, allow_pickle=False) as d:
            if tuple(str(f) for f in d["features"]) != FEATURES:
                raise ValueError(f"{path}: trained with other features; re-train with bench/train_placement.py")
            return cls(
                labels=tuple(str(x) for x in d["labels"]),
                weights=d["weights"].astype(np.float64),
                bias=d["bias"].astype(np.float64),
                mean=d["mean"].astype(np.float64),
                scale=d["scale"].astype(np.float64),
                party_aliases=tuple(str(x) for x in d["party_aliases"]),
            )


@lru_cache(maxsize=1)
def load_default() -> SectionClassifier | None:
    """The shipped classifier, or None if the file is missing."""
    return SectionClassifier.load(DEFAULT_PATH) if DEFAULT_PATH.exists() else None


def _mentions(text: str, tokens: set[str]) -> bool:
    return any(re.search(rf"\b{re.escape(t)}\b", text) for t in tokens)


def features(analysis: Analysis, cands: list[SentenceRec], party_aliases: tuple[str, ...]) -> np.ndarray:
    """The embedding of each sentence followed by the `FEATURES` of it in its set."""
    frame = analysis.frame
    people = frame.people if frame is not None else []

    from briefer.sections.evidence import party_members

    members = set(party_members(analysis, party_aliases[-1], party_aliases[:-1])) if party_aliases else set()

    def is_party(p) -> bool:
        return p.name in members

    party_tokens = {t for p in people if is_party(p) for t in {p.short, *p.name.split()} if len(t) > 1}
    other_tokens = {t for p in people if not is_party(p) for t in {p.short, *p.name.split()} if len(t) > 1}
    all_tokens = party_tokens | other_tokens
    party_present = 1.0 if party_tokens else 0.0
    alias_re = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in party_aliases) + r")(?![\w])") if party_aliases else None
    place_tokens = set(frame.place_parts) if frame is not None else set()
    ref = analysis.reference_date
    event_year = ref.year if ref else 9999
    last_index: dict[int, int] = {}
    for r in analysis.sentences:
        last_index[r.source_id] = max(last_index.get(r.source_id, 0), r.index)
    rows = []
    for c in cands:
        t = c.text
        ws = re.findall(r"[A-Za-z][\w'’-]*", t)
        caps = sum(w[0].isupper() for w in ws[1:]) / max(1, len(ws) - 1)
        n_principals = sum(1 for p in people if _mentions(t, {tok for tok in {p.short, *p.name.split()} if len(tok) > 1}))
        rows.append([
            1.0 if c.index == 0 else 0.0,
            c.index / max(1, last_index.get(c.source_id, 1)),
            1.0 if _FUTURE.search(t) else 0.0,
            1.0 if _PAST.search(t) else 0.0,
            1.0 if any(int(y) < event_year for y in _YEAR.findall(t)) else 0.0,
            n_principals / 2.0 if all_tokens else 0.0,
            1.0 if party_tokens and _mentions(t, party_tokens) else 0.0,
            1.0 if other_tokens and _mentions(t, other_tokens) else 0.0,
            party_present,
            1.0 if alias_re is not None and alias_re.search(t) else 0.0,
            1.0 if _ASK.search(t) else 0.0,
            1.0 if _AGENDA.search(t) else 0.0,
            1.0 if _OUTLOOK.search(t) else 0.0,
            1.0 if re.search(r"[\"“”]", t) else 0.0,
            1.0 if _ATTRIB.search(t) else 0.0,
            1.0 if re.search(r"\d", t) else 0.0,
            math.log(1 + len(ws)) / 4.0,
            caps,
            1.0 if _CLUTTER.search(t) else 0.0,
            1.0 if place_tokens and _mentions(t, place_tokens) else 0.0,
        ])
    hand = np.asarray(rows, dtype=np.float64)
    if analysis.embeddings is not None:
        emb = np.asarray(analysis.embeddings[[c.id for c in cands]], dtype=np.float64)
    else:
        emb = np.zeros((len(cands), 384))
    return np.hstack([emb, hand])


def train(x: np.ndarray, y: np.ndarray, *, labels: tuple[str, ...] = LABELS, l2: float = 1.0,
          party_aliases: tuple[str, ...] = ()) -> SectionClassifier:
    """Fit the softmax regression by L-BFGS (deterministic: zero start, float64).

    Classes are weighted by the inverse square root of their frequency, so the rare asks
    are not drowned by context sentences.
    """
    from scipy.optimize import minimize

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xs = (x - mean) / scale
    n, d = xs.shape
    k = len(labels)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    counts = np.maximum(onehot.sum(axis=0), 1.0)
    w_class = (n / (k * counts)) ** 0.5
    sample_w = w_class[y]
    sample_w /= sample_w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: d * k].reshape(d, k)
        b = theta[d * k:]
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        value = -(sample_w * (onehot * logp).sum(axis=1)).sum() + 0.5 * l2 / n * (w * w).sum()
        g = (p - onehot) * sample_w[:, None]
        gw = xs.T @ g + l2 / n * w
        gb = g.sum(axis=0)
        return float(value), np.concatenate([gw.ravel(), gb])

    res = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = res.x[: d * k].reshape(d, k)
    b = res.x[d * k:]
    return SectionClassifier(tuple(labels), w, b, mean, scale, tuple(party_aliases))

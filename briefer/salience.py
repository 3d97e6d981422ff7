"""How likely a sentence carries what a desk officer wants in a brief, learned from data.

The dev set's notes list, per meeting, the key facts a brief should carry; a sentence that
states one (it or a near-duplicate of it in another source, on its own) is a positive
example, every other sentence of a good source a negative one. The model is the section classifier's: a logistic regression
over the same features (`briefer.placement.features`), with two labels. Selection adds its
probability to a sentence's section scores, so among sentences that fit a section the
ones like those analysts wanted rank first. The weights ship as `data/salience.npz`;
`bench/train_placement.py` trains them with the section classifier and reports their
leave-one-cluster-out figures.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefer.placement import SectionClassifier

if TYPE_CHECKING:
    from briefer.analyse import Analysis, SentenceRec

DEFAULT_PATH = Path(__file__).parent / "data" / "salience.npz"
LABELS = ("other", "key")


def key_probability(model: SectionClassifier, analysis: Analysis, cands: list[SentenceRec]) -> np.ndarray:
    """P(key) for each candidate sentence."""
    if not cands:
        return np.zeros(0)
    return model.predict(analysis, cands)[:, model.labels.index("key")]


@lru_cache(maxsize=1)
def load_default() -> SectionClassifier | None:
    """The shipped salience model, or None if the file is missing."""
    return SectionClassifier.load(DEFAULT_PATH) if DEFAULT_PATH.exists() else None

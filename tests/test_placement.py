"""The section classifier: a small, plain-numpy model trained reproducibly."""

from __future__ import annotations

import numpy as np

from briefer.placement import DEFAULT_PATH, FEATURES, LABELS, load_default, train


def test_the_shipped_classifier_loads_without_pickle_and_gives_probabilities():
    model = load_default()
    assert model is not None and DEFAULT_PATH.stat().st_size < 100_000
    assert model.labels == LABELS
    assert model.weights.shape == (384 + len(FEATURES), len(LABELS))
    assert "United States" in model.party_aliases
    p = model.probabilities(np.zeros((3, model.weights.shape[0])))
    assert p.shape == (3, len(LABELS))
    assert np.allclose(p.sum(axis=1), 1.0)


def _toy(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(3), 40)
    x = rng.normal(size=(120, 5))
    x[np.arange(120), y] += 3.0  # class k lives along feature k
    return x, y


def test_training_is_deterministic_and_learns_a_separable_problem(tmp_path):
    x, y = _toy(0)
    a = train(x, y, labels=("a", "b", "c"), l2=1.0)
    b = train(x, y, labels=("a", "b", "c"), l2=1.0)
    assert np.array_equal(a.weights, b.weights)
    xt, yt = _toy(1)
    assert (a.probabilities(xt).argmax(axis=1) == yt).mean() > 0.9
    a.save(tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as d:
        assert set(d.files) >= {"weights", "bias", "labels", "features"}

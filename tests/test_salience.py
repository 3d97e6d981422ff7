"""The salience model: which sentences carry what analysts want in a brief, learned from the
dev set's key facts and shipped as plain numpy weights."""

from __future__ import annotations

import numpy as np

from briefer.analyse import analyse
from briefer.brief import Source
from briefer.evidence import SALIENCE_WEIGHT, evidence_specs, score_sentences
from briefer.placement import FEATURES
from briefer.placement import load_default as load_placement
from briefer.salience import DEFAULT_PATH, LABELS, key_probability, load_default
from briefer.template import load_template

# A made-up meeting: news of it, and the page furniture a pasted article carries.
NEWS = ("President Alma Reyes of Veloria and Prime Minister Ken Tamura of Ostria will meet in Port Aldo on "
        "Friday, officials said.\n\n"
        "The leaders are expected to discuss the river water treaty, fishing quotas and a stalled rail link.\n\n"
        "Reyes will press Tamura to restore the joint patrols on the river, an aide said.\n\n"
        "Analysts said neither side expects a new treaty to be signed at the talks.")
CHATTER = ("Sign up for our morning newsletter to get the best stories in your inbox.\n\n"
           "Click here to read more articles from our opinion section this week.")


def _analysis(embedder):
    body = NEWS + "\n\n" + CHATTER
    return analyse([Source(id=1, title="Reyes and Tamura to meet", text=body, date="2031-03-03",
                           words=len(body.split()))], embedder, None)


def test_the_shipped_salience_model_loads_without_pickle_and_has_two_labels():
    model = load_default()
    assert model is not None and DEFAULT_PATH.stat().st_size < 100_000
    assert model.labels == LABELS == ("other", "key")
    assert model.weights.shape == (384 + len(FEATURES), 2)
    p = model.probabilities(np.zeros((2, model.weights.shape[0])))
    assert np.allclose(p.sum(axis=1), 1.0)


def test_news_of_the_meeting_is_more_salient_than_page_chatter(embedder):
    analysis = _analysis(embedder)
    cands = list(analysis.sentences)
    p = key_probability(load_default(), analysis, cands)
    news = [float(p[i]) for i, c in enumerate(cands) if c.text.split()[0] in ("President", "The", "Reyes")]
    chatter = [float(p[i]) for i, c in enumerate(cands) if c.text.split()[0] in ("Sign", "Click")]
    assert len(news) == 3 and len(chatter) == 2
    assert min(news) > max(chatter)


def test_salience_raises_a_sentence_in_every_section_by_its_weighted_probability(embedder):
    analysis = _analysis(embedder)
    specs = evidence_specs(load_template(), analysis)
    placement, salience = load_placement(), load_default()
    cands, plain = score_sentences(analysis, specs, embedder, placement)
    cands2, ranked = score_sentences(analysis, specs, embedder, placement, salience)
    assert [c.text for c in cands] == [c.text for c in cands2]
    p = key_probability(salience, analysis, cands)
    out = plain == -1.0  # placed nowhere, leaning on a sentence not shown, past for a section ahead
    assert out.any() and not out.all()
    assert np.all(ranked[out] == -1.0)
    assert np.allclose((ranked - plain)[~out], (SALIENCE_WEIGHT * np.broadcast_to(p, plain.shape))[~out])

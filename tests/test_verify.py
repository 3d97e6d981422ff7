"""Every generated statement is checked against the sentences it cites."""

from __future__ import annotations

from briefer.verify import verify_statement

EV = [
    "President Joe Biden is expected to use his final meeting with China's leader, Xi Jinping, "
    "to urge him to dissuade North Korea from further deepening its support for Russia's war on Ukraine."
]
NAMES = {"U.S. President Joe Biden", "Chinese President Xi Jinping", "Lima, Peru"}


def test_faithful_paraphrase_is_supported():
    v = verify_statement(
        "Biden is expected to urge Xi to dissuade North Korea from deepening its support for Russia's war.",
        EV,
        allowed_names=NAMES,
    )
    assert v.supported, v.reasons


def test_outcome_no_source_states_is_rejected():
    v = verify_statement("Biden and Xi agreed to curb North Korea's support for Russia.", EV, allowed_names=NAMES)
    assert not v.supported
    assert any("outcome" in r for r in v.reasons)


def test_expectation_turned_into_fact_is_rejected():
    v = verify_statement("Biden urged Xi to dissuade North Korea from supporting Russia's war.", EV, allowed_names=NAMES)
    assert not v.supported
    assert any("only expects" in r for r in v.reasons)


def test_invented_number_and_name_are_rejected():
    v = verify_statement("Biden will urge Xi in Rio to stop 3,000 North Korean troops.", EV, allowed_names=NAMES)
    assert not v.supported
    assert any("3000" in r for r in v.reasons)
    assert any("rio" in r for r in v.reasons)


def test_added_negation_is_rejected():
    v = verify_statement("Biden will not urge Xi to dissuade North Korea.", EV, allowed_names=NAMES)
    assert not v.supported


def test_model_chatter_is_rejected():
    v = verify_statement("Here is the bullet point you asked for about Biden and Xi.", EV, allowed_names=NAMES)
    assert not v.supported

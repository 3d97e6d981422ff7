"""Turn each evidence sentence into a short bullet made only of its own words.

Every bullet is the cited sentence with words deleted (`briefer.compress`): attributions,
datelines and asides always go; clauses and modifiers go until the bullet is short; a
negation, modal, number, date or name never goes while its clause stays. What is deleted is
chosen either by rules on a parse (always available, also for `--extractive`) or by the local
model under a llama.cpp grammar that only allows those deletions, so it cannot add, replace
or reorder a word. The verifier (`briefer.verify`) is the gate either way.

Sentences that address a model or a reader (injection attempts, page furniture) never
become bullets and are never sent to the model.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from briefer.brief import STATUS_FALLBACK, STATUS_FLAGGED, STATUS_VERIFIED, Statement
from briefer.compress import (
    MAX_WORDS,
    TARGET_WORDS,
    base_text,
    compress,
    first_sentence,
    from_model,
    grammar,
    looks_like_instruction,
    plan,
)
from briefer.evidence import Evidence
from briefer.prompts import shorten_prompt
from briefer.textutil import content_stems, words
from briefer.verify import COVERAGE_FLAG, as_deletion, drop_anonymous_aside, trim_sentence, verify_statement

if TYPE_CHECKING:
    from briefer.ports import Generator

# Measured with bench/bullets.py (see models/README.md): under the grammar the 1.5B model
# keeps almost every optional phrase, so its bullets are longer than the rules' and hold no
# more key facts, at many seconds a bullet. So the apps do not load it unless asked: this is
# the default of that choice (CLI `--use-model`, GUI Settings), BRIEFER_MODEL_SHORTENS=1 turns
# it on. A caller that passes a generator to the pipeline gets it used.
MODEL_SHORTENS = os.environ.get("BRIEFER_MODEL_SHORTENS", "") == "1"

_LEAD_JUNK = re.compile(r"^\s*(?:[-*•·]+|\d+[.)]|bullet:?|answer:?|summary:?)\s*", re.I)
# An anonymous attribution left at the end ("…, a senior official said."): never a bullet's end.
# Also after a closing quote, and before an ", adding that …" that tells another claim.
_DANGLING_ATTRIBUTION = re.compile(
    r",[\"”’]?\s*(?:the|a|an|one|two|three|several|some)\s+[^,]{0,40}?\b(?:officials?|sources?|spokes\w+|diplomats?|"
    r"aides?|analysts?|statement)\s+(?:said|says|told|added)\b(?:[^,]{0,40}[.!?][\"”]?$|,\s+adding\b)",
    re.I,
)


# A bullet that opens on something said before it: "These discussions are…", "They will…".
_OPENS_ON_REFERENCE = re.compile(r"^[\"“‘']?(?:this|these|those|such|he|she|they)\b", re.I)


def tidy(text: str) -> str:
    """Clean one generated bullet: first line, no list markers or wrapping quotes."""
    text = text.strip()
    for line in text.splitlines():
        if line.strip():
            text = line.strip()
            break
    text = _LEAD_JUNK.sub("", text).strip()
    if len(text) > 2 and text[0] in "\"“'" and text[-1] in "\"”'" and text.count(text[0]) <= 2:
        text = text[1:-1].strip()
    if text and text[-1] not in ".!?\"”":
        text += "."
    if text:
        text = text[0].upper() + text[1:]
    return text


def generate_statements(
    generator: Generator,
    evidence: list[Evidence],
    *,
    max_new_tokens: int = 48,
    on_token: Callable[[int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    use_model: bool | None = None,
) -> list[str | None]:
    """The model's choice of deletions per evidence item; None where the rules decide.

    With `use_model` false nothing is generated (default: true, a generator was given). Only
    sentences still longer than `TARGET_WORDS` after their forced deletions go to the model,
    in one request, each with a grammar of its allowed deletions; deltas stream through
    ``on_token(evidence index, text)``. On cancel, items not finished are None. `EngineError`
    from the generator propagates.
    """
    out: list[str | None] = [None] * len(evidence)
    if use_model is False:
        return out
    todo, prompts, plans = [], [], []
    for i, ev in enumerate(evidence):
        text = ev.sentence.text
        if looks_like_instruction(text):
            continue
        p = plan(text)
        if p is None or not p.optional:
            continue
        base = base_text(p)
        if len(words(base)) <= TARGET_WORDS:
            continue
        # Enough tokens to copy the whole sentence: a cut-off answer is discarded.
        budget = max(max_new_tokens, len(base) // 3 + 16)
        todo.append(i)
        plans.append(p)
        prompts.append(shorten_prompt(generator.template, base, max_words=TARGET_WORDS, max_new_tokens=budget,
                                      grammar=grammar(p)))
    if not prompts:
        return out

    def relay(k: int, delta: str) -> None:
        if on_token:
            on_token(todo[k], delta)

    raw = generator.generate(prompts, on_token=relay, cancel=cancel)
    for i, p, text in zip(todo, plans, raw):
        out[i] = from_model(p, text) if text else None
    return out


def statement_for(ev: Evidence, generated: str | None = None, allowed: set[str] | frozenset[str] = frozenset()
                  ) -> Statement | None:
    """The bullet for one evidence item, verified against its sentences; None if the sentence
    must not be pasted at all (it addresses a model or a reader).

    In order: the model's deletion (if any and supported), the rules' deletion (if
    supported), the sentence without its attribution and asides (`trim_sentence`).
    """
    rec = ev.sentence
    evidence = [(rec.source_id, rec.text), *rec.also_in]
    if any(looks_like_instruction(t) for _, t in evidence):
        return None
    citations = rec.source_ids
    texts = [t for _, t in evidence]
    rejected: list[str] = []
    if generated and len(words(generated)) > MAX_WORDS:
        # The model kept too much: the rules' deletion, if shorter, is the bullet.
        rule = _rule_bullet(first_sentence(rec.text))
        if rule and len(words(rule)) < len(words(generated)):
            generated = None
    if generated:
        verdict = verify_statement(generated, texts, allowed_names=set(allowed))
        if verdict.supported:
            quote = as_deletion(generated, texts) is not None
            note = "shortened by the model, by deleting words" if quote else ""
            if verdict.flag:
                note = "; ".join(x for x in (note, verdict.reason) if x)
            return Statement(generated, citations, evidence, STATUS_FLAGGED if verdict.flag else STATUS_VERIFIED,
                             note=note, quote=quote)
        rejected.append(f"model wrote “{generated}”, not supported ({verdict.reason})")
    sentence = first_sentence(rec.text)
    short = _rule_bullet(sentence)
    if short is not None and short != rec.text:
        verdict = verify_statement(short, texts, allowed_names=set(allowed))
        if verdict.supported:
            note = "shortened by deleting words"
            status = STATUS_FLAGGED if verdict.flag else STATUS_VERIFIED
            if rejected:  # the model's text was not used: say so, as for a source sentence
                note, status = f"{rejected[0]}; the source's words, {note}, used instead", STATUS_FALLBACK
            if verdict.flag:
                note = f"{note}; {verdict.reason}"
            return Statement(short, citations, evidence, status, note=note, quote=True)
        rejected.append(f"shortened “{short}”, not supported ({verdict.reason})")
    status = STATUS_FALLBACK if generated else STATUS_VERIFIED
    note = "; ".join(rejected) + "; source sentence used instead" if rejected else "source sentence"
    return Statement(trim_sentence(sentence), citations, evidence, status, note=note, quote=True)


def _rule_bullet(sentence: str) -> str | None:
    """The rules' deletion of `sentence`, with no anonymous attribution left at its end.

    A deletion that keeps too little of the sentence to say what it said ("The two leaders
    will announce plans.") is no bullet: the sentence without its attribution and asides
    is, if that is short enough.
    """
    text = drop_anonymous_aside(compress(sentence).text)
    if _DANGLING_ATTRIBUTION.search(text):
        text = trim_sentence(text)
    if _OPENS_ON_REFERENCE.match(text) and not _OPENS_ON_REFERENCE.match(sentence):
        # The deletion took what "these discussions" refer to: only the whole sentence says it
        # (and if that is too long for a bullet, the selection leaves it).
        return trim_sentence(sentence)
    full = content_stems(sentence)
    if text and full and len(content_stems(text) & full) / len(full) < COVERAGE_FLAG:
        whole = trim_sentence(sentence)
        if len(words(whole)) <= MAX_WORDS:
            return whole
    return text or None


@lru_cache(maxsize=4096)  # selection asks for a sentence's bullet for its length and again for whose ask it is
def bullet_text(sentence: str) -> str:
    """The bullet the rules cut from `sentence` (what `statement_for` makes of it without the
    model): selection spends a section's word budget on bullets, not on sentences."""
    first = first_sentence(sentence)
    short = _rule_bullet(first)
    # As there, a deletion the verifier rejects gives way to the whole sentence.
    if short and short != sentence and verify_statement(short, [sentence]).supported:
        return short
    return trim_sentence(first)


def needs_model(sentence: str) -> bool:
    """True if the sentence is long enough for the model to have something to delete."""
    p = plan(sentence)
    return p is not None and bool(p.optional) and len(words(base_text(p))) > TARGET_WORDS

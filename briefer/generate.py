"""Write each section's statements from its evidence with the local model.

The model gets one evidence sentence per statement and shortens it into one bullet. One
statement per evidence item keeps every bullet tied to the sentences it can be checked
against, which is what makes verification possible with a small CPU model. The article
text goes in as delimited data, never as instructions (`briefer.prompts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefer.evidence import Evidence
from briefer.prompts import shorten_prompt

if TYPE_CHECKING:
    from briefer.ports import Generator

# Sentences this short are already bullet-sized; the model would only paraphrase them.
SHORT_ENOUGH = 24

_LEAD_JUNK = re.compile(r"^\s*(?:[-*•·]+|\d+[.)]|bullet:?|answer:?|summary:?)\s*", re.I)


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
) -> list[str | None]:
    """One bullet per evidence item; None where the source sentence is used as it is.

    Only sentences longer than `SHORT_ENOUGH` words go to the model (in one request);
    deltas stream through ``on_token(evidence index, text)``. On cancel, items not
    finished are None. `EngineError` from the generator propagates.
    """
    todo = [i for i, ev in enumerate(evidence) if needs_model(ev.sentence.text)]
    out: list[str | None] = [None] * len(evidence)
    if not todo:
        return out
    prompts = [shorten_prompt(generator.template, evidence[i].sentence.text, max_new_tokens=max_new_tokens)
               for i in todo]

    def relay(k: int, delta: str) -> None:
        if on_token:
            on_token(todo[k], delta)

    raw = generator.generate(prompts, on_token=relay, cancel=cancel)
    for i, text in zip(todo, raw):
        out[i] = tidy(text) if text else None
    return out


def needs_model(sentence: str) -> bool:
    """True if the sentence is too long, or too quote-shaped, to stand as a bullet."""
    n = len(sentence.split())
    return n > SHORT_ENOUGH or sentence.lstrip().startswith(("\"", "“"))

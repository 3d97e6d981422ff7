"""Write each section's statements from its evidence with the local model.

The model gets one evidence sentence (plus what other sources said of it) per statement
and writes one bullet. One statement per evidence item keeps every bullet tied to the
sentences it can be checked against, which is what makes verification possible with a
small CPU model. The article text goes in as delimited data, never as instructions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefer.evidence import Evidence

if TYPE_CHECKING:
    from briefer.models import Generator

# Measured on the seeds (see models/README.md): asking for deletion, not rewriting, gives
# the most bullets that survive verification; few-shot examples leaked into the output
# ("…to meet Tokyo"), so there are none. The instruction is the same for every prompt,
# so llama.cpp reuses its KV cache and only the sentence is new work.
INSTRUCTION = (
    "Shorten the SOURCE sentence by deleting words. Keep the remaining words exactly as written and in "
    "the same order. Do not add, replace or reorder any word. Keep the subject, the verb phrase with words "
    "like 'is expected to' or 'will', and the object. Delete attributions such as 'the official said', "
    "asides between commas, and examples. At most {words} words. Reply with the shortened sentence only."
)

# Sentences this short are already bullet-sized; the model would only paraphrase them.
SHORT_ENOUGH = 24

_LEAD_JUNK = re.compile(r"^\s*(?:[-*•·]+|\d+[.)]|bullet:?|answer:?|summary:?)\s*", re.I)


def build_prompt(generator: Generator, ev: Evidence, *, max_words: int = 25) -> str:
    """The prompt for one statement (the same instruction for every section)."""
    instruction = INSTRUCTION.format(words=max_words)
    return generator.format_prompt(instruction, ev.sentence.text)


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
    max_new_tokens: int = 64,
    on_token: Callable[[int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[str | None]:
    """One bullet per evidence item; None where the source sentence is used as it is.

    Only sentences longer than `SHORT_ENOUGH` words go to the model (in one batch);
    deltas stream through ``on_token(evidence index, text)``.
    """
    todo = [i for i, ev in enumerate(evidence) if needs_model(ev.sentence.text)]
    out: list[str | None] = [None] * len(evidence)
    if not todo:
        return out
    prompts = [build_prompt(generator, evidence[i]) for i in todo]

    def relay(k: int, delta: str) -> None:
        if on_token:
            on_token(todo[k], delta)

    raw = generator.generate(prompts, max_new_tokens=max_new_tokens, on_token=relay, cancel=cancel)
    for i, text in zip(todo, raw):
        out[i] = tidy(text)
    return out


def needs_model(sentence: str) -> bool:
    """True if the sentence is too long, or too quote-shaped, to stand as a bullet."""
    n = len(sentence.split())
    return n > SHORT_ENOUGH or sentence.lstrip().startswith(("\"", "“"))

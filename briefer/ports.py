"""What the core needs from a model, as Protocols: `briefer.models` implements them, tests fake them.

The core is typed against these, never against the concrete classes, so it imports no model
code (and no torch or llama.cpp) at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from briefer.errors import BrieferError

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Prompt:
    """One completion request: a shared `prefix`, the request's own `text`, and its limits.

    The prefix (system prompt and instruction, already in the model's chat format) is the same
    for many requests: an engine evaluates it once and reuses it, always cut at this boundary,
    so a completion never depends on what was asked before it. `grammar` (GBNF) constrains the
    output, e.g. to words of the source in their order.
    """

    prefix: str
    text: str
    max_new_tokens: int = 64
    grammar: str | None = None


class ModelLike(Protocol):
    """What the core reads of a loaded model's description."""

    name: str


@runtime_checkable
class Generator(Protocol):
    """A local generative model (greedy: the same prompts give the same text)."""

    info: ModelLike
    template: str  # chat format of its prompts, e.g. "chatml"

    def generate(
        self,
        prompts: Sequence[Prompt],
        *,
        on_token: Callable[[int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[str | None]:
        """Completions of `prompts`, in order, each stripped of surrounding whitespace.

        Text streams through ``on_token(prompt index, delta)``. When ``cancel()`` turns
        true the call returns promptly with what is finished: prompts not completed are
        None. Raises `EngineError` if the engine itself failed (crashed, killed, broken).
        """
        ...


@runtime_checkable
class Embedder(Protocol):
    """A sentence-embedding model."""

    info: ModelLike

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of `texts`: float32 rows of unit length."""
        ...


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence (Universal POS tags, ClearNLP dependency labels)."""

    text: str
    idx: int  # character offset in the sentence
    lemma: str
    pos: str  # PROPN, VERB, AUX, ...
    tag: str  # Penn Treebank tag: VBD (past), MD (modal), NNP, ...
    dep: str  # nsubj, pobj, compound, ...
    head: int  # index of the head token in the sentence (itself for the root)
    ent: str = ""  # entity label of the span it belongs to (PERSON, GPE, DATE, ...)


@dataclass(frozen=True)
class Entity:
    """A named-entity span of a parsed sentence."""

    text: str
    label: str  # PERSON, NORP, GPE, LOC, FAC, ORG, EVENT, DATE, ...
    start: int  # first token
    end: int  # one past the last token


@dataclass(frozen=True)
class Parse:
    """A sentence with its tokens and named entities."""

    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


@runtime_checkable
class Parser(Protocol):
    """A syntactic parser with named-entity recognition (deterministic)."""

    info: ModelLike

    def parse(self, texts: Sequence[str]) -> list[Parse]:
        """One `Parse` per text, in order."""
        ...


class EngineError(BrieferError):
    """The generator's engine failed (crashed, was killed, or cannot run on this machine).

    `reason` is one line for the user, e.g. "the model worker crashed (SIGSEGV)". The draft
    goes on from source sentences; nothing the user made is lost.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

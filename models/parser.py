"""The packaged spaCy pipeline (en_core_web_sm 3.8.0) as a `briefer.ports.Parser`.

It runs in process: 15 MB of weights, about a second to load, a few milliseconds a sentence
on one core. Its files are checked against the registry's sha256 before loading, because the
package is a third-party re-upload (provenance in README.md).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefer.errors import BrieferError
from briefer.models import registry
from briefer.models.registry import Entry, ModelInfo
from briefer.ports import Entity, Parse, Token
from briefer.textutil import NOT_NAME_PIECES

# The lemmatizer and the sentence recogniser are not needed: Briefer splits sentences itself.
_DISABLED = ("lemmatizer", "senter")


class SpacyParser:
    """Parse sentences with spaCy; deterministic, one pipeline per process."""

    def __init__(self, entry: Entry, info: ModelInfo, path: Path) -> None:
        import spacy

        self.info = info
        self.nlp = spacy.load(path, exclude=list(_DISABLED))
        # A spaCy pipeline is not safe across threads; everyone who uses `nlp` (the event frame
        # here, deletion plans in briefer.compress) takes this lock.
        self.lock = threading.Lock()

    def parse(self, texts: Sequence[str]) -> list[Parse]:
        """One `Parse` per text, in order."""
        out: list[Parse] = []
        with self.lock:
            for doc in self.nlp.pipe(list(texts), batch_size=64):
                tokens = tuple(
                    Token(t.text, t.idx, t.lemma_ or t.text.lower(), t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_)
                    for t in doc
                )
                ents = tuple(_whole_words(doc, e.start, e.end, e.label_) for e in doc.ents)
                out.append(Parse(doc.text, tokens, ents))
        return out


def _glued(doc: Any, i: int) -> bool:
    """Token `i` is a hyphen joined to the tokens on both sides without a space."""
    return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_
            and not doc[i].whitespace_)


def _whole_words(doc: Any, start: int, end: int, label: str) -> Entity:
    """The entity, widened over a hyphenated name it cuts: the recogniser takes "Moon Jae" out of
    "Moon Jae-in" and "Lago" out of "Mar-a-Lago". A person's name goes on over a lower-case
    piece ("-in"); any name back over lower-case pieces to a capital ("Mar-a-"). "U.S.-China",
    "Xi-Biden", "anti-Trump" and "Singapore-based" are not one name, and stay as they are."""
    if label == "PERSON":
        if 0 < end < len(doc) and _glued(doc, end - 1) and doc[end].is_alpha and doc[end].text[0].islower():
            end += 1  # "Choi Dae-" and "in"
        while (end + 1 < len(doc) and _glued(doc, end) and doc[end + 1].is_alpha
               and doc[end + 1].text[0].islower() and doc[end + 1].lower_ not in NOT_NAME_PIECES):
            end += 2
    # A name whose pieces run capital, lower case, capital ("Mar-a-Lago") is a place's, not a
    # person's ("Moon Jae-in", "Jean-Pierre"): the recogniser took "Mar-a" for a person.
    if label == "PERSON" and end + 1 < len(doc) and _glued(doc, end) and doc[end + 1].text[:1].isupper() \
            and doc[end - 1].text[:1].islower():
        end += 2
        label = "FAC"
    i = start
    while i >= 2 and _glued(doc, i - 1) and doc[i - 2].is_alpha:
        i -= 2
        if doc[i].text[0].isupper():
            if i < start - 2:  # only if a lower-case piece lies between: "Mar-a-Lago", not "Xi-Biden"
                start = i
            break
    return Entity(doc[start:end].text, label, start, end)


_parsers: dict[str, SpacyParser] = {}
_parsers_lock = threading.Lock()


def load_parser(name: str | None = None) -> SpacyParser:
    """The parser `name` (default: the registry's default), loaded once per process."""
    entry = registry.entry(name, "parser")
    with _parsers_lock:
        if entry.name not in _parsers:
            path = registry.model_file(entry)  # its weight files checked by sha256
            try:
                import spacy  # noqa: F401
            except ImportError:
                raise BrieferError("spaCy is not installed (pip install 'spacy>=3.8,<3.9')") from None
            _parsers[entry.name] = SpacyParser(entry, registry.info(entry), path)
        return _parsers[entry.name]

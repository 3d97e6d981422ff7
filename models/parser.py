"""The packaged spaCy pipeline (en_core_web_sm 3.8.0) as a `briefer.ports.Parser`.

It runs in process: 15 MB of weights, about a second to load, a few milliseconds a sentence
on one core. Its files are checked against the registry's sha256 before loading, because the
package is a third-party re-upload (provenance in README.md).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from briefer.errors import BrieferError
from briefer.models import registry
from briefer.models.registry import Entry, ModelInfo
from briefer.ports import Entity, Parse, Token

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
                ents = tuple(Entity(e.text, e.label_, e.start, e.end) for e in doc.ents)
                out.append(Parse(doc.text, tokens, ents))
        return out


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

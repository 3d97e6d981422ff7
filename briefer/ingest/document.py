"""What ingest produces: a reader's `Extracted` text and metadata, and the finished,
immutable `RawDocument` (text, cleaned body, title, outlet, date and how each was found)."""

from __future__ import annotations

from dataclasses import dataclass

from briefer.ingest.dates import DateClue
from briefer.ingest.metadata import names_article
from briefer.textutil import split_sentences

METHOD_NOT_FOUND = "not found"
_TITLE_SENTENCES = 6  # of the body's first sentences, one may stand for a missing title


@dataclass(frozen=True)
class Extracted:
    """What a reader found in a file: the text and what the file says about itself.

    A field that cannot be found is None: nothing is invented. `weak_date` (a file's
    creation date) ranks below any dateline in the text.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, from metadata
    date_method: str | None = None
    weak_date: str | None = None
    weak_method: str | None = None
    notes: tuple[str, ...] = ()  # how the text was read ("decoded as cp1252")


@dataclass(frozen=True)
class RawDocument:
    """One input document as read: its text, its cleaned body and what it says about itself.

    Immutable: `resolve_dates` returns new documents rather than changing these.
    """

    path: str | None  # None for pasted text / stdin
    name: str  # display name (file name or "Pasted text")
    text: str  # extracted text, before cleaning
    body: str = ""  # the article body: `text` cleaned of boilerplate, once
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    date_method: str = METHOD_NOT_FOUND
    kind: str = "txt"  # the reader's kind: "txt", "md", "html", "docx", "pdf"; "paste"
    notes: tuple[str, ...] = ()  # e.g. "decoded as cp1252"
    words: int = 0  # words in the body (`briefer.textutil.word_count`)
    # Sentences of the body (or the title) that address a model or a reader rather than
    # report news: possible prompt injection, never used as evidence.
    instructions: tuple[str, ...] = ()
    date_clue: DateClue | None = None

    @property
    def display_title(self) -> str:
        """The title, else the opening words of the body, else the name."""
        if self.title:
            return self.title
        if self.body:
            # (By the sentence splitter: "U.S. Vice-President …" is not the sentence "U.S.".)
            # The first sentence that can name the article: not a dateline left alone
            # ("TOKYO."), a label ("Live"), an editor's note or a prompt to the reader.
            sents = split_sentences(self.body[:3000]) or [self.body[:2000]]
            first = next((x for x in sents[:_TITLE_SENTENCES] if names_article(x) and x not in self.instructions),
                         sents[0])
            return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"
        return self.name

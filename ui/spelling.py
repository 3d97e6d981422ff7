"""Spell checking for the brief's title and section editors.

The English word list is pyspellchecker's (MIT; a word-frequency list built by its author
from the OpenSubtitles 2018 corpus), installed offline with the package. Words the user
adds go to ``dictionary.txt`` in the data folder. Names and terms that the brief's sources
spell the same way count as known, so a meeting's people and places are not underlined.

Checking never blocks typing: Qt re-highlights only the paragraph being edited, a
paragraph is a few dictionary look-ups, and the word list loads on a thread at start-up
(nothing is underlined until it is there). Suggestions are computed only on right-click.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefer.fsutil import atomic_write_text

LICENCE = "pyspellchecker (MIT) — English word list built from OpenSubtitles 2018 word frequencies"
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MAX_SUGGESTIONS = 6


def words_in(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, word) for each word of `text` (letters, inner apostrophes)."""
    for m in WORD_RE.finditer(text):
        yield m.start(), m.end(), m.group()


def _key(word: str) -> str:
    w = word.replace("’", "'").lower()
    return w[:-2] if w.endswith("'s") else w


_word_list: dict[str, object] = {}
_word_list_lock = threading.Lock()


def _load_word_list() -> object:
    """pyspellchecker's English word list, loaded once per process."""
    with _word_list_lock:
        if "en" not in _word_list:
            from spellchecker import SpellChecker

            _word_list["en"] = SpellChecker(language="en", distance=2)
        return _word_list["en"]


class Speller(QObject):
    """The word list, the user's dictionary and the words of the sources; `changed` when they change."""

    changed = Signal()

    def __init__(self, user_path: Path | None, *, background: bool = True) -> None:
        super().__init__()
        self.user_path = user_path
        self._checker = None
        self._user: set[str] = set()
        self._extra: set[str] = set()
        self._by_owner: dict[int, set[str]] = {}
        self.problem: str | None = None
        self._load_user()
        if background:
            threading.Thread(target=self._load, name="spell-dictionary", daemon=True).start()
        else:
            self._load()

    # -- loading ----------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            self._checker = _load_word_list()
        except Exception as e:  # no word list: spell checking is off, nothing else changes
            self.problem = f"{type(e).__name__}: {e}"
        self.changed.emit()  # queued to the UI thread: editors re-check

    def _load_user(self) -> None:
        if self.user_path is None:
            return
        try:
            text = self.user_path.read_text(encoding="utf-8")
        except OSError:
            return
        self._user = {_key(line.strip()) for line in text.splitlines() if line.strip()}

    @property
    def ready(self) -> bool:
        """True once the word list is loaded."""
        return self._checker is not None

    # -- checking -------------------------------------------------------------------------------
    def is_known(self, word: str) -> bool:
        """True if `word` is spelled right (or cannot be judged)."""
        if self._checker is None or len(word) < 2:
            return True
        if word.isupper() or any(c.isupper() for c in word[1:]):  # acronyms, CamelCase names
            return True
        k = _key(word)
        if k in self._user or k in self._extra:
            return True
        return k in self._checker.word_frequency.dictionary

    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each misspelled word in `text`."""
        if self._checker is None:
            return []
        return [(s, e) for s, e, w in words_in(text) if not self.is_known(w)]

    def suggestions(self, word: str) -> list[str]:
        """Likely corrections, most frequent first, in the word's case."""
        if self._checker is None:
            return []
        k = _key(word)
        cands = self._checker.candidates(k) if len(k) <= 14 else None
        if not cands:
            return []
        freq = self._checker.word_frequency.dictionary
        ranked = sorted((c for c in cands if c != k), key=lambda c: (-freq.get(c, 0), c))[:MAX_SUGGESTIONS]
        if word[:1].isupper():
            ranked = [c[:1].upper() + c[1:] for c in ranked]
        return ranked

    # -- changing ---------------------------------------------------------------------------------
    def add(self, word: str) -> None:
        """Add `word` to the user's dictionary (saved at once, atomically)."""
        self._user.add(_key(word))
        if self.user_path is not None:
            atomic_write_text(self.user_path, "".join(f"{w}\n" for w in sorted(self._user)))
        self.changed.emit()

    def set_source_words(self, owner: object, text: str) -> None:
        """The words of a window's sources count as known (names spelled as the sources spell them)."""
        self._by_owner[id(owner)] = {_key(w) for _s, _e, w in words_in(text)}
        extra = set().union(*self._by_owner.values())
        if extra != self._extra:
            self._extra = extra
            self.changed.emit()


_spellers: dict[str, Speller] = {}


def speller(user_path: Path) -> Speller:
    """The speller for this user dictionary (one per data folder; the word list is shared)."""
    key = str(user_path)
    if key not in _spellers:
        _spellers[key] = Speller(user_path)
    return _spellers[key]

"""Shorten a source sentence by deleting words: a bullet can only be the source's own words.

A sentence is parsed once (spaCy, `briefer.models.load_parser`) into a `Plan`: its items (words, with any quote
or bracket attached, and punctuation) and the spans that may be deleted. Two kinds:

* forced: attributions ("…, the official said on Tuesday", "according to …"; a named speaker
  is kept as "Name said"), datelines ("WASHINGTON (Reuters) —") and discourse openers
  ("However,"). They are always removed.
* optional: dependents of the parse that a bullet can do without: asides (parentheses, dash
  pairs, non-restrictive relative clauses, appositions), subordinate clauses, opening
  phrases, examples ("including …"), modifiers of nouns, a few light adverbs.

Protected words are never deleted while their clause is kept: negations, modals and other
words of certainty ("expected", "likely", "if"), numbers, dates, names, ordinals and role
words ("former", "vice"). So a modifier or phrase holding one is not optional; a whole
clause or aside holding one is (it goes with its clause).

Two ways to choose what goes, both deletion-only:

* `compress`: deterministic rules, no model. Asides are removed, then optional spans in a
  fixed order until the bullet is `TARGET_WORDS` long or nothing more may go.
* `grammar`: a GBNF grammar for llama.cpp that allows exactly the plan's deletions, so the
  local model chooses which optional spans to drop but cannot add, replace or reorder a word.

`looks_like_instruction` spots sentences that address a model or a reader; they never
become bullets (see `briefer.generate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefer.errors import BrieferError
from briefer.textutil import THIRD_PERSON, words

TARGET_WORDS = 24  # the rules stop deleting once a bullet is this short (dev set: 20 -> 24 kept 3 more key facts of 355, median bullet 20 -> 21 words)
MAX_WORDS = 35  # above this, a clause or aside holding a protected word may go, then any optional span
LONG_WORDS = MAX_WORDS  # measured on the dev set: 30 lost 7 more key facts for 0.4 words less on average
MIN_WORDS = 6  # never cut a bullet below this: it would lose its point

# -- protected words --------------------------------------------------------------------


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NEGATORS = _set(
    "not n't no never nor neither none nothing nobody without cannot unlikely unable fail fails "
    "failed refuse refuses refused deny denies denied reject rejects rejected against lack lacks"
)
# Words that say how certain, planned or conditional a statement is.
_MODALITY = _set(
    "will would shall should can could may might must wo ca 'll 'd expected expect expects likely "
    "possibly probably perhaps maybe potentially reportedly allegedly apparently reported plan plans "
    "planned planning scheduled poised aim aims aimed seek seeks hope hopes hoped want wants wanted "
    "intend intends intended considering consider considers ready prepared willing if unless whether "
    "until only"
)
# Words that change who or which is meant: "former president", "vice premier", "last meeting".
_ROLES = _set(
    "former ex vice deputy acting late outgoing incoming then first second third fourth fifth last "
    "final next previous sole"
)
# The only adverbs that go: "go down badly", "officially neutral" would change the claim.
_LIGHT_ADVERBS = _set(
    "also very just too quite recently currently particularly especially already really highly"
)
_NAME_ENTS = _set(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE"
)
_NUMBER_ENTS = _set(
    "DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL"
)

# -- attributions -------------------------------------------------------------------------

_REPORTING = _set(
    "said says say saying told tells tell added adds adding noted notes stated states reported "
    "reports explained explains wrote writes announced announces confirmed confirms according "
    "mentioned mentions stressed stresses emphasized emphasised"
)
_TITLES = _set(
    "president prime minister premier chancellor secretary spokesman spokeswoman spokesperson adviser "
    "advisor ambassador chairman chairwoman leader general mr mr. mrs mrs. ms ms. dr dr. senator sen. "
    "governor king queen crown prince foreign defense defence national security deputy vice chief "
    "press senior state counterpart officials official pm"
)
_ANONYMOUS = _set(
    "official officials source sources spokesman spokeswoman spokesperson aide aides diplomat diplomats "
    "analyst analysts expert experts statement media report reports newspaper agency ministry office house "
    "kremlin government administration insider insiders person people"
)
_PRONOUNS = _set(
    "he she they we i you it his her their our its him them"
)
_DISCOURSE = _set(
    "however meanwhile still separately also moreover furthermore and but so yet"
)
_FIXED_AFTER_OPENER = _set("far more less again another")
# A deletion may not leave a verb phrase without its subject: the words before it would become
# one ("…in last week's election, for what the minister has said will be the first…").
_RELATIVE = _set("who which whom whose")
_OPENS_ON_PRONOUN = re.compile(rf"[\"“‘']?\s*{THIRD_PERSON}\b", re.I)
_AUX_START = _set("will would shall should can could may might must is are was were has have had does do did")
_DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*)(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"|[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
    r"\s*(?:\([^()]{1,40}\))?\s*(?:-{1,2}|—|–|:)\s+"
    r"|^\s*\([^()]{1,40}\)\s*(?:-{1,2}|—|–)\s+"
)

# -- optional spans -----------------------------------------------------------------------

# Kinds of deletable span, in the order the rules remove them: cheapest loss first.
KIND_ORDER = ("aside", "clause", "opener", "modifier", "word", "example", "item")
_CLAUSE_KINDS = frozenset({"aside", "clause"})  # may go with protected words inside
_OPENING = "“‘([\"'"
_CLOSING = "”’)]\"'"
_DASHES = frozenset({"—", "–", "--", "-"})


@dataclass(frozen=True)
class Item:
    """A word (with the quotes or brackets attached to it) or a punctuation mark."""

    text: str
    start: int  # character offsets in the sentence
    end: int
    word: bool
    protected: bool = False
    lead: str = " "  # what is written before it: a space, or nothing for ",", "”"

    @property
    def piece(self) -> str:
        """How the item is written after the text before it (the grammar uses the same)."""
        return self.lead + self.text


@dataclass(frozen=True)
class Span:
    """Items [start, end) that may (or must) be deleted together."""

    start: int
    end: int
    kind: str
    protected: bool = False  # holds a protected word: only a whole clause or aside may

    def covers(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def crosses(self, other: Span) -> bool:
        return self.start < other.start < self.end < other.end or other.start < self.start < other.end < self.end


@dataclass(frozen=True)
class Plan:
    """A parsed sentence: its items, what is always removed, and what may be."""

    sentence: str  # what was parsed: the sentence without its dateline
    items: tuple[Item, ...]
    forced: tuple[Span, ...]
    optional: tuple[Span, ...]  # nested or disjoint, never crossing
    dateline: str = ""  # "WASHINGTON (Reuters) —", removed before parsing

    def kept_after_forced(self) -> list[int]:
        gone = _indices(self.forced)
        return [i for i in range(len(self.items)) if i not in gone]


@dataclass(frozen=True)
class Compression:
    """A bullet made by deletion, and what was deleted (span kinds, in removal order)."""

    text: str
    removed: tuple[str, ...] = ()

    @property
    def n_words(self) -> int:
        return len(words(self.text))


# -- the parser ---------------------------------------------------------------------------

_parser_failed = False


def load_parser() -> Any | None:
    """The packaged spaCy parser (`briefer.models.load_parser`, its files checked by hash),
    shared with the event frame; None if it is not installed (bullets then fall back to
    trimming attributions)."""
    global _parser_failed
    if _parser_failed:
        return None
    try:
        from briefer.models import load_parser as load

        return load()
    except (ImportError, OSError, BrieferError):
        _parser_failed = True
        return None


def parser_available() -> bool:
    """True if sentences can be parsed (the parser package is installed)."""
    return load_parser() is not None


@lru_cache(maxsize=2048)
def plan(sentence: str) -> Plan | None:
    """The deletion plan of one sentence; None if no parser is available."""
    parser = load_parser()
    if parser is None or not sentence.strip():
        return None
    sentence = first_sentence(sentence)
    # A dateline goes before parsing: the parser takes "HANOI" for the subject otherwise.
    dateline = ""
    m = _DATELINE.match(sentence)
    if m and len(words(sentence[m.end():])) >= MIN_WORDS:
        dateline, sentence = sentence[: m.end()].strip(), sentence[m.end():]
    with parser.lock:
        doc = parser.nlp(sentence)
    p = _plan_from_doc(sentence, doc)
    return Plan(p.sentence, p.items, p.forced, p.optional, dateline)


_RUN_ON = re.compile(r"[a-z0-9)][.!?][”\"’]?(?=[A-Z][a-z])")


def first_sentence(text: str) -> str:
    """The first of sentences the splitter ran together ("…in the city.If the summit…")."""
    m = _RUN_ON.search(text)
    if m and len(words(text[: m.start() + 1])) >= MIN_WORDS:
        return text[: m.end()]
    return text


def _is_protected(tok: Any) -> bool:
    low = tok.lower_
    if tok.dep_ == "neg" or low in _NEGATORS or low in _MODALITY or low in _ROLES:
        return True
    if low in ("two", "both") and tok.i > 0 and tok.nbor(-1).lower_ in ("the", "their", "these"):
        return False  # "the two countries": who, not how many
    if tok.tag_ in ("MD", "CD", "NNP", "NNPS") or tok.like_num or low in ("than", "instead", "rather"):
        return True
    # The small tagger misses names ("Trump" as a noun): a capital inside the sentence is one.
    if tok.text[:1].isupper() and (tok.i > 0 or tok.pos_ in ("PROPN", "NOUN")):
        return True
    if tok.ent_type_ in _NAME_ENTS or tok.ent_type_ in _NUMBER_ENTS:
        return True
    # "more than 10,000", "nearly 20%": the words that bound a number.
    if tok.dep_ in ("quantmod", "advmod", "amod") and (tok.head.like_num or tok.head.tag_ == "CD"):
        return True
    return bool(re.search(r"\d", tok.text))


def _items_from_doc(sentence: str, doc: Any) -> tuple[list[Item], list[int]]:
    """Items and, per token, the index of the item that holds it."""
    groups: list[list[Any]] = []
    for tok in doc:
        if tok.is_space:
            continue
        if groups and not groups[-1][-1].whitespace_ and not _splits_after(groups[-1][-1], tok):
            groups[-1].append(tok)
        else:
            groups.append([tok])
    items: list[Item] = []
    owner = [0] * len(doc)
    for group in groups:
        core = [k for k, t in enumerate(group) if not _is_punct(t)]
        if not core:
            for t in group:
                owner[t.i] = len(items)
                items.append(_punct_item(sentence, t))
            continue
        first, last = core[0], core[-1]
        # Opening quotes and brackets before a word belong to it, so do closing ones after it;
        # other punctuation stands alone so that it can go with a deleted span.
        lead = first
        while lead > 0 and group[lead - 1].text in _OPENING:
            lead -= 1
        for t in group[:lead]:
            owner[t.i] = len(items)
            items.append(_punct_item(sentence, t))
        tail = last + 1
        while tail < len(group) and group[tail].text in _CLOSING:
            tail += 1
        tail_quotes = group[last + 1:tail]
        word_toks = group[lead:last + 1]
        start = word_toks[0].idx
        end = word_toks[-1].idx + len(word_toks[-1].text)
        text = sentence[start:end] + "".join(t.text for t in tail_quotes)
        wi = len(items)
        items.append(Item(text, start, end, True, any(_is_protected(t) for t in word_toks)))
        for t in word_toks:
            owner[t.i] = wi
        for t in tail_quotes:
            owner[t.i] = wi
        for t in group[tail:]:
            owner[t.i] = len(items)
            items.append(_punct_item(sentence, t))
    return items, owner


def _punct_item(sentence: str, tok: Any) -> Item:
    spaced = tok.idx == 0 or sentence[tok.idx - 1].isspace()
    opening = tok.text in "“‘([" or (tok.text in "\"'" and spaced)
    lead = " " if tok.text in _DASHES or opening else ""
    return Item(tok.text, tok.idx, tok.idx + len(tok.text), False, lead=lead)


def _is_punct(tok: Any) -> bool:
    return tok.is_punct and not re.search(r"\w", tok.text)


def _splits_after(prev: Any, tok: Any) -> bool:
    """Dashes written without spaces ("talks—the first") still separate words."""
    return prev.text in ("—", "–") or tok.text in ("—", "–")


def _plan_from_doc(sentence: str, doc: Any) -> Plan:
    items, owner = _items_from_doc(sentence, doc)
    held: list[set[int]] = [set() for _ in items]
    for tok in doc:
        if not tok.is_space:
            held[owner[tok.i]].add(tok.i)

    def span_of(toks: Iterable[Any], kind: str) -> Span | None:
        idx = sorted({owner[t.i] for t in toks})
        if not idx:
            return None
        a, b = idx[0], idx[-1] + 1
        # Only whole words: a span that splits one ("U.S.-China") cannot be deleted.
        inside = {t.i for t in toks}
        if any(items[i].word and not held[i] <= inside for i in range(a, b)):
            return None
        prot = any(items[i].protected for i in range(a, b))
        return Span(a, b, kind, prot)

    forced = _forced_spans(sentence, doc, items, owner, span_of)
    # What opens on a pronoun the attribution names keeps it ("Lee's office has said that he and
    # Xi will …": without it, who is he?).
    rest = " ".join(it.text for i, it in enumerate(items) if not any(f.start <= i < f.end for f in forced))
    if _OPENS_ON_PRONOUN.match(rest):
        forced = [f for f in forced if f.kind != "attribution"]
    optional = _optional_spans(doc, items, owner, span_of)
    # Optional spans that cross a forced one cannot be expressed: drop them.
    optional = [s for s in optional if not any(s.crosses(f) for f in forced) and not any(f.covers(s) for f in forced)]
    return Plan(sentence, tuple(items), tuple(forced), tuple(_laminar(optional)))


def _forced_spans(sentence: str, doc: Any, items: list[Item], owner: list[int], span_of: Any) -> list[Span]:
    out: list[Span] = []
    for tok in doc:
        if tok.lower_ not in _REPORTING:
            continue
        sp = _attribution(tok, doc, items, owner, span_of)
        out.extend(sp)
    # A discourse opener ("However,", "But") says nothing a bullet needs.
    first_word = next((i for i, it in enumerate(items) if it.word and not _in_any(i, out)), None)
    nxt = items[first_word + 1].text.lower() if first_word is not None and first_word + 1 < len(items) else ""
    if first_word is not None and items[first_word].text.lower().strip(_OPENING) in _DISCOURSE \
            and nxt not in _FIXED_AFTER_OPENER:  # "So far, …", "Still more …", "Yet again …"
        end = first_word + 1
        if end < len(items) and items[end].text == ",":
            end += 1
        if len([it for it in items[end:] if it.word]) >= MIN_WORDS:
            out.append(Span(first_word, end, "opener"))
    return _merge(out)


def _attribution(verb: Any, doc: Any, items: list[Item], owner: list[int], span_of: Any) -> list[Span]:
    """The spans that attribute a clause to a speaker, around reporting verb `verb`.

    Everything before a reported clause ("When asked, the official said that …") or after it
    ("…, two sources told Reuters on Thursday, adding …") goes; a named speaker stays as
    "Name said". An attribution inside the clause is left alone.
    """
    if verb.dep_ not in ("ROOT", "conj", "parataxis", "advcl") and verb.lower_ != "according":
        return []  # "the country who intelligence says meddled": not an attribution
    if verb.lower_ == "according":
        # "according to X" (a prepositional phrase): the whole phrase goes, with its comma.
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "to":
            phrase = list(verb.subtree)
            head = verb.head
            # (A participle's clause has no subject of its own: "…, agreeing it should not be
            # in Beijing's interest, according to an official" is not such a case.)
            if head.dep_ == "ROOT" and head.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
                # The parser hung the clause's own subject on the phrase ("According to X,
                # Kremlin spokesman, the agenda … is" with "agenda" in apposition to X):
                # the phrase cannot go without it.
                return []
            # The parser may leave the speaker outside the phrase ("According to the president's
            # adviser Ali Kaya, A and B plan…" read as three subjects): deleting only "According
            # to" would make the speaker an actor. The phrase then runs to the next comma or
            # the end of its sentence; with neither, nothing goes.
            stop = verb.i + 2
            while stop < verb.sent.end and doc[stop].text not in (",", ";", ".", "!", "?"):
                stop += 1
            if max(t.i for t in phrase) < stop - 1:
                if stop >= verb.sent.end or (doc[stop].text != "," and verb.i == verb.sent.start):
                    return []
                phrase = list(doc[verb.i:stop])
            # "According to X, Kremlin spokeswoman, the agenda … is": the speaker's apposition
            # (a short stretch with no verb between two commas) would stay behind as a subject.
            end = max(t.i for t in phrase) + 1
            if end < verb.sent.end and doc[end].text == ",":
                nxt = next((t.i for t in doc[end + 1:verb.sent.end] if t.text == ","), None)
                if nxt is not None and nxt - end <= 6 and not any(
                        t.pos_ in ("VERB", "AUX") for t in doc[end + 1:nxt]):
                    return []
            sp = span_of(phrase, "attribution")
            return [_absorb_commas(sp, items)] if sp else []
        return []
    if any(c.dep_ == "neg" for c in verb.children):
        return []  # "did not say": not an attribution to drop
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > verb.i
           and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children):
        return []  # "Carney said X, and warned Y": the speaker is the subject of what follows too
    content = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and _is_clause(c)]
    if content and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in content[0].children):
        return []  # the reported clause's subject hangs off the verb ("told the group Putin is …")
    if content:
        inside = {t.i for c in content for t in c.subtree}
    elif verb.dep_ in ("conj", "parataxis", "advcl") and verb.head.i < verb.i and _is_clause(verb.head):
        # "X will do Y, the official said": the clause is the head, without the attribution.
        inside = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
    else:
        return []
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and not (verb.dep_ == "ROOT" and verb.i < min(inside)):
        return []
    if len(subj) > 1 or any(verb.i < c.i < min(inside) for c in subj):
        # "New Delhi, on its part, said Trump's 2 days, 2 cities visit would …": a subject
        # between the verb and the clause means the parser split what was said; deleting up
        # to the clause would cut the clause's own subject in two.
        return []
    c_items = sorted({owner[i] for i in inside})
    if len([i for i in c_items if items[i].word]) < MIN_WORDS:
        return []
    first = min(inside)
    # "said that X …" loses its "that"; "said that was where …" keeps it: there "that" is the
    # subject, not the conjunction.
    while first < len(doc) and (_is_punct(doc[first]) or (doc[first].lower_ == "that" and doc[first].dep_ == "mark")):
        first += 1
    # "the official said he would …", "“We expect …,” Reyes said": without the speaker the
    # pronoun is nobody, so the speaker stays (only circumstances go).
    pronoun = first < len(doc) and (doc[first].lower_ in _PRONOUNS or doc[first].lower_ in ("that", "this"))
    # ... also after a time or place: "Albanese said on Tuesday he hoped …".
    pronoun = pronoun or any(doc[i].dep_ in ("nsubj", "nsubjpass") and doc[i].lower_ in _PRONOUNS
                             and doc[i].head.head.i == verb.i for i in inside)
    # A quotation needs its speaker too: "“Stable … relations serve …,” the president said".
    quoted = any(t.text in ("“", '"') for t in doc[max(0, min(inside) - 1): min(inside) + 2])
    pronoun = pronoun or quoted
    # "the official", "two sources", "the Kremlin": whoever they are, they go (and never dangle).
    anonymous = bool(subj) and subj[0].lower_ in _ANONYMOUS
    pronoun = pronoun and not anonymous
    head = subj[0] if subj else verb
    named = bool(subj) and (head.ent_type_ == "PERSON" or (head.tag_ == "NNP" and head.ent_type_ not in ("ORG", "GPE", "NORP"))) \
        and head.lower_ not in _TITLES and not any(c.dep_ == "det" for c in head.children)
    v_item = owner[verb.i]
    # Only within the verb's own sentence (the splitter sometimes runs several together).
    sent = verb.sent
    real_start = sent.start > 0 and any(c in doc[sent.start - 1].text for c in ".!?")
    real_end = sent.end < len(doc) and any(c in doc[sent.end - 1].text for c in ".!?")
    sent_first = owner[sent.start] if real_start else 0
    last = owner[sent.end - 1] + 1 if real_end else len(items)
    while last > sent_first and not items[last - 1].word and items[last - 1].text in (".", "!", "?", "”", '"', "’"):
        last -= 1
    extra: list[Span] = []
    if v_item < c_items[0]:
        start, end = sent_first, c_items[0]  # "…, the official said (that) <clause>"
        if end < len(items) and items[end].text.lower() == "that" and items[end].word:
            end += 1
        # "Officials said that X, and that Y" → "X, and Y": the second "that" goes with the first.
        if not (named or pronoun) and content:
            for c in content[0].children:
                if c.dep_ == "conj":
                    extra += [Span(owner[m.i], owner[m.i] + 1, "attribution") for m in c.children
                              if m.dep_ == "mark" and m.lower_ == "that"]
        # "…, naming 4 September as the date": the speaker's own participle goes with the speaker.
        for c in verb.children:
            if c.dep_ == "advcl" and c.i > max(inside) and c.tag_ == "VBG":
                sp = span_of(list(c.subtree), "attribution")
                if sp is not None:
                    extra.append(_absorb_commas(sp, items))
    elif v_item > c_items[-1]:
        start, end = c_items[-1] + 1, last  # "<clause>, the official said on Tuesday."
    else:
        return []
    if start >= end:
        return []
    keep: set[int] = set()
    if pronoun and not named:
        if not subj:
            return []
        keep = {owner[t.i] for t in subj[0].subtree} | {v_item}
        if v_item < c_items[0] and items[end - 1].text.lower() == "that":
            end -= 1
    elif named:
        # "Kremlin spokesman Dmitry Peskov said" → "Dmitry Peskov said".
        run = [head]
        for t in reversed(list(head.lefts)):
            # (The parser may hang a name's first word on it as a modifier: "Cheong Wa Dae said",
            # with "Cheong" an nmod of "Dae"; a proper noun next to the name is still the name.)
            if t.i == run[0].i - 1 and t.text[:1].isupper() and t.lower_ not in _TITLES and (
                    t.dep_ in ("compound", "flat") or t.tag_ == "NNP"):
                run.insert(0, t)
            else:
                break
        keep = {owner[t.i] for t in run} | {v_item}
        if len(subj) > 1 or any(c.dep_ == "conj" for c in head.children):
            keep |= {owner[t.i] for sj in subj for t in sj.subtree}  # "Trump and Xi said": both stay
            keep |= {owner[t.i] for t in verb.children if t.dep_ == "cc" and t.i < verb.i}
        if end < len(items) and v_item < c_items[0] and items[end - 1].text.lower() == "that":
            end -= 1  # keep "Name said that …" readable
    if keep and verb.lower_ in ("told", "tells", "tell"):
        # "Kilic told Turkish broadcaster A Haber", "Carney told reporters at the summit that …":
        # a kept "told" needs its listener, not "Carney told that".
        keep |= {owner[t.i] for c in verb.children if c.dep_ in ("dobj", "dative") for t in c.subtree}
    if v_item > c_items[-1]:
        # The closing quote stays with the quoted words; so does the comma before a kept speaker.
        keep |= {k for k in range(start, end) if not items[k].word and items[k].text in _CLOSING}
        if keep - {k for k in range(start, end) if not items[k].word}:
            keep |= {k for k in range(start, end) if not items[k].word and items[k].text == "," and k < v_item
                     and all(not items[x].word for x in range(start, k))}
    out: list[Span] = []
    i = start
    while i < end:
        if i in keep:
            i += 1
            continue
        j = i
        while j < end and j not in keep:
            j += 1
        if any(items[k].word for k in range(i, j)):
            out.append(Span(i, j, "attribution"))
        i = j
    return out + extra


def _is_clause(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _optional_spans(doc: Any, items: list[Item], owner: list[int], span_of: Any) -> list[Span]:
    out: list[Span] = []
    n_items = len(items)
    # A sentence whose root is not a verb was misparsed (or is a fragment): only what
    # punctuation sets off may go.
    parsed = all(t.pos_ in ("VERB", "AUX") for t in doc if t.dep_ == "ROOT")
    for tok in doc:
        if tok.dep_ == "ROOT" or _is_punct(tok):
            continue
        kind = _kind(tok)
        if kind is None and _opens_sentence(tok, items, owner):
            # "With the world looking on, …", "As officials have done, …": before the first comma.
            kind = "clause" if any(t.pos_ == "VERB" for t in tok.subtree) else "opener"
        if not parsed and kind != "aside":
            continue
        if kind is None:
            continue
        if kind in ("clause", "opener") and tok.i < tok.head.i and _pronoun_subject(tok.head):
            continue  # "While Trump claimed …, he admitted …": the clause says who "he" is
        toks = list(tok.subtree)
        if tok.dep_ == "conj":
            # The conjunction and comma before a conjunct go with it: "A, B and C".
            j = tok.left_edge.i - 1
            while j >= 0 and (doc[j].dep_ in ("cc", "preconj") or doc[j].text in (",", ";")) and doc[j].head.i in (tok.head.i, tok.i):
                # A conjunction of several words goes whole: "as well as", not "as" alone.
                cc = list(doc[j].subtree)
                toks[:0] = cc
                j = cc[0].i - 1
            if j >= 0 and doc[j].lower_ in ("and", "or", "nor", "but"):
                toks[:0] = [doc[j]]  # attached elsewhere by the parser, it would dangle: "… 2021 and."
        sp = span_of(toks, kind)
        if sp is None or (tok.dep_ == "prep" and sp.end - sp.start < 2):
            continue  # a preposition without its object is a misparse
        inside = {t.i for t in toks}
        if kind in ("modifier", "word", "item") and any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in toks):
            continue  # "after which", "where": the clause it opens stays, so must it
        if any(t.dep_ == "cc" and not any(c.dep_ == "conj" and c.i in inside for c in t.head.children) for t in toks):
            continue  # an "and" whose conjunct stays outside: the parse is wrong here
        if sp.start == 0 and sp.end < n_items and items[sp.end].text == "," and kind == "modifier":
            sp = Span(sp.start, sp.end, "opener", sp.protected)  # "On the sidelines of the summit, …"
        if sp.protected and sp.kind not in _CLAUSE_KINDS:
            # A phrase set off to close the sentence ("…, after meetings this week with the
            # heads of Baltic states in …") may go from a bullet too long to keep, as an aside
            # holding a date may; inside its clause, a date or a name stays.
            closes = all(_is_punct(t) for t in doc[tok.right_edge.i + 1:])
            if not (sp.kind == "modifier" and _set_off(tok) and closes):
                continue
            sp = Span(sp.start, sp.end, "aside", True)
        out.append(sp if sp.kind == "word" else _absorb_commas(sp, items))
    # An aside never holds the sentence's verb: "Photo by Yonhap SEOUL, April 25 (UPI) -- Biden
    # and Yoon will unveil …" (a caption glued to a dateline) keeps its news, not its credit.
    roots = {owner[t.i] for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")}
    out.extend(s for s in _punctuation_asides(items) if not any(s.start <= r < s.end for r in roots))
    # A noun the parser coordinates with a verb ("has held talks seven times, which …, including
    # the G20 summit in Hangzhou, in 2016 and the APEC summit in 2014": "summit" made a conjunct
    # of "held") means the parse lost a list's end: no aside between the verb and that noun may
    # go, or the list's tail lands on the wrong phrase ("talks seven times in 2016 and …").
    broken = [(owner[t.head.i], owner[t.i]) for t in doc
              if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("VERB", "AUX")]
    out = [s for s in out if s.kind not in _CLAUSE_KINDS or not any(h < s.start and s.end <= c for h, c in broken)]
    # An aside the parser ends just before an apposition of a word outside it ("the trip, which
    # was to be enjoyed by their wives, Carrie Johnson and Jill Biden, has been …", the names hung
    # on "trip") leaves the apposition naming the wrong thing: it stays.
    appos = [(owner[t.left_edge.i], owner[t.head.i]) for t in doc if t.dep_ == "appos"]
    out = [s for s in out if s.kind not in _CLAUSE_KINDS or not any(
        h < s.start and (a == s.end or (a == s.end + 1 and items[s.end].text == ",")) for a, h in appos)]
    # A span closed by a comma before a verbless noun phrase that ends the sentence ("…, with
    # a new government representing nationalists and unionists, the two warring communities.")
    # leaves that phrase naming what stands before the span: it stays.
    tail_np = _closing_noun_phrase(doc, items, owner)
    if tail_np is not None:
        out = [s for s in out if not (s.end == tail_np or (s.end == tail_np - 1 and items[s.end].text == ","))]
    # Never offer the whole sentence, nor everything but a word or two.
    n_words = sum(1 for it in items if it.word)
    return [s for s in out if n_words - sum(1 for it in items[s.start:s.end] if it.word) >= 3]


def _closing_noun_phrase(doc: Any, items: list[Item], owner: list[int]) -> int | None:
    """The item index where a comma-led noun phrase without a verb closes the sentence, or None."""
    commas = [t.i for t in doc if t.text == ","]
    if not commas:
        return None
    tail = [t for t in doc[commas[-1] + 1:] if not _is_punct(t)]
    if not tail or tail[0].pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PROPN"):
        return None
    if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON") and t.dep_ not in ("amod", "compound") for t in tail):
        return None  # a clause or an attribution ("…, officials said"), not an apposition
    return owner[commas[-1]] + 1


def _kind(tok: Any) -> str | None:
    """What kind of deletable span `tok`'s phrase is, or None if it must stay.

    The small parser often attaches phrases to the wrong word, so what may go is mostly
    what punctuation sets off; unmarked phrases only where a mistake costs little.
    """
    dep, low = tok.dep_, tok.lower_
    set_off = _set_off(tok)
    if dep in ("relcl", "acl", "appos"):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # An infinitive is what a clause is for or says ("it is important for India and
            # China, as two major economies, to work together"), hung on a noun by the parser.
            return None
        # Only a phrase set off by commas is an aside; "the issues that divide them" is not.
        return "aside" if set_off else None
    if (dep == "prep" and low in ("including", "like")) or (dep == "prep" and low == "such"):
        return "aside" if set_off else "example"
    if dep in ("advcl", "parataxis") or (dep == "conj" and _is_clause(tok) and any(
            c.dep_.startswith("nsubj") for c in tok.children)):
        marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "aux", "advmod") and c.i < tok.i}
        if marks & {"if", "unless", "whether", "until", "to", "when", "once"}:
            return None  # conditions and purposes are part of the claim
        if set_off or _sets_off_end(tok):
            return "clause"
        # "… as hard questions swirl about …" closing the sentence: background, not the claim.
        ends = not [t for t in tok.doc[tok.right_edge.i + 1:] if not _is_punct(t)]
        return "clause" if ends and marks & {"as", "while", "amid"} else None
    if dep == "conj":
        # A list's last item may go when nothing follows it but a comma or the end ("…, as well as
        # unfair trade practices."); elsewhere the small parser misreads lists ("raise X and
        # concerns about Y" → "raise X about Y"), and a subject's items say who acts.
        after = [t for t in tok.doc[tok.right_edge.i + 1:]]
        closes = not after or after[0].text in (",", ";") or all(_is_punct(t) for t in after)
        if tok.pos_ == "VERB" and _objects(tok) and not _objects(tok.head):
            return None  # "advance and protect our interests": the object is both verbs'
        return "item" if closes and not tok.head.dep_.startswith("nsubj") and tok.head.dep_ != "ROOT" else None
    if dep == "prep" and (low in ("of", "to") or (low == "in" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "order")):
        return None  # "much of the attention", "an end to the dispute", "in order to": complements
    if dep == "prep" and (set_off or tok.left_edge.i == 0) and any(
            c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children):
        return "clause"  # ", given that the gaps are unlikely to …", "In addition to discussing X, …"
    if dep == "prep" and any(c.lower_ in ("only", "first", "last", "sole") or c.tag_ == "JJS" for c in tok.head.children):
        return None  # "the only competitor with the intent to …": the phrase says which one
    if dep == "prep" and any(c.dep_ == "advmod" and c.i < tok.i for c in tok.children):
        return None  # "with power-sharing still on hold": an adverb marks the phrase as what is said
    if dep == "prep" and _placing_complement(tok):
        return None  # "put the lives of personnel at risk": the phrase is the verb's, misattached
    if dep in ("prep", "npadvmod"):
        # A phrase on a noun ("the deterioration in their relations") is a modifier; one on a
        # verb is often its argument ("look him in the eye"), unless commas set it off.
        if tok.head.pos_ in ("NOUN", "PROPN") or set_off:
            return "modifier"
        return None
    if dep == "advmod" and low in _LIGHT_ADVERBS:
        return "word" if tok.n_lefts + tok.n_rights == 0 else "modifier"
    return None  # adjectives stay: "prime minister", "nuclear arms"


# Verbs that need a phrase saying where or how their object ends up ("put X at risk", "keep X
# on track", "set the stage for"): without it the claim changes or falls apart.
# (The packaged parser has no lemmatizer: the forms are listed.)
_PLACING_VERBS = _set(
    "put puts putting place places placed placing keep keeps kept keeping leave leaves left leaving "
    "set sets setting")


def _placing_complement(prep: Any) -> bool:
    """True if `prep`, parsed onto a noun, is the only phrase a placing verb above it has."""
    head = prep.head
    while head.pos_ in ("NOUN", "PROPN", "PRON", "ADP") and head.dep_ in ("pobj", "prep", "dobj", "compound"):
        if head.dep_ == "dobj":
            verb = head.head
            return verb.lower_ in _PLACING_VERBS and not any(
                c.dep_ in ("prep", "prt", "oprd", "advmod", "acomp") for c in verb.children)
        head = head.head
    return False


def _pronoun_subject(verb: Any) -> bool:
    """True if the clause of `verb` has a bare pronoun for its subject."""
    return any(c.dep_.startswith("nsubj") and c.lower_ in ("he", "she", "it", "they", "this", "these") for c in verb.children)


def _objects(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr", "ccomp", "xcomp")]


def _opens_sentence(tok: Any, items: list[Item], owner: list[int]) -> bool:
    """True if `tok`'s phrase starts the sentence and a comma closes it (and it is no condition)."""
    if tok.dep_ not in ("prep", "advcl", "npadvmod", "advmod") or tok.left_edge.i != 0:
        return False
    if {c.lower_ for c in tok.children} & {"if", "unless", "whether", "until", "when", "once"}:
        return False
    end = owner[tok.right_edge.i] + 1
    return end < len(items) and items[end].text == ","


def _sets_off_end(tok: Any) -> bool:
    """A phrase after a comma that runs to the end of the sentence: ", with X topping the agenda"."""
    i = tok.left_edge.i
    j = tok.right_edge.i
    rest = [t for t in tok.doc[j + 1:] if not _is_punct(t)]
    return i > 0 and tok.doc[i - 1].text in (",", ";") and not rest


def _set_off(tok: Any) -> bool:
    """True if the phrase of `tok` is set off by a comma (a non-restrictive aside)."""
    i = tok.left_edge.i
    return i > 0 and tok.doc[i - 1].text in (",", "(", "—", "–")


def _absorb_commas(sp: Span, items: list[Item]) -> Span:
    """A deleted aside takes its commas with it: "Xi, who …, will" → "Xi will"."""
    a, b = sp.start, sp.end
    if a > 0 and items[a - 1].text == ",":
        a -= 1
        if b < len(items) and items[b].text == "," and _next_is_word(items, b + 1) \
                and not _attribution_follows(items, b + 1):
            b += 1
    elif a == 0 and b < len(items) and items[b].text == ",":
        b += 1
    return Span(a, b, sp.kind, sp.protected)


def _attribution_follows(items: list[Item], i: int) -> bool:
    """True if items[i:] is a closing attribution ("Ushakov told reporters."): the comma before
    it stays when an aside before it goes ("…, a breakfast and a news conference, Ushakov said")."""
    rest = [it.text.lower().strip("”’\"'") for it in items[i:] if it.word]
    return 0 < len(rest) <= 12 and any(w in _REPORTING for w in rest)


def _next_is_word(items: list[Item], i: int) -> bool:
    return i < len(items) and items[i].word


def _punctuation_asides(items: list[Item]) -> list[Span]:
    out = []
    # Parentheses: "(Reuters)", "(ASEAN)", "(the first since 2019)".
    for i, it in enumerate(items):
        if it.word and it.text.startswith("("):
            for j in range(i, min(len(items), i + 25)):
                if items[j].word and items[j].text.rstrip("”’\"'").endswith(")"):
                    prot = any(x.protected for x in items[i:j + 1])
                    out.append(Span(i, j + 1, "aside", prot))
                    break
    # Dash pairs: "the meeting — the first in a year — will".
    dashes = [i for i, it in enumerate(items) if not it.word and it.text in _DASHES]
    for a, b in zip(dashes[0::2], dashes[1::2]):
        if b - a > 1:
            out.append(Span(a, b + 1, "aside", any(x.protected for x in items[a:b])))
    if len(dashes) == 1:
        a = dashes[0]
        end = len(items) - 1 if not items[-1].word else len(items)
        if end - a > 1 and sum(1 for it in items[:a] if it.word) >= MIN_WORDS:
            out.append(Span(a, end, "aside", any(x.protected for x in items[a:end])))
    return out


def _laminar(spans: list[Span]) -> list[Span]:
    """Spans that nest or are disjoint (what a grammar can express): larger ones win a crossing."""
    out: list[Span] = []
    for s in sorted(set(spans), key=lambda s: (-(s.end - s.start), s.start, KIND_ORDER.index(s.kind))):
        if not any(s.crosses(o) for o in out) and not any(o.start == s.start and o.end == s.end for o in out):
            out.append(s)
    return sorted(out, key=lambda s: (s.start, -s.end))


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start <= out[-1].end:
            last = out[-1]
            out[-1] = Span(last.start, max(last.end, s.end), last.kind, last.protected or s.protected)
        else:
            out.append(s)
    return out


def _indices(spans: Iterable[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


def _in_any(i: int, spans: Iterable[Span]) -> bool:
    return any(s.start <= i < s.end for s in spans)


# -- rendering ----------------------------------------------------------------------------


def render(p: Plan, keep: Iterable[int]) -> str:
    """The text of the kept items, with punctuation tidied (nothing is added but a final stop)."""
    parts = []
    for i in sorted(set(keep)):
        it = p.items[i]
        parts.append(it.piece)
    return tidy("".join(parts))


def tidy(text: str) -> str:
    """Punctuation after deletion: no stray commas or quotes, a capital and a full stop."""
    t = " ".join(text.split())
    t = _balance(t, "“", "”")
    t = _balance(t, "(", ")")
    if t.count('"') % 2:
        t = t.replace('"', "")
    t = re.sub(r"\s+([,;:.!?…”’)\]])", r"\1", t)
    t = re.sub(r"([“‘(\[])\s+", r"\1", t)
    for _ in range(3):
        t = re.sub(r"([,;:])\s*([,;:.!?])", r"\2", t)  # ", ," ", ." ": ."
        t = re.sub(r"([,;:])([”’\"')\]]+)([.!?])", r"\2\3", t)  # ',".' → '".'
        t = re.sub(r"\s+[—–-]{1,2}\s*(?=[,;:.!?]|$)", "", t)  # a dash left hanging
    t = re.sub(r"^[\s,;:.!?…—–-]+", "", t)
    t = re.sub(r"\s{2,}", " ", t).strip()
    if not t:
        return t
    m = re.match(r"^([“\"‘'(\[]*)(\w)", t)
    if m:
        t = t[: m.start(2)] + t[m.start(2)].upper() + t[m.start(2) + 1:]
    if not re.search(r"[.!?…][”’\"')\]]*$", t):  # "…": a sentence the page cut off
        t = t.rstrip(",;:") + "."
    return t


def _balance(t: str, open_: str, close: str) -> str:
    """Remove opening or closing marks that lost their partner."""
    out, stack = list(t), []
    for i, ch in enumerate(t):
        if ch == open_:
            stack.append(i)
        elif ch == close:
            if stack:
                stack.pop()
            else:
                out[i] = ""
    for i in stack:
        out[i] = ""
    return re.sub(r"\s{2,}", " ", "".join(out))


# -- the rule-based compression -----------------------------------------------------------


def compress(sentence: str, *, target: int = TARGET_WORDS) -> Compression:
    """The sentence shortened by deletion only; unchanged (but tidied) if it cannot be parsed."""
    p = plan(sentence)
    if p is None:
        return Compression(" ".join(sentence.split()))
    return compress_plan(p, target=target)


def compress_plan(p: Plan, *, target: int = TARGET_WORDS, first: tuple[Span, ...] = ()) -> Compression:
    """`compress` for an already parsed sentence; `first`: optional spans to try before the rules' order."""
    gone = _indices(p.forced)
    removed = (["dateline"] if p.dateline else []) + [s.kind for s in p.forced]

    def n_words(dropped: set[int]) -> int:
        return sum(1 for i, it in enumerate(p.items) if it.word and i not in dropped)

    def orphans_verb(s: Span, dropped: set[int]) -> bool:
        # An aside set off on both sides (", who have met four times, will …") leaves its
        # subject before it; a span open at its end took the subject with it.
        closed = p.items[s.end - 1].text in (",", ")", "—", "–") or p.items[s.start].text in ("(",)
        nxt = next((i for i in range(s.end, len(p.items)) if i not in dropped and p.items[i].word), None)
        if nxt is not None and p.items[nxt].text.lower() in _RELATIVE:
            # "The delegation, which includes Kim's sister, who in February attended …": the
            # second clause is about the sister, and would be about the delegation.
            return True
        return not closed and nxt is not None and p.items[nxt].text.lower() in _AUX_START

    # Cheapest losses first, until the bullet is short enough.
    order = sorted(p.optional, key=lambda s: (s.kind != "aside" or s.protected, s.protected,
                                              KIND_ORDER.index(s.kind), -s.start, s.end))
    order = [s for s in first if s in p.optional] + [s for s in order if s not in first]
    first_kept = min((i for i in range(len(p.items)) if i not in gone and p.items[i].word), default=0)
    for s in order:
        # A protected clause goes only from a long bullet, unless it merely frames the sentence
        # ("In addition to discussing AI, …", "As U.S. officials have done, …").
        framing = s.kind == "clause" and s.start <= first_kept
        if n_words(gone) <= (max(target, LONG_WORDS) if s.protected and not framing else target):
            continue
        span = set(range(s.start, s.end))
        if span <= gone:
            continue
        after = gone | span
        if n_words(after) < MIN_WORDS or orphans_verb(s, after):
            continue
        gone = after
        removed.append(s.kind)
    # Still too long for a bullet: whatever may go, largest first.
    for s in sorted(p.optional, key=lambda s: (-(s.end - s.start), s.start)):
        if n_words(gone) <= MAX_WORDS:
            break
        span = set(range(s.start, s.end))
        if not span <= gone and n_words(gone | span) >= MIN_WORDS and not orphans_verb(s, gone | span):
            gone |= span
            removed.append(s.kind)
    keep = [i for i in range(len(p.items)) if i not in gone]
    return Compression(render(p, keep), tuple(removed))


def base_text(p: Plan) -> str:
    """The sentence after the forced deletions only (what the model is shown and may shorten)."""
    return render(p, p.kept_after_forced())


# -- the grammar for the model ------------------------------------------------------------


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def grammar(p: Plan) -> str:
    """GBNF allowing exactly the plan's deletions: the source's words, in order, each optional
    span as an optional group, everything else (protected words included) required.

    Every word is written with its leading space, so tokenisation cannot glue two words;
    the first space is stripped afterwards (`from_model`).
    """
    keep = p.kept_after_forced()
    kept = set(keep)
    last = keep[-1] if keep else -1
    ends_with_stop = last >= 0 and not p.items[last].word and p.items[last].text in (".", "!", "?")
    body_end = last if ends_with_stop else last + 1
    final = p.items[last].text if ends_with_stop else "."
    spans = [s for s in p.optional if s.end <= body_end]

    def seq(a: int, b: int, inner: list[Span]) -> str:
        out: list[str] = []
        i = a
        while i < b:
            top = [s for s in inner if s.start == i and s.end <= b]
            if top:
                s = max(top, key=lambda s: s.end)
                nested = [x for x in inner if s.covers(x) and x != s]
                body = seq(s.start, s.end, nested)
                if body:
                    out.append(f"({body})?")
                i = s.end
                continue
            if i in kept:
                out.append(_lit(p.items[i].piece))
            i += 1
        return " ".join(out)

    body = seq(0, body_end, spans)
    return f"root ::= {body} {_lit(final)}\n" if body else f"root ::= {_lit(final)}\n"


def from_model(p: Plan, output: str) -> str | None:
    """The model's grammar-constrained output as a bullet; None if it was cut off."""
    text = output.strip()
    if not text or not re.search(r"[.!?]$", text):
        return None
    return tidy(text)


# -- instruction-like text ----------------------------------------------------------------

_TO_READER = re.compile(
    r"^\W*(?:click|tap|subscribe|sign up|sign in|log in|register|download|follow us|share this|read more|"
    r"read also|see also|also read|watch|listen|get more|get the|join us|scroll|don't miss|do not miss)\b",
    re.I,
)


def looks_like_instruction(text: str) -> bool:
    """True if the sentence addresses a model or a reader rather than reporting news.

    Such text is an injection attempt (ingest's detector, `briefer.ingest`, the one place
    those rules live) or page furniture ("Click here to subscribe…"); it is never pasted as
    a bullet.
    """
    from briefer.ingest import sentence_is_instruction

    return bool(_TO_READER.search(text)) or sentence_is_instruction(text)

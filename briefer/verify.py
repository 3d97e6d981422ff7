"""Check each generated statement against the sentences it cites.

A statement is supported when every name, number, date and ordinal in it appears in its
evidence, it states no outcome the evidence does not state, it keeps the evidence's
"will / expected" when the evidence looks ahead, it adds no negation, and most of its
content words come from the evidence. Small local models paraphrase loosely, so these
checks are deliberately strict: a false alarm costs a verbatim source sentence, a miss
costs the brief its credibility.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefer.compress import TARGET_WORDS
from briefer.textutil import STOPWORDS, THIRD_PERSON, content_stems, stem, words

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "fifty": "50", "hundred": "100", "thousand": "1000", "million": "million",
    "billion": "billion", "trillion": "trillion", "dozens": "dozens", "hundreds": "hundreds",
    "thousands": "thousands",
}
_ORDINALS = {
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "last": "last", "final": "last", "farewell": "last",
}
_TIME_WORDS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{4})\b"
)
_OUTCOME = re.compile(
    r"\b(agreed|agree to|agreement|signed|sign(?:ed)? a|deal|announced|pledged|reached|concluded|"
    r"committed to|resolved|accord|breakthrough|succeeded|failed|rejected|accepted|vowed|"
    r"promised|struck|secured|held talks|met with|have met|has met)\b",
    re.I,
)
_FORWARD = re.compile(
    r"\b(will|would|expected|expects?|likely|plans?|planned|set to|set for|scheduled|to meet|"
    r"to discuss|to urge|to press|to raise|to use|to review|to take|to warn|to express|to "
    r"emphasi[sz]e|to underscore|to call|aims?|intends?|seeks?|upcoming|forthcoming|"
    r"may|might|could|should|poised|is to|are to|going to)\b",
    re.I,
)
# Thresholds for `order_support`: below REJECT the statement is replaced by its source
# sentence; below FLAG it is kept but marked for the editor.
ORDER_REJECT = 0.65
MIN_WORDS = 6  # "Third face-to-face meeting expected." is a deletion that lost the point
COVERAGE_FLAG = 0.35  # a bullet keeping less than this share of the source's content words
ORDER_FLAG = 0.80
_MODALS = {"will", "would", "can", "could", "may", "might", "must", "should", "not", "no", "never", "did", "has", "had"}
_NEGATION = re.compile(r"\b(not|no|never|none|without|nor)\b|n['’]t\b", re.I)
_INSTRUCTION_ECHO = re.compile(
    r"\b(as an ai|i cannot|i can't|here is|here's|bullet point|rewrite|the sentence|the text|"
    r"ignore (?:all |any )?previous|instructions?)\b",
    re.I,
)

# Different names for the same actor that a paraphrase may use interchangeably.
ALIASES: list[set[str]] = [
    {"us", "u.s", "u.s.", "united", "states", "america", "american", "americans", "washington", "white", "house"},
    {"china", "chinese", "prc", "beijing", "people's", "republic"},
    {"russia", "russian", "moscow", "kremlin"},
    {"north", "korea", "korean", "pyongyang", "dprk"},
    {"ukraine", "ukrainian", "kyiv", "kiev"},
    {"ai", "artificial", "intelligence"},
    {"apec", "asia-pacific", "economic", "cooperation"},
]


@dataclass
class Verdict:
    """The result of verifying one statement."""

    supported: bool
    flag: bool = False  # supported, but weakly: show it to the editor
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """All reasons as one line."""
        return "; ".join(self.reasons)


def _norm_numbers(text: str) -> set[str]:
    out = set()
    for tok in re.findall(r"\d+(?:[.,]\d+)*", text):
        out.add(tok.replace(",", ""))
    for w in words(text):
        lw = w.lower()
        if lw in _NUMBER_WORDS:
            out.add(_NUMBER_WORDS[lw])
    return out


def _ordinals(text: str) -> set[str]:
    return {_ORDINALS[w.lower()] for w in words(text) if w.lower() in _ORDINALS}


def _alias_key(token: str) -> str:
    t = token.lower().rstrip(".").replace("’", "'")
    t = re.sub(r"'s$", "", t)
    for i, group in enumerate(ALIASES):
        if t in group:
            return f"@alias{i}"
    return t


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words that are not just sentence openers or stopwords."""
    out = set()
    for m in re.finditer(r"(?<![\w'’])([A-Z][\w'’.\-]*)", text):
        tok = m.group(1).rstrip(".")
        before = text[: m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:•-–—\"“"
        if tok.lower() in STOPWORDS or (sentence_start and tok.lower() in STOPWORDS):
            continue
        if len(tok) == 1:
            continue
        out.add(_alias_key(tok))
    return out


_PAST_EVENT = re.compile(r"\b(took place|was held|were held|met|held|previous|previously|last year|ago)\b", re.I)
_FUTURE_WORDS = re.compile(r"\b(will|is to|are to|to be held|upcoming|set to)\b", re.I)


def _align(a: list[str], b: list[str]) -> list[int]:
    """Indices of `a` that take part in a longest common subsequence with `b`."""
    if not a or not b:
        return []
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    out, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            out.append(i)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


@dataclass
class Alignment:
    """How a statement lines up, word by word and in order, with its best evidence sentence."""

    ratio: float  # share of the statement's words matched in order
    unmatched: list[str]  # statement words outside the in-order match (added or moved)


def align(text: str, evidence: list[str]) -> Alignment:
    """Align the statement with each evidence sentence; keep the best match."""
    toks = words(text)
    keys = [stem(w) for w in toks]
    best = Alignment(0.0, toks)
    for e in evidence:
        matched = set(_align(keys, [stem(w) for w in words(e)]))
        ratio = len(matched) / len(keys) if keys else 0.0
        if ratio > best.ratio:
            best = Alignment(ratio, [w for i, w in enumerate(toks) if i not in matched])
    return best


def order_support(text: str, evidence: list[str]) -> float:
    """Share of the statement's words found, in the same order, in one evidence sentence.

    High for a shortened source sentence; low for a paraphrase that moved who-does-what
    around, which is where small models invert meaning.
    """
    return align(text, evidence).ratio


_WORD_SPAN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*%?")
_BOUNDARY_MARK = re.compile(r"[,;:()\[\]“”\"—–]|\s-\s")
_NEGATORS = re.compile(r"^(?:not|no|never|none|nor|neither|without|cannot|nothing|nobody|\w+n['’]t)$", re.I)
# Words that say how sure, planned or conditional the source is; dropping one while keeping
# the verb it governs states as fact what the source only expects.
_HEDGES = frozenset(
    ["will", "would", "could", "may", "might", "must", "should", "can", "shall", "expected", "expects", "expect", "likely", "unlikely", "plans", "plan", "planned", "scheduled", "hopes", "hope", "aims", "aim", "seeks", "seek", "wants", "want", "intends", "intend", "reportedly", "allegedly", "possibly", "probably", "perhaps", "if", "unless", "whether", "poised", "set"]
)
_BOUNDS = frozenset(["more", "less", "fewer", "nearly", "almost", "about", "around", "roughly", "approximately", "over", "under", "least", "most", "up", "some"])


@dataclass
class Deletion:
    """A statement that is its source sentence with words deleted: which source words remain."""

    source: str
    words: list[str]  # the source's words
    kept: set[int]  # indices into `words`
    boundary_after: list[bool]  # punctuation between word i and i+1


def as_deletion(text: str, evidence: list[str]) -> Deletion | None:
    """`text` as a deletion from one evidence sentence (its words, in order), or None."""
    toks = [w.lower().replace("’", "'") for w in words(text)]
    if not toks:
        return None
    for e in evidence:
        spans = list(_WORD_SPAN.finditer(e))
        src = [m.group(0).lower().replace("’", "'") for m in spans]
        kept = _fewest_gaps(toks, src)
        if kept is not None:
            bounds = [bool(_BOUNDARY_MARK.search(e[spans[i].end():spans[i + 1].start()])) for i in range(len(spans) - 1)]
            return Deletion(e, [m.group(0) for m in spans], set(kept), [*bounds, True])
    return None


def _fewest_gaps(toks: list[str], src: list[str]) -> list[int] | None:
    """Positions of `toks` in `src` as a subsequence with the fewest gaps (None if none).

    The fewest gaps is the reading a deletion most likely made: "the" is matched next to
    the words it went with, not to the first "the" of the sentence.
    """
    inf = len(src) + 1
    cost = [[inf] * len(src) for _ in toks]
    back = [[-1] * len(src) for _ in toks]
    for j, w in enumerate(src):
        if w == toks[0]:
            cost[0][j] = 0 if j == 0 else 1
    for i in range(1, len(toks)):
        best, arg = inf, -1  # best cost[i-1][j'] + 1 over j' < j - 1
        for j in range(len(src)):
            if j >= 2 and cost[i - 1][j - 2] + 1 < best:
                best, arg = cost[i - 1][j - 2] + 1, j - 2
            if src[j] != toks[i]:
                continue
            if j >= 1 and cost[i - 1][j - 1] <= best:
                cost[i][j], back[i][j] = cost[i - 1][j - 1], j - 1
            elif arg >= 0:
                cost[i][j], back[i][j] = best, arg
    last = min(range(len(src)), key=lambda j: (cost[-1][j], j), default=-1)
    if last < 0 or cost[-1][last] >= inf:
        return None
    out = [last]
    for i in range(len(toks) - 1, 0, -1):
        out.append(back[i][out[-1]])
    return out[::-1]


def _number_after(d: Deletion, i: int) -> int | None:
    """The number that word i bounds ("more than 10,000", "up to 5"), if any."""
    for j in (i + 1, i + 2):
        if j < len(d.words) and re.match(r"\d", d.words[j]):
            return j
        if j < len(d.words) and d.words[j].lower() not in ("than", "to", "least", "of"):
            return None
    return None


def _scope(d: Deletion, i: int, n: int = 3) -> list[int]:
    """Up to `n` content words after word i, within its clause."""
    out: list[int] = []
    j = i
    while j + 1 < len(d.words) and not d.boundary_after[j] and len(out) < n:
        j += 1
        if d.words[j].lower() not in STOPWORDS or d.words[j].lower() in _HEDGES:
            out.append(j)
    return out


# Words of an office before a name: "White House spokesperson", "Secretary of State".
_TITLE_WORDS = frozenset({
    "president", "prime", "minister", "premier", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "adviser", "advisor", "ambassador", "chairman", "leader", "chief", "deputy", "foreign", "defense",
    "defence", "national", "security", "press", "senior", "state", "official", "of",
})


def deletion_problems(d: Deletion) -> list[str]:
    """What a deletion lost that changes the claim: a negation, a hedge, a bound on a number,
    or a name from the middle of a clause it keeps."""
    out: list[str] = []
    for i, w in enumerate(d.words):
        if i in d.kept:
            continue
        low = w.lower()
        scope = _scope(d, i)
        kept_scope = [j for j in scope if j in d.kept]
        if _NEGATORS.match(w) and kept_scope:
            out.append(f"drops the source's negation (“{w}” before “{d.words[kept_scope[0]]}”)")
        elif low in _HEDGES and kept_scope and (low != "set" or (i + 1 < len(d.words) and d.words[i + 1] == "to")):
            out.append(f"changes how certain the source is: drops “{w}” before “{d.words[kept_scope[0]]}”")
        elif low in _BOUNDS and (num := _number_after(d, i)) is not None and num in d.kept:
            out.append(f"drops “{w}” before the number {d.words[num]}")
        elif w[:1].isupper() and not _TIME_WORDS.fullmatch(w) and i > 0 and (i - 1) in d.kept \
                and not d.boundary_after[i - 1]:
            # The next kept word, if the gap holds no punctuation, continues the same phrase.
            j = i
            while j < len(d.words) and j not in d.kept and not d.boundary_after[j]:
                j += 1
            # Titles and first names before a kept name ("said [President] Putin") are fine;
            # a name between a kept word and a common word ("urge [Xi] to") is not.
            # So is an office with a title word in it ("said [White House spokesperson] Josh Earnest").
            prefix = all(d.words[k][:1].isupper() or d.words[k].lower() in _TITLE_WORDS for k in range(i, j)) \
                and j < len(d.words) and d.words[j][:1].isupper()
            if j < len(d.words) and j in d.kept and low not in STOPWORDS and not prefix:
                out.append(f"drops the name “{w}” from inside a phrase it keeps")
    return list(dict.fromkeys(out))


def verify_statement(text: str, evidence: list[str], *, allowed_names: set[str] | None = None) -> Verdict:
    """Verify a generated statement against its evidence sentences.

    `allowed_names` are names established for the whole brief (the principals, the
    place), which a statement may use even if its own evidence refers to them by a
    pronoun or a title.
    """
    reasons: list[str] = []
    weak: str | None = None
    support_weak: str | None = None
    ev = " ".join(evidence)
    if not text.strip() or len(words(text)) < MIN_WORDS:
        return Verdict(False, reasons=["too short to stand as a statement"])
    # A deletion from one source sentence cannot add anything; what it can do is drop a word
    # that changes the claim, which is checked word by word where the words were.
    deletion = as_deletion(text, evidence)
    if deletion is not None:
        reasons.extend(deletion_problems(deletion))
    if _INSTRUCTION_ECHO.search(text) and not _INSTRUCTION_ECHO.search(ev):
        reasons.append("reads like model chatter, not a statement")
    missing_num = _norm_numbers(text) - _norm_numbers(ev)
    if missing_num:
        reasons.append(f"number(s) not in the source: {', '.join(sorted(missing_num))}")
    missing_ord = _ordinals(text) - _ordinals(ev)
    if missing_ord:
        reasons.append(f"ordinal not in the source: {', '.join(sorted(missing_ord))}")
    ev_time = {t.lower() for t in _TIME_WORDS.findall(ev)}
    missing_time = {t for t in _TIME_WORDS.findall(text) if t.lower() not in ev_time}
    if missing_time:
        reasons.append(f"date not in the source: {', '.join(sorted(missing_time))}")
    allowed = {_alias_key(w) for n in (allowed_names or set()) for w in n.split()}
    allowed |= {stem(w) for n in (allowed_names or set()) for w in words(n)}
    ev_names = _proper_nouns(ev) | {_alias_key(w) for w in words(ev)}
    missing_names = {n for n in _proper_nouns(text) if n not in ev_names and n not in allowed}
    if missing_names:
        shown = sorted(n for n in missing_names if not n.startswith("@"))
        reasons.append(f"name(s) not in the source: {', '.join(shown) or 'an actor'}")
    outcomes = {m.group(1).lower() for m in _OUTCOME.finditer(text)}
    ev_outcomes = {m.group(1).lower() for m in _OUTCOME.finditer(ev)}
    if outcomes - ev_outcomes:
        reasons.append(f"states an outcome no source states ({', '.join(sorted(outcomes - ev_outcomes))})")
    if deletion is None and _FORWARD.search(ev) and not _FORWARD.search(text):
        reasons.append("states as fact what the source only expects")
    if _NEGATION.search(text) and not _NEGATION.search(ev):
        reasons.append("adds a negation")
    if _FUTURE_WORDS.search(text) and _PAST_EVENT.search(ev) and not _FORWARD.search(ev):
        reasons.append("turns a past event into a future one")
    for m in re.finditer(r"\bwill\s+(\w+)", text, re.I):
        verb = m.group(1).lower()
        if re.search(rf"\b{verb}e?d\b", ev, re.I) and not re.search(rf"\bwill\s+{verb}\b", ev, re.I):
            reasons.append(f"turns the source's past “{verb}ed” into “will {verb}”")
    st = content_stems(text)
    ev_st = content_stems(ev) | {stem(w) for w in words(ev)}
    # "AI" for "artificial intelligence", "US" for "American": same actor, same thing.
    ev_keys = {_alias_key(w) for w in words(ev)}
    for i, group in enumerate(ALIASES):
        if f"@alias{i}" in ev_keys:
            ev_st |= {stem(w) for w in group}
    al = align(text, evidence)
    if al.ratio < ORDER_REJECT:
        reasons.append(f"rewords the source too freely to check ({al.ratio:.0%} of it follows the source)")
    else:
        out_of_order = [
            w for w in al.unmatched
            if w.lower() not in STOPWORDS and stem(w) not in allowed and _alias_key(w) not in allowed
            and stem(w) in ev_st
        ]
        # A name out of the source's order is how roles get swapped ("urge Russia" where
        # the source says "urge him (Xi) … Russia's war"); a common word out of order is
        # usually harmless ("South China Sea actions"), so it is only flagged.
        moved_names = [w for w in out_of_order if w[0].isupper()]
        modal = [w for w in al.unmatched if w.lower() in _MODALS and w.lower() not in ev.lower().split()]
        if moved_names:
            reasons.append(f"moves names out of the source's order: {', '.join(dict.fromkeys(moved_names))}")
        if modal:
            reasons.append(f"changes how certain the source is: adds “{modal[0]}”")
        if out_of_order and not moved_names and weak is None:
            weak = f"reorders the source's words: {', '.join(dict.fromkeys(out_of_order))}"
        elif al.ratio < ORDER_FLAG and weak is None:
            weak = f"{al.ratio:.0%} of it follows the source's wording"
    if deletion is None and _NEGATION.search(ev) and not _NEGATION.search(text):
        reasons.append("drops the source's negation")
    if st:
        new_words = sorted(
            {w.lower() for w in words(text) if w.lower() not in STOPWORDS and stem(w) in st - ev_st - allowed}
        )
        support = 1 - len(new_words) / len(st)
        # Each word a model adds is a claim nobody made; one may be a harmless synonym,
        # more is a rewrite that needs a human.
        if support < 0.6 or len(new_words) > 1:
            reasons.append(f"adds words the source does not use: {', '.join(new_words)}")
        elif new_words:
            support_weak = f"uses words the source does not: {', '.join(new_words)}"
    if weak is None and support_weak:
        weak = support_weak
    ev_content = max((content_stems(e) for e in evidence), key=len, default=set())
    if ev_content and weak is None and len(st & ev_content) / len(ev_content) < COVERAGE_FLAG:
        weak = "keeps little of its source sentence; check nothing important was dropped"
    if len(words(text)) > 1.3 * max(len(words(ev)), 12):
        reasons.append("longer than its evidence")
    if reasons:
        return Verdict(supported=False, reasons=reasons)
    return Verdict(supported=True, flag=weak is not None, reasons=[weak] if weak else [])


# Introductory phrases that frame rather than state: "In addition to discussing X, Biden will
# warn…" says the same as "Biden will warn…" for a bullet.
_LEAD_FRAME = re.compile(
    r"^(?:In addition to [^,]{3,80}|Without [^,]{3,80}|As [^,]{3,80} (?:have|has) done [^,]{0,80}"
    r"|At the same time|For example|Meanwhile|Still|However|Already|Separately),\s+",
)
_LEAD_ATTRIBUTION = re.compile(
    r"^(?:according to [^,]{3,80},|[A-Z][^,]{0,60} (?:said|says|told [^,]{1,40}) that)\s+", re.I
)
_PRONOUN_OPENING = re.compile(rf"{THIRD_PERSON}\b", re.I)
_TAIL_ATTRIBUTION = re.compile(
    r",(?P<q>[”\"’]?)\s*(?:the |a |one )?(?:senior |U\.S\. |US |White House |administration |government |Chinese )*"
    r"(?:official|officials|spokesperson|spokesman|source|sources|White House|[A-Z][a-z]+ [A-Z][a-z]+)"
    r"(?: [a-z ]{0,30})? (?:said|says|added|told [^.,]{1,40})(?: on)?(?: (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    # "…, the official said who spoke on condition of anonymity.": who the speaker is goes too.
    r"(?:,? (?:who|speaking|on condition)\b[^.,“”\"]{0,60})?"
    r"(?=[.”\"]*$|,\s+adding\b)",
)
# "…on December 11, the official said, and the details were …": an anonymous attribution
# between commas inside the sentence; without it the sentence reads on.
_MID_ATTRIBUTION = re.compile(
    r",(?P<q>[”\"’]?)\s*(?:the |a |an |one )(?:senior |U\.S\. |US |White House |administration |government )*"
    r"(?:official|spokesperson|spokesman|spokeswoman|source|diplomat|aide)s? (?:said|says|added)(?=,\s+\w)",
    re.I,
)
_NAMED_SPEAKER = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+ (?:said|says|added|told)\b")
_ADDING_TAIL = re.compile(r",\s+adding\b.*$")


# After a comma, a list goes on ("…, where the borders of Syria, Iraq, and Jordan converge"): that
# comma does not close a clause.
_LIST_GOES_ON = r"(?!\s+[\w'’-]+(?:\s+[\w'’-]+){0,2},\s+(?:and|or)\s|\s+[A-Z][\w'’-]*\s+(?:and|or)\s+[A-Z])"
_ASIDE = re.compile(
    # A non-restrictive relative clause, with any that follows it about a word inside it: "The
    # delegation, which includes his sister, who attended …, will" is "The delegation will".
    r",\s+(?:who|which|whom|whose)\s[^,;“”\"]{3,90}(?:,\s+(?:who|which|whom|whose)\s[^,;“”\"]{3,90})*,(?=\s)" + _LIST_GOES_ON +
    r"|,\s+(?:who|which|whom|whose)\s[^,;“”\"]{3,120}(?=\.$)"  # ... closing the sentence
    # (Parentheses go before, whatever the length: `_PARENTHESIS`.)
    r"|\s[—–]\s?[^—–]{1,80}\s?[—–](?=\s)"  # dashes
)


_PARENTHESIS = re.compile(r"\s\([^()]{1,60}\)")  # whatever the length (`trim_sentence`)


def drop_anonymous_aside(text: str) -> str:
    """The text without an anonymous attribution between commas ("…, the official said, and …").
    After a closing quote the quote stays: "…environment,” one official said, and the …" →
    "…environment”, and the …"."""
    return _MID_ATTRIBUTION.sub(lambda m: m.group("q"), text)


ASIDE_WORDS = TARGET_WORDS  # a source sentence standing in for a bullet keeps its asides up to this length


def trim_sentence(sentence: str) -> str:
    """A source sentence without its attribution ("…, the official said.") and asides.

    Used where a source sentence stands in for a bullet: the citation already says who
    said it, so the attribution only costs the reader time. Only whole asides are cut
    (", who …,", parentheses, dashes), and only from a sentence longer than `ASIDE_WORDS`;
    every word kept is the source's, in its order.
    """
    s = sentence.strip()
    # A list marker the page set before the sentence ("- This will be…", "• Trade…") is no word of it.
    s = re.sub(r"^[-–—•*·]\s+(?=\S)", "", s)
    # A closing quote before the attribution stays: "…topics,” the official said." → "…topics”."
    # A quotation keeps a named speaker, though: "“…,” Jake Sullivan said." stays whole.
    s2 = _TAIL_ATTRIBUTION.sub(
        lambda m: m.group(0) if m.group("q") and _NAMED_SPEAKER.search(m.group(0)) else m.group("q"), s)
    if s2 != s:
        s2 = _ADDING_TAIL.sub("", s2)  # "…, the official said, adding that …": the rest is another claim
    s2 = drop_anonymous_aside(s2)
    s2 = s2 if s2.endswith((".", "!", "?", "”", '"', "…")) else s2 + "."
    # A sentence short enough for a bullet keeps its asides: they often hold the fact (", whom he
    # last met in June at the NATO summit in Brussels.", ", which is his first with an African
    # leader"). A longer one loses them, as the rules' deletion would (`briefer.compress`).
    s2 = _PARENTHESIS.sub("", s2)  # a gloss or an acronym: "(DAC)", "(France's National Day)"
    if len(words(s2)) > ASIDE_WORDS:
        s2 = _ASIDE.sub("", s2)
    m = _LEAD_FRAME.match(s2)
    if m and len(words(s2[m.end():])) >= 8:
        s2 = s2[m.end():]
        s2 = s2[0].upper() + s2[1:]
    m = _LEAD_ATTRIBUTION.match(s2)
    # (Not when what it reports opens on a pronoun the attribution names: "Lee's office has said
    # that he and Xi will …".)
    if m and len(s2) - m.end() > 30 and not _PRONOUN_OPENING.match(s2[m.end():]):
        s2 = s2[m.end():]
        s2 = s2[0].upper() + s2[1:]
    if s2 != s and s2 and not re.search(r"[.!?…][\"”’']?$", s2):
        s2 += "."
    return s2 if len(words(s2)) >= 5 else s

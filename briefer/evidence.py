"""Select the evidence for each evidence section of the template.

Where a section names classifier labels (`SectionSpec.labels`), a sentence's fit is the
probability the section classifier (`briefer.placement`) gives those labels; a section
without labels ranks sentences by embedding similarity to its query (and its cue words,
for templates that still have them). Each sentence goes to the section it fits best (none,
if the classifier finds it belongs nowhere), and within a section the choice is diverse
(maximal marginal relevance), spread across sources, and within the section's budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from briefer.analyse import (
    MEETING_RE,
    YEAR_RE,
    Analysis,
    SentenceRec,
    _figures,
    is_past,
    looks_ahead,
    names_all,
    person_tokens,
    sentences_by_source,
)
from briefer.frame import norm_place
from briefer.ingest.clean import is_wire_caption
from briefer.ingest.dates import dates_in, parse_iso
from briefer.ingest.instructions import find_instructions, sentence_is_instruction
from briefer.salience import key_probability
from briefer.template import KIND_EVIDENCE, SectionSpec, Template
from briefer.textutil import FIRST_PERSON, content_stems, words

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefer.brief import Statement
    from briefer.placement import Placement, SectionClassifier
    from briefer.ports import Embedder

# Sentences opening with a bare pronoun lean on the sentence before them; they make
# poor stand-alone bullets. (An opening "But" / "And" / "Also" does not: the bullet drops it.)
_DANGLING = re.compile(
    r"^[\"“]?(?:(?i:of course|and of course|but|and|also),?\s*)?(?i:that|these|those|they|he|she|such)\b"
    r"|^[\"“‘']?[A-Z][\w’']*(?:\s+[\w’']+){0,3},\s+(?:he|she|they|that|these|those)\b"  # "Even so, he called it…", "Certainly, that will…": who, what?
    r"|^[\"“]?(?:On|In|At|By|Last|This|Next|Earlier|Later)\b(?:\s+[\w’']+){1,3}\s+(?:he|she|they)\b"  # "On Tuesday he hoped…"
    r"|^[\"“]?This (?:includes?|included|means|meant|is because|was because|comes|came|follows|followed)\b"  # "This includes …": includes what?
    r"|,[’'\"”]?\s*(?:he|she|they) (?:said|added|told)\b"  # who is "he"? the sentence before said
    r"|^[\"“]?(?:(?i:and|but|so),?\s+)?(?i:if|when|unless) (?i:they|he|she|it|so|not)\b(?! (?:will|would|are|is)\b)"  # "(And) if they do, …"
    # "Will visit China for three days starting January 8, …": a page cut off its subject
    r"|^[\"“]?(?:Will|Would|Shall|Could|Should|Can|Must|Has|Have|Had)\s+(?:also\s+|not\s+|be\s+)?[a-z]+\b(?![^?]*\?)"
    # "will visit China for three days …": a line break in the page split the sentence (4 of the
    # dev set's 5,250 sentences open in lower case, all fragments or page furniture)
    r"|^[\"“‘']?[a-z]"
    # "Otherwise, the divergences could…": otherwise than what the sentence before said
    r"|^[\"“]?(?i:otherwise|instead|as a result|in return|in turn|therefore|thus|hence|by contrast|in contrast"
    r"|for that reason|that is why|for example|for instance|at the same time|on the other hand),"
    # "Here are the main issues each president will raise": the list it announces is not shown
    r"|^[\"“]?Here(?: is|'s|’s| are)\b"
    # "After that, the two will brief the press": after what?
    r"|^[\"“]?(?i:after|before|besides|despite|because of|following|apart from|beyond|in addition to|on top of"
    r"|from|with|against) (?i:that|this|these|those|them|it|there),"
)
# Who speaks, as a bare pronoun: "He said the date … had not been set", "…, she added." The
# bullet drops an attribution, so what is left may stand alone (`_speaker_only`).
_PRONOUN_SPEAKER = re.compile(r"^[\"“]?(?:He|She) (?:said|says|added|told reporters)\b"
                              r"|[,!?][’'\"”]?\s*(?:he|she) (?:\w+ly |further |also )?(?:said|added|told \w+)\b")

# "…and repeated Russia's claims": a second verb whose subject is the same speaker.
_SECOND_VERB = re.compile(r"\b(?:and|but)\s+(?:\w+ly\s+)?[a-z]+ed\b")


def _speaker_only(text: str) -> bool:
    """True if all that leans on the sentence before is who speaks, and the bullet (which
    drops the attribution) stands alone: no pronoun left to ask "who?" of."""
    if not _PRONOUN_SPEAKER.search(text):
        return False
    from briefer.compress import compress

    bullet = compress(text).text
    # "He said Kyiv should forget NATO and repeated Russia's claims": the speaker is also the
    # subject of a second verb, which the bullet would give to someone else.
    # Nor may it speak in the first person: without the speaker, "us" is no one.
    return bool(bullet) and not _DANGLING.search(bullet) and not _SECOND_VERB.search(bullet) \
        and not FIRST_PERSON.search(bullet) and not re.search(r"\b(?:he|she|him|her|his)\b", bullet, re.I)


def leans_on_context(text: str) -> bool:
    """True if the sentence cannot stand alone as a bullet: it opens on a pronoun or a reference
    to the sentence before, its speaker is a pronoun the bullet keeps ('"…closer," he said'),
    or someone speaks ("we", "I") and it, or the bullet cut from it, does not say who."""
    if (_DANGLING.search(text) or _PRONOUN_SPEAKER.search(text)) and not _speaker_only(text):
        return True
    if not FIRST_PERSON.search(text):
        return False
    if not _third_party_speaker(text):
        return True
    # A speaker the bullet drops ("…, our partner, the White House said", "A US official said: “I
    # don't think …”") leaves "we" and "I" to no one.
    from briefer.compress import compress

    bullet = compress(text).text
    return bool(FIRST_PERSON.search(bullet) and not _SPEAKER.search(bullet))


def _third_party_speaker(text: str) -> bool:
    """True if someone is said to speak, other than the first person itself: "…,” Kalder said",
    not "I'm only going to say that …"."""
    return any(not FIRST_PERSON.search(text[max(0, m.start() - 25):m.start()]) for m in _SPEAKER.finditer(text))


_SOFT_DANGLING = re.compile(r"^[\"“]?(?:(?i:of course|and of course),\s*)?(?i:it|this)\b")
_PROPER = re.compile(r"(?<!^)(?<![.!?]\s)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_NO_NEWS = re.compile(
    r"\b(?:did not|didn['’]t|gave no|giving no|without giving|declined to|refused to)\s+"
    r"(?:give |provide |offer |disclose |reveal |specify |elaborate|comment|further details|details|say when|say where)",
    re.I,
)
_HISTORY = re.compile(
    r"\bfirst(?:[- ]ever)?\s+(?:\w+\s+){0,3}?(?:meeting|summit|visit|talks|trip|encounter)|\bfor the first time\b|"
    r"\blast (?:met|meeting|summit|visit)|\b(?:previous|last) (?:\w+ )?(?:meeting|summit|talks)\b|"
    r"\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:\w+ )?(?:meeting|summit|visit|encounter)\b|"
    r"\bsince (?:\w+ )?(?:19|20)\d\d\b",
    re.I,
)
HISTORY_BONUS = 0.05
_TALK = re.compile(r"\b(?:discussions?|conversations?|phone calls?|dinner|encounter)\b", re.I)
_PAST_VERB = re.compile(r"\b(?:met|held|took|spent|had|was|were|[a-z]{3,}ed)\b")
_SPEAKER = re.compile(r"\b(?:said|says|say|told|tells|according to|stated|added|quoted|tweeted|wrote|asked|insisted|"
                      r"noted|declared|announced|remarked|stressed|urged|warned)\b", re.I)
_QUOTE_ONLY = re.compile(r"^[\"“].*[\"”]\s*,?\s*(said|says)\b", re.I)
_MIN_SCORE = 0.30
NONE_MAJORITY = 0.5  # dev set (32 clusters): key facts 317 -> 323 of 407, traps and junk unchanged
_RELATIVE_FLOOR = 0.70
_RELATIVE_FLOOR_PLACED = 0.50
_NEAR_FLOOR_PLACED = 0.46  # the second pass (48 clusters: key facts 488 -> 490, seeds brief unchanged; 0.42: 489)
_FILL_FLOOR = 0.35  # the last pass, while the body has words to spare
# What other sources say in their own words (a sentence this close in meaning) ranks higher:
# dev set (84 clusters): key facts 840 -> 843 of 1082, traps 62 -> 60 (0.02 or 0.75: no gain).
ECHO_SIMILARITY = 0.7
ECHO_WEIGHT = 0.05
ECHO_CAP = 3  # other sources counted at most
# What the salience model's P(key) adds to a sentence's score (108 clusters, key facts /
# traps: 0 → 1088 / 93, 0.2 → 1096 / 95, 0.4 → 1106 / 98, 0.6 → 1115 / 98, 0.8 → 1112 / 101).
SALIENCE_WEIGHT = 0.6
QUERY_WEIGHT = 0.5  # with the classifier, scores are probabilities: keep more of them
_REDUNDANT = 0.66  # embedding similarity at which two sentences say the same (114 clusters: 0.72 / 0.68 / 0.66 / 0.64 / 0.62 carry 1174 / 1178 / 1185 / 1188 / 1176 key facts and 115 / 111 / 111 / 115 / 113 traps)
_SAME_TOPIC = 0.50  # ... or this, when they share two rare content words (48 clusters: 472 key facts and 33 traps without this floor, 478 and 32 with it; 0.45 / 0.58 do no better)
_LEAD_NOVEL_WORDS = 3  # content words the event line lacks that make a sentence restating it a bullet
_SAME_WORDS = 0.40  # ... or when this share of the shorter one's content words is the other's


def _overlap(a: set[str], b: set[str]) -> float:
    """The share of the smaller set's words that the other holds."""
    return len(a & b) / max(1, min(len(a), len(b)))


@dataclass
class Evidence:
    """A sentence chosen for a section, and why."""

    sentence: SentenceRec
    score: float


def _cue_hits(text: str, cues: tuple[str, ...]) -> int:
    low = text.lower()
    return sum(1 for c in cues if re.search(rf"(?<!\w){re.escape(c.lower())}(?!\w)", low))


_THEY = re.compile(r"^(?P<pre>[\"“]?(?:(?:But|And|Also),?\s+)?)(?P<they>[Tt]hey)\b(?!\s+(?:said|say|told|added)\b)")
_TWO_LEADERS = re.compile(r"\b(?:the two|both)(?:\s+(?:leaders|presidents|men|heads of state))?\b(?!\s+(?:countries|nations|sides))",
                          re.I)
_TWO_COUNTRIES = re.compile(r"\b(?:the two|both|two) (?:countries|nations)\b", re.I)
# The subject of a sentence about people of both sides: "US and Chinese officials resumed talks".
_BOTH_SIDES_SUBJECT = re.compile(
    r"^(?:The\s+)?(?P<np>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?\s+and\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?"
    r"\s+(?:officials|negotiators|diplomats|delegations|delegates|ministers|envoys|aides|teams|trade teams))\b"
    r"(?!\s+(?:of|from|in)\b)"
)


def _their_antecedents(analysis: Analysis) -> dict[int, str]:
    """Sentences that open with "They" right after a sentence about the two principals (or
    their two countries), with "They" replaced by who is meant in brackets: "[Maru and
    Kalder] are expected to discuss…". Read alone, as a bullet is, "They" names no one."""
    frame = analysis.frame
    if frame is None or len(frame.people) != 2:
        return {}
    tokens = person_tokens(frame)
    pair = f"[{frame.people[0].short or frame.people[0].name} and {frame.people[1].short or frame.people[1].name}]"
    they = [(c, m) for c in analysis.sentences if (m := _THEY.match(c.text))]
    # Only the sources with such a sentence are split again, for the sentence before it.
    ids = {c.source_id for c, _ in they}
    sents = sentences_by_source([s for s in analysis.sources if s.id in ids])
    out: dict[int, str] = {}
    for c, m in they:
        own = sents.get(c.source_id, [])
        if not 0 < c.index < len(own) or own[c.index] != c.text:
            continue
        prev = own[c.index - 1]
        if _TWO_COUNTRIES.search(prev):
            who = "[the two countries]" if m.group("pre") else "[The two countries]"
        elif names_all(prev, tokens) or _TWO_LEADERS.search(prev):
            who = pair
        elif side := _BOTH_SIDES_SUBJECT.match(prev):
            who = f"[{side.group('np')}]"
        else:
            continue
        out[c.id] = m.group("pre") + who + c.text[m.end("they"):]
    return out


def cut_off(sentence: str, source_text: str) -> bool:
    """True if `sentence` ends its source without ending itself: the page or the paste
    stopped mid-sentence ("…to allow pro-Kurdish groups to organize dem")."""
    s = sentence.rstrip()
    return bool(s) and source_text.endswith(s) and not re.search(r"[.!?…:;\"”’')\]]$", s)


# What a cut-off sentence cannot end on: a figure whose unit was cut ("nearly $66 bil"), or a
# word that needs the next one ("would not be just", "between").
_CUT_TAIL = re.compile(
    r"[\s,;:–—-]+$|\s+[“\"‘']?(?:[$€£¥]?\d[\d.,]*%?|and|or|but|nor|the|a|an|its|their|his|her|this|that|these|"
    r"those|of|in|on|at|to|for|with|by|from|into|between|about|over|under|after|before|than|as|"
    r"which|who|whom|whose|where|when|while|be|been|being|is|are|was|were|will|would|can|could|"
    r"may|might|should|must|has|have|had|do|does|did|not|just|also|both|very|more|most|"
    r"nearly|around|some|almost|up)$",
    re.I,
)


def complete_part(sentence: str) -> str | None:
    """What a cut-off sentence said before the cut, marked as cut ("…"): without the broken
    last word and the words that need the next one. None if too little is left to stand as
    a bullet."""
    text = " ".join(sentence.split()[:-1])  # the last word is broken ("…in 2023/24, with India po")
    if re.search(r"[.!?][”’\"')\]]*$", text):
        return text  # the cut took only a stray word after a full sentence ("… meeting. block")
    while _CUT_TAIL.search(text):
        text = _CUT_TAIL.sub("", text)
    if len(text.split()) < 8:
        return None
    if _SUBORDINATE_OPENING.match(text) and "," not in text:
        return None  # "Since the first informal meeting between the two…": the main clause was cut
    return text + "…"


_SUBORDINATE_OPENING = re.compile(
    r"^[\"“]?(?:since|when|while|whilst|although|though|because|if|unless|as|after|before|once|until|whereas)\b", re.I)


def _without_instructions(analysis: Analysis) -> list[SentenceRec]:
    """The current sentences as evidence can use them. Those that address a model or a reader
    (prompt injection) are never evidence, nor are photo captions left inside a paragraph; another source's wording of a kept sentence that is
    such text is dropped from it too, so it cannot ride along as support. A sentence opening on
    "They" names who is meant (`_their_antecedents`); one the page cut off keeps what it said
    before the cut (`complete_part`)."""
    flagged: dict[int, set[str]] = {
        s.id: set(s.instructions) | set(find_instructions(s.text)) for s in analysis.sources
    }

    def bad(source_id: int, text: str) -> bool:
        return text in flagged.get(source_id, ()) or sentence_is_instruction(text)

    ends = {s.id: s.text.rstrip() for s in analysis.sources}
    their = _their_antecedents(analysis)
    out = []
    for c in analysis.current_sentences():
        if bad(c.source_id, c.text) or is_wire_caption(c.text):
            continue  # (a photo's caption left inside a paragraph is no statement either)
        if c.id in their:
            c = replace(c, text=their[c.id])
        if cut_off(c.text, ends.get(c.source_id, "")):
            kept = complete_part(c.text)
            if kept is None:
                continue
            c = replace(c, text=kept)
        if any(bad(sid, t) for sid, t in c.also_in):
            c = replace(c, also_in=[(sid, t) for sid, t in c.also_in if not bad(sid, t)])
        out.append(c)
    return out


def evidence_specs(template: Template, analysis: Analysis) -> list[SectionSpec]:
    """The sections that take evidence: evidence kind, and their side at the meeting."""
    from briefer.sections.evidence import party_present

    return [s for s in template.sections if s.kind == KIND_EVIDENCE and party_present(s, analysis)]


def score_sentences(
    analysis: Analysis, specs: list[SectionSpec], embedder: Embedder | None, placement: Placement | None = None,
    salience: SectionClassifier | None = None,
) -> tuple[list[SentenceRec], np.ndarray]:
    """Score every current sentence against every section: rows = sections.

    A sentence the classifier places nowhere ("none": page furniture, off-topic) scores -1
    everywhere. With `salience` (`briefer.salience`), a sentence like those analysts wanted
    in their briefs scores higher in every section.
    """
    cands = _without_instructions(analysis)
    if not cands or not specs:
        return cands, np.zeros((len(specs), len(cands)), dtype=np.float32)
    sims = np.zeros((len(specs), len(cands)), dtype=np.float32)
    sent_emb = analysis.embeddings[[c.id for c in cands]] if analysis.embeddings is not None else None
    if embedder is not None and sent_emb is not None:
        queries = embedder.encode([f"{s.heading}: {s.query}" for s in specs])
        sims = queries @ sent_emb.T
    # Whose ask each sentence is, decided once: it splits the classifier's asks between the
    # sides, and only the party's own may be evidence for the party's asks.
    ask_spec = _ask_spec(specs)
    sides = _side_patterns(analysis, ask_spec) if ask_spec is not None else (None, None)
    party_first = [_side_first(c.text, *sides) for c in cands] if ask_spec is not None else None
    probs = None
    nowhere = np.zeros(len(cands), dtype=bool)
    if placement is not None and any(s.labels for s in specs):
        probs = placement.predict(analysis, cands)
        names = list(placement.labels)
        probs = _split_asks(probs, names, cands, party_first)
        if "none" in names:
            # Nowhere only when "none" is the majority: "President Obama … will raise human rights"
            # at none 0.36 against US asks 0.35 is a bullet a reader wants.
            nowhere = (probs.argmax(axis=1) == names.index("none")) & (probs[:, names.index("none")] >= NONE_MAJORITY)
        for i, spec in enumerate(specs):
            cols = [names.index(lb) for lb in spec.labels if lb in names]
            if cols:
                # The learned probability, nudged by how close the sentence is to what the
                # section asks for in the template's own words.
                sims[i] = probs[:, cols].sum(axis=1) + QUERY_WEIGHT * sims[i]
    echoes = _echoes(sent_emb, cands)
    wanted = SALIENCE_WEIGHT * key_probability(salience, analysis, cands) if salience is not None \
        else np.zeros(len(cands))
    dates = {s.id: s.date or "" for s in analysis.sources}
    newest = max(dates.values(), default="")
    principals = {w for n in analysis.event.who for w in n.split()} | {"President", "U", "S", "US"}
    ref = analysis.reference_date
    event_year = ref.year if ref else 9999
    scores = np.zeros_like(sims)
    for j, c in enumerate(cands):
        nwords = len(c.text.split())
        base = 0.03 * (len(c.source_ids) - 1)  # said by several sources
        base += ECHO_WEIGHT * min(echoes[j], ECHO_CAP)  # and in other words by others
        base += float(wanted[j])
        if leans_on_context(c.text) or nowhere[j]:
            scores[:, j] = -1.0  # leans on a sentence we do not show, or belongs nowhere
            continue
        if _NO_NEWS.search(c.text):
            base -= 0.15  # its news is that there is none: "did not give further details"
        if _SOFT_DANGLING.match(c.text):
            base -= 0.03  # "It/This will be…" usually means the meeting itself
        if _QUOTE_ONLY.match(c.text):
            base -= 0.02
        if nwords > 45:
            base -= 0.05
        if nwords < 8:
            base -= 0.05
        if newest and dates.get(c.source_id) == newest:
            base += 0.01
        if rival_date(c, analysis):
            scores[:, j] = -1.0  # an earlier report of the meeting's date that the sources overtook
            continue
        # Specific sentences (naming places, bodies, programmes) make better bullets
        # than generic ones ("issues of concern").
        specifics = {m.group(1) for m in _PROPER.finditer(c.text)} - principals
        base += min(0.08, 0.02 * len(specifics))
        # Recollections of earlier meetings are background: fine where the section accepts
        # background, but the other sections are about the meeting ahead.
        # A sentence that also looks ahead ("will also touch on issues between two nations
        # who have previously…") is about the meeting ahead.
        # ("Biden, Yoon and Ishiba spent most of their 50-minute discussion on the issue": a talk
        # that took place is a meeting too.)
        past = not looks_ahead(c.text) and (bool(MEETING_RE.search(c.text) and is_past(c.text))
                                            or bool(_TALK.search(c.text) and _PAST_VERB.search(c.text)) or any(
            int(y) < event_year for y in YEAR_RE.findall(c.text)
        ))
        history = HISTORY_BONUS if _HISTORY.search(c.text) else 0.0
        for i, spec in enumerate(specs):
            if spec is ask_spec and party_first is not None and not party_first[j]:
                scores[i, j] = -1.0  # the party's asks name the party: "Cuba is willing to talk to the U.S." is Cuba's
                continue
            if past and not spec.accepts_background:
                scores[i, j] = -1.0  # never evidence for what happens next
                continue
            base_i = base - 0.06 if past else base  # background ranks below this meeting
            if spec.accepts_background:
                base_i += history  # how often and when they met: what a context section is for
            scores[i, j] = sims[i, j] + min(0.18, 0.06 * _cue_hits(c.text, spec.cues)) + base_i
    return cands, scores


def _echoes(emb: np.ndarray | None, cands: list[SentenceRec]) -> list[int]:
    """For each candidate (`emb`: their embeddings, in order), how many other sources say much
    the same in their own words (a sentence of theirs close in meaning): what several previews
    report is what a brief needs."""
    if emb is None or not cands:
        return [0] * len(cands)
    sims = emb @ emb.T
    out = []
    for j, c in enumerate(cands):
        own = set(c.source_ids)
        others = {sid for k in np.flatnonzero(sims[j] >= ECHO_SIMILARITY) for sid in cands[k].source_ids} - own
        out.append(len(others))
    return out


_OTHER_EVENT = re.compile(r"\b(after|before|following|then|and|while|ahead|attend\w*|summit|visit\w*)\b", re.I)
RIVAL_DAYS = 30  # a day this near the meeting's, named for a meeting, is a date for this one


def rival_date(c: SentenceRec, analysis: Analysis) -> bool:
    """True if the sentence puts a meeting on a day other than the set's meeting day: an
    earlier report ("… will go to talks on September 8") that the other sources overtook.

    Only a day the sentence writes out, near the meeting day (not the date of an earlier
    meeting), in a sentence about a meeting ahead; a multi-day meeting's next day is no rival.
    """
    frame = analysis.frame
    when = frame.when if frame is not None else None
    if when is None or not MEETING_RE.search(c.text) or not looks_ahead(c.text):
        return False
    # Each principal by short name or surname.
    tokens = [sorted({p.short, p.name.split()[-1]}) for p in frame.people]
    if sum(names_all(c.text, [toks]) for toks in tokens) < 2:
        return False  # a date for the meeting names who meets
    spans = [m.end() for toks in tokens for n in toks if len(n) > 1 for m in re.finditer(rf"\b{re.escape(n)}\b", c.text)]
    own = parse_iso(next((s.date for s in analysis.sources if s.id == c.source_id), None))
    rivals = []
    for day, explicit, pos in dates_in(c.text, own, when):
        if not explicit or abs((day - when).days) > RIVAL_DAYS:
            continue
        if abs((day - when).days) <= 1:
            return False  # the sentence also gives the meeting's own day (or the next, of two)
        before = [e for e in spans if e <= pos]
        gap = c.text[max(before):pos] if before else ""
        # The date hangs on the meeting of the two: it follows their names closely, with no
        # other event in between ("will meet Putin after attending a July 11-12 summit").
        if before and len(gap.split()) <= 8 and not _OTHER_EVENT.search(gap):
            rivals.append(day)
    return bool(rivals)


_WILL = re.compile(r"\b(will|would|shall|expected|expects?|likely|plans?|set to|going to|intends?|aims?|"
                   r"seeks?|hopes? to|wants?|is to|are to|to (?:urge|press|push|raise|warn|call|demand|ask|seek))\b", re.I)


# "… said that", "… have reported that": what follows is the claim; who reports it is not its side.
_REPORTED = re.compile(r"\b(?:said|says|say|reported|reports?|believes?|believed|noted|stated|added|assessed|told reporters)"
                       r"(?:\s+on\s+\w+)?\s+that\b", re.I)


def _names_pattern(names: set[str], stems: set[str] = frozenset()) -> re.Pattern[str] | None:
    """One pattern for any of `names` as whole words, longest first, or a word starting with
    one of `stems` ("South Afric…"); None if there are none."""
    alts = [re.escape(x) for x in sorted(names, key=lambda x: (-len(x), x))]
    alts += [re.escape(st) + r"\w*" for st in sorted(stems)]
    return re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?![\w])") if alts else None


def _side_patterns(analysis: Analysis, spec: SectionSpec) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns for the party of `spec` (its principals, the party's names: "US", "Washington")
    and for the other side (its principals, and their country by the nationality the sources
    give them: "South African" -> "South Africa…", "Chinese" -> "China")."""
    from briefer.sections.evidence import party_members

    frame = analysis.frame
    members = set(party_members(analysis, spec.party, spec.party_aliases))
    named = list(zip(frame.people, person_tokens(frame))) if frame else []
    tokens = {tok for p, toks in named if p.name in members for tok in toks if len(tok) > 1}
    side = _names_pattern({*tokens, *spec.party_aliases, spec.party})
    others = [(p, toks) for p, toks in named if p.name not in members]
    # (And the countries the sources pair with a principal's, but the party's: "Japan" for a
    # prime minister the sources give no nationality.)
    ours = {norm_place(a) for a in (*spec.party_aliases, spec.party)}
    countries = {c for c in (frame.countries if frame else ()) if norm_place(c) not in ours}
    theirs = _names_pattern({tok for _, toks in others for tok in toks if len(tok) > 1} | countries,
                            stems={p.nationality[:max(4, len(p.nationality) - 3)] for p, _ in others
                                   if len(p.nationality) > 3 and p.nationality[0].isupper()})
    return side, theirs


def _side_first(text: str, side: re.Pattern[str] | None, theirs: re.Pattern[str] | None) -> bool:
    """Whether `text` names the party (`side`) before the other side: whose ask it is.
    ("Erdogan told Biden that Ankara wants…" is Turkey's, "Biden will press Xi…" is ours.)"""
    # A report of what the other side does is theirs although the reporter is ours: "US
    # intelligence has reported that China has increased shipments…" is no US ask.
    if (rep := _REPORTED.search(text)) and any(p is not None and p.search(text, rep.end()) for p in (side, theirs)):
        text = text[rep.end():]
    m_ours = side.search(text) if side is not None else None
    m_theirs = theirs.search(text) if theirs is not None else None
    return m_ours is not None and (m_theirs is None or m_ours.start() < m_theirs.start())


def _ask_spec(specs: list[SectionSpec]) -> SectionSpec | None:
    """The section of the party's asks, if the brief has one."""
    return next((s for s in specs if s.party and "us_asks" in s.labels), None)


def _split_asks(probs: np.ndarray, names: list[str], cands: list[SentenceRec],
                party_first: list[bool] | None) -> np.ndarray:
    """Whose ask a sentence is, decided from who it names, not learned.

    The classifier is good at telling an ask from other sentences, less at telling the two
    sides apart (few examples). So "an ask" is the sum of both ask labels, and it goes to the
    party's side when the sentence names the party before the other side (`party_first`, by
    `_side_first`; None when the brief has no party's asks), to the other side otherwise.
    """
    if "us_asks" not in names or "other_asks" not in names or party_first is None:
        return probs
    us, other = names.index("us_asks"), names.index("other_asks")
    out = probs.copy()
    for j, (c, ours) in enumerate(zip(cands, party_first)):
        ask = probs[j, us] + probs[j, other]
        if not _WILL.search(c.text):
            ask *= 0.5  # an ask is what a side *will* press for; a record of what it did is background
        out[j, us], out[j, other] = (ask, 0.0) if ours else (0.0, ask)
    return out


def select_evidence(
    analysis: Analysis,
    template: Template,
    embedder: Embedder | None,
    *,
    lam: float = 0.75,
    exclude: set[int] | None = None,
    lead: Statement | None = None,
    placement: Placement | None = None,
    salience: SectionClassifier | None = None,
    bullet_text: Callable[[str], str] | None = None,
    max_bullet_words: int | None = None,
) -> dict[str, list[Evidence]]:
    """Pick the evidence sentences of each evidence section, within its limits.

    Each sentence is offered to the section it scores best in (relative to that
    section's best sentence), so the sections do not repeat each other. `exclude`
    holds sentence ids already used elsewhere (e.g. by the lead line); a section with
    `lead_line` counts the `lead` against its statement and word limits.

    `bullet_text` gives the bullet made from a sentence (default: the sentence itself): the
    word budget is spent on bullets, not on the sentences they are cut from; a sentence whose
    bullet stays over `max_bullet_words` is left for a shorter one, and a party's ask whose
    bullet lost the party's name to the deletion is left out of the party's section.
    """
    specs = evidence_specs(template, analysis)
    out: dict[str, list[Evidence]] = {s.key: [] for s in template.sections}
    cands, scores = score_sentences(analysis, specs, embedder, placement, salience)
    ask_spec = _ask_spec(specs)
    sides = _side_patterns(analysis, ask_spec) if ask_spec is not None else (None, None)
    exclude = exclude or set()
    if not cands or not specs:
        return out
    # Normalise per section so a section with generally low similarity still gets
    # its best sentences.
    norm = scores / np.maximum(scores.max(axis=1, keepdims=True), 1e-6)
    home = norm.argmax(axis=0)
    emb = analysis.embeddings
    # Rare content words (in at most 3 candidate sentences) mark a sentence's topic.
    stems = [content_stems(c.text) for c in cands]
    df: dict[str, int] = {}
    for st in stems:
        for w in st:
            df[w] = df.get(w, 0) + 1
    rare = [{w for w in st if df[w] <= 3} for st in stems]

    figures = [_figures(c.text) for c in cands]

    def redundancy(j: int, k: int) -> float:
        sim = float(emb[cands[j].id] @ emb[cands[k].id]) if emb is not None else 0.0
        if figures[j] and figures[k] and not figures[j] & figures[k]:
            return sim  # different numbers or ordinals ("first" / "third"): different facts
        shared = len(rare[j] & rare[k])
        # Two rare words in common mark a restatement when the sentences are close in meaning
        # or one is mostly made of the other's words ("restore the joint river patrols"); two
        # sentences that merely name the same topic ("the grain levy") say different things.
        if shared >= 2 and (sim >= _SAME_TOPIC or _overlap(stems[j], stems[k]) >= _SAME_WORDS):
            return 1.0
        return sim

    # The body's word budget: sections that accept background (the most elastic) take
    # what the others leave.
    # The event line is always there: its words are set aside first.
    lead_sim = np.zeros(len(cands))
    if lead is not None and embedder is not None and emb is not None:
        lead_sim = emb[[c.id for c in cands]] @ embedder.encode([lead.text])[0]
    lead_stems = content_stems(lead.text) if lead is not None else set()
    lead_figures = _figures(lead.text) if lead is not None else set()

    def lead_red(j: int) -> float:
        # A sentence that restates the event line says it again, unless it also says what the
        # line cannot: "for his inaugural meeting with …", "their first summit", "to seek an
        # exemption from …". Then it is a bullet, though a close one.
        sim = float(lead_sim[j])
        novel = stems[j] - lead_stems
        if sim >= _REDUNDANT and (figures[j] - lead_figures or (
                len(novel) >= _LEAD_NOVEL_WORDS and len(novel) >= 0.5 * len(stems[j]))):
            return _REDUNDANT - 0.01
        return sim

    lead_words = len(words(lead.text)) if lead is not None and any(sp.lead_line for sp in specs) else 0
    remaining = (template.max_body_words or 10**6) - lead_words
    # A section whose side is not at the meeting says so in one statement: its words count too.
    from briefer.sections.evidence import absent_party_statement

    remaining -= sum(len(words(absent_party_statement(sp, analysis).text)) for sp in template.sections
                     if sp.kind == KIND_EVIDENCE and sp not in specs)
    order = sorted(range(len(specs)), key=lambda i: (specs[i].accepts_background, i))
    chosen_by: dict[int, list[int]] = {i: [] for i in order}
    # A section with the event line spends its words first.
    spent_by = {i: lead_words if specs[i].lead_line and lead is not None else 0 for i in order}
    # Passes: the sentences near each section's best first; then, while the body has words
    # to spare, weaker ones down to lower floors, in the same order. A short brief leaves out
    # what a reader would want although the budget allows it. Each pass has its floor
    # relative to the section's best, without and with the learned placement. The middle
    # pass lets every section's near-best sentences in before any section's weak ones: one
    # lower first floor gave the sections before Context their weak sentences first, and
    # Context (filled last) lost strong ones to the budget.
    passes = ((_RELATIVE_FLOOR, _RELATIVE_FLOOR_PLACED), (_RELATIVE_FLOOR, _NEAR_FLOOR_PLACED), (_FILL_FLOOR, _FILL_FLOOR))
    for unplaced, placed in passes:
        for i in order:
            spec = specs[i]
            chosen = chosen_by[i]
            pool = [j for j in range(len(cands)) if home[j] == i and cands[j].id not in exclude
                    and scores[i, j] > -1.0 and j not in chosen]
            # A weak sentence is no bullet: keep those near the section's best.
            if placement is None:
                floor = max(_MIN_SCORE, unplaced * float(scores[i].max()))
            else:
                floor = placed * float(scores[i].max())
            pool = [j for j in pool if scores[i, j] >= floor]
            per_source: dict[int, int] = {}
            for j in chosen:
                per_source[cands[j].source_id] = per_source.get(cands[j].source_id, 0) + 1
            with_lead = spec.lead_line and lead is not None
            limit = spec.max_statements - (1 if with_lead else 0)
            spent = before = spent_by[i]
            budget = min(spec.max_words or 10**6, remaining + spent)
            while pool and len(chosen) < limit:
                best_j, best_val = None, -1e9
                for j in pool:
                    red = max((redundancy(j, k) for k in chosen), default=0.0)
                    if with_lead:
                        red = max(red, lead_red(j))  # the event line is this section's first bullet
                    if red >= _REDUNDANT:
                        continue
                    spread = 0.04 * per_source.get(cands[j].source_id, 0)
                    val = lam * scores[i, j] - (1 - lam) * red - spread
                    if val > best_val:
                        best_j, best_val = j, val
                if best_j is None:
                    break
                pool.remove(best_j)
                bullet = bullet_text(cands[best_j].text) if bullet_text else cands[best_j].text
                n = len(words(bullet))
                if max_bullet_words and n > max_bullet_words:
                    continue  # no short bullet can be cut from it
                if spent + n > budget:
                    continue  # too long for what is left; a shorter one may still fit
                if spec is ask_spec and not _side_first(bullet, *sides):
                    # ("While Trump has said Tokyo is not spending enough, Takaichi is not expected
                    # to commit…" loses its opening clause: the bullet is Japan's, not a US ask.)
                    continue
                chosen.append(best_j)
                spent += n
                per_source[cands[best_j].source_id] = per_source.get(cands[best_j].source_id, 0) + 1
            spent_by[i] = spent
            remaining -= spent - before
    for i in order:
        out[specs[i].key] = [Evidence(cands[j], float(scores[i, j])) for j in chosen_by[i]]
    return out

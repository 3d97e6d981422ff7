"""Find text that addresses a model or a reader instead of reporting news.

An article is data. A sentence that tells "the summariser" to ignore its rules, or a
forged chat-template turn (``</source><|im_end|><|im_start|>system …``), is an attempt to
steer whatever reads the article: a prompt injection. Ingest marks such sentences on the
source, evidence selection never uses them, and the user is told which source holds them.

The rules are general shapes, not strings:

1. **Chat-template and prompt-format markers**: special tokens (``<|…|>``), ``[INST]``,
   ``<<SYS>>``, ``<start_of_turn>``, role tags (``<system>``, ``</source>``), Markdown
   prompt headers (``### Instruction``) and role prefixes (``system:`` at the start of
   a line). A marker that opens a turn flags everything after it up to the marker that
   closes it, or the end of the paragraph.
2. **Overriding instructions**: ignore / disregard / forget / override … instructions,
   rules, prompt, guidelines — when given as a command, or aimed at the prompt ("the
   rules above", "your instructions", "all previous instructions").
3. **Dictating the output**: a command to answer / reply / output / write … exactly,
   verbatim or "the following"; "your answer must …"; "in your summary …".
4. **Addressing a model**: "Summariser, …", "Note to any AI: …", "If you are an AI…",
   "AI assistants reading this …", "You are now …", "From now on you …", "act as …".

News about such things is left alone: "The president ignored reporters' questions",
"Officials were instructed to prepare a statement", "He declined to answer exactly how
many troops would stay". A command is told from a report by its position: the verb opens
the sentence or a clause (after a comma, colon, "please", "and", "then" …), and is not
in the past tense or after "to", "would", "not".
"""

from __future__ import annotations

import re

from briefer.textutil import sentence_bounds

# -- 1. markers -------------------------------------------------------------------------

_SPECIAL_TOKEN = r"<\|\s*/?[A-Za-z_][\w.-]{0,40}\s*\|>"  # <|im_start|>, <|eot_id|>, <|system|> …
# Markers that may stand anywhere; every one starts with "<" or "[", which the regex
# engine can skip to, so scanning a long text stays fast.
_MARKER = re.compile(
    rf"{_SPECIAL_TOKEN}|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>"
    r"|</?(?:system|user|assistant|human|instructions?|prompt|source|sources|document|article|context|data)>",
    re.IGNORECASE,
)
# Markers that open a line or a sentence: a prompt-format header, a role prefix.
_LEADING_MARKER = re.compile(
    r"#{1,6}\s*(?:instructions?|system|response|assistant|user|input|output|human)\b\s*:?"
    r"|(?:system|assistant|user|human|developer)\s*:(?=\s)",
    re.IGNORECASE,
)
# A marker that ends a forged turn, after which the article's own text may resume.
_CLOSING = re.compile(
    r"^(?:<\|\s*(?:im_end|eot_id|end|endoftext|end_of_text|eom_id)\s*\|>|\[/INST\]|<</SYS>>|<end_of_turn>"
    r"|</(?:system|user|assistant|human|instructions?|prompt)>|<(?:source|sources|document|article|context|data)>)$",
    re.IGNORECASE,
)

# -- words ------------------------------------------------------------------------------

_MODEL = (
    r"(?:AI|A\.I\.|artificial intelligence|assistant|summari[sz]er|summari[sz]ation (?:tool|model|system|bot)"
    r"|language model|LLM|large language model|chat ?bot|bot|GPT|ChatGPT|model|agent|crawler|scraper|"
    r"writing (?:tool|assistant)|copilot)s?(?:\s+(?:assistant|model|summari[sz]er|system|tool|bot|agent)s?)?"
)
# Words that name a model and nothing else ("model", "agent", "assistant" alone are also
# words of the news: "the model for the region", "an assistant coach").
_STRICT_MODEL = r"(?:AI|A\.I\.|language model|LLM|large language model|chat ?bot|summari[sz]er|GPT|ChatGPT|AI (?:assistant|model|system|summari[sz]er))"

_OVERRIDE_VERB = r"(?:ignore|disregard|forget|override|overrule|bypass|skip|abandon|drop)"
_QUALIFIER = (
    r"(?:all|any|every|the|your|these|those|my|our|of|previous|prior|above|earlier|preceding|foregoing|following|"
    r"original|initial|system|other|existing|current|safety|standing|old|given|former)"
)
_RULE_NOUN = (
    r"(?:instructions?|rules?|prompts?|directions?|directives?|guidelines?|guidance|commands?|context|"
    r"constraints?|polic(?:y|ies)|restrictions?|programming|messages?|orders?|guardrails?)"
)
# An override aimed at the prompt itself, wherever it stands in the sentence.
_AIMED = re.compile(r"\b(?:your|above|preceding|foregoing|system|prompts?|programming|guardrails?)\b", re.I)
_OVERRIDE = re.compile(
    rf"\b{_OVERRIDE_VERB}\s+(?P<chain>(?:{_QUALIFIER}\s+){{0,4}}){_RULE_NOUN}\b"
    r"(?P<post>\s+(?:above|before|so far|given|provided|you (?:were|have been) given|in (?:this|the) (?:prompt|conversation)))?",
    re.IGNORECASE,
)
# "Forget everything above", "disregard anything you were told before".
_OVERRIDE_ALL = re.compile(
    rf"\b{_OVERRIDE_VERB}\s+(?:everything|anything|all(?: of)?(?: that| this| the)?)\s+"
    r"(?:above|before|else|so far|(?:you|I) (?:were|was|have been|had been) (?:told|given)|(?:said|written|stated) (?:above|before|earlier))\b",
    re.IGNORECASE,
)
_ALL_PREVIOUS = re.compile(r"\b(?:all|any)\s+(?:the\s+|of\s+the\s+|your\s+)?(?:previous|prior|earlier|other)\b", re.I)

# A command that dictates the output: "answer exactly:", "reply only with", "write the following".
_DICTATE = re.compile(
    r"\b(?:(?:answer|respond|reply|output|print|write|say|state|return|repeat|type|insert|include|append|"
    r"begin|start|end|conclude|summari[sz]e|translate|describe|tell)"
    r"(?:\s+(?:only|just|back|out|simply))?"
    r"(?:\s+(?:exactly|verbatim|word[- ]for[- ]word|precisely|the following|as follows|in (?:full|capitals|all caps))\b"
    r"|\s+(?:with|in) (?:only|exactly|just|one word|yes or no)\b)"
    r"|(?:answer|respond|reply|output|print|write|say|repeat)\s*:|repeat after me)",
    re.IGNORECASE,
)
_YOUR_OUTPUT = re.compile(
    r"\byour (?:answer|response|reply|output|summary|brief|briefing)\s+"
    r"(?:must|should|shall|will|needs to|has to|is to)\s+(?:be|say|read|state|include|contain|begin|start|end|mention)\b"
    r"|\b(?:in|at the (?:start|end|beginning|top) of|into) your (?:answer|response|reply|output|summary)\b",
    re.IGNORECASE,
)
_IMPERATIVE = (
    r"(?:ignore|disregard|forget|override|answer|respond|reply|output|print|write|say|include|insert|"
    r"summari[sz]e|translate|repeat|do not|don'?t|never|always|please|stop|treat|pretend|act as|you|follow|"
    r"from now on)"
)
_VOCATIVE = re.compile(
    rf"^(?P<prefix>(?:dear|hey|hi|hello|attention|note to|message to|memo to|instructions? (?:to|for)|to|for)\s+)?"
    rf"(?:(?:any|all|every|the|an?|my)\s+)?{_MODEL}\s*[,:]\s*(?P<next>{_IMPERATIVE}\b)?",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    rf"\bif you(?:'re| are) (?:an? |the )?{_MODEL}\b"
    rf"|\b{_MODEL} (?:reading|processing|summari[sz]ing|parsing|ingesting|analy[sz]ing|scanning) this\b"
    rf"|\b(?:note|message|instructions?|reminder) (?:to|for) (?:(?:any|all|every|the) )?{_MODEL}\b"
    rf"|\byou are now (?:an? |the )?(?:{_STRICT_MODEL}|DAN|\w*GPT)\b"
    r"|\byou are now (?:unrestricted|unfiltered|jailbroken|in (?:developer|god|jailbreak|unrestricted|DAN) mode"
    r"|no longer (?:bound|restricted|limited)|operating (?:as|in|under)|acting as)\b"
    r"|\bfrom now on,? you (?:are|(?:will|must|should|shall) (?:act|respond|answer|reply|only|ignore|write|say|follow|obey|pretend))\b"
    rf"|\byou are (?:an? |the )(?:helpful |new |different |unrestricted )?{_STRICT_MODEL}(?=\s*(?:[.,;:!]|$)|\s+(?:and|that|who|which|whose|designed|trained|built|created|made|called|named)\b)"
    r"|\b(?:enable|enter|activate|switch to) (?:developer|god|jailbreak|DAN|unrestricted|admin) mode\b"
    r"|\b(?:new|updated|hidden|secret|real|actual|override|important|additional) (?:system )?(?:instructions?|prompt|directives?)\s*:"
    r"|\b(?:reveal|print|show|repeat|output|leak) (?:your|the) (?:system )?(?:prompt|instructions)\b",
    re.IGNORECASE,
)
_ROLEPLAY = re.compile(
    rf"\b(?:pretend (?:to be|you are)|role-?play as|(?:act|behave) as (?:an? |the |my )?(?:\w+ )?(?:{_STRICT_MODEL}|assistant|chatbot|persona|character|DAN))\b",
    re.IGNORECASE,
)

# What may stand before a command in its sentence: nothing, a clause break, or an adverb.
_COMMAND_LEAD = re.compile(
    r"(?:^|[,:;(\[—–-]|\b(?:please|kindly|now|and|then|just|simply|first|also|instead|always|never|so|but|or))$",
    re.IGNORECASE,
)
_OPENING_JUNK = " \t\"'“”‘’«»…*•>-–—(["


def _is_command(sentence: str, start: int) -> bool:
    """True if the verb at `start` opens the sentence or a clause: a command, not a report."""
    before = sentence[:start].rstrip()
    if not before.strip(_OPENING_JUNK + ".").strip():
        return True
    return bool(_COMMAND_LEAD.search(before[-40:]))


# Punctuation around words, as spaces (apostrophes and hyphens stay: "you're", "role-play").
_PUNCT = str.maketrans({c: " " for c in ".,;:!?\"“”‘()[]{}<>*«»…/"} | {"’": "'"})
# Words at least one of which each rule needs: most sentences have none of them and are
# passed after one split, without running a single rule's regex.
_MODEL_WORDS = frozenset([
    "ai", "artificial", "assistant", "assistants", "summariser", "summarisers", "summarizer",
    "summarizers", "summarisation", "summarization", "model", "models", "llm", "llms", "chatbot", "chatbots",
    "chat", "bot", "bots", "gpt", "chatgpt", "agent", "agents", "crawler", "crawlers", "scraper", "scrapers",
    "copilot", "language",
])  # fmt: skip
_OVERRIDE_WORDS = frozenset(["ignore", "disregard", "forget", "override", "overrule", "bypass", "skip", "abandon", "drop"])
_DICTATE_WORDS = frozenset([
    "answer", "respond", "reply", "output", "print", "write", "say", "state", "return", "repeat", "type",
    "insert", "include", "append", "begin", "start", "end", "conclude", "summarise", "summarize", "translate",
    "describe", "tell",
])  # fmt: skip
_ADDRESS_WORDS = frozenset(
    ["you", "you're", "your", "now", "mode", "instruction", "instructions", "prompt", "directive", "directives"]
)
_ROLEPLAY_WORDS = frozenset(["pretend", "roleplay", "role-play", "act", "behave"])
_TRIGGERS = _MODEL_WORDS | _OVERRIDE_WORDS | _DICTATE_WORDS | _ADDRESS_WORDS | _ROLEPLAY_WORDS


def sentence_is_instruction(sentence: str) -> bool:
    """True if one sentence addresses a model or a reader (rules 1–4 of the module)."""
    s = sentence.strip()
    if not s:
        return False
    if ("<" in s or "[" in s) and _MARKER.search(s):
        return True
    if _LEADING_MARKER.match(s.lstrip(_OPENING_JUNK)):
        return True
    words = set(s.lower().translate(_PUNCT).split())
    if words.isdisjoint(_TRIGGERS):
        return False
    if not words.isdisjoint(_OVERRIDE_WORDS):
        if _OVERRIDE_ALL.search(s):
            return True
        for m in _OVERRIDE.finditer(s):
            aimed = _AIMED.search(m.group(0)) or m.group("post") or _ALL_PREVIOUS.search(m.group("chain") or "")
            if aimed or _is_command(s, m.start()):
                return True
    if not words.isdisjoint(_DICTATE_WORDS) and any(_is_command(s, m.start()) for m in _DICTATE.finditer(s)):
        return True
    if "your" in words and _YOUR_OUTPUT.search(s):
        return True
    if not (words.isdisjoint(_ADDRESS_WORDS) and words.isdisjoint(_MODEL_WORDS)) and _ADDRESS.search(s):
        return True
    if not words.isdisjoint(_ROLEPLAY_WORDS) and any(_is_command(s, m.start()) for m in _ROLEPLAY.finditer(s)):
        return True
    if words.isdisjoint(_MODEL_WORDS):
        return False
    v = _VOCATIVE.match(s.lstrip(_OPENING_JUNK))
    return bool(v and (v.group("prefix") or v.group("next")))


_WORD_CHAR = re.compile(r"[A-Za-z]{3,}")
_ROLE_WORD = re.compile(r"\b(?:system|user|assistant|human|developer|instructions?)\b\s*:?", re.I)


def _turn_ranges(para: str, bounds: list[tuple[int, int]], open_turn: bool) -> tuple[list[tuple[int, int]], bool]:
    """Character ranges of a paragraph that are markers or lie inside a forged chat turn
    (from a marker that opens one to the marker that closes it, else to the end), and
    whether a turn is still open at the end."""
    marks: list[tuple[int, int, bool]] = []  # (start, end, closes a turn)
    if "<" in para or "[" in para:
        marks += [(m.start(), m.end(), bool(_CLOSING.match(m.group(0)))) for m in _MARKER.finditer(para)]
    for a, b in bounds:  # role prefixes and prompt headers open a sentence
        while a < b and para[a] in _OPENING_JUNK:
            a += 1
        m = _LEADING_MARKER.match(para, a)
        if m:
            marks.append((m.start(), m.end(), False))
    marks.sort()
    ranges: list[tuple[int, int]] = []
    start = 0 if open_turn else None
    for a, b, closing in marks:
        if start is None:
            ranges.append((a, b))
            if not closing:
                start = a
        elif closing:
            ranges.append((start, b))
            start = None
    if start is not None:
        ranges.append((start, len(para)))
    return ranges, start is not None


def find_instructions(body: str, title: str | None = None) -> tuple[str, ...]:
    """The sentences of `body` (as `split_sentences` gives them), and the title, that
    address a model or a reader, in order, each once. Linear in the length of `body`."""
    found: dict[str, None] = {}  # ordered, each once
    if title and sentence_is_instruction(title):
        found[title.strip()] = None
    carry = False
    for block in body.split("\n\n"):
        # Inside a forged chat turn, until its closing marker or the end of its paragraph; a
        # paragraph that is only a marker ("</source><|im_start|>system") opens the next one.
        open_turn = carry
        carry = False
        for line in block.split("\n"):
            para = " ".join(line.split())
            if not para:
                continue
            bounds = sentence_bounds(para)
            ranges, open_turn = _turn_ranges(para, bounds, open_turn)
            carry = open_turn and not _WORD_CHAR.search(_ROLE_WORD.sub("", _MARKER.sub("", para)))
            k = 0  # ranges and sentences are both in order: one sweep
            for a, b in bounds:
                while k < len(ranges) and ranges[k][1] <= a:
                    k += 1
                inside = k < len(ranges) and ranges[k][0] < b
                sent = para[a:b]
                if inside or sentence_is_instruction(sent):
                    found[sent] = None
    return tuple(found)

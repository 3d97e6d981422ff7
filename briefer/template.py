"""Brief templates: plain TOML files a user can copy and edit.

Text in a template (title, classification, header lines, headings, guidance) may use the
variables ``{date}``, ``{author}``, ``{addressee}``, ``{classification}`` and
``{meeting}``; `fill` replaces exactly these and leaves any other brace alone (no
`str.format`, so template text can never reach into Python objects).

Validation names the file and the field of every problem. Keys this version does not
know are ignored rather than rejected, so a template written for a newer Briefer (e.g.
with a section ``kind``) still loads.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.brief import Brief, human_date
from briefer.errors import BrieferError

TEMPLATE_DIR = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = "leader-meeting"
MAX_STATEMENTS = 16  # per section, the most a template may ask for (a context section takes 14)
MAX_SECTION_WORDS = 2000  # a section's word budget (0: none)
MAX_TEMPLATE_BYTES = 1024 * 1024

VARIABLES = ("date", "author", "addressee", "classification", "meeting")
_VAR_RE = re.compile(r"\{(" + "|".join(VARIABLES) + r")\}")
# The brief's header line when a template names none: lines with an empty variable drop out.
DEFAULT_HEADER = ("For: {addressee}", "From: {author}", "{date}")


# Section kinds (see `briefer.sections`): how a section is drafted.
KIND_LEAD = "lead"  # the one line saying who meets whom, where, when, at which occasion
KIND_EVIDENCE = "evidence"  # statements drawn from source sentences placed in this section
KIND_SYNTHESIS = "synthesis"  # selected from the verified statements of the other sections
KINDS = (KIND_LEAD, KIND_EVIDENCE, KIND_SYNTHESIS)


@dataclass(frozen=True)
class SectionSpec:
    """One section of a template: what it is called, how it is drafted and what feeds it.

    Behaviour comes from `kind` and the flags, never from the section's position:
    `lead_line` opens an evidence section with the event line; `accepts_background` lets
    recollections of earlier meetings in; `labels` name the sentence classes (see
    `briefer.placement`) that feed it; `party` makes the section about one side's demands,
    replaced by one plain statement when that side is not at the meeting.
    """

    key: str
    heading: str
    guidance: str = ""
    query: str = ""
    cues: tuple[str, ...] = ()
    max_statements: int = 4
    kind: str = KIND_EVIDENCE
    lead_line: bool = False
    accepts_background: bool = False
    labels: tuple[str, ...] = ()
    party: str = ""  # e.g. "United States"
    party_aliases: tuple[str, ...] = ()  # how sources name that side: "US", "U.S.", "American"
    max_words: int = 0  # word budget of the whole section (0: none)


@dataclass(frozen=True)
class Template:
    """A brief template: a name, a title, a classification line, header lines and its sections."""

    name: str
    title: str
    sections: tuple[SectionSpec, ...] = field(default_factory=tuple)
    classification: str = "UNCLASSIFIED // DRAFT"
    path: str | None = None
    description: str = ""  # one line for the template picker
    header: tuple[str, ...] = DEFAULT_HEADER  # lines under the title, with variables
    max_body_words: int = 0  # word budget of all evidence sections together (0: none)

    def run_order(self) -> list[SectionSpec]:
        """The sections in the order their drafters must run: a synthesis reads the others."""
        return sorted(self.sections, key=lambda s: s.kind == KIND_SYNTHESIS)

    def spec(self, key: str) -> SectionSpec:
        """The section spec with this key; KeyError if absent."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


def known_kinds() -> tuple[str, ...]:
    """The built-in section kinds and any kind a module registered a drafter for."""
    from briefer.sections import registered_kinds

    return tuple(dict.fromkeys((*KINDS, *registered_kinds())))


# -- variables ------------------------------------------------------------------------
def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each known ``{variable}`` replaced by its value ("" if unset)."""
    return _VAR_RE.sub(lambda m: str(values.get(m.group(1)) or ""), text)


def brief_variables(brief: Brief) -> dict[str, str]:
    """The values of the template variables for this brief."""
    return {
        "date": human_date(brief.date),
        "author": brief.author,
        "addressee": brief.addressee,
        "classification": brief.classification,
        "meeting": brief.title,
    }


def header_lines(patterns: tuple[str, ...] | list[str], values: Mapping[str, str]) -> list[str]:
    """Filled header lines; a line whose variables are all empty is left out."""
    out = []
    for p in patterns:
        names = _VAR_RE.findall(p)
        if names and not any((values.get(n) or "").strip() for n in names):
            continue
        line = fill(p, values).strip()
        if line:
            out.append(line)
    return out


# -- loading ----------------------------------------------------------------------------
def builtin_templates() -> list[str]:
    """Names of the templates shipped with Briefer."""
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.toml"))


def load_template(name_or_path: str | Path | None = None) -> Template:
    """Load a built-in template by name, or a user template from a .toml path."""
    if name_or_path is None:
        name_or_path = DEFAULT_TEMPLATE
    p = Path(name_or_path)
    if p.suffix != ".toml":
        p = TEMPLATE_DIR / f"{name_or_path}.toml"
        if not p.exists():
            raise BrieferError(
                f"no template named {str(name_or_path)!r} (built-in: {', '.join(builtin_templates())})"
            )
    try:
        if not p.is_file():
            raise FileNotFoundError
        if p.stat().st_size > MAX_TEMPLATE_BYTES:
            raise BrieferError(f"{p}: not a template (over {MAX_TEMPLATE_BYTES // 1024} KB)")
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BrieferError(f"{p}: no such template file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BrieferError(f"{p}: cannot read template ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise BrieferError(f"{p}: not a valid template ({e})") from None
    return parse_template(data, path=str(p))


def _text(v: Any, where: str, *, required: bool = False, default: str = "") -> str:
    if v is None:
        if required:
            raise BrieferError(f"{where}: missing")
        return default
    if not isinstance(v, str):
        raise BrieferError(f"{where}: expected text in quotes, not {_kind(v)}")
    if required and not v.strip():
        raise BrieferError(f"{where}: must not be empty")
    return v


def _strings(v: Any, where: str, example: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        raise BrieferError(f"{where}: expected a list such as {example}, not {_kind(v)}")
    for i, x in enumerate(v):
        if not isinstance(x, str):
            raise BrieferError(f"{where}[{i}]: expected text in quotes, not {_kind(x)}")
    return tuple(v)


def _flag(v: Any, where: str, *, default: bool) -> bool:
    """A true/false template field (absent: `default`)."""
    if v is None:
        return default
    if not isinstance(v, bool):
        raise BrieferError(f"{where}: expected true or false, not {_kind(v)}")
    return v


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    if isinstance(v, (int, float)):
        return f"the number {v}"
    if isinstance(v, str):
        return "text"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a table"
    return type(v).__name__


def parse_template(data: dict, path: str | None = None) -> Template:
    """Build a Template from parsed TOML; BrieferError naming the file and the field."""
    where = path or "template"
    raw_sections = data.get("section")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise BrieferError(f"{where}: a template needs at least one [[section]]")
    sections = []
    seen: set[str] = set()
    # Templates written before section kinds documented two rules by position: the first
    # section opens with the event line and takes background. Keep them working.
    legacy = not any(isinstance(s, dict) and ("kind" in s or "lead_line" in s) for s in raw_sections)
    for i, s in enumerate(raw_sections, 1):
        if not isinstance(s, dict) or not s.get("key") or not s.get("heading"):
            raise BrieferError(f"{where}: section {i} needs a key and a heading")
        here = f"{where}: section {i}"
        key = _text(s.get("key"), f"{here}: key", required=True)
        here = f"{where}: section {i} ({key})"
        if key in seen:
            raise BrieferError(f"{where}: section key {key!r} is used twice")
        seen.add(key)
        heading = _text(s.get("heading"), f"{here}: heading", required=True)
        guidance = _text(s.get("guidance"), f"{here}: guidance")
        m = s.get("max_statements", 4)
        if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= MAX_STATEMENTS:
            raise BrieferError(
                f"{here}: max_statements: expected a whole number from 1 to {MAX_STATEMENTS}, not {_kind(m)}"
            )
        kind = _text(s.get("kind"), f"{here}: kind", default=KIND_EVIDENCE)
        known = known_kinds()
        if kind not in known:
            raise BrieferError(f"{here}: kind: expected one of {', '.join(known)}, not {kind!r}")
        words = s.get("max_words", 0)
        if isinstance(words, bool) or not isinstance(words, int) or not 0 <= words <= MAX_SECTION_WORDS:
            raise BrieferError(
                f"{here}: max_words: expected a whole number from 0 to {MAX_SECTION_WORDS}, not {_kind(words)}"
            )
        first = legacy and i == 1
        sections.append(
            SectionSpec(
                key=key,
                heading=heading,
                guidance=guidance,
                query=_text(s.get("query"), f"{here}: query", default=guidance or heading),
                cues=_strings(s.get("cues"), f"{here}: cues", '["summit", "talks"]'),
                max_statements=m,
                kind=kind,
                lead_line=_flag(s.get("lead_line"), f"{here}: lead_line", default=first),
                accepts_background=_flag(s.get("accepts_background"), f"{here}: accepts_background", default=first),
                labels=_strings(s.get("labels"), f"{here}: labels", '["agenda"]'),
                party=_text(s.get("party"), f"{here}: party"),
                party_aliases=_strings(s.get("party_aliases"), f"{here}: party_aliases", '["US", "U.S."]'),
                max_words=words,
            )
        )
    header = data.get("header")
    body = data.get("max_body_words", 0)
    if isinstance(body, bool) or not isinstance(body, int) or not 0 <= body <= MAX_SECTION_WORDS * MAX_STATEMENTS:
        raise BrieferError(f"{where}: max_body_words: expected a whole number from 0 to "
                           f"{MAX_SECTION_WORDS * MAX_STATEMENTS}, not {_kind(body)}")
    return Template(
        name=_text(data.get("name"), f"{where}: name", default=Path(path).stem if path else "custom"),
        title=_text(data.get("title"), f"{where}: title", default="Brief"),
        sections=tuple(sections),
        classification=_text(data.get("classification"), f"{where}: classification", default="UNCLASSIFIED // DRAFT"),
        path=path,
        description=_text(data.get("description"), f"{where}: description"),
        header=DEFAULT_HEADER if header is None else _strings(header, f"{where}: header", '["For: {addressee}"]'),
        max_body_words=body,
    )

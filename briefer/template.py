"""Brief templates: plain TOML files a user can copy and edit."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefer.errors import BrieferError

TEMPLATE_DIR = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = "leader-meeting"


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
    """A brief template: a name, a title, a classification line and its sections."""

    name: str
    title: str
    sections: tuple[SectionSpec, ...] = field(default_factory=tuple)
    classification: str = "UNCLASSIFIED // DRAFT"
    path: str | None = None

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
                f"no template named {name_or_path!r} (built-in: {', '.join(builtin_templates())})"
            )
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BrieferError(f"{p}: no such template file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BrieferError(f"{p}: cannot read template ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise BrieferError(f"{p}: not a valid template ({e})") from None
    return parse_template(data, path=str(p))


def parse_template(data: dict, path: str | None = None) -> Template:
    """Build a Template from parsed TOML; BrieferError naming what is wrong."""
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
        key = str(s["key"])
        if key in seen:
            raise BrieferError(f"{where}: section key {key!r} is used twice")
        seen.add(key)
        try:
            max_statements = int(s.get("max_statements", 4))
        except (TypeError, ValueError):
            raise BrieferError(f"{where}: section {key!r}: max_statements must be a number") from None
        kind = str(s.get("kind", KIND_EVIDENCE))
        known = known_kinds()
        if kind not in known:
            raise BrieferError(f"{where}: section {key!r}: kind must be one of {', '.join(known)}, not {kind!r}")
        try:
            max_words = int(s.get("max_words", 0))
        except (TypeError, ValueError):
            raise BrieferError(f"{where}: section {key!r}: max_words must be a number") from None
        first = legacy and i == 1
        sections.append(
            SectionSpec(
                key=key,
                heading=str(s["heading"]),
                guidance=str(s.get("guidance", "")),
                query=str(s.get("query", s.get("guidance", s["heading"]))),
                cues=tuple(str(c) for c in s.get("cues", [])),
                max_statements=max(1, min(max_statements, 12)),
                kind=kind,
                lead_line=bool(s.get("lead_line", first)),
                accepts_background=bool(s.get("accepts_background", first)),
                labels=tuple(str(x) for x in s.get("labels", [])),
                party=str(s.get("party", "")),
                party_aliases=tuple(str(x) for x in s.get("party_aliases", [])),
                max_words=max(0, max_words),
            )
        )
    return Template(
        name=str(data.get("name", Path(path).stem if path else "custom")),
        title=str(data.get("title", "Brief")),
        sections=tuple(sections),
        classification=str(data.get("classification", "UNCLASSIFIED // DRAFT")),
        path=path,
    )

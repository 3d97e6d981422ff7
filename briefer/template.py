"""Brief templates: plain TOML files a user can copy and edit."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefer.errors import BrieferError

TEMPLATE_DIR = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = "leader-meeting"


@dataclass(frozen=True)
class SectionSpec:
    """One section of a template: what it is called and what evidence feeds it."""

    key: str
    heading: str
    guidance: str = ""
    query: str = ""
    cues: tuple[str, ...] = ()
    max_statements: int = 4


@dataclass(frozen=True)
class Template:
    """A brief template: a name, a title, a classification line and its sections."""

    name: str
    title: str
    sections: tuple[SectionSpec, ...] = field(default_factory=tuple)
    classification: str = "UNCLASSIFIED // DRAFT"
    path: str | None = None

    def spec(self, key: str) -> SectionSpec:
        """The section spec with this key; KeyError if absent."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


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
        sections.append(
            SectionSpec(
                key=key,
                heading=str(s["heading"]),
                guidance=str(s.get("guidance", "")),
                query=str(s.get("query", s.get("guidance", s["heading"]))),
                cues=tuple(str(c) for c in s.get("cues", [])),
                max_statements=max(1, min(max_statements, 12)),
            )
        )
    return Template(
        name=str(data.get("name", Path(path).stem if path else "custom")),
        title=str(data.get("title", "Brief")),
        sections=tuple(sections),
        classification=str(data.get("classification", "UNCLASSIFIED // DRAFT")),
        path=path,
    )

"""The document being edited: sources, brief, file path and unsaved state. No Qt.

A `Session` owns the `Brief` (with its `assessments`) and every rule about changing it:
numbering sources, renumbering citations when sources are removed or moved, which
sections a draft may replace, taking in a finished draft, saving and exporting. The
window renders a session and routes the user's actions to it; the CLI and tests use it
directly.

Every change bumps `revision`; `dirty` compares it with the revision last saved, so an
edit made while a save runs in the background still counts as unsaved.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

from briefer.brief import Brief, BriefWarning, Section, Source, Statement, load_brief, save_brief
from briefer.errors import BrieferError
from briefer.template import SectionSpec, Template, brief_variables, fill, load_template

UNTITLED = "Untitled brief"

# Keep/replace policy for sections holding the user's own text.
KEEP = "keep"
REPLACE = "replace"

EXPORT_SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "md": ".md", "brief": ".brief"}


# -- export dispatch ----------------------------------------------------------------------
# The app's format names → formats of the export registry (`briefer.export`), which the CLI
# uses too: one dispatch for both.
_FORMATS = {"docx": "docx", "pdf": "pdf", "md": "markdown", "brief": "json"}


def check_export_format(fmt: str) -> None:
    """BrieferError (one line) if `fmt` is not a format the app exports."""
    if fmt not in _FORMATS:
        raise BrieferError(f"unknown export format {fmt!r} (known: {', '.join(_FORMATS)})")


def export_brief(brief: Brief, path: str | Path, fmt: str) -> Path:
    """Write `brief` to `path` as `fmt` ("docx", "pdf", "md" or "brief")."""
    check_export_format(fmt)
    from briefer.export import export

    return export(brief, Path(path), _FORMATS[fmt])


# -- templates and new briefs ----------------------------------------------------------------
def new_brief(template: Template, variables: dict[str, str] | None = None) -> Brief:
    """An empty brief laid out by `template`, its variables filled in.

    `variables` may set ``meeting`` (the title), ``date`` (ISO), ``author``,
    ``addressee`` and ``classification``; the template's classification is the default.
    """
    v = dict(variables or {})
    brief = Brief(
        title=v.get("meeting") or "",
        date=v.get("date") or None,
        template=template.name,
        classification=v.get("classification") or template.classification,
        author=v.get("author") or "",
        addressee=v.get("addressee") or "",
    )
    values = brief_variables(brief)
    brief.classification = fill(brief.classification, values)
    brief.title = brief.title or fill(template.title, values).strip() or UNTITLED
    values["meeting"] = brief.title
    brief.sections = [Section(s.key, fill(s.heading, values), [], fill(s.guidance, values)) for s in template.sections]
    return brief


def template_for(brief: Brief, fallback: Template | None = None) -> Template:
    """The template to draft `brief` with: its own if its sections match, else one built from them.

    A brief opened from a file may come from a template this machine does not have;
    drafting must still fill exactly the sections the brief shows.
    """
    keys = [s.key for s in brief.sections]
    candidates: list[Template] = []
    if fallback is not None and fallback.name == brief.template:
        candidates.append(fallback)  # the user's own copy wins over a built-in of that name
    try:
        candidates.append(load_template(brief.template))
    except BrieferError:
        pass
    candidates += [fallback] if fallback is not None else []
    candidates += [load_template()] if not candidates else []
    for t in candidates:
        if [s.key for s in t.sections] == keys:
            return t
    base = candidates[0]
    by_key = {s.key: s for t in candidates for s in t.sections}
    specs = tuple(
        by_key[s.key] if s.key in by_key else SectionSpec(s.key, s.heading, s.guidance, s.guidance or s.heading)
        for s in brief.sections
    )
    return dataclasses.replace(base, sections=specs, name=brief.template)


@dataclass
class DraftPlan:
    """What a draft will do: the sections to write and whether it may replace the user's text."""

    keys: list[str]
    overwrite: bool
    only: list[str] | None  # None: the whole template


class Session:
    """One brief being edited, with its sources, file and unsaved state."""

    def __init__(
        self,
        brief: Brief | None = None,
        *,
        path: str | Path | None = None,
        template: Template | None = None,
        dirty: bool = False,
    ) -> None:
        self.template = template or load_template()
        self.brief = brief if brief is not None else new_brief(self.template)
        if brief is not None:
            self.template = template_for(brief, self.template)
        self.path: Path | None = Path(path) if path else None
        self.revision = 0
        self._saved_revision = -1 if dirty else 0
        self._drafted_title: str | None = None  # the title the last draft gave, until the user changes it
        # Export targets the user chose for this brief, by format: written again without asking.
        self.export_paths: dict[str, Path] = {}
        self._listeners: list[Callable[[str], None]] = []

    # -- state -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """True if there are changes not yet saved."""
        return self.revision != self._saved_revision

    @property
    def is_empty(self) -> bool:
        """True if no section holds a statement."""
        return not any(sec.statements for sec in self.brief.sections)

    def title_is_default(self) -> bool:
        """True if the title is not the user's: empty, the template's, or the last draft's."""
        t = self.brief.title.strip()
        default = fill(self.template.title, brief_variables(self.brief)).strip()
        return t in ("", UNTITLED, default) or t == self._drafted_title

    def subscribe(self, fn: Callable[[str], None]) -> None:
        """Call `fn(what)` after every change ("sources", "section", "title", "header", "brief", "saved")."""
        self._listeners.append(fn)

    def _changed(self, what: str) -> None:
        self.revision += 1
        for fn in list(self._listeners):
            fn(what)

    def source(self, source_id: int) -> Source | None:
        """The source with this citation number, or None."""
        return next((s for s in self.brief.sources if s.id == source_id), None)

    def snapshot(self) -> Brief:
        """A copy that a worker thread may serialise while editing goes on.

        Sources are immutable and shared; everything mutable is copied.
        """
        b = self.brief
        return dataclasses.replace(
            b,
            sections=copy.deepcopy(b.sections),
            sources=list(b.sources),
            warnings=copy.deepcopy(b.warnings),
            event=copy.deepcopy(b.event),
            assessments=copy.deepcopy(b.assessments),
        )

    # -- whole documents -----------------------------------------------------------------
    def replace(self, brief: Brief, path: str | Path | None = None, *, dirty: bool = False) -> None:
        """Show another brief in this session (after Open, New or a restore)."""
        self.brief = brief
        self.template = template_for(brief, self.template)
        self.path = Path(path) if path else None
        self.export_paths = {}
        self._drafted_title = None
        self._changed("brief")
        self._saved_revision = -1 if dirty else self.revision

    def new(self, template: Template | None = None, variables: dict[str, str] | None = None) -> None:
        """Start an empty brief from `template` (default: the current one)."""
        if template is not None:
            self.template = template
        self.replace(new_brief(self.template, variables))

    def change_template(self, template: Template) -> None:
        """Lay out an empty brief by another template; sources and header fields stay."""
        if not self.is_empty:
            raise BrieferError("the brief already has statements; start a new brief from the other template")
        b = self.brief
        fresh = new_brief(template, {
            "meeting": "" if self.title_is_default() else b.title,
            "date": b.date or "",
            "author": b.author,
            "addressee": b.addressee,
            # A classification the user chose stays; the old template's default gives way.
            "classification": "" if b.classification == self.template.classification else b.classification,
        })
        b.sections, b.template, b.classification, b.title = fresh.sections, fresh.template, fresh.classification, fresh.title
        self.template = template
        self._changed("brief")

    @classmethod
    def open(cls, path: str | Path, template: Template | None = None) -> Session:
        """A session for a saved brief; BrieferError (naming file and field) if it is not one."""
        return cls(load_brief(path), path=path, template=template)

    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically to `path` (default: the current file)."""
        target = Path(path) if path else self.path
        if target is None:
            raise BrieferError("choose where to save the brief first")
        revision = self.revision
        save_brief(self.brief, target)
        self.mark_saved(target, revision)
        return target

    def mark_saved(self, path: str | Path, revision: int) -> None:
        """Record that the brief as of `revision` is saved in `path` (a background save finished)."""
        self.path = Path(path)
        self._saved_revision = revision
        for fn in list(self._listeners):
            fn("saved")

    def mark_dirty(self) -> None:
        """Count the brief as changed (e.g. restored from an autosave)."""
        self._saved_revision = -1

    def export(self, path: str | Path, fmt: str) -> Path:
        """Export through the one format dispatch; the path is remembered for this brief."""
        out = export_brief(self.brief, path, fmt)
        self.remember_export(fmt, out)
        return out

    def remember_export(self, fmt: str, path: str | Path) -> None:
        """The user chose `path` for `fmt` for this brief: later exports go there without asking."""
        self.export_paths[fmt] = Path(path)

    # -- header ------------------------------------------------------------------------------
    def set_title(self, title: str) -> None:
        """The brief's title (the meeting), as typed."""
        title = title.strip() or UNTITLED
        if title != self.brief.title:
            self.brief.title = title
            self._changed("title")

    def set_details(self, **fields: str | None) -> None:
        """Set header fields: title, date (ISO), author, addressee, classification."""
        allowed = {"title", "date", "author", "addressee", "classification"}
        unknown = set(fields) - allowed
        if unknown:
            raise TypeError(f"unknown brief fields: {', '.join(sorted(unknown))}")
        if fields.get("date"):
            _date.fromisoformat(str(fields["date"]))  # ValueError for a bad date
        changed = False
        for k, v in fields.items():
            value = (v or None) if k == "date" else (v or "")
            if k == "title":
                value = str(value).strip() or UNTITLED
            if getattr(self.brief, k) != value:
                setattr(self.brief, k, value)
                changed = True
        if changed:
            self._changed("header")

    # -- sources ------------------------------------------------------------------------------
    def add_sources(self, new: list[Source], warnings: Iterable[BriefWarning] = ()) -> list[Source]:
        """Append sources numbered after the existing ones; their warnings follow the new ids.

        `warnings` refer to the new sources by their position (1..n) as read; they are
        shifted to the assigned ids. Returns the sources as added.
        """
        start = max((s.id for s in self.brief.sources), default=0)
        mapping = {s.id: start + i for i, s in enumerate(new, 1)}
        added = [dataclasses.replace(s, id=mapping[s.id]) for s in new]
        self.brief.sources = [*self.brief.sources, *added]
        for w in warnings:
            self.brief.warnings.append(
                BriefWarning(w.kind, w.message, [mapping.get(i, start + i) for i in w.source_ids])
            )
        self._changed("sources")
        return added

    def remove_sources(self, ids: Iterable[int]) -> None:
        """Remove these sources; citations of them disappear and the rest are renumbered 1..n."""
        gone = set(ids)
        if not gone & {s.id for s in self.brief.sources}:
            return
        self._renumber([s for s in self.brief.sources if s.id not in gone])

    def move_source(self, source_id: int, step: int) -> bool:
        """Move a source up (-1) or down (+1); False if it cannot move."""
        order = [s.id for s in self.brief.sources]
        if source_id not in order:
            return False
        i = order.index(source_id)
        j = i + step
        if not 0 <= j < len(order):
            return False
        order.insert(j, order.pop(i))
        self.reorder_sources(order)
        return True

    def reorder_sources(self, ids: list[int]) -> None:
        """Put the sources in this order (ids not listed are removed) and renumber 1..n."""
        by_id = {s.id: s for s in self.brief.sources}
        self._renumber([by_id[i] for i in ids if i in by_id])

    def _renumber(self, ordered: list[Source]) -> None:
        """Number `ordered` 1..n and rewrite every reference to a source to match."""
        mapping = {s.id: i for i, s in enumerate(ordered, 1)}
        b = self.brief
        if len(ordered) == len(b.sources) and [s.id for s in ordered] == list(range(1, len(ordered) + 1)):
            return  # already in this order and numbered 1..n
        for sec in b.sections:
            for st in sec.statements:
                st.citations = [mapping[c] for c in st.citations if c in mapping]
                st.evidence = [(mapping[sid], t) for sid, t in st.evidence if sid in mapping]
        b.sources = [dataclasses.replace(s, id=mapping[s.id]) for s in ordered]
        b.assessments = {mapping[k]: a for k, a in b.assessments.items() if k in mapping}
        # A warning about a removed source is gone with it.
        b.warnings = [w for w in b.warnings if all(i in mapping for i in w.source_ids)]
        for w in b.warnings:
            w.source_ids = [mapping[i] for i in w.source_ids]
        self._changed("sources")

    # -- editing ------------------------------------------------------------------------------
    def set_statements(self, key: str, statements: list[Statement]) -> None:
        """The statements of section `key` as the user now has them."""
        sec = self.brief.section(key)
        if sec.statements != statements:
            sec.statements = statements
            self._changed("section")

    # -- drafting -----------------------------------------------------------------------------
    def user_edited(self, keys: Iterable[str]) -> list[Section]:
        """Sections among `keys` holding text the user wrote or changed."""
        wanted = set(keys)
        return [s for s in self.brief.sections if s.key in wanted and s.user_edited]

    def plan_draft(self, keys: Iterable[str], policy: str = KEEP) -> DraftPlan:
        """Which of `keys` to draft: with KEEP, sections with the user's text are left out;
        with REPLACE they are drafted again and the user's text is replaced."""
        if policy not in (KEEP, REPLACE):
            raise ValueError(f"policy must be {KEEP!r} or {REPLACE!r}")
        keys = [s.key for s in self.brief.sections if s.key in set(keys)]
        edited = {s.key for s in self.user_edited(keys)}
        overwrite = policy == REPLACE and bool(edited)
        if policy == KEEP:
            keys = [k for k in keys if k not in edited]
        all_keys = [s.key for s in self.brief.sections]
        return DraftPlan(keys, overwrite, None if keys == all_keys else keys)

    def apply_section(self, section: Section) -> None:
        """Take a finished, verified section from a running draft."""
        try:
            sec = self.brief.section(section.key)
        except KeyError:
            return
        sec.statements = copy.deepcopy(section.statements)
        self._changed("section")

    def apply_draft(self, drafted: Brief, keys: Iterable[str]) -> None:
        """Take a finished draft: the sections `keys`, and what the run found out.

        The sources' assessments, warnings, event and model names come from the draft; the
        user's title (unless still the default), date, author, addressee and
        classification stay.
        """
        b = self.brief
        for key in keys:
            try:
                new = drafted.section(key)
            except KeyError:
                continue
            try:
                b.section(key).statements = copy.deepcopy(new.statements)
            except KeyError:
                continue
        b.assessments = copy.deepcopy(drafted.assessments)
        b.warnings = copy.deepcopy(drafted.warnings)
        b.event = copy.deepcopy(drafted.event)
        b.generator = drafted.generator
        b.embedder = drafted.embedder
        b.created = drafted.created
        b.date = b.date or drafted.date
        if self.title_is_default():
            b.title = fill(drafted.title, brief_variables(b)).strip() or b.title
            self._drafted_title = b.title
        self._changed("brief")

"""Export a `Brief`: one registry of formats, used by the CLI and the GUI alike.

    from briefer.export import export, formats, format_for
    export(brief, "memo.pdf")                 # format from the suffix
    export(brief, "memo.out", fmt="docx")     # or by name
    [f.name for f in formats()]               # ['docx', 'pdf', 'markdown', 'json']

Each format is one module of this package defining ``FORMAT = ExportFormat(...)``; the
writers draw the shared block model (`briefer.export.blocks`), never the `Brief` fields
directly, and write through `briefer.fsutil` (atomic, keeps permissions and symlinks).
`formats()` imports the writer modules (python-docx, ~0.1 s, on first call); ReportLab
and fontTools are imported only when a PDF is written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.errors import BrieferError

if TYPE_CHECKING:
    from briefer.brief import Brief

# The writer modules, in the order menus list them. A new format is a new module here.
WRITERS = ("word", "pdf", "markdown", "json_brief")


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, file suffix, a human description and its writer.

    `write(brief, path)` writes the whole file atomically or raises `BrieferError`.
    """

    name: str  # "docx"
    suffix: str  # ".docx", the default suffix
    description: str  # "Word document", for menus and file dialogs
    write: Callable[[Brief, Path], None] = field(repr=False)
    other_suffixes: tuple[str, ...] = ()  # also recognised: ".markdown", ".json"

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Every suffix that means this format, the default first."""
        return (self.suffix, *self.other_suffixes)

    @property
    def file_filter(self) -> str:
        """A file-dialog filter, e.g. ``Word document (*.docx)``."""
        return f"{self.description} ({' '.join('*' + s for s in self.suffixes)})"


_formats: dict[str, ExportFormat] | None = None


def _registry() -> dict[str, ExportFormat]:
    global _formats
    if _formats is None:
        found: dict[str, ExportFormat] = {}
        for module in WRITERS:
            fmt: ExportFormat = importlib.import_module(f"{__name__}.{module}").FORMAT
            found[fmt.name] = fmt
        _formats = found
    return _formats


def register(fmt: ExportFormat) -> None:
    """Add (or replace) a format at run time, e.g. from a plug-in or a test."""
    _registry()[fmt.name] = fmt


def formats() -> list[ExportFormat]:
    """Every export format, in menu order."""
    return list(_registry().values())


def format_for(path_or_name: str | Path) -> ExportFormat:
    """The format named ``"pdf"``, or the one a path's suffix (``memo.pdf``, ``.pdf``) means.

    Raises BrieferError naming the known formats if there is none.
    """
    reg = _registry()
    key = str(path_or_name)
    if key.lower() in reg:
        return reg[key.lower()]
    suffix = key.lower() if key.startswith(".") else Path(key).suffix.lower()
    for fmt in reg.values():
        if suffix and suffix in fmt.suffixes:
            return fmt
    known = ", ".join(f"{f.name} ({f.suffix})" for f in reg.values())
    raise BrieferError(f"{key}: unknown export format (known: {known})")


def export(brief: Brief, path: str | Path, fmt: str | ExportFormat | None = None) -> Path:
    """Write `brief` to `path` in `fmt` (a name or format; default: from the suffix).

    The write is atomic: on any failure the previous file is left intact and a one-line
    BrieferError names the file and the reason.
    """
    p = Path(path)
    chosen = fmt if isinstance(fmt, ExportFormat) else format_for(fmt if fmt else p)
    chosen.write(brief, p)
    return p


__all__ = ["WRITERS", "ExportFormat", "export", "format_for", "formats", "register"]

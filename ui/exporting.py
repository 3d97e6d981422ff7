"""Safe export: where the file goes, when to ask, and the status-bar links afterwards.

- The first export of a brief asks where, starting next to the saved brief (else the last
  export folder, else Documents).
- An existing file is never replaced without asking, unless the user already chose that
  exact path for this brief (then Ctrl+E writes it again silently).
- An empty brief is exported only after a warning.
The format dispatch itself is the session's (`briefer.session.export_brief`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from briefer.errors import BrieferError
from briefer.session import EXPORT_SUFFIXES, check_export_format, export_brief
from briefer.ui import backend, dialogs
from briefer.ui.files import slug
from briefer.ui.worker import Job

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow

FORMATS = {
    "docx": ("Export to Word", "Word documents (*.docx)"),
    "pdf": ("Export to PDF", "PDF documents (*.pdf)"),
    "md": ("Export to Markdown", "Markdown (*.md)"),
}


def documents_dir() -> Path:
    """The user's Documents folder (home if there is none)."""
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    p = Path(loc) if loc else Path.home()
    return p if p.is_dir() else Path.home()


class ExportFlow:
    """Export for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.last_export: Path | None = None

    def default_folder(self) -> Path:
        """Next to the saved brief; else the last export folder; else Documents."""
        if self.w.session.path is not None and self.w.session.path.parent.is_dir():
            return self.w.session.path.parent
        last = str(backend.settings().value("export/last_dir", "") or "")
        if last and Path(last).is_dir():
            return Path(last)
        return documents_dir()

    def target(self, fmt: str, ask: bool = False) -> Path | None:
        """Where to write `fmt`: the path already chosen for this brief, or the user's answer."""
        session = self.w.session
        chosen = session.export_paths.get(fmt)
        if chosen is not None and not ask:
            return chosen
        suffix = EXPORT_SUFFIXES[fmt]
        stem = session.path.stem if session.path else slug(session.brief.title)
        start = (chosen.parent if chosen else self.default_folder()) / f"{stem}{suffix}"
        title, filt = FORMATS[fmt]
        picked, _ = QFileDialog.getSaveFileName(
            self.w, title, str(start), filt, options=QFileDialog.Option.DontConfirmOverwrite
        )
        if not picked:
            return None
        path = Path(picked if picked.lower().endswith(suffix) else picked + suffix)
        if path.exists() and path != chosen:
            answer = dialogs.ask(
                self.w, "Replace the file?",
                f"{path.name} already exists in {path.parent}.\nReplace it with this brief?",
                dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No,
            )
            if answer != dialogs.Button.Yes:
                return None
        return path

    def export(self, fmt: str, ask: bool = False) -> Job | None:
        """Export the brief as `fmt` in the background; None if the user stopped it."""
        try:
            check_export_format(fmt)
        except BrieferError as e:
            self.w.error(FORMATS.get(fmt, ("Export",))[0], str(e))
            return None
        session = self.w.session
        if session.is_empty:
            answer = dialogs.ask(
                self.w, "Export an empty brief?",
                "The brief has no statements yet.\nExport it anyway?",
                dialogs.Button.Yes | dialogs.Button.No, dialogs.Button.No,
            )
            if answer != dialogs.Button.Yes:
                return None
        path = self.target(fmt, ask)
        if path is None:
            return None
        snapshot = session.snapshot()

        def done(_: Any) -> None:
            session.remember_export(fmt, path)
            backend.settings().setValue("export/last_dir", str(path.parent))
            self.last_export = path
            self.w.notify(
                f"Exported to {dialogs.esc(path)} — <a href='open'>Open</a> · <a href='folder'>Show folder</a>",
                rich=True,
            )

        def failed(msg: str) -> None:
            session.export_paths.pop(fmt, None)  # ask next time rather than fail again
            self.w.error("Export failed", f"{msg}\nYour draft is kept; choose another place with Export As….")

        self.w.notify(f"Exporting to {path.name}…")
        return self.w.file_runner.submit(
            Job("export", lambda ctx: export_brief(snapshot, path, fmt), on_done=done, on_error=failed)
        )

    def status_link(self, href: str) -> None:
        """The status bar's Open / Show folder links."""
        if not self.last_export:
            return
        if href == "open":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))
        elif href == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

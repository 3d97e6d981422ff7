"""Opening, saving, recent files and crash recovery, for one window.

File I/O and JSON work run on the window's file runner (one background thread, so saves
and autosaves never overlap); the UI thread only takes a cheap snapshot and shows the
result. A failed Open changes nothing: the brief is validated in the worker and shown only
if it is whole.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from briefer.brief import Brief, load_brief, save_brief
from briefer.ui import backend, dialogs
from briefer.ui.autosave import Orphan, find_orphans
from briefer.ui.worker import Job

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow

BRIEF_FILTER = "Briefer briefs (*.brief);;All files (*)"
MAX_RECENT = 8


def slug(title: str) -> str:
    """A file-name stem from a title."""
    s = re.sub(r"[\u2010-\u2015]", "-", title)  # dashes in a title separate words
    s = re.sub(r"[^\w\- ]+", "", s, flags=re.UNICODE).strip().replace(" ", "-")
    return (s[:60] or "brief").strip("-") or "brief"


class FileFlow:
    """New, Open, Save, Save As, recent files and restoring autosaves for a window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    # -- new / open ---------------------------------------------------------------------
    def open_dialog(self) -> None:
        """Ask for a .brief file and open it."""
        if self.w.generating or not self.maybe_save():
            return
        start = str(backend.settings().value("files/last_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self.w, "Open brief", start, BRIEF_FILTER)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str | Path, ask: bool = True) -> Job | None:
        """Open a saved brief: read and validate it in the background, then show it.

        If it cannot be opened, one dialog says why and the window stays exactly as it was.
        """
        if ask and (self.w.generating or not self.maybe_save()):
            return None
        path = Path(path)
        self.w.notify(f"Opening {path.name}…")

        def opened(brief: Brief) -> None:
            self.w.load_brief_object(brief, path)
            self.w.autosave.clear()
            self.add_recent(path)
            self.w.notify(f"Opened {path.name}.")

        return self.w.file_runner.submit(
            Job("open", lambda ctx: load_brief(path), on_done=opened,
                on_error=lambda msg: self.w.error("Could not open the brief", msg))
        )

    # -- save ------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False if the user cancelled (or the save failed)."""
        if not self.w.session.dirty:
            return True
        answer = dialogs.ask(
            self.w, "Save changes?", "The brief has unsaved changes. Save them first?",
            dialogs.Button.Save | dialogs.Button.Discard | dialogs.Button.Cancel, dialogs.Button.Save,
        )
        if answer == dialogs.Button.Save:
            return self.save(wait=True)
        return answer == dialogs.Button.Discard

    def save(self, wait: bool = False) -> bool:
        """Save to the current file (asks for one the first time).

        The write runs in the background; with `wait` the event loop runs until it is
        done and the result is returned (True also means "started" without `wait`).
        """
        if self.w.session.path is None:
            return self.save_as(wait=wait)
        return self._save_to(self.w.session.path, wait)

    def save_as(self, wait: bool = False) -> bool:
        """Save under a new name."""
        s = backend.settings()
        folder = self.w.session.path.parent if self.w.session.path else Path(str(s.value("files/last_dir", str(Path.home()))))
        start = folder / f"{slug(self.w.session.brief.title)}.brief"
        path, _ = QFileDialog.getSaveFileName(self.w, "Save brief", str(start), BRIEF_FILTER)
        if not path:
            return False
        if not path.endswith(".brief"):
            path += ".brief"
        return self._save_to(Path(path), wait)

    def _save_to(self, path: Path, wait: bool) -> bool:
        session = self.w.session
        snapshot, revision = session.snapshot(), session.revision
        result: dict[str, bool] = {}

        def saved(_: Any) -> None:
            result["ok"] = True
            session.mark_saved(path, revision)
            backend.settings().setValue("files/last_dir", str(path.parent))
            self.add_recent(path)
            if not session.dirty:
                self.w.autosave.clear()
            self.w.notify(f"Saved {path.name}.")

        def failed(msg: str) -> None:
            result["ok"] = False
            self.w.error("Could not save", f"{msg}\nYour draft is still open and autosaved.")
            self.w.autosave.save_now()

        job = self.w.file_runner.submit(Job("save", lambda ctx: save_brief(snapshot, path), on_done=saved, on_error=failed))
        if not wait:
            return True
        self.w.file_runner.wait(job)
        return result.get("ok", False)

    # -- recent files ---------------------------------------------------------------------
    def add_recent(self, path: Path) -> None:
        """Put `path` first in the recent list."""
        s = backend.settings()
        recent = [str(path.resolve())] + [p for p in self.recent_files() if p != str(path.resolve())]
        s.setValue("recent", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        """Recently opened or saved briefs, newest first."""
        v = backend.settings().value("recent", [])
        if isinstance(v, str):
            v = [v]
        return [str(p) for p in (v or [])]

    def fill_recent(self) -> None:
        """Fill the Open Recent menu (names are shown literally: `&` is not a mnemonic)."""
        menu = self.w.recent_menu
        menu.clear()
        files = [p for p in self.recent_files() if Path(p).exists()]
        if not files:
            a = menu.addAction("No recent briefs")
            a.setEnabled(False)
        for p in files:
            a = menu.addAction(Path(p).name.replace("&", "&&"))
            a.setToolTip(dialogs.tip(p))
            a.triggered.connect(lambda _c=False, p=p: self.open_file(p))

    # -- crash recovery --------------------------------------------------------------------
    def offer_restore(self, otherwise=None) -> Job:
        """Look (in the background) for autosaves of windows that are gone, and offer them.

        Only autosaves whose owning process has ended are offered; a running window's are
        never shown or deleted. The first restored brief comes back in this window, any
        other in a new window. `otherwise()` runs if nothing was restored.
        """
        folder = self.w.autosave.folder

        def found(orphans: list[Orphan]) -> None:
            restored = self._ask_restore([o for o in orphans if o.brief is not None])
            for o in orphans:
                if o.brief is None:
                    o.discard()  # damaged beyond reading: nothing to offer
            if not restored and otherwise is not None:
                otherwise()

        return self.w.file_runner.submit(
            Job("find autosaves", lambda ctx: find_orphans(folder), on_done=found,
                on_error=lambda msg: otherwise() if otherwise else None)
        )

    def _ask_restore(self, orphans: list[Orphan]) -> bool:
        if not orphans:
            return False

        def describe(o: Orphan) -> str:
            when = ""
            if o.meta.get("saved"):
                try:
                    when = " (autosaved " + dt.datetime.fromtimestamp(float(o.meta["saved"])).strftime("%d %b %H:%M") + ")"
                except (TypeError, ValueError, OverflowError, OSError):
                    when = ""
            return f"“{o.brief.title}”{when}"

        if len(orphans) == 1:
            text = f"Briefer did not close normally. Restore {describe(orphans[0])}?"
        else:
            text = "Briefer did not close normally. Restore these unsaved briefs?\n" + "\n".join(
                f"• {describe(o)}" for o in orphans
            )
        if dialogs.ask(self.w, "Restore unsaved work?", text) != dialogs.Button.Yes:
            for o in orphans:
                o.discard()
            return False
        first, *others = orphans
        self.restore(first)
        for o in others:
            self.w.spawn_window().files.restore(o)
        return True

    def restore(self, orphan: Orphan) -> None:
        """Show an orphan's brief here, unsaved; this window takes over its autosave."""
        self.w.autosave.store.adopt(orphan)
        path = orphan.meta.get("path")
        self.w.load_brief_object(orphan.brief, Path(path) if isinstance(path, str) and path else None, dirty=True)
        self.w.notify("Restored your unsaved work.")

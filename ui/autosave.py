"""Autosave: the current brief is written to the data folder a few seconds after edits.

A clean exit (or an explicit save) removes the autosave; one left behind at start-up
means Briefer was killed or crashed, and the window offers to restore it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from briefer.brief import Brief, load_brief, save_brief
from briefer.errors import BrieferError
from briefer.fsutil import atomic_write_text


class Autosave(QObject):
    """Debounced autosave of `snapshot()` into `folder`."""

    def __init__(
        self,
        folder: Path,
        snapshot: Callable[[], tuple[Brief, str | None]],
        interval_ms: int = 3000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.brief_path = self.folder / "autosave.brief"
        self.meta_path = self.folder / "autosave.json"
        self._snapshot = snapshot
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.last_error: str | None = None

    def touch(self) -> None:
        """Note an edit; saves within `interval_ms` even while typing continues."""
        if not self.timer.isActive():
            self.timer.start()

    def save_now(self) -> bool:
        """Write the autosave now; False (and `last_error`) if it could not be written."""
        self.timer.stop()
        brief, path = self._snapshot()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_brief(brief, self.brief_path)
            meta = {"path": path, "saved": time.time(), "title": brief.title}
            atomic_write_text(self.meta_path, json.dumps(meta))
        except (BrieferError, OSError) as e:
            self.last_error = str(e)
            return False
        self.last_error = None
        return True

    def clear(self) -> None:
        """Forget the autosave (after a save or a clean exit)."""
        self.timer.stop()
        for p in (self.brief_path, self.meta_path):
            try:
                p.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def pending(self) -> tuple[Brief, dict] | None:
        """The autosave left by an earlier run, if any (a damaged one is ignored)."""
        if not self.brief_path.exists():
            return None
        try:
            brief = load_brief(self.brief_path)
        except BrieferError:
            return None
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        return brief, meta if isinstance(meta, dict) else {}

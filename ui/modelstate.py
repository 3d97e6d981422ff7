"""The models of a window: started with the app, their state in the status bar.

The generator's worker process and the embedder start loading as soon as the window opens
(`backend.start_models` returns at once), so they are ready by the time the user has added
sources. The status bar follows the worker: "Loading model…", "Model ready (…)", or
"model unavailable: <reason>" when its self-check fails, it cannot start, or it has died —
never a crash later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from briefer.ui import backend, dialogs
from briefer.ui.worker import Job

if TYPE_CHECKING:
    from briefer.ui.mainwindow import MainWindow

POLL_MS = 400


class ModelFlow:
    """Starts the models for a window and shows their state."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.models: backend.ModelSet | None = None
        self.state = "off"  # off | loading | ready | failed
        self.text = ""
        self.timer = QTimer(window)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Start the generator worker and the embedder (the window stays usable)."""
        prefs = self.w.prefs
        existing = backend.started_models(prefs.model, prefs.threads, prefs.use_model)
        if existing is not None:
            self._started(existing)
            return
        if prefs.use_model:
            self.show("loading", "Loading model…", "")
        self.w.model_runner.submit(
            Job("start models", lambda ctx: backend.start_models(prefs.model, prefs.threads, prefs.use_model),
                on_done=self._started, on_error=lambda msg: self.show("failed", f"model unavailable: {msg}", msg))
        )

    def _started(self, models: backend.ModelSet) -> None:
        self.models = models
        self.poll()
        self.timer.start()

    def poll(self) -> None:
        """Show the models' state now (called every POLL_MS)."""
        if self.models is None:
            return
        state, text, tooltip = self.models.state()
        emb = self.models.embedder_problem()
        if emb:
            tooltip = f"{tooltip}\nSentence embedder unavailable: {emb}".strip()
            text += " — embedder unavailable"
        self.show(state, text, tooltip)

    def show(self, state: str, text: str, tooltip: str) -> None:
        """Put the state in the status bar (only when it changed)."""
        self.state = state
        if text == self.text:
            return
        self.text = text
        label = self.w.model_label
        label.setText(text if len(text) <= 110 else text[:108] + "…")  # the whole reason is in the tooltip
        label.setToolTip(dialogs.tip(*tooltip.splitlines(), title=text) if tooltip else dialogs.tip(text))
        label.setAccessibleDescription(text)

    def embedder_source(self):
        """The started model set, for work that can use the embedder (None without models)."""
        return self.models

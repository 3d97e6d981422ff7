"""Settings dialog: template, model, target length, threads, author."""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from briefer.ui import backend
from briefer.ui.backend import LENGTHS, Preferences
from briefer.ui.sources import name_buttons


class SettingsDialog(QDialog):
    """Edit `Preferences`; `result_preferences()` after exec() == Accepted."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefer settings")
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        form = QFormLayout()

        self.template = QComboBox()
        self.template.setEditable(False)
        try:
            names = backend.template_names()
        except Exception:
            names = []
        for n in names:
            self.template.addItem(n, n)
        if prefs.template and self.template.findData(prefs.template) < 0:
            self.template.addItem(os.path.basename(prefs.template), prefs.template)
        self.template.setCurrentIndex(max(0, self.template.findData(prefs.template)))
        self.template.setAccessibleName("Default template")
        self.template.setToolTip("The template new briefs start from")
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Browse for a template file")
        browse.setToolTip("Use a template from a TOML file")
        browse.clicked.connect(self._browse_template)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(browse)
        form.addRow("Template:", row)

        self.model = QComboBox()
        self.model.addItem("Default model", "")
        for info in backend.available_models():
            if backend.model_field(info, "kind", "generator") not in ("generator", "generative", ""):
                continue
            name = backend.model_field(info, "name")
            size = backend.model_field(info, "size_mb")
            label = f"{name}  ({float(size):,.0f} MB)" if size else name
            if backend.model_field(info, "installed", "True") == "False":
                label += " — not installed"
            self.model.addItem(label, name)
        if prefs.model and self.model.findData(prefs.model) < 0:
            self.model.addItem(prefs.model, prefs.model)
        self.model.setCurrentIndex(max(0, self.model.findData(prefs.model)))
        self.model.setAccessibleName("Model")
        self.model.setToolTip("The local model that writes the drafts")
        form.addRow("Model:", self.model)

        self.length = QComboBox()
        for key, label in LENGTHS.items():
            self.length.addItem(label, key)
        self.length.setCurrentIndex(max(0, self.length.findData(prefs.length)))
        self.length.setAccessibleName("Target length")
        self.length.setToolTip("How many statements each section gets")
        form.addRow("Target length:", self.length)

        self.threads = QSpinBox()
        self.threads.setRange(0, max(1, os.cpu_count() or 1))
        self.threads.setSpecialValueText("Automatic")
        self.threads.setValue(prefs.threads)
        self.threads.setAccessibleName("CPU threads")
        self.threads.setToolTip("How many processor threads the model uses; Automatic leaves one for the window")
        form.addRow("CPU threads:", self.threads)
        self.use_model = QCheckBox("Let the local model choose deletions in long bullets")
        self.use_model.setChecked(prefs.use_model)
        self.use_model.setAccessibleName("Use the local model")
        self.use_model.setToolTip(
            "Off: rules shorten every bullet by deleting words (measured better and much faster).\n"
            "On: the local model picks the deletions under a grammar that keeps the source's words."
        )
        form.addRow("Local model:", self.use_model)
        self.author = QLineEdit(prefs.author)
        self.author.setPlaceholderText("Your name, for {author} in new briefs")
        self.author.setAccessibleName("Author")
        self.author.setToolTip("Your name, filled in as {author} in new briefs")
        form.addRow("Author:", self.author)
        lay.addLayout(form)
        note = QLabel("A new model, thread count or local-model choice takes effect the next time Briefer starts.")
        note.setWordWrap(True)
        note.setObjectName("hint")
        lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons, ok=("Save settings", "Keep these settings"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a template", "", "Briefer templates (*.toml)")
        if path:
            self.template.addItem(os.path.basename(path), path)
            self.template.setCurrentIndex(self.template.count() - 1)

    def result_preferences(self) -> Preferences:
        """The preferences as edited in the dialog."""
        return Preferences(
            template=str(self.template.currentData() or "leader-meeting"),
            model=str(self.model.currentData() or ""),
            length=str(self.length.currentData() or "standard"),
            threads=int(self.threads.value()),
            author=self.author.text().strip(),
            use_model=self.use_model.isChecked(),
        )

"""Settings dialog (template, model, target length, threads) and the About box."""

from __future__ import annotations

import html
import os

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import briefer
from briefer.ui import backend
from briefer.ui.backend import LENGTHS, Preferences


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
        browse = QPushButton("Browse…")
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
        form.addRow("Model:", self.model)

        self.length = QComboBox()
        for key, label in LENGTHS.items():
            self.length.addItem(label, key)
        self.length.setCurrentIndex(max(0, self.length.findData(prefs.length)))
        form.addRow("Target length:", self.length)

        self.threads = QSpinBox()
        self.threads.setRange(0, max(1, os.cpu_count() or 1))
        self.threads.setSpecialValueText("Automatic")
        self.threads.setValue(prefs.threads)
        form.addRow("CPU threads:", self.threads)
        self.author = QLineEdit(prefs.author)
        self.author.setPlaceholderText("Your name, for {author} in new briefs")
        self.author.setAccessibleName("Author")
        form.addRow("Author:", self.author)
        lay.addLayout(form)
        note = QLabel("A new model or thread count takes effect the next time Briefer starts.")
        note.setWordWrap(True)
        note.setStyleSheet("color:#5b6573")
        lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
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
        )


def about_text() -> str:
    """HTML for the About box: version, and each packaged model with its licence."""
    rows = []
    for info in backend.available_models():
        f = backend.model_field
        rows.append(
            f"<tr><td><b>{html.escape(f(info, 'name'))}</b></td>"
            f"<td>{html.escape(f(info, 'kind'))}</td>"
            f"<td>{html.escape(f(info, 'licence') or f(info, 'license'))}</td>"
            f"<td>{html.escape(f(info, 'upstream') or f(info, 'package'))}</td></tr>"
        )
    if not rows:
        rows.append("<tr><td colspan='4'><i>No model packages installed; drafts quote the sources.</i></td></tr>")
    table = (
        "<table cellspacing='6'><tr><th align='left'>Model</th><th align='left'>Kind</th>"
        "<th align='left'>Licence</th><th align='left'>Source</th></tr>" + "".join(rows) + "</table>"
    )
    return (
        f"<h3>Briefer {briefer.__version__}</h3>"
        "<p>Drafts cited policy briefs from news articles, entirely offline, with local models.</p>"
        f"<p><b>Models</b></p>{table}"
        "<p style='color:#5b6573'>Every statement cites its sources; check flagged statements "
        "before use.</p>"
    )


def show_about(parent: QWidget | None) -> None:
    """The About box."""
    QMessageBox.about(parent, "About Briefer", about_text())

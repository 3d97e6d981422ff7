"""Templates in the window: the picker's entries, and the dialog that sets a brief's variables.

The same dialog serves "New brief from template…" (with a template choice) and "Brief
details…" (the current brief's meeting, date, author, addressee and classification).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefer.brief import Brief
from briefer.errors import BrieferError
from briefer.template import Template, builtin_templates, load_template
from briefer.ui.dialogs import tip
from briefer.ui.sources import name_buttons

COMMON_CLASSIFICATIONS = ("UNCLASSIFIED // DRAFT", "UNCLASSIFIED // FOR OFFICIAL USE // DRAFT", "UNCLASSIFIED")


@dataclass
class TemplateEntry:
    """One entry of the picker: what to load, what to show."""

    ref: str  # built-in name or .toml path
    label: str
    description: str = ""
    name: str = ""  # the template's own name (what a brief records)


def template_entries(extra: str | None = None) -> list[TemplateEntry]:
    """The built-in templates (and a user template path, if one is chosen), for a picker."""
    out = []
    refs = builtin_templates() + ([extra] if extra and extra not in builtin_templates() else [])
    for ref in refs:
        try:
            t = load_template(ref)
            out.append(TemplateEntry(ref, t.title, t.description, t.name))
        except BrieferError as e:
            out.append(TemplateEntry(ref, os.path.basename(ref) + " (cannot be read)", str(e)))
    return out


def fill_picker(box: QComboBox, entries: list[TemplateEntry], current: str) -> None:
    """Put `entries` in a combo box and select `current` (a ref or a template name; signals blocked)."""
    box.blockSignals(True)
    box.clear()
    for i, e in enumerate(entries):
        box.addItem(e.label, e.ref)
        box.setItemData(i, tip(e.description, title=e.label), Qt.ItemDataRole.ToolTipRole)
    index = next((i for i, e in enumerate(entries) if current in (e.ref, e.name)), -1)
    if index < 0:  # a brief from a template this machine does not have
        box.addItem(f"{current} (from the brief)", current)
        index = box.count() - 1
    box.setCurrentIndex(index)
    box.blockSignals(False)


class BriefDetailsDialog(QDialog):
    """Meeting, date, author, addressee, classification — and the template for a new brief."""

    def __init__(
        self,
        brief: Brief,
        *,
        templates: list[TemplateEntry] | None = None,
        current_template: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        new = templates is not None
        self.setWindowTitle("New brief from template" if new else "Brief details")
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        self.template.setToolTip("The template: the brief's sections and their guidance")
        if new:
            fill_picker(self.template, templates or [], current_template)
            form.addRow("Template:", self.template)
        self.meeting = self._line(brief.title if not new else "", "e.g. Foreign ministers' meeting, Geneva", "Meeting")
        form.addRow("Meeting (title):", self.meeting)
        row = QHBoxLayout()
        self.has_date = QCheckBox("Date:")
        self.has_date.setAccessibleName("Brief has a date")
        self.has_date.setToolTip("Untick for a brief without a date")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName("Brief date")
        self.date.setToolTip("The brief's date, shown as {date}")
        d = QDate.fromString(brief.date or "", "yyyy-MM-dd")
        self.has_date.setChecked(d.isValid() or new)
        self.date.setDate(d if d.isValid() else QDate.currentDate())
        self.date.setEnabled(self.has_date.isChecked())
        self.has_date.toggled.connect(self.date.setEnabled)
        row.addWidget(self.date, 1)
        form.addRow(self.has_date, row)
        self.author = self._line(brief.author, "Who prepared the brief", "Author")
        form.addRow("Author:", self.author)
        self.addressee = self._line(brief.addressee, "Who it is for", "Addressee")
        form.addRow("For (addressee):", self.addressee)
        self.classification = QComboBox()
        self.classification.setEditable(True)
        self.classification.setAccessibleName("Classification")
        self.classification.setToolTip("The marking at the top of the brief, shown as {classification}")
        for c in dict.fromkeys([brief.classification, *COMMON_CLASSIFICATIONS]):
            if c:
                self.classification.addItem(c)
        self.classification.setCurrentText(brief.classification)
        form.addRow("Classification:", self.classification)
        lay.addLayout(form)
        note = QLabel(
            "Templates may use {meeting}, {date}, {author}, {addressee} and {classification}; "
            "the brief's header shows them."
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons, ok=("Create brief" if new else "Save details",
                                  "Start the new brief" if new else "Keep these details"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        if new:
            self.template.currentIndexChanged.connect(self._template_changed)
            self._template_changed()  # the chosen template's classification, from the start

    def _line(self, text: str, placeholder: str, name: str) -> QLineEdit:
        e = QLineEdit(text)
        e.setPlaceholderText(placeholder)
        e.setAccessibleName(name)
        e.setToolTip(f"{placeholder}, shown as {{{name.lower()}}}")
        return e

    def _template_changed(self) -> None:
        try:
            t = load_template(self.template.currentData())
        except BrieferError:
            return
        if self.classification.currentText() in COMMON_CLASSIFICATIONS or not self.classification.currentText():
            self.classification.setCurrentText(t.classification)

    def template_ref(self) -> str:
        """The chosen template (new brief only)."""
        return str(self.template.currentData() or "")

    def values(self) -> dict[str, str]:
        """The variables as entered: meeting, date (ISO or ""), author, addressee, classification."""
        return {
            "meeting": self.meeting.text().strip(),
            "date": self.date.date().toString("yyyy-MM-dd") if self.has_date.isChecked() else "",
            "author": self.author.text().strip(),
            "addressee": self.addressee.text().strip(),
            "classification": self.classification.currentText().strip(),
        }


def load_or_none(ref: str) -> tuple[Template | None, str | None]:
    """(template, None) or (None, the one-line error)."""
    try:
        return load_template(ref or None), None
    except BrieferError as e:
        return None, str(e)

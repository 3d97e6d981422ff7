"""Every message box of the app, in one place, and the rules for showing data as text.

Message boxes here always use plain text: file names, titles and headings come from
articles and saved briefs, and Qt would otherwise guess that ``<img src=…>`` in a title
is HTML and load it. Where rich text is needed (tooltips with a bold first line), data
goes through `esc` / `tip`, never straight into markup.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def esc(text: object) -> str:
    """Data made safe for Qt rich text (``<``, ``>``, ``&`` and quotes escaped)."""
    return html.escape(str(text), quote=True)


def tip(*lines: str, title: str | None = None, hint: str | None = None) -> str:
    """A rich-text tooltip built only from escaped data: bold title, lines, italic hint."""
    parts = [f"<b>{esc(title)}</b>"] if title else []
    parts += [esc(x) for x in lines if x]
    if hint:
        parts.append(f"<i>{esc(hint)}</i>")
    # <qt> makes Qt treat the text as rich text whatever it contains.
    return "<qt>" + "<br>".join(parts) + "</qt>"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.Yes,
) -> Button:
    """A question in plain text; returns the button pressed."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(buttons)
    box.setDefaultButton(default)
    return Button(box.exec())


def choose(parent: QWidget | None, title: str, text: str, options: list[tuple[str, str]], default: str) -> str:
    """A question with named answers [(key, label)…] and Cancel; returns a key or "cancel"."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    buttons = {}
    for key, label in options:
        role = QMessageBox.ButtonRole.DestructiveRole if key == "replace" else QMessageBox.ButtonRole.AcceptRole
        buttons[key] = box.addButton(label, role)
    box.addButton(Button.Cancel)
    box.setDefaultButton(buttons[default])
    box.exec()
    clicked = box.clickedButton()
    return next((k for k, b in buttons.items() if b is clicked), "cancel")


def show_error(parent: QWidget | None, title: str, message: str, details: str | None = None) -> None:
    """THE error dialog: one line (plus a hint), details expandable; plain text."""
    lines = message.strip().split("\n", 1)
    box = _box(parent, QMessageBox.Icon.Warning, title, lines[0])
    if len(lines) > 1 and lines[1].strip():
        box.setInformativeText(lines[1].strip())
    if details:
        box.setDetailedText(details)
    box.exec()

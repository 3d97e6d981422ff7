"""One message above the brief, with its choices: what happened and what the user can do about it.

Like Word's message bar: it does not block the window (the user goes on editing), it names
what happened in one line, and it offers the choices as buttons. Showing a new message
replaces the old one, so there is never a pile of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class MessageBar(QFrame):
    """A dismissable message with action buttons (hidden when empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel("")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote data
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.label, 1)
        self._row = lay
        self.buttons: list[QPushButton] = []
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, text: str, actions: list[tuple[str, str, Callable[[], None]]]) -> None:
        """Show `text` with buttons [(label, tooltip, callback)]; `kind` says what it is about."""
        self.clear()
        self.kind = kind
        self.label.setText(text)
        self.label.setAccessibleName(text)
        for label, tooltip, fn in actions:
            b = QPushButton(label)
            b.setAccessibleName(label)
            b.setToolTip(tooltip)
            b.clicked.connect(lambda _c=False, fn=fn: fn())
            self._row.addWidget(b)
            self.buttons.append(b)
        self.show()
        if self.buttons:
            self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Take the message away."""
        for b in self.buttons:
            b.hide()
            b.setParent(None)
            b.deleteLater()
        self.buttons = []
        self.kind = ""
        self.label.setText("")
        self.hide()

    @property
    def text(self) -> str:
        """The message shown ("" if none)."""
        return self.label.text() if self.isVisible() or self.kind else ""

    def button(self, label: str) -> QPushButton:
        """The button with this label (tests, keyboard shortcuts)."""
        return next(b for b in self.buttons if b.text() == label)

"""The look: a calm, paper-like editor on a light grey frame; readable default fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

STYLE = """
QMainWindow, QToolBar, QStatusBar { background: #f3f4f6; }
QToolBar#mainToolbar { border: none; border-bottom: 1px solid #d9dde3; padding: 4px 8px; spacing: 6px; }
QToolBar QToolButton { padding: 4px 8px; border-radius: 4px; color: #1f2933; }
QToolBar QToolButton:hover { background: #e3e7ec; }
QPushButton { padding: 5px 12px; border: 1px solid #c5ccd5; border-radius: 4px; background: #ffffff; color: #1f2933; }
QPushButton:hover { background: #eef1f5; }
QPushButton:disabled { color: #9aa3ae; background: #f3f4f6; }
QPushButton#primaryButton { background: #1f4e8c; color: white; border: 1px solid #1a4276; font-weight: 600; }
QPushButton#primaryButton:hover { background: #255da6; }
QPushButton#primaryButton:disabled { background: #9fb3cc; border-color: #9fb3cc; }
QProgressBar { border: 1px solid #c5ccd5; border-radius: 3px; background: #ffffff; height: 8px; max-height: 8px; }
QProgressBar::chunk { background: #1f4e8c; border-radius: 2px; }
QLabel#stageLabel { color: #3d4b5c; }
QLabel#modelLabel { color: #5b6573; padding: 0 8px; }
QLabel#paneHeading { font-weight: 600; color: #1f2933; font-size: 11pt; }
QListWidget#sourceList { background: #ffffff; border: 1px solid #d9dde3; border-radius: 4px; }
QListWidget#sourceList::item { border-bottom: 1px solid #eef0f3; }
QListWidget#sourceList::item:selected { background: #dde8f6; color: #1f2933; }
QTextBrowser#sourceViewer { background: #ffffff; border: 1px solid #d9dde3; border-radius: 4px; padding: 6px; }
QScrollArea#briefPage { background: #e9ecef; }
QWidget#briefPaper { background: #ffffff; }
QLabel#classification { color: #9b1c1c; font-weight: 600; font-size: 9pt; letter-spacing: 1px; }
QLineEdit#briefTitle { font-size: 19pt; font-weight: 600; color: #14213d; background: transparent; padding: 4px 0; }
QLabel#briefMeta { color: #5b6573; padding-bottom: 8px; }
QLabel#warnings { background: #fff8e6; border: 1px solid #f0d9a0; border-radius: 4px; padding: 8px 10px; color: #4a3b10; margin: 6px 0; }
QLabel#sectionHeading { font-size: 13pt; font-weight: 600; color: #14213d; }
QLabel#sectionState { color: #1f4e8c; font-style: italic; padding-right: 8px; }
QToolButton#regenButton { color: #1f4e8c; padding: 2px 6px; border-radius: 3px; }
QToolButton#regenButton:hover { background: #e8eef7; }
QToolButton#regenButton:disabled { color: #a9b3bf; }
QFrame#sectionRule { color: #d9dde3; background: #d9dde3; max-height: 1px; border: none; }
QSplitter::handle { background: #d9dde3; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 4px; background: #f3f4f6; }
"""


def apply_style(app: QApplication) -> None:
    """Font and stylesheet for the whole app."""
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)

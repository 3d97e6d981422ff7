"""The look, derived from the palette: a calm paper-like editor that follows a light or dark desktop.

Every colour comes from `colours()`, computed from the application palette: the neutral
ones are mixes of the palette's own text and base colours, and the state colours (amber
for statements to check, blue for the user's own text and links, red for misspellings
and the classification) are chosen per light/dark palette and then nudged until they
meet WCAG AA contrast against the surface they are drawn on. Nothing hard-codes a light
colour next to a system colour, so a dark desktop gets a dark, readable window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

TEXT_AA = 4.5  # WCAG 2.x AA, normal text
GRAPHIC_AA = 3.0  # WCAG 2.x AA, non-text marks (bars, underlines, focus rings)


# -- contrast ----------------------------------------------------------------------------
def luminance(c: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1..21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable(fg: QColor, bg: QColor, ratio: float = TEXT_AA) -> QColor:
    """`fg`, made darker (on a light `bg`) or lighter (on a dark one) until it meets `ratio`."""
    towards = QColor("black") if luminance(bg) > 0.18 else QColor("white")
    c = QColor(fg)
    for step in range(1, 21):
        if contrast(c, bg) >= ratio:
            return c
        c = mix(fg, towards, step / 20)
    return towards


def is_dark(palette: QPalette) -> bool:
    """True if the palette draws light text on a dark base."""
    return luminance(palette.color(QPalette.ColorRole.Base)) < luminance(palette.color(QPalette.ColorRole.Text))


# -- the colours ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Colours:
    """Every colour the app draws with, for one palette."""

    dark: bool
    base: QColor  # editors, lists, the paper
    text: QColor
    window: QColor  # chrome around the paper
    window_text: QColor
    muted: QColor  # secondary text on base (meta lines, placeholders, streamed text)
    muted_window: QColor  # secondary text on the window colour (status bar)
    rule: QColor  # thin lines
    surround: QColor  # behind the paper
    accent: QColor  # section state, regenerate (text on base)
    accent_fill: QColor  # primary button and progress bar
    on_accent: QColor  # text on accent_fill
    link: QColor  # citations
    user: QColor  # the blue bar beside the user's own text
    amber: QColor  # the bar and underline beside a statement to check
    amber_bg: QColor  # behind a statement to check
    amber_text: QColor  # badge text ("stale", "different event") on amber_bg
    neutral_bg: QColor  # "duplicate" badge
    neutral_text: QColor
    danger: QColor  # classification line, "unreadable" badge text, misspellings
    danger_bg: QColor
    found: QColor  # behind the cited sentence in the source viewer
    focus: QColor  # focus ring

    @property
    def badges(self) -> dict[str, tuple[QColor, QColor]]:
        """(text, background) of each source badge kind."""
        return {
            "amber": (self.amber_text, self.amber_bg),
            "neutral": (self.neutral_text, self.neutral_bg),
            "danger": (self.danger, self.danger_bg),
        }


def colours_for(palette: QPalette) -> Colours:
    """The app's colours for `palette` (each text colour meets WCAG AA on its surface)."""
    role = QPalette.ColorRole
    base, text = palette.color(role.Base), palette.color(role.Text)
    window, window_text = palette.color(role.Window), palette.color(role.WindowText)
    dark = is_dark(palette)
    if dark:
        amber_bg, amber, amber_text = mix(base, QColor("#d99a00"), 0.28), QColor("#e6a700"), QColor("#ffd37a")
        user, accent, link = QColor("#7aa7e6"), QColor("#8ab4f8"), QColor("#9cc2ff")
        danger, danger_bg = QColor("#ff8a80"), mix(base, QColor("#c62828"), 0.25)
        found = mix(base, QColor("#d9a400"), 0.45)
        accent_fill = QColor("#3b6fb6")
    else:
        amber_bg, amber, amber_text = QColor("#fff1c9"), QColor("#b87f00"), QColor("#7a4f00")
        user, accent, link = QColor("#4a78b5"), QColor("#1f4e8c"), QColor("#2f5d9e")
        danger, danger_bg = QColor("#9b1c1c"), QColor("#fbe0e0")
        found = QColor("#ffe28a")
        accent_fill = QColor("#1f4e8c")
    neutral_bg = mix(base, text, 0.10)
    return Colours(
        dark=dark,
        base=base,
        text=text,
        window=window,
        window_text=window_text,
        muted=readable(mix(text, base, 0.42), base),
        muted_window=readable(mix(window_text, window, 0.4), window),
        rule=mix(base, text, 0.18),
        surround=mix(window, text, 0.06),
        accent=readable(accent, base),
        accent_fill=accent_fill,
        on_accent=readable(QColor("white"), accent_fill),
        link=readable(link, base),
        user=readable(user, base, GRAPHIC_AA),
        amber=readable(amber, base, GRAPHIC_AA),
        amber_bg=amber_bg,
        amber_text=readable(amber_text, amber_bg),
        neutral_bg=neutral_bg,
        neutral_text=readable(mix(text, base, 0.25), neutral_bg),
        danger=readable(danger, base),
        danger_bg=danger_bg,
        found=found,
        focus=readable(accent, base, GRAPHIC_AA),
    )


_current: dict[str, Colours] = {}


def colours() -> Colours:
    """The colours for the application's palette now."""
    app = QApplication.instance()
    pal = app.palette() if isinstance(app, QApplication) else QPalette()
    key = pal.color(QPalette.ColorRole.Base).name() + pal.color(QPalette.ColorRole.Text).name()
    if key not in _current:
        _current.clear()
        _current[key] = colours_for(pal)
    return _current[key]


def hexa(c: QColor) -> str:
    """#rrggbb for rich text and style sheets."""
    return c.name(QColor.NameFormat.HexRgb)


# -- the style sheet ---------------------------------------------------------------------------
def style_sheet(c: Colours) -> str:
    """The app's style sheet for colours `c` (layout, weights and colours; no fixed light colours)."""
    h = {k: hexa(v) for k, v in c.__dict__.items() if isinstance(v, QColor)}
    fill = h["accent_fill"]
    return f"""
QToolBar#mainToolbar {{ border: none; border-bottom: 1px solid {h['rule']}; padding: 4px 8px; spacing: 6px; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; border: 1px solid transparent; }}
QToolBar QToolButton:focus, QToolButton:focus, QPushButton:focus, QComboBox:focus {{ border: 2px solid {h['focus']}; }}
QPushButton {{ padding: 5px 12px; border: 1px solid {h['rule']}; border-radius: 4px; }}
QPushButton#primaryButton {{ background: {fill}; color: {h['on_accent']}; border: 1px solid {fill}; font-weight: 600; }}
QPushButton#primaryButton:focus {{ border: 2px solid {h['focus']}; }}
QPushButton#primaryButton:disabled {{ background: {h['rule']}; border-color: {h['rule']}; color: {h['muted']}; }}
QProgressBar {{ border: 1px solid {h['rule']}; border-radius: 3px; background: {h['base']}; height: 8px; max-height: 8px; }}
QProgressBar::chunk {{ background: {fill}; border-radius: 2px; }}
QLabel#stageLabel, QLabel#modelLabel {{ color: {h['muted_window']}; padding: 0 8px; }}
QLabel#paneHeading {{ font-weight: 600; font-size: 11pt; }}
QListWidget#sourceList {{ border: 1px solid {h['rule']}; border-radius: 4px; }}
QListWidget#sourceList:focus, QTextBrowser#sourceViewer:focus {{ border: 2px solid {h['focus']}; }}
QListWidget#sourceList::item {{ border-bottom: 1px solid {h['rule']}; }}
QListWidget#sourceList::item:selected {{ background: {h['neutral_bg']}; color: {h['text']}; }}
QTextBrowser#sourceViewer {{ border: 1px solid {h['rule']}; border-radius: 4px; padding: 6px; }}
QScrollArea#briefPage {{ background: {h['surround']}; }}
QWidget#briefPaper {{ background: {h['base']}; }}
QLabel#classification {{ color: {h['danger']}; font-weight: 600; font-size: 9pt; letter-spacing: 1px; }}
QTextEdit#briefTitle {{ font-size: 19pt; font-weight: 600; background: transparent; border: none;
    border-left: 3px solid transparent; }}
QTextEdit#briefTitle:focus {{ border-left: 3px solid {h['focus']}; }}
QLabel#briefMeta {{ color: {h['muted']}; padding-bottom: 8px; }}
QLabel#warnings {{ background: {h['amber_bg']}; border: 1px solid {h['amber']}; border-radius: 4px;
    padding: 8px 10px; color: {h['amber_text']}; margin: 6px 0; }}
QFrame#messageBar {{ background: {h['amber_bg']}; border: 1px solid {h['amber']}; border-radius: 4px; }}
QFrame#messageBar QLabel {{ color: {h['amber_text']}; }}
QFrame#citationBar QLabel {{ color: {h['muted']}; }}
QLabel#sectionHeading {{ font-size: 13pt; font-weight: 600; }}
QLabel#sectionState {{ color: {h['accent']}; font-style: italic; padding-right: 8px; }}
QToolButton#regenButton {{ color: {h['accent']}; padding: 2px 6px; border-radius: 3px; border: 2px solid transparent; }}
QToolButton#regenButton:focus {{ border: 2px solid {h['focus']}; }}
QToolButton#regenButton:disabled {{ color: {h['muted']}; }}
QTextEdit#sectionEditor {{ background: {h['base']}; border: none; border-left: 3px solid transparent; }}
QTextEdit#sectionEditor:focus {{ border-left: 3px solid {h['focus']}; }}
QFrame#sectionRule {{ color: {h['rule']}; background: {h['rule']}; max-height: 1px; border: none; }}
QLabel#hint {{ color: {h['muted_window']}; }}
QSplitter::handle {{ background: {h['rule']}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 4px; background: {h['window']}; }}
"""


class _PaletteWatcher(QObject):
    """Rebuilds the style sheet when the desktop switches between light and dark."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange and obj is QApplication.instance():
            app = QApplication.instance()
            sheet = style_sheet(colours())
            if app.styleSheet() != sheet:
                app.setStyleSheet(sheet)
        return False


def apply_style(app: QApplication, palette: QPalette | None = None) -> None:
    """Font, Fusion style, an optional palette, and the style sheet derived from it."""
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyle("Fusion")
    if palette is not None:
        app.setPalette(palette)
    app.setStyleSheet(style_sheet(colours()))
    if not getattr(app, "_briefer_palette_watcher", None):
        watcher = _PaletteWatcher(app)
        app.installEventFilter(watcher)
        app._briefer_palette_watcher = watcher  # kept alive with the app


def dark_palette() -> QPalette:
    """A dark palette like a dark desktop theme's (screenshots and tests)."""
    p = QPalette()
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, "#2b2d30"), (role.WindowText, "#e3e5e8"), (role.Base, "#1f2023"), (role.AlternateBase, "#26282b"),
        (role.Text, "#e3e5e8"), (role.Button, "#34373b"), (role.ButtonText, "#e3e5e8"), (role.ToolTipBase, "#34373b"),
        (role.ToolTipText, "#e3e5e8"), (role.Highlight, "#3b6fb6"), (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, "#9aa0a6"), (role.Link, "#9cc2ff"), (role.BrightText, "#ffffff"),
        (role.Mid, "#44474c"), (role.Dark, "#18191b"), (role.Light, "#4a4d52"), (role.Shadow, "#000000"),
    ):
        p.setColor(r, QColor(c))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor("#7d8187"))
    return p


def light_palette() -> QPalette:
    """Fusion's standard light palette (screenshots and tests)."""
    from PySide6.QtWidgets import QStyleFactory

    style = QStyleFactory.create("Fusion")
    return style.standardPalette()

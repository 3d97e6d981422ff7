"""The look: colours from the palette, readable (WCAG AA) on light and dark desktops, a window that fits."""

# ruff: noqa: F811 - pytest fixtures imported from ui_support are parameters here

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import ROOT, answers, data_dir, sample_with_text, window  # noqa: F401

from briefer.ui.style import GRAPHIC_AA, TEXT_AA, colours_for, contrast, dark_palette, light_palette

SCREENS = ROOT / "tests" / "fixtures" / "screens"


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_state_colours_meet_wcag_aa_on_light_and_dark_palettes(palette) -> None:
    c = colours_for(palette())
    text_pairs = {
        "statement to check (amber background)": (c.text, c.amber_bg),
        "badge: stale / different event": (c.amber_text, c.amber_bg),
        "badge: duplicate": (c.neutral_text, c.neutral_bg),
        "badge: unreadable": (c.danger, c.danger_bg),
        "classification and misspellings": (c.danger, c.base),
        "citation links": (c.link, c.base),
        "section state, regenerate (blue)": (c.accent, c.base),
        "secondary text": (c.muted, c.base),
        "status bar text": (c.muted_window, c.window),
        "cited sentence highlight": (c.text, c.found),
        "primary button": (c.on_accent, c.accent_fill),
    }
    for what, (fg, bg) in text_pairs.items():
        assert contrast(fg, bg) >= TEXT_AA, f"{what}: {contrast(fg, bg):.2f}"
    marks = {"amber bar": c.amber, "blue bar (your text)": c.user, "focus ring": c.focus}
    for what, colour in marks.items():
        assert contrast(colour, c.base) >= GRAPHIC_AA, f"{what}: {contrast(colour, c.base):.2f}"
    assert c.dark == (palette is dark_palette)


def test_no_hard_coded_colours_outside_the_style_module() -> None:
    hex_colour = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
    for path in sorted((ROOT / "ui").glob("*.py")):
        if path.name == "style.py":
            continue
        found = [m.group() for m in hex_colour.finditer(path.read_text(encoding="utf-8"))]
        assert not found, f"{path.name} hard-codes {found}"


def test_a_dark_palette_gives_a_dark_page_and_readable_sources(window, qtbot, qapp) -> None:
    from briefer.ui.sources import source_html
    from briefer.ui.style import apply_style, colours, luminance

    before = qapp.palette()
    apply_style(qapp, dark_palette())
    try:
        window.load_brief_object(sample_with_text())
        qtbot.wait(30)
        c = colours()
        assert c.dark
        page = window.editor.widget().grab().toImage()
        assert luminance(page.pixelColor(5, page.height() - 5)) < 0.05  # the paper is dark, not a white box
        html = source_html(window.current_brief().sources[0])
        used = {m.lower() for m in re.findall(r"color:(#[0-9a-fA-F]{6})", html)}
        assert used and all(contrast(_q(u), c.base) >= TEXT_AA for u in used), used
    finally:
        apply_style(qapp, before)
        qapp.setStyleSheet("")


def _q(hex_colour: str):
    from PySide6.QtGui import QColor

    return QColor(hex_colour)


PROBE = r"""
import json, os, sys
sys.path.insert(0, {tests!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefer.ui.style import apply_style
apply_style(app)
from briefer.ui.mainwindow import MainWindow
from ui_support import sample_with_text
w = MainWindow(load_model=False)
size = {size!r}
if size:
    w.resize(*size)
w.show()
b = sample_with_text()
b.title = "Leaders' meeting on trade, security and the climate, Lima, 16 November 2024 (farewell talks)"
w.load_brief_object(b)
for _ in range(5):
    app.processEvents()
t = w.editor.title
avail = w.screen().availableGeometry()
print(json.dumps(dict(
    window=[w.frameGeometry().width(), w.frameGeometry().height()],
    minimum=[w.minimumSizeHint().width(), w.minimumSizeHint().height()],
    screen=[avail.width(), avail.height()],
    title_doc=[t.document().size().width(), t.document().size().height()],
    title_box=[t.viewport().width(), t.viewport().height()],
    title_lines=t.document().documentLayout().documentSize().height() / t.fontMetrics().lineSpacing(),
)))
w.shutdown()
"""


def _probe(screen: str, size: tuple[int, int] | None = None, scale: str = "1") -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={SCREENS / screen}", QT_SCALE_FACTOR=scale,
               BRIEFER_DATA_DIR=os.environ.get("BRIEFER_DATA_DIR", ""))
    code = PROBE.format(tests=str(ROOT / "tests"), size=size)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_at_1024x640_the_long_title_wraps_instead_of_being_clipped(data_dir) -> None:
    got = _probe("desktop-1920x1080.json", (1024, 640))
    assert got["window"][0] <= 1030 and got["window"][1] <= 650
    doc_w, doc_h = got["title_doc"]
    box_w, box_h = got["title_box"]
    assert doc_w <= box_w and doc_h <= box_h + 1, got  # all of it shows
    assert got["title_lines"] >= 2  # it wrapped


def test_at_2x_scaling_the_window_is_not_larger_than_the_screen(data_dir) -> None:
    got = _probe("desktop-1920x1080.json", scale="2")  # 960x540 logical pixels
    assert got["screen"] == [960, 540]
    assert got["window"][0] <= got["screen"][0] and got["window"][1] <= got["screen"][1], got
    assert got["minimum"][0] <= got["screen"][0] and got["minimum"][1] <= got["screen"][1], got


def test_on_a_laptop_screen_the_window_fits(data_dir) -> None:
    got = _probe("laptop-1366x768.json")
    assert got["window"][0] <= 1366 and got["window"][1] <= 768, got
    assert got["window"][0] >= 1200  # and still uses the room there is

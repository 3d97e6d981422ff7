"""Render packaging/briefer.svg to packaging/briefer.png (256x256) with Qt's SVG renderer.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icon.py [SIZE]

The PNG is committed; rerun this only after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent


def render(size: int = 256) -> Path:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    renderer = QSvgRenderer(str(HERE / "briefer.svg"))
    if not renderer.isValid():
        raise SystemExit("briefer.svg: not a valid SVG")
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p)
    p.end()
    out = HERE / ("briefer.png" if size == 256 else f"briefer-{size}.png")
    if not img.save(str(out), "PNG"):
        raise SystemExit(f"cannot write {out}")
    return out


if __name__ == "__main__":
    print(render(int(sys.argv[1]) if len(sys.argv) > 1 else 256))

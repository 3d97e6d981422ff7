"""Make the screenshots in docs/ from the seeds, with the real models (offscreen, no display needed).

    python docs/screenshots.py draft            # drafts seeds/ as a new user would (bullets shortened by
                                                # rules): screenshot.png and /tmp/seeds-drafted.brief
    python docs/screenshots.py generating       # the local model turned on, mid-draft: screenshot-generating.png
    python docs/screenshots.py views            # from that brief: light, dark, 1024x640 and 2x scaling

Each view runs in its own process (the palette and the scale factor are per process). The
drafted brief holds the articles' text, so it stays in /tmp and out of git.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BRIEF = Path("/tmp/seeds-drafted.brief")
SCREEN = ROOT / "tests" / "fixtures" / "screens" / "desktop-1920x1080.json"


def _app(dark: bool = False):
    from PySide6.QtWidgets import QApplication

    from briefer.ui.style import apply_style, dark_palette

    app = QApplication([])
    apply_style(app, dark_palette() if dark else None)
    return app


def _wait(app, until, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    if not until():
        raise SystemExit("timed out")


def _show_first_multi_citation(w) -> None:
    """Click the first citation of the first statement that cites several sources."""
    for sec in w.current_brief().sections:
        for st in sec.statements:
            if len(st.citations) > 1:
                cited = [(sid, [t for s, t in st.evidence if s == sid]) for sid in st.citations]
                w.show_citation(st.citations[0], cited)
                return


def _window(use_model: bool):
    from briefer.ui import backend
    from briefer.ui.mainwindow import MainWindow

    prefs = backend.Preferences.load()
    prefs.use_model = use_model
    prefs.save()
    w = MainWindow(load_model=True)
    w.show()
    w.add_files([str(ROOT / "seeds")])
    return w


def draft() -> None:
    """Draft the seeds in the window with the default settings (the local model off)."""
    os.environ.setdefault("BRIEFER_DATA_DIR", "/tmp/briefer-screenshots")
    app = _app()
    from briefer.brief import save_brief

    w = _window(use_model=False)
    _wait(app, lambda: len(w.current_brief().sources) == 5 and "rules" in w.model_label.text(), 900)
    _wait(app, lambda: w.sourcing.analysis is None, 300)
    w.generate()
    _wait(app, lambda: not w.generating, 1800)
    w.editor.verticalScrollBar().setValue(0)
    _show_first_multi_citation(w)
    for _ in range(20):
        app.processEvents()
    w.grab().save(str(DOCS / "screenshot.png"))
    save_brief(w.current_brief(), BRIEF)
    w.session.mark_saved(BRIEF, w.session.revision)
    w.shutdown()


def generating() -> None:
    """With the local model turned on: grab the window while it writes the Agenda."""
    os.environ.setdefault("BRIEFER_DATA_DIR", "/tmp/briefer-screenshots")
    app = _app()
    w = _window(use_model=True)
    _wait(app, lambda: len(w.current_brief().sources) == 5 and w.model_label.text().startswith("Model ready"), 900)
    _wait(app, lambda: w.sourcing.analysis is None, 300)
    w.generate()
    _wait(app, lambda: w.drafting.tracker.section == "agenda" and "left" in w.stage_label.text()
          and w.editor.section_editor("agenda").toPlainText().count(" ") > 12, 1800)
    w.editor.ensure_visible("agenda")
    app.processEvents()
    w.grab().save(str(DOCS / "screenshot-generating.png"))
    w.cancel_generation()
    w.shutdown()


def view(name: str, dark: bool, size: tuple[int, int] | None) -> None:
    """One screenshot of the drafted brief."""
    os.environ.setdefault("BRIEFER_DATA_DIR", "/tmp/briefer-screenshots")
    app = _app(dark)
    from briefer.brief import load_brief
    from briefer.ui.mainwindow import MainWindow

    w = MainWindow(load_model=False)
    if size:
        w.resize(*size)
    w.show()
    w.load_brief_object(load_brief(BRIEF), BRIEF)
    _show_first_multi_citation(w)
    for _ in range(20):
        app.processEvents()
    w.grab().save(str(DOCS / name))
    w.shutdown()


VIEWS = {
    "screenshot-light.png": ("0", False, None),
    "screenshot-dark.png": ("0", True, None),
    "screenshot-1024x640.png": ("0", False, (1024, 640)),
    "screenshot-2x.png": ("2", False, None),
}


def main(argv: list[str]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={SCREEN}", HF_HUB_OFFLINE="1")
    if argv[:1] in (["draft"], ["generating"]):
        subprocess.run([sys.executable, __file__, "_" + argv[0]], env=env, check=True)
    elif argv[:1] == ["views"]:
        for name, (scale, _dark, _size) in VIEWS.items():
            e = dict(env, QT_SCALE_FACTOR=scale) if scale != "0" else env
            subprocess.run([sys.executable, __file__, "_view", name], env=e, check=True)
    elif argv[:1] == ["_draft"]:
        draft()
    elif argv[:1] == ["_generating"]:
        generating()
    elif argv[:1] == ["_view"]:
        _scale, dark, size = VIEWS[argv[1]]
        view(argv[1], dark, size)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

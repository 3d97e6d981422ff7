"""Entry point: `briefer-gui [FILES_OR_FOLDERS | BRIEF]` and `briefer gui`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import briefer
from briefer.ui.style import apply_style


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="briefer-gui", description="Briefer: draft cited policy briefs offline.")
    p.add_argument("paths", nargs="*", help="article files or folders to load, or a saved .brief to open")
    p.add_argument("--no-model", action="store_true", help="do not load the model at start-up")
    p.add_argument("--no-restore", action="store_true", help="do not offer to restore autosaved work")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Open the main window; returns the exit code."""
    args = _parse(list(sys.argv[1:] if argv is None else argv))
    QCoreApplication.setOrganizationName("Briefer")
    QCoreApplication.setApplicationName("Briefer")
    QCoreApplication.setApplicationVersion(briefer.__version__)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "briefer-gui"])
    apply_style(app)
    app.setWindowIcon(QIcon(str(Path(__file__).with_name("icons") / "briefer.png")))

    from briefer.ui import crash
    from briefer.ui.mainwindow import MainWindow  # after QApplication: widgets need it

    crash.install()  # last chance: autosave, one dialog, keep running
    window = MainWindow(load_model=not args.no_model)
    window.show()
    briefs = [p for p in args.paths if p.endswith(".brief")]
    others = [p for p in args.paths if not p.endswith(".brief")]

    def open_arguments() -> None:
        if briefs:
            window.open_file(Path(briefs[0]), ask=False)
        if others:
            window.add_files(others)

    def after_show() -> None:
        # After the window is on screen: the user never waits on a blank screen.
        if args.no_restore:
            open_arguments()
        else:  # restored work wins over the command line's files
            window.offer_restore(otherwise=open_arguments)

    QTimer.singleShot(0, after_show)
    rc = int(app.exec())
    # Delete the window while Qt is fully alive, not during interpreter shutdown.
    stopped = window.shutdown()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    crash.uninstall()
    if not stopped:
        # A job ignored its cancel (e.g. a model still loading): the user's work is saved or
        # autosaved, so end the process now rather than wait for it.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(rc)
    return rc


def main_exit() -> None:
    """Console-script entry point (`briefer-gui`)."""
    raise SystemExit(main())


if __name__ == "__main__":
    main_exit()

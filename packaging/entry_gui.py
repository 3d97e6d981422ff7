"""Frozen entry point of the `briefer-gui` executable (see briefer.spec)."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from briefer.ui.app import main_exit

    main_exit()

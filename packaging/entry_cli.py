"""Frozen entry point of the `briefer` executable (see briefer.spec)."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from briefer.cli import main_exit

    main_exit()

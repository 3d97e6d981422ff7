"""Frozen entry point of the `briefer-gui` executable (see briefer.spec)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["model-worker"]:
        # The app starts its model worker through its own executable (briefer.models.client).
        from briefer.models.worker import main as worker_main

        sys.exit(worker_main(sys.argv[1:]))
    from briefer.ui.app import main_exit

    main_exit()

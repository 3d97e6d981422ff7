"""`python -m ui` opens the window."""

from __future__ import annotations

from ui.app import main

raise SystemExit(main())

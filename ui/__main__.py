"""`python -m ui` opens the window."""

from __future__ import annotations

from briefer.ui.app import main

raise SystemExit(main())

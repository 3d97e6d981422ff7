"""PyInstaller runtime hook: runs before the entry script in both executables.

The bundle is strictly offline: make sure no Hugging Face library ever tries the network,
even before `models` (which sets the same variables) is imported.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

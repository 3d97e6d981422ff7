"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
SCREENS = ROOT / "tests" / "fixtures" / "screens"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # Qt's offscreen screen is 800x800 by default; the window tests run on a desktop-sized one
    # (the small-screen and 2x-scaling checks start their own processes with other screens).
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS / 'desktop-1920x1080.json'}"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five bundled sample articles."""
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    return paths


@pytest.fixture(scope="session")
def embedder():
    """The real packaged sentence embedder."""
    from briefer.models import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def generator():
    """The real packaged local generator."""
    from briefer.models import load_generator

    return load_generator()

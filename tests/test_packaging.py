"""The desktop bundle carries what the installed package carries."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_desktop_bundle_carries_every_data_folder_the_package_declares():
    # PyInstaller takes only the data files the spec lists: a package-data folder missing there
    # (the learned weights in briefer/data once were) is silently absent from the app.
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    spec = (ROOT / "packaging" / "briefer.spec").read_text(encoding="utf-8")
    for package in declared:
        assert f'"{package.replace(".", "/")}")' in spec, f"{package}'s data files are not in packaging/briefer.spec"

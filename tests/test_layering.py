"""Layering: the core (`briefer.*` outside `briefer.ui` and `briefer.models`) imports no Qt,
no model stack and no UI, so the CLI and the tests run without them and start fast."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import briefer

FORBIDDEN = ("PySide6", "torch", "transformers", "sentence_transformers", "llama_cpp", "briefer.ui")


def core_modules() -> list[str]:
    names = []
    for m in pkgutil.walk_packages(briefer.__path__, "briefer."):
        if m.name.startswith(("briefer.ui", "briefer.models")):
            continue
        names.append(m.name)
    return sorted(names)


def test_core_modules_are_found():
    names = core_modules()
    assert {"briefer.brief", "briefer.session", "briefer.pipeline", "briefer.cli"} <= set(names)


def test_importing_the_core_loads_no_qt_model_stack_or_ui():
    code = (
        "import importlib, json, sys\n"
        f"names = {core_modules()!r}\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "out = {}\n"
        "for n in names:\n"
        "    importlib.import_module(n)\n"
        "    bad = sorted(m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in forbidden))\n"
        "    if bad:\n"
        "        out[n] = bad\n"
        "        break\n"
        "print(json.dumps(out))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == {}


def test_the_cli_gui_command_imports_the_ui_only_when_run():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(briefer.__file__).with_name("cli.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = [a.name for n in top for a in n.names] + [n.module or "" for n in top if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.startswith(("briefer.ui", "PySide6"))]

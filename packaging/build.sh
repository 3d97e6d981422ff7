#!/usr/bin/env bash
# Build the one-folder desktop bundle: dist/briefer/{briefer,briefer-gui,_internal/}.
#
#   packaging/build.sh            # uses .venv/bin/python, installs PyInstaller if missing
#   PYTHON=/path/to/python packaging/build.sh
#   BRIEFER_BUNDLE_MODELS=qwen2.5-coder-1.5b-instruct,all-minilm-l6-v2 packaging/build.sh
#
# Needs ~6 GB free (build/ + dist/), 10-20 min on 2 cores. Never reinstalls torch.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DIST=dist/briefer

"$PY" -c 'import PyInstaller' 2>/dev/null || "$PY" -m pip install -q 'pyinstaller>=6.0'
"$PY" -c 'import torch, llama_cpp, sentence_transformers, PySide6' \
  || { echo "build.sh: install Briefer into $PY first (make setup)" >&2; exit 1; }

# Icon PNG is committed; re-render only if the SVG is newer.
if [ packaging/briefer.svg -nt packaging/briefer.png ]; then
  QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icon.py
fi

nice -n "${NICE:-10}" "$PY" -m PyInstaller --noconfirm --clean \
  --distpath dist --workpath build/pyinstaller packaging/briefer.spec

# Desktop integration files next to the executables.
install -m 0644 packaging/briefer.desktop packaging/briefer.png packaging/briefer.svg "$DIST/"
install -m 0755 packaging/install-desktop.sh "$DIST/"

"$DIST/briefer" --help >/dev/null
echo "built $DIST ($(du -sh "$DIST" | cut -f1)); smoke test: $DIST/briefer models"

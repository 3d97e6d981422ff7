"""How analysis and the extractive draft grow with the input: many articles, and one huge one.

    python bench/bench_scale.py                    # every case, 120 s cap per case
    python bench/bench_scale.py --cap 300 --case articles:1000 --case mb:20

Each case runs in its own process (so that peak RSS is the case's own, models included) on
generated text (`tests/hostile/scale_inputs.py`: varied unique sentences from a fixed seed,
no third-party text). It times `draft_brief` with the packaged parser and embedder and no
generator (the local model is opt-in and off by default), i.e. analysis + evidence +
extractive draft + verification; the models are loaded before the clock starts, as the app
does at start-up. "no-emb s" is the analysis alone without the embedder
(parser budget included), the part still linear in the input. A case over the cap is killed and printed as ">cap". The last column is the
growth: how time grows per 10x of input against the case above it of the same kind (10 is
linear, 100 quadratic; below 10 means part of the work is bounded by the analysis budgets).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

CASES = ["articles:1", "articles:10", "articles:100", "articles:1000", "mb:1", "mb:5", "mb:20"]


def _sources(case: str) -> tuple[list, float]:
    from scale_inputs import article_set, big_article, sources_of

    kind, n = case.split(":")
    arts = article_set(int(n)) if kind == "articles" else [big_article(float(n))]
    mb = sum(len(t.encode()) for _, t in arts) / 1e6
    return sources_of(arts), mb


def run_case(case: str) -> dict:
    """Time one case in this process; what `main` reads from the child's stdout."""
    from briefer.models import load_embedder, load_parser
    from briefer.pipeline import RunStats, draft_brief

    sources, mb = _sources(case)
    parser, embedder = load_parser(), load_embedder()
    stats = RunStats()
    t0 = time.perf_counter()
    brief = draft_brief(sources, generator=None, embedder=embedder, parser=parser, stats=stats)
    seconds = time.perf_counter() - t0
    # The same analysis without the embedder: the part whose cost still grows with the input
    # (splitting, the instruction detector, regex checks), the embedder's share being bounded.
    from briefer.analyse import analyse

    t1 = time.perf_counter()
    analyse(sources, None, parser)
    plain = time.perf_counter() - t1
    return {
        "case": case,
        "mb": round(mb, 2),
        "seconds": round(seconds, 2),
        "analyse": round(stats.stages.get("analyse", 0.0), 2),
        "plain": round(plain, 2),
        "statements": sum(len(s.statements) for s in brief.sections),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", action="append", help=f"one of {', '.join(CASES)} (repeatable)")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before a case is killed")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(args.child)))
        return 0
    rows: list[dict] = []
    print(f"{'case':<15}{'input MB':>9}{'total s':>9}{'analyse s':>10}{'no-emb s':>9}{'stmts':>7}{'peak RSS MB':>12}{'x per 10x':>10}")
    for case in args.case or CASES:
        try:
            out = subprocess.run([sys.executable, __file__, "--child", case], capture_output=True, text=True,
                                 timeout=args.cap, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            row = {"case": case, "seconds": None}
        except subprocess.CalledProcessError as e:
            print(f"{case}: failed\n{e.stderr[-2000:]}", file=sys.stderr)
            row = {"case": case, "seconds": None, "failed": True}
        # Growth per 10x of input against the previous case of the same kind:
        # (t2 / t1) ** (1 / log10(size2 / size1)); 10 is linear, 100 quadratic.
        kind = case.split(":")[0]
        prev = next((r for r in reversed(rows) if r["case"].split(":")[0] == kind), None)
        growth = ""
        if row["seconds"] and prev and prev.get("seconds") and row["mb"] > prev["mb"]:
            growth = f"{(row['seconds'] / prev['seconds']) ** (1 / math.log10(row['mb'] / prev['mb'])):.1f}"
        rows.append(row)
        total = "failed" if row.get("failed") else f">{args.cap:.0f}" if row["seconds"] is None else f"{row['seconds']:.1f}"
        print(f"{case:<15}{row.get('mb', ''):>9}{total:>9}{row.get('analyse', ''):>10}{row.get('plain', ''):>9}{row.get('statements', ''):>7}"
              f"{row.get('rss_mb', ''):>12}{growth:>10}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

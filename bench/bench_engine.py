"""Benchmark: what the portable llama.cpp engine costs against a build for this very CPU.

    python bench/bench_engine.py [--threads N] [--variants auto,haswell,x64] [--native-python PY]

For each CPU variant of the shipped engine (each in a fresh process) and, with
``--native-python``, for a llama-cpp-python built natively (``-march=native``) in another
venv, it measures with the default generator:
  * prompt evaluation: tokens/s over a ~600-token prompt (the seeds' first article);
  * decoding: tokens/s over 64 greedy tokens;
  * the model's load time.
Every figure is measured in this run, on this machine; the native build is the baseline.
A native build on a CPU with AMX runs only with ``use_extra_bufts=False`` (otherwise it
faults in ``ldtilecfg``, the crash this engine exists to avoid); that is how it is run here,
and the script says so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECODE_TOKENS = 64


def child(variant: str | None, threads: int, model: str, native: bool, keep_extra_bufts: bool = False) -> dict:
    """In a fresh process: load the model with one CPU variant and time prompt and decode."""
    from llama_cpp import Llama

    if not native:
        sys.path.insert(0, str(ROOT))
        from briefer.models.engine import choose_variant, load_backend

        chosen = choose_variant(None if variant in (None, "auto") else variant).variant
        load_backend(chosen)
    else:
        chosen = "native"
    extra = ""
    if native and not keep_extra_bufts:
        # The documented AMX workaround: no extra buffer types (weight repacking), so the AMX
        # kernels are never used. Llama() has no argument for it; patch the defaults it reads.
        import llama_cpp.llama_cpp as lc

        defaults = lc.llama_model_default_params

        def without_extra_bufts():  # type: ignore[no-untyped-def]
            params = defaults()
            params.use_extra_bufts = False
            return params

        lc.llama_model_default_params = without_extra_bufts
        extra = "use_extra_bufts=False"
    t0 = time.perf_counter()
    llm = Llama(model_path=model, n_ctx=4096, n_threads=threads, n_threads_batch=threads, n_batch=512,
                seed=0, verbose=False)
    load = time.perf_counter() - t0
    article = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    prompt = llm.tokenize(article.encode(), add_bos=False)[:600]
    llm.eval(prompt[:8])  # warm-up
    llm.reset()
    t = time.perf_counter()
    llm.eval(prompt)
    prompt_s = time.perf_counter() - t
    t = time.perf_counter()
    n = 0
    for _tok in llm.generate([], top_k=1, temp=0.0, reset=False):
        n += 1
        if n >= DECODE_TOKENS:
            break
    decode_s = time.perf_counter() - t
    return {
        "variant": chosen, "load_s": load, "prompt_tokens": len(prompt), "prompt_tps": len(prompt) / prompt_s,
        "decode_tps": n / decode_s, "extra": extra,
    }


def run(python: str, args: list[str]) -> dict | str:
    proc = subprocess.run([python, __file__, "--child", *args], capture_output=True, text=True, cwd=ROOT,
                          check=False, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        code = proc.returncode
        return f"failed (exit {code}{', signal ' + str(-code) if code < 0 else ''}): {proc.stderr.strip()[-200:]}"
    return json.loads(lines[-1])


def main() -> None:
    """Run every variant (and the native build, if given) and print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--variants", default="auto,haswell,sse42,x64")
    ap.add_argument("--native-python", help="python of a venv whose llama-cpp-python is built natively")
    ap.add_argument("--repeat", type=int, default=2, help="runs per engine; the best is kept")
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--variant")
    ap.add_argument("--native", action="store_true")
    ap.add_argument("--keep-extra-bufts", action="store_true", help="native build with its default parameters")
    ap.add_argument("--model")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.variant, a.threads, a.model, a.native, a.keep_extra_bufts)))
        return
    sys.path.insert(0, str(ROOT))
    from briefer.models import model_file
    from briefer.models.engine import cpu_name

    model = str(model_file())
    print(f"machine: {cpu_name()}, {os.cpu_count()} CPUs, {a.threads} threads, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    rows: list[tuple[str, dict | str]] = []
    engines = [(v, sys.executable, ["--variant", v]) for v in a.variants.split(",")]
    if a.native_python:
        engines[:0] = [
            ("native, as built", a.native_python, ["--native", "--keep-extra-bufts"]),
            ("native (-march=native)", a.native_python, ["--native"]),
        ]
    for label, py, extra in engines:
        best: dict | str = "not run"
        for _ in range(a.repeat):
            r = run(py, [*extra, "--threads", str(a.threads), "--model", model])
            # Keep the fastest run; a failure only stands if nothing ran.
            if not isinstance(best, dict) or (isinstance(r, dict) and r["decode_tps"] > best["decode_tps"]):
                best = r
        rows.append((label, best))
    base = next((r for label, r in rows if label.startswith("native (") and isinstance(r, dict)), None)
    print(f"\n{'engine':<26} {'CPU code':<12} {'load s':>7} {'prompt tok/s':>13} {'decode tok/s':>13}  vs native")
    for label, r in rows:
        if not isinstance(r, dict):
            print(f"{label:<26} {r}")
            continue
        rel = ""
        if base and r is not base:
            rel = f"prompt {r['prompt_tps'] / base['prompt_tps']:.0%}, decode {r['decode_tps'] / base['decode_tps']:.0%}"
        note = f"  ({r['extra']})" if r["extra"] else ""
        print(f"{label:<26} {r['variant']:<12} {r['load_s']:7.2f} {r['prompt_tps']:13.1f} {r['decode_tps']:13.1f}  {rel}{note}")


if __name__ == "__main__":
    main()

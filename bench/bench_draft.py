"""Benchmark: the whole `draft` on seeds/, cold and warm, against a naive baseline.

    python bench/bench_draft.py [--threads N] [--baseline-tokens N] [--skip-baseline]

Prints wall time per stage, tokens/s and peak RSS for
  * cold: a new process that imports, loads the models, drafts and exports the DOCX;
  * warm: the same draft again in a process whose models are already loaded;
  * baseline: the same generator through `transformers.pipeline` on the concatenated
    articles (the naive way), in its own process;
and the ratios between them. Every figure is measured in this run, on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_cold(threads: int | None, use_model: bool = True) -> dict:
    """Run in a fresh process: imports, model load, draft, export; stage timings.

    As in the CLI, the models start loading (the generator in its worker process, the
    embedder on a thread) before the sources are read, so loading overlaps ingest. Without
    `use_model` it is the default draft: bullets shortened by rules, no generator started.
    """
    t0 = time.perf_counter()
    from briefer.export import export
    from briefer.models import load_generator, start_embedder
    from briefer.pipeline import RunStats, draft_brief, load_sources

    stages = {"import": time.perf_counter() - t0}
    t = time.perf_counter()
    embedder_future = start_embedder()
    generator = load_generator(threads=threads, progress=lambda m: None) if use_model else None
    stages["start models"] = time.perf_counter() - t
    t = time.perf_counter()
    sources, _ = load_sources(SEEDS)
    stages["ingest+clean"] = time.perf_counter() - t
    t = time.perf_counter()
    embedder = embedder_future.result()
    if generator is not None:
        generator.wait_ready()
    stages["wait for models"] = time.perf_counter() - t
    stats = RunStats()
    brief = draft_brief(sources, generator=generator, embedder=embedder, stats=stats)
    stages["analyse"] = stats.stages["analyse"]
    stages["select evidence"] = stats.stages["select"]
    stages["generate"] = stats.generate_seconds
    stages["verify+assemble"] = stats.stages["generate+verify"] - stats.generate_seconds
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as d:
        export(brief, Path(d) / "brief.docx")
    stages["export docx"] = time.perf_counter() - t

    # Warm: models loaded, same input again.
    t = time.perf_counter()
    sources, _ = load_sources(SEEDS)
    warm_stats = RunStats()
    brief2 = draft_brief(sources, generator=generator, embedder=embedder, stats=warm_stats)
    with tempfile.TemporaryDirectory() as d:
        export(brief2, Path(d) / "brief.docx")
    warm = time.perf_counter() - t
    info = generator.status if generator is not None else None
    if generator is not None:
        generator.close()
    return {
        "cold_stages": stages,
        "cold_in_process": time.perf_counter() - t0 - warm,
        "tokens": stats.tokens,
        "generate_s": stats.generate_seconds,
        "warm_total": warm,
        "warm_generate_s": warm_stats.generate_seconds,
        "warm_tokens": warm_stats.tokens,
        "peak_rss_mb": _peak_rss_mb(),
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "generator": generator.info.name if generator is not None else "no generator: rules",
        "threads": info.threads if info else 0,
        "variant": info.variant if info else "-",
        "same_brief": brief.to_dict()["sections"] == brief2.to_dict()["sections"],
    }


def child_baseline(max_new_tokens: int, threads: int | None) -> dict:
    """The naive way: transformers.pipeline on the concatenated articles."""
    import torch
    import transformers

    from briefer import models

    if threads:
        torch.set_num_threads(threads)
    t0 = time.perf_counter()
    gguf = models.model_file()  # the same GGUF file the app runs through llama.cpp
    tok = transformers.AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = transformers.AutoModelForCausalLM.from_pretrained(
        str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
    )
    pipe = transformers.pipeline("text-generation", model=model, tokenizer=tok, device="cpu")
    load = time.perf_counter() - t0
    articles = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    messages = [
        {"role": "system", "content": "You write policy briefs."},
        {
            "role": "user",
            "content": "Write a policy brief with the sections Context, Agenda, US asks and Outlook under Trump "
            f"from these articles:\n\n{articles}",
        },
    ]
    t = time.perf_counter()
    out = pipe(messages, max_new_tokens=max_new_tokens, do_sample=False)
    gen = time.perf_counter() - t
    text = out[0]["generated_text"][-1]["content"]
    ntok = len(pipe.tokenizer(text)["input_ids"])
    prompt_text = pipe.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    prompt_tokens = len(pipe.tokenizer(prompt_text)["input_ids"])
    return {
        "load_s": load,
        "generate_s": gen,
        "tokens": ntok,
        "prompt_tokens": prompt_tokens,
        "total_s": load + gen,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _run_child(args: list[str]) -> tuple[dict, float, float]:
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"child {args} failed with {proc.returncode}")
    last = [line for line in proc.stdout.splitlines() if line.startswith("{")][-1]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return json.loads(last), wall, peak


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--baseline-tokens", type=int, default=None, help="default: as many as the app generated")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--child", choices=["cold", "baseline"])
    ap.add_argument("--no-model", action="store_true", help="(child) the default draft: rules, no generator")
    ap.add_argument("--max-new", type=int, default=256)
    a = ap.parse_args()
    if a.child == "cold":
        print(json.dumps(child_cold(a.threads, use_model=not a.no_model)))
        return
    if a.child == "baseline":
        print(json.dumps(child_baseline(a.max_new, a.threads)))
        return

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    cold, cold_wall, _ = _run_child(["--child", "cold", *(["--threads", str(a.threads)] if a.threads else [])])
    print(f"\n== Briefer ({cold['generator']}, llama.cpp {cold['variant']} CPU code, {cold['threads']} thread(s))")
    print(f"cold, new process, wall (incl. interpreter start):  {cold_wall - cold['warm_total']:7.1f} s")
    for k, v in cold["cold_stages"].items():
        print(f"    {k:<18} {v:7.2f} s")
    print(f"warm (models loaded), draft + export:               {cold['warm_total']:7.1f} s")
    tps = cold["warm_tokens"] / cold["warm_generate_s"] if cold["warm_generate_s"] else 0
    print(f"tokens generated: {cold['tokens']}   decode incl. prompt: {tps:.1f} tokens/s")
    print(f"peak RSS: app {cold['peak_rss_mb']:.0f} MB + model worker {cold['worker_peak_rss_mb']:.0f} MB")
    print(f"warm draft identical to the cold one: {cold['same_brief']}")
    rules, rules_wall, _ = _run_child(["--child", "cold", "--no-model"])
    print("\n== Briefer's default draft (bullets shortened by rules; the model is opt-in)")
    print(f"cold, new process, wall (incl. interpreter start):  {rules_wall - rules['warm_total']:7.1f} s")
    print(f"warm (embedder loaded), draft + export:             {rules['warm_total']:7.1f} s")
    print(f"peak RSS: {rules['peak_rss_mb']:.0f} MB")
    if a.skip_baseline:
        return
    n = a.baseline_tokens or max(cold["tokens"], 32)
    base, base_wall, _ = _run_child(
        ["--child", "baseline", "--max-new", str(n), *(["--threads", str(a.threads)] if a.threads else [])]
    )
    print("\n== Baseline: transformers.pipeline('text-generation') on the concatenated articles")
    print(f"prompt {base['prompt_tokens']} tokens, {base['tokens']} generated (asked for {n})")
    print(f"load {base['load_s']:.1f} s, generate {base['generate_s']:.1f} s, process wall {base_wall:.1f} s")
    print(f"peak RSS: {base['peak_rss_mb']:.0f} MB")
    cold_total = cold_wall - cold["warm_total"]
    print("\n== Ratios (baseline / Briefer, higher is better for Briefer)")
    briefer_rss = cold["peak_rss_mb"] + cold["worker_peak_rss_mb"]
    print(f"vs cold: {base_wall / cold_total:5.1f}x   vs warm: {base['total_s'] / cold['warm_total']:5.1f}x   "
          f"memory: {base['peak_rss_mb'] / briefer_rss:4.1f}x")


if __name__ == "__main__":
    main()

"""Benchmark: ingest on large and hostile inputs.

    python bench/bench_ingest.py [--sizes 1 5 20] [--bombs 300 1500]

Prints, each measured in a fresh process on this machine:
  * the time to refuse a .docx zip bomb and a PDF stream bomb (file size → unpacked size);
  * the time and peak RSS to read + clean + date + screen an article of 1, 5 and 20 MB,
    in three shapes: paragraphs of unique sentences, hard-wrapped lines (a PDF's text),
    and one unbroken line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

WORDS = [
    "officials", "said", "the", "talks", "between", "the", "two", "leaders", "would", "focus", "on", "trade",
    "security", "climate", "cooperation", "agenda", "summit", "ministers", "delegation", "economic", "policy",
    "regional", "partners", "week", "meeting", "visit", "capital", "government", "statement", "agreement",
    "chips", "export", "tariffs",
]  # fmt: skip


def article(mb: float, shape: str, seed: int = 1) -> str:
    """`mb` MB of English-like text of unique sentences, in the given shape."""
    r = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < mb * 1024 * 1024:
        words = [r.choice(WORDS) for _ in range(r.randint(8, 25))]
        s = " ".join(words).capitalize() + f" {r.randint(0, 10**9)}."
        if shape == "paragraphs":
            s += " " if r.random() < 0.75 else "\n\n"
        elif shape == "wrapped":
            s = s[:60] + "\n" + s[60:] + "\n"
        else:  # one line
            s += " "
        out.append(s)
        size += len(s)
    return "".join(out)[: int(mb * 1024 * 1024)]  # ASCII: characters are bytes; 20 MB is the limit


def child(kind: str, arg: str) -> dict:
    from briefer.errors import InputError
    from briefer.ingest import load_sources, read_document

    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    if kind == "text":
        mb, shape = arg.split(":")
        path = tmp / "article.txt"
        path.write_text(article(float(mb), shape), encoding="utf-8")
        t0, c0 = time.perf_counter(), time.process_time()
        (src,), _ = load_sources([path])
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        result = {"seconds": seconds, "cpu": cpu, "words": src.words, "problem": src.problem}
    else:
        from hostile_inputs import docx_zip_bomb, pdf_stream_bomb

        mb = int(arg)
        data = docx_zip_bomb(mb) if kind == "docx-bomb" else pdf_stream_bomb(mb)
        path = tmp / ("bomb.docx" if kind == "docx-bomb" else "bomb.pdf")
        path.write_bytes(data)
        t0 = time.perf_counter()
        try:
            read_document(path)
            reason = "read (not refused!)"
        except InputError as e:
            reason = e.reason
        seconds = time.perf_counter() - t0
        result = {"seconds": seconds, "file_bytes": len(data), "reason": reason}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run(kind: str, arg: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, arg], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", nargs="*", type=float, default=[1, 5, 20])
    p.add_argument("--bombs", nargs="*", type=int, default=[300, 1500])
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(child(*a.child)))
        return
    print("Bombs (time to refuse, in a fresh process):")
    for kind in ("docx-bomb", "pdf-bomb"):
        for mb in a.bombs:
            r = run(kind, str(mb))
            print(
                f"  {kind:9} {r['file_bytes'] / 1024:8.0f} KB on disk → {mb:5d} MB unpacked: "
                f"{r['seconds'] * 1000:7.1f} ms, peak RSS {r['peak_rss_mb']:5.0f} MB — {r['reason']}"
            )
    print("Read + clean + date + screen one article (load_sources), in a fresh process:")
    for shape in ("paragraphs", "wrapped", "oneline"):
        for mb in a.sizes:
            r = run("text", f"{mb}:{shape}")
            print(
                f"  {shape:10} {mb:5g} MB: {r['seconds']:6.2f} s wall, {r['cpu']:6.2f} s CPU, {r['words']:9d} words, "
                f"peak RSS {r['peak_rss_mb']:5.0f} MB" + (f" — {r['problem']}" if r["problem"] else "")
            )


if __name__ == "__main__":
    main()

"""Save search results into devset/ (the git-ignored article texts) and check them.

The texts come from the search tool's `pages` corpus, which only a person or an agent can
call. This script does the rest: paste one or more of its JSON answers, or single result
objects ({"url": ..., "excerpt": ...}) cut from them, on standard input, and every result
whose address is a source in manifest.toml is written verbatim to devset/<cluster>/<file>
and checked against the manifest's sha1.

    python3 bench/devset/pull.py <<'EOF'
    {"url": "https://…", "excerpt": "…"}
    EOF
    python3 bench/devset/pull.py --missing     # which sources still lack a text, with their queries
    python3 bench/devset/pull.py --new CLUSTER/NN.txt --query "…" <<'EOF' … EOF
                                               # a new source: save it, print its manifest entry

Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = Path(__file__).resolve().parent / "manifest.toml"
TEXTS = ROOT / "devset"


def sources() -> list[tuple[str, dict]]:
    """(cluster id, source entry) for every source in the manifest, in manifest order."""
    manifest = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    return [(c["id"], s) for c in manifest["cluster"] for s in c["source"]]


def json_values(text: str) -> list[object]:
    """Every JSON value in `text`, which may hold several one after another."""
    decoder = json.JSONDecoder()
    values, i = [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text):
            return values
        value, i = decoder.raw_decode(text, i)
        values.append(value)


def results(values: list[object]) -> list[dict]:
    """The result objects (with url and excerpt) in whole answers, lists or bare results."""
    found: list[dict] = []
    for value in values:
        if isinstance(value, list):
            found += results(value)
        elif isinstance(value, dict) and "results" in value:
            found += results(value["results"])
        elif isinstance(value, dict) and "url" in value and "excerpt" in value:
            found.append(value)
    return found


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def save(found: list[dict]) -> int:
    """Write every result that is a manifest source; return how many sha1s differ."""
    by_url: dict[str, list[tuple[str, dict]]] = {}
    for cid, s in sources():
        by_url.setdefault(s["url"], []).append((cid, s))
    mismatches = 0
    for result in found:
        for cid, s in by_url.get(result["url"], []):
            path = TEXTS / cid / s["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            text = result["excerpt"]
            if path.exists() and sha1(path.read_text(encoding="utf-8")) == s["sha1"] != sha1(text):
                print(f"kept     {cid}/{s['file']} (already right; this excerpt differs)")
                continue
            path.write_text(text, encoding="utf-8", newline="")
            if sha1(text) == s["sha1"]:
                print(f"ok       {cid}/{s['file']}")
            else:
                mismatches += 1
                print(f"MISMATCH {cid}/{s['file']}: {len(text)} chars, manifest {s['chars']}")
    return mismatches


def missing() -> None:
    for cid, s in sources():
        path = TEXTS / cid / s["file"]
        if not path.exists():
            state = "missing"
        elif sha1(path.read_text(encoding="utf-8")) != s["sha1"]:
            state = "differs"
        else:
            continue
        print(f"{state:8} {cid}/{s['file']}  query={s['query']!r}  url={s['url']}")


def new_source(target: str, query: str, found: list[dict]) -> int:
    """Save the one pasted result as devset/<target> and print its [[cluster.source]] entry."""
    if len(found) != 1 or "/" not in target:
        print("--new takes CLUSTER/FILE and exactly one result on standard input", file=sys.stderr)
        return 2
    text, url = found[0]["excerpt"], found[0]["url"]
    path = TEXTS / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    print("[[cluster.source]]")
    print(f"file = {json.dumps(path.name)}")
    print(f"url = {json.dumps(url)}")
    print(f"query = {json.dumps(query, ensure_ascii=False)}")
    print(f"chars = {len(text)}")
    print(f"sha1 = {json.dumps(sha1(text))}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--missing", action="store_true", help="list sources without a right text")
    ap.add_argument("--new", metavar="CLUSTER/FILE", help="save one result as a new source")
    ap.add_argument("--query", default="", help="with --new: the query that found it")
    args = ap.parse_args()
    if args.missing:
        missing()
        return 0
    found = results(json_values(sys.stdin.read()))
    if not found:
        print("no search results with url and excerpt on standard input", file=sys.stderr)
        return 2
    if args.new:
        return new_source(args.new, args.query, found)
    return 1 if save(found) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Check the Briefer dev set: cluster notes, manifest, labels and (when present) the texts.

Run from the repository root:

    python3 bench/devset/check_devset.py            # everything that can be checked
    python3 bench/devset/check_devset.py --summary  # coverage table and label counts only

Without devset/ (the git-ignored article texts) only the committed files are checked.
With devset/ it also checks each text against the manifest's sha1, that every key fact's
regex groups all match inside one two-sentence window of at least one listed supporting
(unflagged) source, and that labels/*.tsv still line up with briefer.textutil's splitter.
Standard library only (plus briefer.textutil from this repository).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TEXTS = ROOT / "devset"
SECTIONS = {"context", "agenda", "us_asks", "outlook"}
LABELS = {"context", "agenda", "us_asks", "other_asks", "outlook", "none"}
FLAGS = {"", "stale", "different-event"}

sys.path.insert(0, str(ROOT))
from briefer.textutil import split_sentences, words  # noqa: E402


def key(sentence: str) -> str:
    return hashlib.sha1(re.sub(r"[^a-z0-9]", "", sentence.lower()).encode()).hexdigest()[:12]


def labelled_sentences(text: str) -> list[tuple[int, str]]:
    """(index in split_sentences, sentence) for every sentence of 5 or more words."""
    return [(i, s) for i, s in enumerate(split_sentences(text)) if len(words(s)) >= 5]


def all_groups_match(groups: list[list[str]], text: str) -> bool:
    return all(any(re.search(p, text, re.I) for p in group) for group in groups)


def windows(text: str) -> list[str]:
    ss = split_sentences(text)
    return [" ".join(ss[i:i + 2]) for i in range(len(ss))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--summary", action="store_true", help="print coverage and label counts only")
    args = ap.parse_args()

    problems: list[str] = []
    manifest = tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))
    clusters = {}
    for entry in manifest["cluster"]:
        cid = entry["id"]
        path = HERE / "clusters" / f"{cid}.toml"
        if not path.exists():
            problems.append(f"{cid}: no clusters/{cid}.toml")
            continue
        clusters[cid] = (entry, tomllib.loads(path.read_text(encoding="utf-8")))
    have_texts = TEXTS.is_dir()

    label_counts: collections.Counter[str] = collections.Counter()
    rows_table = []
    for cid, (entry, c) in clusters.items():
        if c.get("id") != cid:
            problems.append(f"{cid}: id field is {c.get('id')!r}")
        files = [s["file"] for s in entry["source"]]
        src = {s["file"]: s for s in c["source"]}
        if sorted(src) != sorted(files):
            problems.append(f"{cid}: sources in cluster notes {sorted(src)} != manifest {sorted(files)}")
        flagged = {f for f, s in src.items() if s.get("flag")}
        for f, s in src.items():
            if s.get("flag") not in FLAGS:
                problems.append(f"{cid}/{f}: bad flag {s.get('flag')!r}")
            if s.get("flag") and not s.get("flag_reason"):
                problems.append(f"{cid}/{f}: flagged without flag_reason")
            if s.get("published") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["published"]):
                problems.append(f"{cid}/{f}: published is not ISO: {s['published']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["event"]["date"]):
            problems.append(f"{cid}: event.date is not ISO")
        if c.get("kind") not in ("standalone", "sidelines"):
            problems.append(f"{cid}: kind must be standalone or sidelines")
        facts = c.get("fact", [])
        if not 8 <= len(facts) <= 14:
            problems.append(f"{cid}: {len(facts)} facts (want 8-14)")
        texts = {}
        if have_texts:
            for s in entry["source"]:
                p = TEXTS / cid / s["file"]
                if not p.exists():
                    problems.append(f"{cid}/{s['file']}: text missing")
                    continue
                t = p.read_text(encoding="utf-8")
                texts[s["file"]] = t
                if hashlib.sha1(t.encode("utf-8")).hexdigest() != s.get("sha1", ""):
                    problems.append(f"{cid}/{s['file']}: sha1 differs from manifest (re-pulled text changed?)")
        for n, fact in enumerate(facts, 1):
            if fact["section"] not in SECTIONS:
                problems.append(f"{cid} fact {n}: bad section {fact['section']!r}")
            if fact["section"] == "us_asks" and not c["us_party"]:
                problems.append(f"{cid} fact {n}: us_asks fact in a cluster without a US party")
            try:
                for group in fact["match"]:
                    for pat in group:
                        re.compile(pat)
            except re.error as e:
                problems.append(f"{cid} fact {n}: bad regex: {e}")
                continue
            support = fact.get("support", [])
            if not support:
                problems.append(f"{cid} fact {n}: no supporting source listed")
            for f in support:
                if f in flagged:
                    problems.append(f"{cid} fact {n}: supported by flagged source {f}")
            if texts:
                ok = [f for f in support if f in texts and any(all_groups_match(fact["match"], w) for w in windows(texts[f]))]
                if not ok:
                    problems.append(f"{cid} fact {n}: regex matches none of its supporting sources")
        for n, trap in enumerate(c.get("trap", []), 1):
            for group in trap["match"]:
                for pat in group:
                    try:
                        re.compile(pat)
                    except re.error as e:
                        problems.append(f"{cid} trap {n}: bad regex: {e}")

        # labels
        lpath = HERE / "labels" / f"{cid}.tsv"
        if not lpath.exists():
            problems.append(f"{cid}: no labels/{cid}.tsv")
        else:
            rows = [ln.split("\t") for ln in lpath.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
            for r in rows:
                if len(r) != 4 or r[3] not in LABELS:
                    problems.append(f"{cid}: bad label row {r}")
                    continue
                label_counts[r[3]] += 1
                if r[0] in flagged and r[3] != "none":
                    problems.append(f"{cid}/{r[0]}#{r[1]}: flagged source labelled {r[3]}")
                if r[3] == "us_asks" and not c["us_party"]:
                    problems.append(f"{cid}/{r[0]}#{r[1]}: us_asks in a cluster without a US party")
            if texts:
                want = [(f, str(i), key(s)) for f in sorted(texts) for i, s in labelled_sentences(texts[f])]
                got = [(r[0], r[1], r[2]) for r in rows if len(r) == 4]
                if want != got:
                    problems.append(f"{cid}: labels do not line up with the current splitter "
                                    f"({len(got)} rows, {len(want)} sentences); index/key drifted")
        rows_table.append((cid, c["kind"], c["us_party"], c["us_president"], len(files),
                           ", ".join(f"{f} ({src[f]['flag']})" for f in sorted(flagged)) or "-",
                           ", ".join(f for f in sorted(src) if src[f].get("errors")) or "-"))

    print("| cluster | kind | US party | US president | sources | flagged | sources with error notes |")
    print("|---|---|---|---|---|---|---|")
    for r in rows_table:
        print(f"| {r[0]} | {r[1]} | {'yes' if r[2] else 'no'} | {r[3]} | {r[4]} | {r[5]} | {r[6]} |")
    cs = [c for _, c in clusters.values()]
    print()
    print(f"clusters: {len(cs)}; sources: {sum(len(c['source']) for c in cs)}")
    print(f"no US party: {sum(not c['us_party'] for c in cs)}")
    print(f"US party, president not Biden: {sum(c['us_party'] and c['us_president'] != 'Joe Biden' for c in cs)}")
    print(f"sidelines: {sum(c['kind'] == 'sidelines' for c in cs)}; standalone: {sum(c['kind'] == 'standalone' for c in cs)}")
    print(f"with a stale/different-event source: {sum(any(s['flag'] for s in c['source']) for c in cs)}")
    print(f"with a source carrying an error note: {sum(any(s.get('errors') for s in c['source']) for c in cs)}")
    print(f"facts: {sum(len(c['fact']) for c in cs)}; traps: {sum(len(c.get('trap', [])) for c in cs)}")
    print("labels: " + ", ".join(f"{k} {label_counts[k]}" for k in sorted(LABELS)) + f" (total {sum(label_counts.values())})")
    if not have_texts:
        print("devset/ not present: text, regex-support and label-alignment checks skipped")
    if args.summary:
        return 0
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure bullets: length, key facts kept, invented words, verifier verdicts, time.

Runs on the dev set's evidence-like sentences (sentences labelled context / agenda / us_asks /
outlook in unflagged sources; texts from the git-ignored devset/) and on the evidence the
pipeline selects from the seeds. Prints one row per way of making bullets:

* ``before``: the old extractive bullet, the sentence minus attribution and asides (`trim_sentence`);
* ``rules``: the new default, `statement_for` without a model (parser deletion, verified);
* ``model``: the model choosing deletions under the grammar (``--model``), then `statement_for`;
* ``old-model``: the old free-text prompt without a grammar (``--old-model``), then the old fallback.

Fact retention: for each sentence, the cluster's key facts whose regexes all match the
sentence; a fact is kept if they all still match the bullet.

    python bench/bullets.py                 # rules and before, dev set and seeds
    python bench/bullets.py --model 40      # also the model, on the 40 longest sentences
    python bench/bullets.py --show 10       # print 10 sentence/bullet pairs per row
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefer.analyse import SentenceRec  # noqa: E402
from briefer.compress import compress, looks_like_instruction, parser_available  # noqa: E402
from briefer.evidence import Evidence  # noqa: E402
from briefer.generate import generate_statements, needs_model, statement_for, tidy  # noqa: E402
from briefer.textutil import split_sentences, words  # noqa: E402
from briefer.verify import as_deletion, trim_sentence, verify_statement  # noqa: E402

DEVSET = ROOT / "bench" / "devset"
TEXTS = ROOT / "devset"
EVIDENCE_LABELS = {"context", "agenda", "us_asks", "outlook"}
_DATE_LINE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s+")  # the dev set's own date line, not article text


@dataclass
class Item:
    set: str  # "dev" or "seeds"
    text: str
    facts: list[tuple[str, list[list[str]]]] = field(default_factory=list)  # (fact text, regex groups)


def matches(groups: list[list[str]], text: str) -> bool:
    return all(any(re.search(p, text, re.I) for p in g) for g in groups)


def dev_items() -> list[Item]:
    out = []
    for lab in sorted((DEVSET / "labels").glob("*.tsv")):
        cid = lab.stem
        if not (TEXTS / cid).is_dir():
            continue
        cluster = tomllib.loads((DEVSET / "clusters" / f"{cid}.toml").read_text(encoding="utf-8"))
        flagged = {s["file"] for s in cluster["source"] if s.get("flag")}
        facts = [(f["text"], f["match"]) for f in cluster["fact"]]
        texts: dict[str, list[str]] = {}
        for line in lab.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            file, index, _key, label = line.split("\t")
            if file in flagged or label not in EVIDENCE_LABELS:
                continue
            if file not in texts:
                texts[file] = split_sentences((TEXTS / cid / file).read_text(encoding="utf-8"))
            s = _DATE_LINE.sub("", texts[file][int(index)])
            out.append(Item("dev", s, [(t, g) for t, g in facts if matches(g, s)]))
    return out


def seed_items() -> list[Item]:
    """The sentences the pipeline selects as evidence from the seeds (with the embedder)."""
    from briefer.analyse import analyse
    from briefer.evidence import select_evidence
    from briefer.models import load_embedder
    from briefer.pipeline import load_sources
    from briefer.template import load_template

    sources, _ = load_sources(sorted((ROOT / "seeds").glob("*.txt")))
    emb = load_embedder()
    analysis = analyse([s for s in sources if s.usable], emb)
    evidence = select_evidence(analysis, load_template(), emb)
    return [Item("seeds", ev.sentence.text) for key in sorted(evidence) for ev in evidence[key]]


def evidence_of(text: str, i: int) -> Evidence:
    return Evidence(SentenceRec(id=i, source_id=1, index=i, text=text), 1.0)


@dataclass
class Row:
    name: str
    bullets: list[tuple[Item, str | None]] = field(default_factory=list)
    seconds: float = 0.0
    timed: int = 0  # bullets the time covers
    checked: int = 0  # candidate bullets the verifier saw
    passed: int = 0


def summarise(row: Row, subset: str | None = None) -> str:
    pairs = [(it, b) for it, b in row.bullets if subset is None or it.set == subset]
    made = [(it, b) for it, b in pairs if b]
    lens = [len(words(b)) for _, b in made]
    src = [len(words(it.text)) for it, _ in made]
    facts = sum(len(it.facts) for it, _ in made)
    kept = sum(1 for it, b in made for _, g in it.facts if matches(g, b))
    invented = sum(1 for it, b in made if as_deletion(b, [it.text]) is None)
    new_words = sum(len({w.lower() for w in words(b)} - {w.lower() for w in words(it.text)}) for it, b in made)
    refused = len(pairs) - len(made)
    med = statistics.median(lens) if lens else 0
    return (f"{row.name:10} {subset or 'all':6} {len(made):5} {statistics.median(src) if src else 0:6.0f} "
            f"{med:6.0f} {max(lens, default=0):5} {sum(x <= 22 for x in lens) / max(1, len(lens)):6.0%} "
            f"{sum(x > 35 for x in lens):5} {f'{kept}/{facts}':>9} {kept / max(1, facts):6.0%} "
            f"{invented:5} {new_words:5} {refused:4} "
            f"{(f'{row.passed}/{row.checked}' if row.checked else '-'):>9} "
            f"{(row.seconds / row.timed * 1000 if row.timed else 0):9.1f}")


HEADER = (f"{'way':10} {'set':6} {'n':>5} {'src md':>6} {'md':>6} {'max':>5} {'<=22':>6} {'>35':>5} "
          f"{'facts':>9} {'kept':>6} {'!del':>5} {'new w':>5} {'ref':>4} {'verified':>9} {'ms/bullet':>9}")


def run_before(items: list[Item]) -> Row:
    row = Row("before")
    t = time.perf_counter()
    row.bullets = [(it, trim_sentence(it.text)) for it in items]
    row.seconds, row.timed = time.perf_counter() - t, len(items)
    return row


def run_rules(items: list[Item]) -> Row:
    row = Row("rules")
    t = time.perf_counter()
    for i, it in enumerate(items):
        st = statement_for(evidence_of(it.text, i))
        row.bullets.append((it, st.text if st else None))
        short = compress(it.text).text
        if short != it.text and not looks_like_instruction(it.text):
            row.checked += 1
            row.passed += verify_statement(short, [it.text]).supported
    row.seconds, row.timed = time.perf_counter() - t, len(items)
    return row


def run_model(items: list[Item], generator) -> Row:
    row = Row("model")
    evs = [evidence_of(it.text, i) for i, it in enumerate(items)]
    t = time.perf_counter()
    out = generate_statements(generator, evs, use_model=True)
    row.seconds, row.timed = time.perf_counter() - t, sum(1 for o in out if o is not None)
    for it, ev, g in zip(items, evs, out):
        if g:
            row.checked += 1
            row.passed += verify_statement(g, [it.text]).supported
        st = statement_for(ev, g)
        row.bullets.append((it, st.text if st else None))
    return row


def run_model_labels(items: list[Item], generator) -> Row:
    """Experiment: the model names which bracketed optional parts may go (a label task under a
    grammar of part numbers); the rules then delete those first and stop at the same target."""
    from briefer.compress import compress_plan, plan
    from briefer.prompts import chat_prompt

    instruction = (
        "The SOURCE sentence has optional parts marked [1 …], [2 …] and so on. Which parts can be deleted "
        "without losing a key fact (who meets whom, when, where, what is expected or demanded)? Reply with "
        "their numbers separated by commas, most deletable first, or none."
    )
    row = Row("model-lab")
    plans, prompts = [], []
    for it in items:
        p = plan(it.text)
        kept = set(p.kept_after_forced())
        top = [s for s in p.optional if not any(o.covers(s) and o != s for o in p.optional)][:9]
        text = ""
        for i, x in enumerate(p.items):
            if i not in kept:
                continue
            text += "".join(f" [{k}" for k, s in enumerate(top, 1) if s.start == i) + x.piece
            text += "".join(" ]" for s in top if s.end - 1 == i)
        nums = " | ".join(f'"{k}"' for k in range(1, len(top) + 1)) or '"1"'
        g = f'root ::= "none" | n ("," " "? n)*\nn ::= {nums}\n'
        plans.append((p, top))
        prompts.append(chat_prompt(generator.template, instruction, text.strip(), max_new_tokens=24, grammar=g))
    t = time.perf_counter()
    out = generator.generate(prompts)
    row.seconds, row.timed = time.perf_counter() - t, len(items)
    for it, (p, top), o in zip(items, plans, out):
        chosen = tuple(top[int(n) - 1] for n in re.findall(r"\d", o or "") if 0 < int(n) <= len(top))
        b = compress_plan(p, first=chosen).text
        row.checked += 1
        row.passed += verify_statement(b, [it.text]).supported
        row.bullets.append((it, b))
    return row


def run_old_model(items: list[Item], generator) -> Row:
    """The free-text prompt used before (no grammar): verified, else the trimmed sentence."""
    from briefer.prompts import shorten_prompt

    row = Row("old-model")
    prompts = [shorten_prompt(generator.template, it.text, max_new_tokens=48) for it in items]
    t = time.perf_counter()
    out = generator.generate(prompts)
    row.seconds, row.timed = time.perf_counter() - t, len(items)
    for it, g in zip(items, out):
        g = tidy(g) if g else None
        ok = bool(g) and verify_statement(g, [it.text]).supported
        row.checked += 1
        row.passed += ok
        row.bullets.append((it, g if ok else trim_sentence(it.text)))
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=int, default=0, metavar="N", help="also run the model on the N longest sentences")
    ap.add_argument("--old-model", action="store_true", help="with --model: also the old free-text prompt")
    ap.add_argument("--no-grammar", action="store_true", help="with --model: skip the word-deletion grammar")
    ap.add_argument("--labels", action="store_true", help="with --model: also the part-number experiment")
    ap.add_argument("--no-seeds", action="store_true", help="skip the seeds (they need the embedder)")
    ap.add_argument("--show", type=int, default=0, metavar="K", help="print K sentence/bullet pairs per way")
    args = ap.parse_args()

    items = dev_items()
    if not items:
        print("no dev-set texts in devset/: see bench/devset/README.md", file=sys.stderr)
    if not args.no_seeds:
        items += seed_items()
    t = time.perf_counter()
    if not parser_available():
        print("parser not installed: rules fall back to trimmed sentences", file=sys.stderr)
    print(f"parser load: {time.perf_counter() - t:.1f} s; sentences: {len(items)}")
    rows = [run_before(items), run_rules(items)]
    if args.model:
        from briefer.models import load_generator

        gen = load_generator()
        longest = sorted((it for it in items if needs_model(it.text)), key=lambda it: (-len(words(it.text)), it.text))
        chosen = longest[: args.model]
        sub_rows = [Row("before"), Row("rules")]
        for r, base in zip(sub_rows, rows):
            r.bullets = [(it, b) for it, b in base.bullets if it in chosen]
        if not args.no_grammar:
            sub_rows.append(run_model(chosen, gen))
        if args.labels:
            sub_rows.append(run_model_labels(chosen, gen))
        if args.old_model:
            sub_rows.append(run_old_model(chosen, gen))
    print(HEADER)
    for r in rows:
        for subset in ("dev", "seeds"):
            if any(it.set == subset for it, _ in r.bullets):
                print(summarise(r, subset))
    if args.model:
        print(f"\nthe {len(chosen)} longest sentences the model is given:")
        print(HEADER)
        for r in sub_rows:
            r2 = Row(r.name, r.bullets, r.seconds, r.timed, r.checked, r.passed)
            print(summarise(r2))
    if args.show:
        for r in rows + (sub_rows if args.model else []):
            print(f"\n== {r.name}")
            shown = [(it, b) for it, b in r.bullets if b and b != it.text][: args.show]
            for it, b in shown:
                print(f"  S ({len(words(it.text))}): {it.text}\n  B ({len(words(b))}): {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

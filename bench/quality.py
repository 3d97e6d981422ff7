"""Quality of the drafted briefs on the dev set: does Briefer get any meeting right?

    python bench/quality.py                     # every dev cluster present, extractive
    python bench/quality.py --generator         # with the local model
    python bench/quality.py --cluster trump-xi-osaka-2019 --cluster xi-putin-moscow-2023
    python bench/quality.py --save out/quality  # also write each brief (Markdown) and the figures (JSON)

For each cluster of `bench/devset/` whose texts are in `devset/` (git-ignored; see
`bench/devset/README.md`) it drafts a brief the way the CLI does and scores it against the
cluster notes written by hand:

- **event line**: the opening line Briefer assembles (who meets whom, where, when, at which
  occasion). Each part is one check: every principal named (and no one else taken for a
  principal, no nationality of the other side), the place, the date, the occasion (only for
  meetings held at a summit; for standalone meetings naming a summit is a wrong check).
  A part is *right*, *missing* (the line says less) or *wrong*; `event` is right / checks.
- **flags**: sources flagged stale or different-event against the notes (precision, recall).
- **facts**: key facts whose regexes all match inside one window of two consecutive
  statements, in the section the notes give (`sect`) and anywhere in the brief (`any`).
- **bluf**: the bottom line's point (its sentence after the event line) is one of the key facts.
- **traps**: trap regexes that match the brief (stale details, the sources' factual errors).
- **unsup**: statements holding a content word, number or name that none of their cited
  sentences has (the lead line is scored by the event checks instead); **stale**: statements
  citing only sources the notes say are stale or about another meeting.
- **bullets**: count, median and max words of the statements below the lead line;
  **body**: words of the brief's sections other than the bottom line; **junk**: statements
  with page furniture or a dangling attribution ("the official said").
- **meta**: outlets and publication dates found, against the notes (dates only where the
  notes know the date).

Anything learned is scored leave-one-cluster-out: the section classifier used on a cluster
is re-trained without that cluster's labels (`bench/train_placement.py`), so no cluster is
scored by a model that saw it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "bench" / "devset"
TEXTS = ROOT / "devset"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from briefer.brief import FLAG_DIFFERENT_EVENT, FLAG_STALE, Brief, Statement  # noqa: E402
from briefer.textutil import STOPWORDS, stem, words  # noqa: E402

BODY_SECTIONS_EXCLUDED = {"bluf"}  # "the four sections" of the body; the bottom line is on top
LEAD_NOTE = "assembled from the event"

# Nationality words a lead line may put before a name: the country they belong to. Only the
# scorer uses this (to catch "Chinese President Narendra Modi"), never the product.
NATIONALITY = {
    "us": "United States", "u.s.": "United States", "american": "United States",
    "united states": "United States", "chinese": "China", "russian": "Russia", "indian": "India",
    "japanese": "Japan", "south korean": "South Korea", "north korean": "North Korea",
    "korean": "Korea", "turkish": "Turkey", "french": "France", "australian": "Australia",
}
CLUTTER = re.compile(
    r"Get more with|(?:hide|switch) signature|myNEWS|Photo:|Getty|AP Photo|Advertis|Subscribe|(?-i:Sign up)|Read more|"
    r"Click here|Follow us|newsletter|Comments \(\d|Share this|•|Updated:|Published:|"
    r"All rights reserved|Copyright|©|https?://|www\.|\.com\b|^\s*[-–•*·]",
    re.I,
)
# An attribution to nobody in particular, or a sentence leaning on one the brief does not show.
DANGLING = re.compile(
    r"\b(?:the|a|one|another) (?:senior )?(?:official|spokesman|spokesperson|source|diplomat)s? "
    r"(?:said|says|added|told)\b|^[\"“]?(?:he|she|they|these|those)\b|[,.”\"] (?:he|she|they) (?:said|added)\b",
    re.I,
)
_DATE_MD = re.compile(
    r"\b(?:(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2})\b)(?:,?\s+(\d{4}))?"
)
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_OCCASION_PHRASE = re.compile(
    r"\b(?:sidelines|margins) of\b|\b(?:during|at) the [^,.;]{0,60}\b(?:summit|forum|conference|G-?\d+)\b", re.I
)


# -- the dev set ---------------------------------------------------------------------------


@dataclass
class Cluster:
    """One dev cluster: its notes, its texts and the files in input order."""

    id: str
    notes: dict[str, Any]
    files: list[str]

    @property
    def paths(self) -> list[Path]:
        return [TEXTS / self.id / f for f in self.files]

    def source_note(self, file: str) -> dict[str, Any]:
        return next(s for s in self.notes["source"] if s["file"] == file)


def load_clusters(only: list[str] | None = None) -> list[Cluster]:
    """Every cluster whose texts are all present (or the ones asked for)."""
    manifest = tomllib.loads((DEVSET / "manifest.toml").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["cluster"]:
        cid = entry["id"]
        if only and cid not in only:
            continue
        files = sorted(s["file"] for s in entry["source"])
        if not all((TEXTS / cid / f).exists() for f in files):
            print(f"{cid}: texts missing in devset/, skipped", file=sys.stderr)
            continue
        notes = tomllib.loads((DEVSET / "clusters" / f"{cid}.toml").read_text(encoding="utf-8"))
        out.append(Cluster(cid, notes, files))
    if only:
        unknown = set(only) - {c.id for c in out}
        if unknown:
            raise SystemExit(f"unknown or missing cluster(s): {', '.join(sorted(unknown))}")
    return out


# -- scoring -------------------------------------------------------------------------------


def _groups_match(groups: list[list[str]], text: str) -> bool:
    return all(any(re.search(p, text, re.I) for p in g) for g in groups)


def _windows(texts: list[str]) -> list[str]:
    return [" ".join(texts[i:i + 2]) for i in range(len(texts))] or [""]


def _statements(brief: Brief) -> list[tuple[str, Statement]]:
    return [(sec.key, st) for sec in brief.sections for st in sec.statements]


def lead_line(brief: Brief) -> Statement | None:
    """The opening line Briefer assembled from the event details (the fullest, if the bottom
    line also carries a shortened one)."""
    leads = [st for _, st in _statements(brief) if st.note.startswith(LEAD_NOTE)]
    return max(leads, key=lambda st: len(st.text)) if leads else None


def _name_parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s-]+", name) if len(p) >= 2]


def _mentions_person(text: str, name: str) -> re.Match[str] | None:
    pattern = "|".join(re.escape(p) for p in _name_parts(name))
    return re.search(rf"\b(?:{pattern})\b", text)


def score_event(brief: Brief, cluster: Cluster) -> dict[str, str]:
    """right / missing / wrong for each principal, the place, the date and the occasion."""
    ev = cluster.notes["event"]
    lead = lead_line(brief)
    text = lead.text if lead else ""
    out: dict[str, str] = {}
    people = ev["people"]
    # Someone the analysis took for a principal who is not one makes every "who" wrong.
    impostor = [w for w in brief.event.who if not any(_mentions_person(w, p["name"]) for p in people)]
    for k, p in enumerate(people):
        m = _mentions_person(text, p["name"])
        verdict = "right" if m else "missing"
        if m:
            before = text[max(0, m.start() - 40):m.start()].lower()
            # Walk the 40 characters before the name for a nationality word.
            for word, country in NATIONALITY.items():
                if re.search(rf"(?<![\w.]){re.escape(word)}(?![\w.])[^,;–]*$", before) and country not in p["country"]:
                    verdict = "wrong"
        if impostor and text:
            verdict = "wrong"
        out[f"who{k + 1}"] = verdict
    # Every part of the place the analysis settled on must belong to the true place
    # ("Tianjin, Indian" is wrong even though Tianjin is right).
    place_text = f"{ev['place']} {' '.join(ev['place_match'])}"
    where_parts = [p.strip() for p in (brief.event.where or "").split(",") if p.strip()]
    # (A part that holds the place is not foreign: "Fort Bregancon" for "Fort de Brégançon".)
    foreign = [p for p in where_parts if p in text and not re.search(rf"\b{re.escape(p)}\b", place_text, re.I)
               and not any(re.search(rf"\b{re.escape(w)}\b", p, re.I) for w in ev["place_match"])]
    if not text:
        out["where"] = "missing"
    elif foreign or any(re.search(rf"\b{re.escape(w)}\b", text) for w in ev.get("wrong_places", [])):
        out["where"] = "wrong"
    elif any(re.search(rf"\b{re.escape(w)}\b", text, re.I) for w in ev["place_match"]):
        out["where"] = "right"
    else:
        out["where"] = "missing"
    ok_dates = {date.fromisoformat(ev["date"])} | {date.fromisoformat(d) for d in ev.get("date_also", [])}
    stated = []
    for m in _DATE_MD.finditer(text):
        day = int(m.group(1) or m.group(4))
        month = _MONTHS.index((m.group(2) or m.group(3)).lower()) + 1
        year = int(m.group(5)) if m.group(5) else None
        stated.append((year, month, day))
    if not stated:
        out["when"] = "missing"
    elif all(any((y is None or y == d.year) and mo == d.month and dd == d.day for d in ok_dates)
             for y, mo, dd in stated):
        out["when"] = "right"
    else:
        out["when"] = "wrong"
    if ev.get("occasion_match"):
        if any(re.search(re.escape(o), text, re.I) for o in ev["occasion_match"]):
            out["occasion"] = "right"
        elif _OCCASION_PHRASE.search(text):
            out["occasion"] = "wrong"
        else:
            out["occasion"] = "missing"
    elif _OCCASION_PHRASE.search(text):
        out["occasion"] = "wrong"  # a standalone meeting placed at some summit
    return out


def score_flags(brief: Brief, cluster: Cluster, ids: dict[str, int]) -> tuple[int, int, int, int]:
    """(tp, fp, fn, wrong kind) over the cluster's sources: flagged = not current."""
    tp = fp = fn = kind = 0
    for f, sid in ids.items():
        want = cluster.source_note(f).get("flag", "")
        flags = brief.flags_of(sid)
        got = FLAG_STALE in flags or FLAG_DIFFERENT_EVENT in flags
        if want and got:
            tp += 1
            if want not in flags:
                kind += 1
        elif got:
            fp += 1
        elif want:
            fn += 1
    return tp, fp, fn, kind


def score_facts(brief: Brief, cluster: Cluster) -> dict[str, Any]:
    """Key facts found in their own section and anywhere, per section."""
    by_section: dict[str, list[str]] = {}
    for key, st in _statements(brief):
        by_section.setdefault(key, []).append(st.text)
    everything = [st.text for _, st in _statements(brief)]
    per: dict[str, list[int]] = {}
    in_sec = anywhere = 0
    missed = []
    for fact in cluster.notes["fact"]:
        sec = fact["section"]
        here = any(_groups_match(fact["match"], w) for w in _windows(by_section.get(sec, [])))
        some = any(_groups_match(fact["match"], w) for w in _windows(everything))
        in_sec += here
        anywhere += some
        per.setdefault(sec, [0, 0, 0])
        per[sec][0] += here
        per[sec][1] += some
        per[sec][2] += 1
        if not some:
            missed.append(fact["text"])
    return {"n": len(cluster.notes["fact"]), "in_section": in_sec, "anywhere": anywhere, "per": per,
            "missed": missed}


def score_bluf(brief: Brief, cluster: Cluster) -> bool:
    """True if the bottom line's point (its statements after the event line) is a key fact."""
    texts = [st.text for sec in brief.sections if sec.key == "bluf" for st in sec.statements[1:]]
    return any(_groups_match(f["match"], t) for f in cluster.notes["fact"] for t in texts)


def score_traps(brief: Brief, cluster: Cluster) -> list[str]:
    texts = [brief.title] + [st.text for _, st in _statements(brief)]
    return [t["text"] for t in cluster.notes.get("trap", [])
            if any(_groups_match(t["match"], w) for w in _windows(texts))]


def _tokens(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS}


def unsupported(brief: Brief) -> list[str]:
    """Statements with a content word none of their cited sentences (or the event) holds."""
    allowed = set()
    for n in brief.event.who + ([brief.event.where] if brief.event.where else []):
        allowed |= _tokens(n)
    out = []
    for _, st in _statements(brief):
        if st.note.startswith(LEAD_NOTE) or not st.evidence:
            continue  # the event line is scored by the event checks; notes without evidence claim nothing from a source
        ev = set()
        for _, sent in st.evidence:
            ev |= _tokens(sent)
        extra = _tokens(st.text) - ev - allowed
        if extra:
            out.append(f"{st.text}  (+{', '.join(sorted(extra))})")
    return out


def stale_cited(brief: Brief, cluster: Cluster, ids: dict[str, int]) -> list[str]:
    bad = {sid for f, sid in ids.items() if cluster.source_note(f).get("flag")}
    return [st.text for _, st in _statements(brief) if st.citations and set(st.citations) <= bad]


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower().removeprefix("the "))


def outlet_right(found: str | None, expected: str) -> bool:
    if not found:
        return False
    alts = [a.strip() for a in re.split(r"[()]", expected) if a.strip()]
    alts = [re.sub(r"\b(blog|aggregator|mirror of an? |repost of |machine translation of a .*|podcast page|"
                   r"WordPress repost)\b", "", a).strip() for a in alts]
    f = _norm(found)
    return any(_norm(a) and (_norm(a) in f or f in _norm(a)) for a in alts)


def score_meta(brief: Brief, cluster: Cluster, ids: dict[str, int]) -> dict[str, int]:
    outlets = dates = dates_known = dates_wrong = 0
    for f, sid in ids.items():
        note = cluster.source_note(f)
        src = brief.source(sid)
        outlets += outlet_right(src.outlet, note["outlet"])
        if note.get("published"):
            dates_known += 1
            dates += src.date == note["published"]
            dates_wrong += bool(src.date) and src.date != note["published"]
    return {"outlets": outlets, "sources": len(ids), "dates": dates, "dates_known": dates_known,
            "dates_wrong": dates_wrong}


def bullet_stats(brief: Brief) -> dict[str, Any]:
    body = [sec for sec in brief.sections if sec.key not in BODY_SECTIONS_EXCLUDED]
    lens = [len(words(st.text)) for sec in body for st in sec.statements if not st.note.startswith(LEAD_NOTE)]
    body_words = sum(len(words(st.text)) for sec in body for st in sec.statements)
    junk = [st.text for _, st in _statements(brief) if CLUTTER.search(st.text) or DANGLING.search(st.text)]
    return {"bullets": len(lens), "median": statistics.median(lens) if lens else 0, "max": max(lens, default=0),
            "body_words": body_words, "junk": junk}


# -- running -------------------------------------------------------------------------------


def draft(cluster: Cluster, embedder, generator, extra: dict[str, Any]) -> tuple[Brief, dict[str, int], float]:
    from briefer.pipeline import draft_brief, load_sources

    sources, _ = load_sources(cluster.paths)
    ids = {f: s.id for f, s in zip(cluster.files, sources)}
    t = time.perf_counter()
    brief = draft_brief(sources, embedder=embedder, generator=generator, **extra)
    return brief, ids, time.perf_counter() - t


def loco_extras(clusters: list[Cluster], embedder, train_on: str = "all") -> dict[str, dict[str, Any]]:
    """Per cluster, the draft_brief arguments that replace learned parts by ones trained
    without that cluster: on the curated clusters, as the shipped weights are ("curated"), or
    on every other cluster ("all")."""
    try:
        import train_placement  # bench/train_placement.py, present once placement is learned
    except ImportError:
        return {}
    data, salient = train_placement.load_examples(embedder)
    if train_on == "curated":
        curated = set(train_placement.curated_ids())
        data = [d for d in data if d.id in curated]
    trained = {d.id for d in data}
    fitted: dict[frozenset[str], Any] = {}  # a cluster outside the training set shares one fit
    out = {}
    for c in clusters:
        key = frozenset({c.id} & trained)
        if key not in fitted:
            fitted[key] = train_placement.fit(data, exclude=set(key))
        # The salience model learns from every other cluster's key facts, whatever `train_on`.
        out[c.id] = {"placement": fitted[key],
                     "salience": train_placement.fit_salience(salient, exclude={c.id}) if salient else None}
    return out


def score_cluster(cluster: Cluster, brief: Brief, ids: dict[str, int], seconds: float) -> dict[str, Any]:
    event = score_event(brief, cluster)
    tp, fp, fn, kind = score_flags(brief, cluster, ids)
    lead = lead_line(brief)
    return {
        "cluster": cluster.id,
        "lead": lead.text if lead else None,
        "title": brief.title,
        "event": event,
        "flags": {"tp": tp, "fp": fp, "fn": fn, "wrong_kind": kind},
        "facts": score_facts(brief, cluster),
        "bluf_fact": score_bluf(brief, cluster),
        "traps": score_traps(brief, cluster),
        "unsupported": unsupported(brief),
        "stale_cited": stale_cited(brief, cluster, ids),
        "bullets": bullet_stats(brief),
        "meta": score_meta(brief, cluster, ids),
        "seconds": seconds,
    }


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


def _ev_cell(ev: dict[str, str]) -> str:
    right = sum(v == "right" for v in ev.values())
    wrong = sum(v == "wrong" for v in ev.values())
    return f"{right}/{len(ev)}" + (f" ({wrong} wrong)" if wrong else "")


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| cluster | event | who | where | when | occ. | flags tp/fp/fn | facts sect | facts any | bluf | traps | "
            "unsup | stale | bullets | med | max | body | junk | outlets | dates | s |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    mark = {"right": "✓", "missing": "·", "wrong": "✗"}
    for r in rows:
        ev = r["event"]
        who = "".join(mark[v] for k, v in ev.items() if k.startswith("who"))
        f = r["facts"]
        b = r["bullets"]
        m = r["meta"]
        fl = r["flags"]
        lines.append(
            f"| {r['cluster']} | {_ev_cell(ev)} | {who} | {mark[ev['where']]} | {mark[ev['when']]} | "
            f"{mark.get(ev.get('occasion', ''), '')} | {fl['tp']}/{fl['fp']}/{fl['fn']} | "
            f"{f['in_section']}/{f['n']} | {f['anywhere']}/{f['n']} | {'✓' if r.get('bluf_fact') else '·'} | "
            f"{len(r['traps'])} | {len(r['unsupported'])} | "
            f"{len(r['stale_cited'])} | {b['bullets']} | {b['median']:g} | {b['max']} | {b['body_words']} | "
            f"{len(b['junk'])} | {m['outlets']}/{m['sources']} | {m['dates']}/{m['dates_known']}"
            f"{'*' * m['dates_wrong']} | {r['seconds']:.1f} |"
        )
    n = len(rows)
    checks = sum(len(r["event"]) for r in rows)
    right = sum(v == "right" for r in rows for v in r["event"].values())
    wrong = sum(v == "wrong" for r in rows for v in r["event"].values())
    tp = sum(r["flags"]["tp"] for r in rows)
    fp = sum(r["flags"]["fp"] for r in rows)
    fn = sum(r["flags"]["fn"] for r in rows)
    facts = sum(r["facts"]["n"] for r in rows)
    lines.append(
        f"| **mean** ({n}) | **{_pct(right, checks)}** ({wrong} wrong of {checks}) | | | | | "
        f"P {_pct(tp, tp + fp)} R {_pct(tp, tp + fn)} | {_pct(sum(r['facts']['in_section'] for r in rows), facts)} | "
        f"**{_pct(sum(r['facts']['anywhere'] for r in rows), facts)}** | {_pct(sum(bool(r.get('bluf_fact')) for r in rows), n)} | "
        f"{sum(len(r['traps']) for r in rows)} | "
        f"{sum(len(r['unsupported']) for r in rows)} | {sum(len(r['stale_cited']) for r in rows)} | "
        f"{statistics.mean(r['bullets']['bullets'] for r in rows):.1f} | "
        f"{statistics.median([r['bullets']['median'] for r in rows]):g} | {max(r['bullets']['max'] for r in rows)} | "
        f"{statistics.mean(r['bullets']['body_words'] for r in rows):.0f} | {sum(len(r['bullets']['junk']) for r in rows)} | "
        f"{_pct(sum(r['meta']['outlets'] for r in rows), sum(r['meta']['sources'] for r in rows))} | "
        f"{_pct(sum(r['meta']['dates'] for r in rows), sum(r['meta']['dates_known'] for r in rows))} | "
        f"{statistics.mean(r['seconds'] for r in rows):.1f} |"
    )
    return "\n".join(lines)


def section_table(rows: list[dict[str, Any]]) -> str:
    tot: dict[str, list[int]] = {}
    for r in rows:
        for sec, (here, some, n) in r["facts"]["per"].items():
            t = tot.setdefault(sec, [0, 0, 0])
            t[0] += here
            t[1] += some
            t[2] += n
    lines = ["| section | facts | in its section | anywhere |", "|---|---|---|---|"]
    for sec in ("context", "agenda", "us_asks", "outlook"):
        if sec in tot:
            here, some, n = tot[sec]
            lines.append(f"| {sec} | {n} | {_pct(here, n)} | {_pct(some, n)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cluster", action="append", help="score only this cluster (repeatable)")
    ap.add_argument("--generator", action="store_true", help="draft with the local model (default: extractive)")
    ap.add_argument("--threads", type=int, help="CPU threads for the model")
    ap.add_argument("--save", metavar="DIR", help="write each brief as Markdown and all figures as JSON here")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed facts, traps and problems")
    ap.add_argument("--train-on", choices=("all", "curated"), default="all",
                    help="train the placement leave-one-cluster-out on every other cluster (default), or on the "
                         "curated clusters only, as the shipped weights are")
    ap.add_argument("--shipped", action="store_true",
                    help="place sentences with the shipped classifier, as users get it (not leave-one-cluster-out; "
                         "its training clusters are then scored on their own data)")
    args = ap.parse_args(argv)

    clusters = load_clusters(args.cluster)
    if not clusters:
        print("no dev clusters present (see bench/devset/README.md to pull devset/)", file=sys.stderr)
        return 1
    from briefer.models import load_embedder

    embedder = load_embedder()
    generator = None
    if args.generator:
        from briefer.models import load_generator

        generator = load_generator(threads=args.threads)
    extras = {} if args.shipped else loco_extras(clusters, embedder, args.train_on)
    save = Path(args.save) if args.save else None
    if save:
        save.mkdir(parents=True, exist_ok=True)
    rows = []
    for c in clusters:
        brief, ids, seconds = draft(c, embedder, generator, extras.get(c.id, {}))
        row = score_cluster(c, brief, ids, seconds)
        rows.append(row)
        if save:
            from briefer.export import export

            export(brief, save / f"{c.id}.md", "markdown")
            export(brief, save / f"{c.id}.brief", "json")
        if args.verbose:
            print(f"\n## {c.id}\nlead: {row['lead']}\nevent: {row['event']}", file=sys.stderr)
            for k in ("traps", "unsupported", "stale_cited"):
                for x in row[k]:
                    print(f"  {k}: {x}", file=sys.stderr)
            for x in row["bullets"]["junk"]:
                print(f"  junk: {x}", file=sys.stderr)
            for x in row["facts"]["missed"]:
                print(f"  missed: {x}", file=sys.stderr)
    mode = f"generator {generator.info.name}" if generator is not None else "extractive"
    mode += ", shipped classifier" if args.shipped else f", classifier leave-one-cluster-out ({args.train_on} clusters)"
    print(f"Briefer quality on {len(rows)} dev cluster(s), {mode}, {date.today().isoformat()}\n")
    print(table(rows))
    print()
    print(section_table(rows))
    if save:
        (save / "quality.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

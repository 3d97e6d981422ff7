"""Train the section classifier (`briefer.placement`) and the salience model (`briefer.salience`)
on the dev set.

    python bench/train_placement.py            # LOCO reports, then write briefer/data/placement.npz
                                               # (trained on the curated clusters, CURATED_CLUSTERS)
                                               # and briefer/data/salience.npz (all clusters)
    python bench/train_placement.py --report   # leave-one-cluster-out reports only

Each dev cluster is analysed the way a draft analyses it (parser, embedder, merged
near-duplicates); every sentence that carries a hand label (`bench/devset/labels/*.tsv`,
matched by the sha1 key of its normalised text) becomes one example. Sentences of sources
the notes flag as stale or about another meeting are left out: they are labelled "none" for
being in the wrong article, not for what they say. Training is deterministic (L-BFGS from
zero, float64), so the same dev set gives the same weights.

The salience model learns from every sentence of the good sources whether it states one of
the cluster's key facts (the notes' regexes, on the sentence or a near-duplicate of it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from briefer.placement import DEFAULT_PATH, LABELS, SectionClassifier, features, train  # noqa: E402
from briefer.salience import DEFAULT_PATH as SALIENCE_PATH  # noqa: E402
from briefer.salience import LABELS as SALIENCE_LABELS  # noqa: E402
from briefer.template import load_template  # noqa: E402

DEVSET = ROOT / "bench" / "devset"
L2 = 256.0  # regularisation, chosen among 1..4096 by LOCO accuracy (bench/README.md)
# The shipped weights are trained on the manifest's first 16 clusters, labelled by one
# annotator. Adding the helpers' labels (rounds 4-7) lowered the key facts of the briefs each
# time it was measured (bench/README.md), so they serve for scoring, not for training.
CURATED_CLUSTERS = 16
SALIENCE_L2 = 256.0


def curated_ids() -> list[str]:
    """The clusters whose labels train the shipped weights."""
    import tomllib

    manifest = tomllib.loads((DEVSET / "manifest.toml").read_text(encoding="utf-8"))
    return [c["id"] for c in manifest["cluster"][:CURATED_CLUSTERS]]


def key(sentence: str) -> str:
    return hashlib.sha1(re.sub(r"[^a-z0-9]", "", sentence.lower()).encode()).hexdigest()[:12]


@dataclass
class ClusterData:
    id: str
    x: np.ndarray
    y: np.ndarray


def party_aliases() -> tuple[str, ...]:
    """The default template's party, the side "us_asks" is about."""
    spec = next(s for s in load_template().sections if s.party)
    return (*spec.party_aliases, spec.party)


def load_labelled(embedder, parser=None, only: list[str] | None = None) -> list[ClusterData]:
    """Features and labels of every labelled sentence, per cluster whose texts are present."""
    return load_examples(embedder, parser, only)[0]


def states_a_key_fact(texts: list[str], facts: list[dict]) -> bool:
    """True if any of the texts (a sentence and its near-duplicates) matches a key fact's
    regex groups on its own, as bench/quality.py matches them in a brief."""
    from quality import _groups_match

    return any(_groups_match(f["match"], t) for f in facts for t in texts)


def load_examples(embedder, parser=None, only: list[str] | None = None) -> tuple[list[ClusterData], list[ClusterData]]:
    """Per cluster whose texts are present, from one analysis each: the labelled sentences
    for the section classifier, and every sentence of the good sources with whether it
    states a key fact (labels `briefer.salience.LABELS`) for the salience model."""
    from quality import load_clusters  # bench/quality.py: the manifest, the notes, the texts present

    from briefer.analyse import analyse
    from briefer.pipeline import load_sources

    aliases = party_aliases()
    out, salient = [], []
    for cluster in load_clusters(only):
        cid, files, notes = cluster.id, cluster.files, cluster.notes
        paths = cluster.paths
        flagged = {s["file"] for s in notes["source"] if s.get("flag")}
        labels: dict[str, str] = {}
        for line in (DEVSET / "labels" / f"{cid}.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                f, _, k, lab = line.split("\t")
                if f not in flagged:
                    labels[k] = lab
        sources, _ = load_sources(paths)
        analysis = analyse(sources, embedder, parser)
        bad_ids = {s.id for f, s in zip(files, sources) if f in flagged}
        recs, ys = [], []
        good = [r for r in analysis.sentences if not set(r.source_ids) <= bad_ids]
        if good:
            keys = [states_a_key_fact([r.text, *(t for _, t in r.also_in)], notes["fact"]) for r in good]
            salient.append(ClusterData(cid, features(analysis, good, aliases), np.array(keys, dtype=int)))
        for r in good:
            lab = next((labels[k] for k in (key(t) for t in [r.text, *(t for _, t in r.also_in)]) if k in labels), None)
            if lab is None:
                continue
            recs.append(r)
            ys.append(LABELS.index(lab))
        if recs:
            out.append(ClusterData(cid, features(analysis, recs, aliases), np.array(ys)))
    return out, salient


def fit(data: list[ClusterData], exclude: set[str] | None = None, l2: float = L2,
        labels: tuple[str, ...] = LABELS) -> SectionClassifier:
    """A classifier trained on every cluster except `exclude`."""
    use = [d for d in data if d.id not in (exclude or set())]
    x = np.vstack([d.x for d in use])
    y = np.concatenate([d.y for d in use])
    return train(x, y, labels=labels, l2=l2, party_aliases=party_aliases())


def fit_salience(data: list[ClusterData], exclude: set[str] | None = None, l2: float = SALIENCE_L2) -> SectionClassifier:
    """The salience model trained on every cluster except `exclude`."""
    return fit(data, exclude, l2, labels=SALIENCE_LABELS)


def loco(data: list[ClusterData], l2: float = L2) -> tuple[float, dict[str, float], np.ndarray]:
    """Leave-one-cluster-out accuracy, per-label F1 and the confusion matrix (rows: truth)."""
    conf = np.zeros((len(LABELS), len(LABELS)), dtype=int)
    for d in data:
        model = fit(data, exclude={d.id}, l2=l2)
        pred = model.probabilities(d.x).argmax(axis=1)
        for t, p in zip(d.y, pred):
            conf[t, p] += 1
    acc = float(np.trace(conf) / conf.sum())
    f1 = {}
    for i, lab in enumerate(LABELS):
        tp = conf[i, i]
        prec = tp / max(1, conf[:, i].sum())
        rec = tp / max(1, conf[i].sum())
        f1[lab] = 0.0 if tp == 0 else float(2 * prec * rec / (prec + rec))
    return acc, f1, conf


def report(data: list[ClusterData], l2: float = L2) -> str:
    acc, f1, conf = loco(data, l2)
    n = sum(len(d.y) for d in data)
    lines = [f"LOCO over {len(data)} clusters, {n} labelled sentences (l2={l2:g}): accuracy {acc:.1%}", "",
             "| label | support | F1 |", "|---|---|---|"]
    for i, lab in enumerate(LABELS):
        lines.append(f"| {lab} | {conf[i].sum()} | {f1[lab]:.2f} |")
    lines += ["", "confusion (rows: label, columns: predicted): " + " ".join(LABELS)]
    for i, lab in enumerate(LABELS):
        lines.append(f"    {lab:>10} " + " ".join(f"{v:4d}" for v in conf[i]))
    return "\n".join(lines)


def auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve: the chance a random positive outscores a random negative."""
    order = np.argsort(score, kind="stable")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    for v in np.unique(score):  # ties share their mean rank
        tie = score == v
        ranks[tie] = ranks[tie].mean()
    pos = int(y.sum())
    neg = len(y) - pos
    if not pos or not neg:
        return float("nan")
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def salience_report(salient: list[ClusterData], l2: float = SALIENCE_L2) -> str:
    """Leave-one-cluster-out AUC of the salience model, pooled and within clusters."""
    ys, ps, within = [], [], []
    for d in salient:
        p = fit_salience(salient, exclude={d.id}, l2=l2).probabilities(d.x)[:, SALIENCE_LABELS.index("key")]
        ys.append(d.y)
        ps.append(p)
        if 0 < d.y.sum() < len(d.y):
            within.append(auc(d.y, p))
    y = np.concatenate(ys)
    return (f"salience, LOCO over {len(salient)} clusters, {len(y)} sentences of good sources, "
            f"{int(y.sum())} ({y.mean():.0%}) state a key fact (l2={l2:g}): AUC {auc(y, np.concatenate(ps)):.3f} "
            f"pooled, {np.mean(within):.3f} mean within a cluster")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--report", action="store_true", help="print the LOCO report only; write nothing")
    ap.add_argument("--l2", type=float, default=L2)
    args = ap.parse_args(argv)
    from briefer.models import load_embedder

    data, salient = load_examples(load_embedder())
    if not data:
        print("no dev clusters present (see bench/devset/README.md)", file=sys.stderr)
        return 1
    print(report(data, args.l2))
    print()
    print(salience_report(salient))
    if not args.report:
        DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
        curated = set(curated_ids())
        fit([d for d in data if d.id in curated], l2=args.l2).save(DEFAULT_PATH)
        print(f"\nwrote {DEFAULT_PATH.relative_to(ROOT)} ({DEFAULT_PATH.stat().st_size // 1024} KB)")
        # The key facts are the notes' regexes, not the helpers' section labels: all clusters.
        fit_salience(salient).save(SALIENCE_PATH)
        print(f"wrote {SALIENCE_PATH.relative_to(ROOT)} ({SALIENCE_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

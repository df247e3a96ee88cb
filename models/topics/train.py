"""Fit the topic model (``weights.json``) on the annotated reports.

    .venv/bin/python models/topics/train.py [--corpus ../shared/corpus] [--C 1.0]
        [--topic-bias] [--without F,F] [--cache FILE] [--dry-run]

For every report and topic code the pipeline's ``wizyty_topics`` step computes its
signals (``extract.topics.model.FEATURES``); the gold topics of ``corpus/gold`` are the
labels. A logistic regression (scikit-learn, L2) is fitted, and the reporting threshold
is the one that maximises micro F1 on the training reports. Held-out quality: for each
fold of ``benchmarks/folds.tsv`` (reports split by source site) the model and threshold
are fitted on the other folds and scored on it; the mean over folds is the "unseen"
figure written into ``weights.json`` meta and the model card.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from extract.evaluate import read_folds  # noqa: E402
from extract.pipeline import build_pipeline  # noqa: E402
from extract.topics.model import FEATURES, TopicModel  # noqa: E402

OUT = Path(__file__).with_name("weights.json")


def collect(corpus: Path):
    """(doc_id, topic, feature vector, has evidence, gold label) for every report and code."""
    nlp = build_pipeline()
    scorer = nlp.get_pipe("wizyty_topics")
    rows = []
    for gold_file in sorted((corpus / "gold").glob("*.json")):
        gold = set(json.loads(gold_file.read_text(encoding="utf-8")).get("topics") or [])
        text = (corpus / "raw" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        doc = nlp(text)
        for topic, sig in scorer.signals(doc).items():
            rows.append((gold_file.stem, topic, sig.vector(), bool(sig.evidence), topic in gold))
    return rows


WITHOUT: set[str] = set()


def design(rows, topics: list[str], topic_bias: bool) -> np.ndarray:
    x = np.array([r[2] for r in rows], dtype=float)
    x[:, [i for i, f in enumerate(FEATURES) if f in WITHOUT]] = 0.0
    if topic_bias:
        onehot = np.array([[1.0 if r[1] == t else 0.0 for t in topics] for r in rows])
        x = np.hstack([x, onehot])
    return x


def micro_f1(pred: np.ndarray, gold: np.ndarray, n_gold: int) -> float:
    tp = int((pred & gold).sum())
    n_pred = int(pred.sum())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fit(rows, topics, c: float, topic_bias: bool, n_gold_of):
    x = design(rows, topics, topic_bias)
    y = np.array([r[4] for r in rows])
    ev = np.array([r[3] for r in rows])
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    prob = clf.predict_proba(x)[:, 1]
    best = max((micro_f1((prob >= t) & ev, y, n_gold_of(rows)), -abs(t - 0.5), t)
               for t in np.arange(0.2, 0.81, 0.025))
    return clf, float(best[2])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--topic-bias", action="store_true", help="one bias per topic code")
    ap.add_argument("--errors", action="store_true", help="list held-out errors with their signals")
    ap.add_argument("--dry-run", action="store_true", help="report figures, do not write weights.json")
    ap.add_argument("--without", default="", help="features left out (comma-separated)")
    ap.add_argument("--cache", type=Path, help="signals file: read if present, else written (experiments)")
    ap.add_argument("--exclude-fold", type=int, help="fit without this fold of benchmarks/folds.tsv "
                                                     "(benchmarks/heldout.py)")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the weights")
    args = ap.parse_args()
    WITHOUT.update(f for f in args.without.split(",") if f)
    folds = read_folds(ROOT / "benchmarks" / "folds.tsv")
    if args.cache and args.cache.exists():
        rows = [tuple(r) for r in json.loads(args.cache.read_text(encoding="utf-8"))]
    else:
        rows = collect(args.corpus)
        if args.cache:
            args.cache.write_text(json.dumps(rows), encoding="utf-8")
    if args.exclude_fold is not None:
        rows = [r for r in rows if folds.get(r[0]) != args.exclude_fold]
    topics = sorted({r[1] for r in rows})
    gold_count = {}
    for gold_file in (args.corpus / "gold").glob("*.json"):
        gold_count[gold_file.stem] = len(json.loads(gold_file.read_text(encoding="utf-8")).get("topics") or [])

    def n_gold_of(rs):
        return sum(gold_count[d] for d in {r[0] for r in rs})

    held = []
    for k in sorted({folds.get(r[0]) for r in rows}):
        train = [r for r in rows if folds.get(r[0]) != k]
        test = [r for r in rows if folds.get(r[0]) == k]
        clf, thr = fit(train, topics, args.C, args.topic_bias, n_gold_of)
        prob = clf.predict_proba(design(test, topics, args.topic_bias))[:, 1]
        pred = (prob >= thr) & np.array([r[3] for r in test])
        f = micro_f1(pred, np.array([r[4] for r in test]), n_gold_of(test))
        held.append(round(f, 3))
        if args.errors:
            for r, pr, ok in zip(test, prob, pred):
                if ok != r[4]:
                    kind = "spurious" if ok else "missed  "
                    print(f"  {r[0]} {kind} {r[1]:22} p={pr:.2f}",
                          " ".join(f"{n}={math.expm1(x):.1f}" for n, x in zip(FEATURES, r[2]) if x and n != "relative"))
        print(f"fold {k}: topics F1 {f:.3f} (threshold {thr:.3f}, {len({r[0] for r in test})} reports)")
    mean = round(sum(held) / len(held), 3)
    clf, thr = fit(rows, topics, args.C, args.topic_bias, n_gold_of)
    x = design(rows, topics, args.topic_bias)
    pred = (clf.predict_proba(x)[:, 1] >= thr) & np.array([r[3] for r in rows])
    full = round(micro_f1(pred, np.array([r[4] for r in rows]), n_gold_of(rows)), 3)
    print(f"held-out mean {mean}; all reports (fitted on them) {full}; threshold {thr:.3f}")
    coef = clf.coef_[0]
    model = TopicModel(
        weights={f: round(float(w), 4) for f, w in zip(FEATURES, coef)},
        bias=round(float(clf.intercept_[0]), 4),
        topic_bias={t: round(float(w), 4) for t, w in zip(topics, coef[len(FEATURES):])} if args.topic_bias else {},
        threshold=round(thr, 3),
        meta={"recipe": "models/topics/train.py", "C": args.C, "topic_bias": args.topic_bias,
              "without": sorted(WITHOUT),
              "reports": len({r[0] for r in rows}), "held_out_f1_by_fold": held,
              "held_out_f1_mean": mean, "train_f1": full, "date": datetime.date.today().isoformat()})
    print(model.to_json())
    if not args.dry_run:
        args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Recipe: fit the host-city model (``weights.json``) on the annotated reports.

    python models/host_city/train.py [--corpus ../shared/corpus] [--folds benchmarks/folds.tsv]

1. Runs the rule pipeline (no city model) over the corpus; every institution the host step
   keeps carries its candidate localities with features (``extract/visit/host_city.py``).
2. Pairs predicted hosts with gold hosts by name, as the scorer's loose match does; a
   candidate is positive when its locality folds to the gold host's city. Hosts whose gold
   city is null, or whose city is not among the candidates, contribute negatives only.
3. Fits an L2 logistic regression (scikit-learn) and a decision threshold. The C value and
   the threshold are chosen by leave-one-fold-out accuracy of the city decision over the
   folds of ``benchmarks/folds.tsv`` (split by source site), then refitted on all reports.
4. Writes ``weights.json`` (weights, bias, threshold, the figures measured) and prints the
   held-out city accuracy per fold.

Needs scikit-learn (``pip install -e .[train]``); the pipeline itself only reads the JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extract.evaluate import _host_loose_ok, _name_similarity, fold, greedy_match, read_folds  # noqa: E402

OUT = Path(__file__).with_name("weights.json")


def collect(corpus: Path) -> list[dict]:
    """One item per predicted host matched or not: doc, gold city (or None), candidates."""
    from extract.pipeline import build_pipeline

    nlp = build_pipeline(overrides={"components.wizyty_visit.city_model": ""}, statistical=False)
    items = []
    paths = sorted((corpus / "raw").glob("*.txt"))
    texts = (p.read_text(encoding="utf-8") for p in paths)
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=8)):
        gold_file = corpus / "gold" / f"{path.stem}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        hosts = [h for h in doc._.visit.hosts if "split_by_city" not in h.rule]
        preds = [{"name": h.name, "host": h} for h in hosts]
        pairs = greedy_match(gold.get("hosts") or [], preds, _host_loose_ok, _name_similarity)
        gold_of = {id(p): g for g, p in pairs}
        for p in preds:
            cands = (p["host"].span._.attrs or {}).get("city_candidates") or []
            g = gold_of.get(id(p))
            if g is None:
                continue  # a spurious host: its city is no evidence either way
            items.append({"doc": path.stem, "gold": g.get("city"), "rules": p["host"].city,
                          "cands": [(c.name, dict(c.features), c.source) for c in cands]})
    return items


def design(items: list[dict]):
    names = sorted({k for it in items for _, f, _ in it["cands"] for k in f})
    index = {k: i for i, k in enumerate(names)}
    return names, index


def matrix(items, index):
    import numpy as np

    rows, labels, owner = [], [], []
    for n, it in enumerate(items):
        for name, f, _ in it["cands"]:
            x = np.zeros(len(index))
            for k, v in f.items():
                if k in index:
                    x[index[k]] = v
            rows.append(x)
            labels.append(int(it["gold"] is not None and fold(name) == fold(it["gold"])))
            owner.append(n)
    return np.array(rows), np.array(labels), np.array(owner)


def decide(model, names, items, threshold) -> int:
    """Hosts whose city the pipeline's own decision (``CityModel.choose``) gets right."""
    from extract.visit.host_city import CityCandidate, CityModel

    city = CityModel(dict(zip(names, map(float, model.coef_[0]))), float(model.intercept_[0]),
                     threshold)
    good = 0
    for it in items:
        cands = [CityCandidate(n, None, None, src, f) for n, f, src in it["cands"]]
        choice = city.choose(cands)
        good += fold(choice.name if choice else None) == fold(it["gold"])
    return good


def fit(X, y, C):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000).fit(X, y)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--folds", type=Path, default=ROOT / "benchmarks" / "folds.tsv")
    ap.add_argument("--exclude-fold", type=int, help="fit without this fold (benchmarks/heldout.py)")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the weights")
    a = ap.parse_args()
    items = collect(a.corpus)
    fold_of = read_folds(a.folds)
    if a.exclude_fold is not None:
        items = [it for it in items if fold_of.get(it["doc"], -1) != a.exclude_fold]
    names, index = design(items)
    folds = sorted({fold_of.get(it["doc"], -1) for it in items})
    grid_c = (0.1, 0.3, 1.0, 3.0, 10.0)
    grid_t = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
    best = None
    for C in grid_c:
        per_t = {t: 0 for t in grid_t}
        for k in folds:
            train = [it for it in items if fold_of.get(it["doc"], -1) != k]
            test = [it for it in items if fold_of.get(it["doc"], -1) == k]
            Xtr, ytr, _ = matrix(train, index)
            m = fit(Xtr, ytr, C)
            for t in grid_t:
                per_t[t] += decide(m, names, test, t)
        for t, good in per_t.items():
            if best is None or good > best[0]:
                best = (good, C, t)
    good, C, t = best
    # held-out figures per fold with the chosen C and threshold
    per_fold = {}
    for k in folds:
        train = [it for it in items if fold_of.get(it["doc"], -1) != k]
        test = [it for it in items if fold_of.get(it["doc"], -1) == k]
        Xtr, ytr, _ = matrix(train, index)
        per_fold[k] = round(decide(fit(Xtr, ytr, C), names, test, t) / max(1, len(test)), 3)
    X, y, _ = matrix(items, index)
    m = fit(X, y, C)
    train_acc = decide(m, names, items, t) / len(items)
    baseline = sum(fold(it["gold"]) == fold(None) for it in items) / len(items)
    rules = sum(fold(it["gold"]) == fold(it["rules"]) for it in items) / len(items)
    result = {
        "weights": {k: round(float(w), 4) for k, w in zip(names, m.coef_[0])},
        "bias": round(float(m.intercept_[0]), 4), "threshold": t, "C": C,
        "measured": {"hosts": len(items), "held_out_city_accuracy": round(good / len(items), 3),
                     "held_out_per_fold": per_fold, "train_city_accuracy": round(train_acc, 3),
                     "always_null_accuracy": round(baseline, 3),
                     "hand_rules_city_accuracy": round(rules, 3)},
    }
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["measured"], indent=1))
    for k, w in sorted(result["weights"].items(), key=lambda kv: -abs(kv[1])):
        print(f"{k:24s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

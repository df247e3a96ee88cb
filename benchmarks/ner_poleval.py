"""NER benchmark of a spaCy pipeline on the PolEval 2018 Task 2 test set.

Usage::

    python benchmarks/ner_poleval.py [MODEL_DIR] [--gold PATH] [--limit N] [--json OUT]

MODEL_DIR defaults to ``models/nkjp_pl/model``.  The gold file defaults to
``../shared/data/nkjp-ner/poleval2018-task2-test-gold.json.gz`` (1,828 documents;
text in ``questions[i].input.fileContent``, gold in ``questions[i].answers[0].data.brat``).
The test set is used for evaluation only.

How gold and predictions are compared (top-level labels only)
-------------------------------------------------------------
* Every brat ``T`` annotation is mapped to its top-level label: the part of the label
  before the first ``_`` (``persName_forename`` -> ``persName``,
  ``placeName_settlement`` -> ``placeName``).  Attribute lines (``A… derivType_… relAdj``,
  marking derived forms such as "rosyjskich") are ignored: the annotation they qualify
  keeps its type, which matches the NKJP1M training data (there "polskich" is a
  ``placeName``).  A discontinuous annotation (``start end;start end``, ~1 %) is
  taken as the span from its first start to its last end.
* Two gold sets are scored:

  - ``outer`` (headline numbers): annotations are deduplicated on
    (start, end, label), and an annotation lying inside another annotation with the
    *same* top-level label is dropped (the forename/surname parts inside a
    ``persName``, a ``placeName_settlement`` repeated inside a ``placeName``).
    Nested annotations of a *different* label (a ``placeName`` inside an
    ``orgName``) are kept, so a flat NER model cannot reach 100 % recall.
    This matches what the model is trained to produce (see
    ``models/nkjp_pl/convert.py``).
  - ``all``: every annotation mapped to its top-level label, only deduplicated
    on (start, end, label); closer to the official PolEval setting, which scores
    nested annotations too (a flat model is heavily penalised in recall).

* Exact match: a predicted entity is correct iff a gold entity has the same label
  and the identical character span; P/R/F1 over the (start, end, label) sets.
* Overlap: precision = share of predicted entities that overlap (share at least
  one character with) a gold entity of the same label; recall = share of gold
  entities overlapping a predicted entity of the same label; F1 from these.
* ``final = 0.8 * overlap_F1 + 0.2 * exact_F1`` (the PolEval 2018 Task 2 formula).
  These are micro averages over all documents; per-label numbers are reported too.
  This re-implementation is not the official PolEval scorer, so the numbers are
  comparable to published PolEval results only approximately.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "nkjp_pl" / "model"
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "nkjp-ner" / "poleval2018-task2-test-gold.json.gz"
LABELS = ("persName", "orgName", "placeName", "geogName", "date", "time")


def top_label(label: str) -> str:
    return label.split("_")[0]


def parse_brat(brat: str) -> list[tuple[int, int, str]]:
    """Brat standoff -> list of (start, end, top-level label) for T annotations."""
    out = []
    for line in brat.splitlines():
        if not line.startswith("T"):
            continue
        cols = line.split("\t")
        label, _, spans = cols[1].partition(" ")
        frags = [tuple(map(int, f.split())) for f in spans.split(";")]
        start = min(a for a, _ in frags)
        end = max(b for _, b in frags)
        out.append((start, end, top_label(label)))
    return out


def outer_only(ents: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Drop entities lying inside another entity with the same label."""
    keep = set()
    for s, e, lab in ents:
        inside = any(lab == l2 and s2 <= s and e <= e2 and (s2, e2) != (s, e)
                     for s2, e2, l2 in ents)
        if not inside:
            keep.add((s, e, lab))
    return keep


def load_gold(path: Path, limit: int | None = None):
    data = json.load(gzip.open(path, "rt", encoding="utf-8"))
    docs = []
    for q in data["questions"][:limit]:
        text = q["input"]["fileContent"]
        ents = set(parse_brat(q["answers"][0]["data"]["brat"]))
        docs.append((text, ents))
    return docs


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "n_pred": n_pred, "n_gold": n_gold}


def score(pairs, labels=LABELS) -> dict:
    """pairs: list of (gold_set, pred_set) per document."""
    c = defaultdict(lambda: defaultdict(int))
    for gold, pred in pairs:
        for lab in labels + ("ALL",):
            g = {x for x in gold if lab == "ALL" or x[2] == lab}
            p = {x for x in pred if lab == "ALL" or x[2] == lab}
            c[lab]["n_gold"] += len(g)
            c[lab]["n_pred"] += len(p)
            c[lab]["exact"] += len(g & p)
            c[lab]["ov_p"] += sum(
                1 for s, e, l in p if any(l == l2 and s < e2 and s2 < e for s2, e2, l2 in g))
            c[lab]["ov_g"] += sum(
                1 for s, e, l in g if any(l == l2 and s < e2 and s2 < e for s2, e2, l2 in p))
    res = {}
    for lab, d in c.items():
        ex = prf(d["exact"], d["n_pred"], d["exact"], d["n_gold"])
        ov = prf(d["ov_p"], d["n_pred"], d["ov_g"], d["n_gold"])
        res[lab] = {"exact": ex, "overlap": ov, "final": 0.8 * ov["f"] + 0.2 * ex["f"]}
    return res


def print_table(name: str, res: dict) -> None:
    print(f"\n== gold set: {name} ==")
    print(f"{'label':<10} {'n_gold':>6} {'n_pred':>6}  {'exact P':>7} {'exact R':>7} "
          f"{'exact F':>7}  {'ovl P':>6} {'ovl R':>6} {'ovl F':>6}  {'final':>6}")
    for lab in LABELS + ("ALL",):
        r = res[lab]
        ex, ov = r["exact"], r["overlap"]
        print(f"{lab:<10} {ex['n_gold']:>6} {ex['n_pred']:>6}  {ex['p']:7.4f} {ex['r']:7.4f} "
              f"{ex['f']:7.4f}  {ov['p']:6.4f} {ov['r']:6.4f} {ov['f']:6.4f}  {r['final']:6.4f}")
    a = res["ALL"]
    print(f"micro exact F1 = {a['exact']['f']:.4f}   overlap F1 = {a['overlap']['f']:.4f}   "
          f"PolEval final = {a['final']:.4f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="PolEval 2018 Task 2 NER benchmark")
    ap.add_argument("model", nargs="?", default=str(DEFAULT_MODEL))
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--json", type=Path, default=None, help="write the scores as JSON")
    args = ap.parse_args(argv)

    import spacy

    sys.path.insert(0, str(ROOT))
    from extract.components import ud_features  # noqa: F401 - models with Morfeusz features

    docs = load_gold(args.gold, args.limit)
    t0 = time.perf_counter()
    nlp = spacy.load(args.model)
    load_s = time.perf_counter() - t0
    keep = {"tok2vec", "ner"}
    disable = [n for n in nlp.pipe_names if n not in keep]
    t0 = time.perf_counter()
    preds = []
    n_chars = 0
    with nlp.select_pipes(disable=disable):
        for doc in nlp.pipe((t for t, _ in docs), batch_size=64):
            n_chars += len(doc.text)
            preds.append({(e.start_char, e.end_char, e.label_) for e in doc.ents})
    run_s = time.perf_counter() - t0
    print(f"model {args.model}: load {load_s:.2f} s, NER over {len(docs)} docs "
          f"({n_chars} chars) in {run_s:.1f} s")
    results = {}
    for name, transform in (("outer", outer_only), ("all", lambda s: s)):
        pairs = [(transform(g), p) for (_, g), p in zip(docs, preds)]
        results[name] = score(pairs)
        print_table(name, results[name])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    sys.exit(0 if main() else 1)

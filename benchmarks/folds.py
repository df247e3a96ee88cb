"""Held-out quality: the 72 development reports split into folds by source site.

    python benchmarks/folds.py [--pred OUT] [--rules-only] [--json FILE]

A rule tuned on one site's reports tends to fit that site's way of writing; scoring each
fold separately and taking the mean shows how the pipeline does on sites it was not tuned
on. The split is fixed in ``benchmarks/folds.tsv`` (doc_id, site, fold): every report of
one site (the host of its URL in ``../shared/corpus/SOURCES.tsv``; the five seed reports
form one site) is in one fold; sites were dealt to five folds, largest first, each to the
fold with the fewest reports so far. ``--make-split`` rewrites that file from SOURCES.tsv.

Any weight or threshold fitted on gold (``models/`` recipes) must be fitted on the other
folds when a fold is scored; the figure reported as "unseen" is the mean over folds.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SPLIT = Path(__file__).with_name("folds.tsv")
N_FOLDS = 5
FIGURES = ("overall", "dates", "organizer", "hosts", "people", "places", "topics", "title",
           "participants", "person_role", "person_org", "regions")

sys.path.insert(0, str(ROOT))
from extract.evaluate import read_folds, score  # noqa: E402


def make_split(corpus: Path) -> list[tuple[str, str, int]]:
    sites: dict[str, list[str]] = {}
    with open(corpus / "SOURCES.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            sites.setdefault(urlparse(row["url"]).hostname or "?", []).append(row["doc_id"])
    listed = {d for ds in sites.values() for d in ds}
    seeds = sorted(p.stem for p in (corpus / "gold").glob("*.json") if p.stem not in listed)
    if seeds:
        sites["seed"] = seeds
    size = [0] * N_FOLDS
    rows = []
    for site, docs in sorted(sites.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        k = min(range(N_FOLDS), key=lambda i: (size[i], i))
        size[k] += len(docs)
        rows += [(d, site, k) for d in sorted(docs)]
    return sorted(rows)


def read_split() -> dict[int, set[str]]:
    folds: dict[int, set[str]] = {}
    for doc, k in read_folds(SPLIT).items():
        folds.setdefault(k, set()).add(doc)
    return folds


def figure(res: dict, name: str) -> float:
    v = res[name]
    return v["f1"] if isinstance(v, dict) else (v if v is not None else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--pred", type=Path, help="score existing tables instead of running")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--make-split", action="store_true", help="rewrite folds.tsv and exit")
    a = ap.parse_args()
    if a.make_split:
        with open(SPLIT, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(["doc_id", "site", "fold"])
            w.writerows(make_split(a.corpus))
        return 0
    pred = a.pred
    if pred is None:
        pred = Path(tempfile.mkdtemp(prefix="wizyty-folds-")) / "out"
        cmd = [sys.executable, "-m", "extract", "run", str(a.corpus / "raw"), "--out", str(pred),
               "--quiet"] + (["--rules-only"] if a.rules_only else [])
        subprocess.run(cmd, check=True, cwd=ROOT)
    gold = a.corpus / "gold"
    folds = read_split()
    results = {"all": score(gold, pred)}
    for k in sorted(folds):
        results[f"fold{k}"] = score(gold, pred, folds[k])
    cols = list(results)
    print(f"{'figure':14s}" + "".join(f"{c:>8s}" for c in cols) + f"{'mean':>8s}")
    summary = {}
    for name in FIGURES:
        vals = [figure(results[c], name) for c in cols]
        mean = sum(vals[1:]) / len(vals[1:])
        summary[name] = {"all": vals[0], "fold_mean": round(mean, 3)}
        print(f"{name:14s}" + "".join(f"{v:8.3f}" for v in vals) + f"{mean:8.3f}")
    print(f"{'docs':14s}" + "".join(f"{results[c]['docs']:8d}" for c in cols))
    if a.json:
        a.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

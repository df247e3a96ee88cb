"""End-to-end held-out quality: each site fold scored with models fitted without it.

    python benchmarks/heldout.py [--corpus ../shared/corpus] [--json FILE]

The pipeline's two trained parts, the host-city model (``models/host_city/``) and the topic
model (``models/topics/``), are refitted for every fold of ``benchmarks/folds.tsv`` on the
other four folds (their recipes' ``--exclude-fold``), the fold's reports are run with those
weights, and the fold is scored with the shared scorer's rules. The mean over folds is the
"unseen" figure of the README. Takes about two minutes per fold on one core.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.evaluate import read_folds, score  # noqa: E402

FIGURES = ("overall", "dates", "organizer", "hosts", "people", "places", "topics")


def figure(res: dict, name: str) -> float:
    v = res[name]
    return v["f1"] if isinstance(v, dict) else (v or 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    folds: dict[int, list[str]] = {}
    for doc, k in sorted(read_folds(ROOT / "benchmarks" / "folds.tsv").items()):
        folds.setdefault(k, []).append(doc)
    py = sys.executable
    results = {}
    with tempfile.TemporaryDirectory(prefix="wizyty-heldout-") as tmp:
        tmp = Path(tmp)
        for k, docs in sorted(folds.items()):
            city = tmp / f"city{k}.json"
            topics = tmp / f"topics{k}.json"
            subprocess.run([py, "models/host_city/train.py", "--corpus", str(a.corpus),
                            "--exclude-fold", str(k), "--out", str(city)],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            subprocess.run([py, "models/topics/train.py", "--corpus", str(a.corpus), "--topic-bias",
                            "--C", "1", "--without", "visitor,side_name", "--exclude-fold", str(k),
                            "--out", str(topics)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            out = tmp / f"out{k}"
            inputs = [str(a.corpus / "raw" / f"{d}.txt") for d in docs]
            subprocess.run([py, "-m", "extract", "run", *inputs, "--out", str(out), "--quiet",
                            "--set", f"components.wizyty_visit.city_model={city}",
                            "--set", f"components.wizyty_topics.model_file={topics}"],
                           check=True, cwd=ROOT)
            results[k] = score(a.corpus / "gold", out, set(docs))
            print(f"fold {k}: " + "  ".join(f"{n} {figure(results[k], n):.3f}" for n in FIGURES),
                  flush=True)
    mean = {n: round(sum(figure(r, n) for r in results.values()) / len(results), 3) for n in FIGURES}
    print("mean   : " + "  ".join(f"{n} {v:.3f}" for n, v in mean.items()))
    if a.json:
        a.json.write_text(json.dumps({"folds": {k: {n: figure(r, n) for n in FIGURES}
                                                for k, r in results.items()}, "mean": mean},
                                     indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

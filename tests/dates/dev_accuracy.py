"""Share of dev reports whose visit (start, end) equals gold exactly: the "dates" figure of
``eval/score.py``, computed on text alone (no pipeline run needed).

    .venv/bin/python tests/dates/dev_accuracy.py [CORPUS_DIR] [-v]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extract.dates import visit_dates_in_text  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def evaluate(corpus: Path) -> tuple[int, int, list[tuple[str, tuple, tuple, str]]]:
    """(correct, total, rows of (doc_id, gold, predicted, rule))."""
    rows, ok = [], 0
    golds = sorted((corpus / "gold").glob("*.json"))
    for path in golds:
        g = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus / "raw" / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
        c = visit_dates_in_text(text)
        gold = (g["visit"].get("start_date"), g["visit"].get("end_date"))
        pred = (c.start, c.end)
        ok += gold == pred
        rows.append((g["doc_id"], gold, pred, c.rule))
    return ok, len(golds), rows


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("-")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    ok, n, rows = evaluate(corpus)
    for doc, gold, pred, rule in rows:
        if "-v" in argv or gold != pred:
            print(("OK  " if gold == pred else "FAIL"), doc, gold, pred, rule)
    print(f"dates: {ok}/{n} = {ok / n:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])

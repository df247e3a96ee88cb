"""Measure place mentions against the dev corpus gold (recall, precision, voivodeships).

    .venv/bin/python -m extract.places.evaluate [--raw DIR] [--gold DIR] [-v]

Gold ``places`` are only the *visited* localities, so precision of all mentions is a
lower bound: the downstream selector keeps host cities.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from ..components.tokenizer import create_tokenizer
from ..resources import ROOT

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"  # the shared corpus beside the checkout


def rules_pipeline() -> spacy.language.Language:
    """blank("pl") + our tokenizer, sentences, Morfeusz and places: no other component."""
    from ..components import morphology, sentences  # noqa: F401 - factories
    from . import factory  # noqa: F401 - registers wizyty_places

    nlp = spacy.blank("pl")
    nlp.tokenizer = create_tokenizer()(nlp)
    nlp.add_pipe("wizyty_sentences")
    nlp.add_pipe("wizyty_morfeusz")
    nlp.add_pipe("wizyty_places")
    return nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", type=Path, default=DEFAULT_CORPUS / "raw")
    ap.add_argument("--gold", type=Path, default=DEFAULT_CORPUS / "gold")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    nlp = rules_pipeline()
    tp = fp = fn = 0
    v_ok = v_n = 0
    by_source: dict[str, list[int]] = {}
    t0 = time.time()
    for path in sorted(args.raw.glob("*.txt")):
        gold = json.loads((args.gold / (path.stem + ".json")).read_text(encoding="utf-8"))
        doc = nlp(path.read_text(encoding="utf-8"))
        found: dict[str, set] = {}
        for span in doc.spans["places"]:
            found.setdefault(span._.base, set()).add(span._.attrs.get("voivodeship"))
        gold_places = set(gold["places"])
        regions = set(gold["visit"].get("regions") or [])
        hit = gold_places & set(found)
        tp += len(hit)
        fn += len(gold_places - set(found))
        fp += len(set(found) - gold_places)
        sources = {}
        for span in doc.spans["places"]:
            sources.setdefault(span._.base, span._.attrs.get("voivodeship_source") or "none")
        for g in hit:
            if regions or any(found[g]):
                v_n += 1
                v = next(iter(found[g]))
                ok = (v in regions) if regions else (v is None)
                v_ok += ok
                stat = by_source.setdefault(sources.get(g, "none"), [0, 0])
                stat[0] += ok
                stat[1] += 1
        if args.verbose:
            print(f"{path.stem}: missed={sorted(gold_places - set(found))} extra={sorted(set(found) - gold_places)}")
            for span in doc.spans["places"]:
                if span._.base in hit and regions and span._.attrs.get("voivodeship") not in regions:
                    print(f"    voiv? {span.text!r} -> {span._.base} {span._.attrs.get('voivodeship')} ({span._.rule}) gold {sorted(regions)}")
    rec = tp / (tp + fn) if tp + fn else 0.0
    prec = tp / (tp + fp) if tp + fp else 0.0
    print(f"places: recall {rec:.3f} ({tp}/{tp + fn}), precision {prec:.3f} ({tp}/{tp + fp}), "
          f"voivodeship accuracy {v_ok}/{v_n} = {v_ok / max(v_n, 1):.3f}; {time.time() - t0:.1f}s")
    print("  voivodeship by source: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_source.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

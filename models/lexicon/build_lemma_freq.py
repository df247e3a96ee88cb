"""Build ``lemma_freq.tsv``: lemma frequencies in NKJP1M, used to break ties between
Morfeusz2 readings ("Centrach": centrum, not centra/center).

    python models/lexicon/build_lemma_freq.py ../shared/data/nkjp-ner/nkjp-1m-ner.iob.gz

Data: NKJP1M (National Corpus of Polish, 1-million-word manually annotated subcorpus),
CC BY 4.0, as published in the PolDeepNer repository (commit 1cb8210). Only counts of
lemma + grammatical class are kept (lemmas seen at least twice).
"""
from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path


def main(src: str, out: str = str(Path(__file__).with_name("lemma_freq.tsv"))) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or line.startswith("-DOCSTART"):
                continue
            lemma, tag = parts[1], parts[2]
            counts[(lemma.lower(), tag.split(":", 1)[0])] += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("# lemma\tclass\tcount (NKJP1M, CC BY 4.0; see build_lemma_freq.py)\n")
        for (lemma, cls), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= 2:
                f.write(f"{lemma}\t{cls}\t{n}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Polish UD treebanks (CoNLL-U) -> spaCy training data for the UD tagger of ``models/ud_pl``.

Usage::

    python models/ud_pl/convert.py [--ud DIR] --out models/ud_pl/corpus

Training pool: PDB dev + LFG dev + LFG test (PDB test is kept for evaluation only,
``benchmarks/ud_accuracy.py``).  Every 10th sentence of the pool (0-based index % 10 == 9)
goes to ``dev.spacy`` (checkpoint selection), the rest to ``train.spacy``.

The tagger's label is the joint "UPOS|NKJP tag" ("AUX|fin:sg:ter:imperf"), so that
context decides what a (lemma, tag) pair leaves open: "być" as AUX or VERB, a noun as
PROPN or NOUN ("Warszawa" or the car "warszawa").

Multiword tokens are merged into one token, as the pipeline's tokenizer keeps them
("zrobiłem" = "zrobił" + "em"): the merged token takes the first (host) word's lemma, tag
and features — what Morfeusz's reading of the whole form gives (``extract.morph.analyser``).
"""
from __future__ import annotations

import argparse
import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_UD = Path(__file__).resolve().parents[3] / "shared" / "data" / "ud"
TRAIN_FILES = ("pl_pdb-ud-dev.conllu.gz", "pl_lfg-ud-dev.conllu.gz", "pl_lfg-ud-test.conllu.gz")
TEST_FILE = "pl_pdb-ud-test.conllu.gz"
SEP = "|"  # joint label: UPOS|NKJP tag


@dataclass(frozen=True)
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str      # full NKJP tag
    feats: str     # UD features, "_" when none
    space: bool    # whitespace after the surface token


def read_conllu(path: Path) -> Iterator[tuple[str, list[Word]]]:
    """(sentence id, words) per sentence; multiword tokens merged into their host word."""
    opener = gzip.open if str(path).endswith(".gz") else open
    sent: list[Word] = []
    sent_id = ""
    mwt: tuple[int, int, str, bool] | None = None
    host: Word | None = None
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent_id, sent
                sent, mwt = [], None
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id = "):
                    sent_id = line[len("# sent_id = "):]
                continue
            cols = line.split("\t")
            space = "SpaceAfter=No" not in cols[9]
            if "-" in cols[0]:
                first, last = (int(x) for x in cols[0].split("-"))
                mwt = (first, last, cols[1], space)
                continue
            if "." in cols[0]:
                continue  # empty nodes
            i = int(cols[0])
            if mwt and mwt[0] <= i <= mwt[1]:
                if i == mwt[0]:
                    host = Word(mwt[2], cols[2], cols[3], cols[4], cols[5], mwt[3])
                if i == mwt[1]:
                    sent.append(host)
                    mwt = None
                continue
            sent.append(Word(cols[1], cols[2], cols[3], cols[4], cols[5], space))
    if sent:
        yield sent_id, sent


def to_doc(vocab, words: list[Word]):
    from spacy.tokens import Doc

    return Doc(vocab, words=[w.form for w in words], spaces=[w.space for w in words],
               tags=[f"{w.upos}{SEP}{w.xpos}" for w in words], pos=[w.upos for w in words],
               morphs=[w.feats if w.feats != "_" else "" for w in words],
               lemmas=[w.lemma for w in words])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ud", type=Path, default=DEFAULT_UD, help="folder with the UD .conllu.gz files")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--files", nargs="+", default=list(TRAIN_FILES),
                    help="training treebank files (e.g. only PDB dev for a CC BY-NC-SA-only model)")
    args = ap.parse_args(argv)
    if TEST_FILE in args.files:
        ap.error(f"{TEST_FILE} is the evaluation split")

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("pl")
    train, dev = DocBin(), DocBin()
    n = 0
    for name in args.files:
        for _, words in read_conllu(args.ud / name):
            (dev if n % 10 == 9 else train).add(to_doc(nlp.vocab, words))
            n += 1
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    dev.to_disk(args.out / "dev.spacy")
    print(f"{n} sentences: train {len(train)}, dev {len(dev)} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

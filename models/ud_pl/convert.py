"""Polish UD treebanks (CoNLL-U) -> spaCy training data for the UD tagger of ``models/ud_pl``.

Usage::

    python models/ud_pl/convert.py [--ud DIR] --out models/ud_pl/corpus

Training pool: PDB dev + LFG dev + LFG test (PDB test is kept for evaluation only,
``benchmarks/ud_accuracy.py``).  Every 10th PDB sentence (0-based index % 10 == 9) goes to
``dev.spacy`` (checkpoint selection, in the conventions the tagger is measured on), the
rest to ``train.spacy``, PDB sentences ``--pdb-copies`` times (default 2).

LFG is annotated with other conventions than PDB; ``harmonise`` maps them onto PDB's
(``training_pool``): LFG's old particle tag "qub" is PDB's (and Morfeusz2's) "part"; an
LFG tag without the noun/numeral subgender that Morfeusz2 and PDB write
("subst:sg:nom:n" for "subst:sg:nom:n:ncol") takes the Morfeusz2 reading it abbreviates;
and an LFG word takes PDB's UPOS for its (lemma, tag) where PDB decides it clearly ("to"
as ``pred`` is AUX in PDB, VERB in LFG).  ``build_tables.py`` counts the same pool.

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
from collections import Counter, defaultdict
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
    scored: bool = True  # False: no tagger label (an LFG tag PDB would rarely give the form)


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


PDB_PREFIX = "pl_pdb"
CLEAR_MIN, CLEAR_SHARE = 3, 0.9  # PDB decides a (lemma, tag)'s UPOS: >= 3 words, >= 90 %
# uninflected classes whose use differs by treebank ("jak": LFG always adv, PDB mostly comp)
FUNCTION_CLASSES = {"adv", "comp", "conj", "interj", "part", "prep"}
FORM_MIN, FORM_SHARE = 5, 1 / 3  # an LFG class PDB gives the form in < 1/3 of >= 5 cases


def harmonise(words: list[Word], pdb_upos: dict[tuple[str, str], str],
              pdb_forms: dict[str, Counter] | None = None) -> list[Word]:
    """An LFG sentence in PDB's conventions: "qub" -> "part", Morfeusz2's full tag where
    LFG's lacks the subgender, PDB's UPOS where clear; a function word whose LFG tag PDB
    rarely gives that form ("jak" as adv, "gdy" as comp, "niż" as conj) is left unscored."""
    from extract.components.ud_tagger import readings

    pdb_forms = pdb_forms or {}
    out = []
    for w in words:
        xpos = "part" if w.xpos == "qub" else w.xpos
        tags = [r.tag for r in readings(w.form)]
        if tags and xpos not in tags:
            longer = [t for t in tags if t.startswith(xpos + ":")]
            xpos = longer[0] if longer else xpos
        upos = pdb_upos.get((w.lemma, xpos), w.upos)
        pdb, cls = pdb_forms.get(w.form.lower()), xpos.split(":", 1)[0]
        scored = not (pdb and cls in FUNCTION_CLASSES and sum(pdb.values()) >= FORM_MIN
                      and pdb[cls] < FORM_SHARE * sum(pdb.values()))
        same = (xpos, upos, scored) == (w.xpos, w.upos, True)
        out.append(w if same else Word(w.form, w.lemma, upos, xpos, w.feats, w.space, scored))
    return out


def training_pool(ud: Path, files=TRAIN_FILES) -> list[tuple[str, list[Word]]]:
    """(file name, words) per sentence of the training files, LFG harmonised with PDB."""
    raw = [(name, words) for name in files for _, words in read_conllu(ud / name)]
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    pdb_forms: dict[str, Counter] = defaultdict(Counter)
    for name, words in raw:
        if name.startswith(PDB_PREFIX):
            for w in words:
                counts[(w.lemma, w.xpos)][w.upos] += 1
                pdb_forms[w.form.lower()][w.xpos.split(":", 1)[0]] += 1
    pdb_upos = {}
    for key, c in counts.items():
        upos, n = c.most_common(1)[0]
        if n >= CLEAR_MIN and n >= CLEAR_SHARE * sum(c.values()):
            pdb_upos[key] = upos
    return [(name, words if name.startswith(PDB_PREFIX)
             else harmonise(words, pdb_upos, pdb_forms)) for name, words in raw]


def to_doc(vocab, words: list[Word]):
    from spacy.tokens import Doc

    return Doc(vocab, words=[w.form for w in words], spaces=[w.space for w in words],
               tags=[f"{w.upos}{SEP}{w.xpos}" if w.scored else "" for w in words],
               pos=[w.upos for w in words],
               morphs=[w.feats if w.feats != "_" else "" for w in words],
               lemmas=[w.lemma for w in words])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ud", type=Path, default=DEFAULT_UD, help="folder with the UD .conllu.gz files")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--files", nargs="+", default=list(TRAIN_FILES),
                    help="training treebank files (e.g. only PDB dev for a CC BY-NC-SA-only model)")
    ap.add_argument("--pdb-copies", type=int, default=2,
                    help="how many times each PDB training sentence is in train.spacy")
    args = ap.parse_args(argv)
    if TEST_FILE in args.files:
        ap.error(f"{TEST_FILE} is the evaluation split")

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("pl")
    train, dev = DocBin(), DocBin()
    n = 0
    index: dict[str, int] = {}
    for name, words in training_pool(args.ud, args.files):
        i = index[name] = index.get(name, -1) + 1
        doc = to_doc(nlp.vocab, words)
        if not name.startswith(PDB_PREFIX):
            train.add(doc)
        elif i % 10 == 9:
            dev.add(doc)
        else:
            for _ in range(args.pdb_copies):
                train.add(doc)
        n += 1
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    dev.to_disk(args.out / "dev.spacy")
    print(f"{n} sentences: train {len(train)}, dev {len(dev)} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""UPOS / full NKJP tag / features / lemma accuracy of the pipeline's tokens on a Polish UD treebank.

Usage::

    python benchmarks/ud_accuracy.py [--tagger MODEL | --tagger none] [--file NAME] [--ud DIR]
                                     [--json OUT] [--errors N]

Default: PDB test (``pl_pdb-ud-test.conllu.gz``, never used in training), the wizyty
pipeline up to its Morfeusz step, plus the UD tagger ``models/ud_pl/model`` unless
``--tagger none`` (then: the default pipeline's Morfeusz choice, frequency tie-break).

Two settings, both over every word of the treebank (multiword tokens such as
"zrobiłem" = "zrobił"+"em" count once, with the host word's reference, as the pipeline
keeps them one token):

* ``gold tokens``: the pipeline runs on the treebank's tokenisation;
* ``raw text``: the pipeline's tokenizer splits each sentence's text; a reference word
  is scored when one predicted token covers exactly its characters, otherwise it counts
  as an error (e.g. "r." kept whole where UD splits "r" + ".").

Measures: ``pos_`` against UPOS; the full tag (``token._.nkjp_tag``; a compact Morfeusz
tag such as ``subst:sg:nom.acc:m3`` counts as right when one of its expansions is the
reference); ``morph`` against the UD feature string; lemma exact and case-insensitive.
For a pipeline that leaves ``pos_`` unset, ``upos_from_tag`` maps the tag's class to UPOS
(``extract.components.morphology.UPOS_OF_CLASS``) for comparison.  Speed: words/s of the
selected components on the gold tokens (one process, after a warm-up pass on 200 sentences),
per wall-clock second and per CPU second of the process (less sensitive to a busy machine).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models" / "ud_pl"))
sys.path.insert(0, str(ROOT))

from convert import DEFAULT_UD, TEST_FILE, read_conllu  # noqa: E402

from extract.components.morphology import UPOS_OF_CLASS  # noqa: E402
from extract.components.ud_tagger import expand_tag  # noqa: E402

PIPES = ["wizyty_sentences", "wizyty_morfeusz", "wizyty_ud_tagger"]
MEASURES = ("pos", "upos_from_tag", "tag", "morph", "lemma", "lemma_lower")


def build_nlp(tagger: str):
    from extract.pipeline import build_pipeline

    nlp = build_pipeline(statistical=False)
    if tagger != "none":
        if "wizyty_ud_tagger" not in nlp.pipe_names:
            nlp.add_pipe("wizyty_ud_tagger", after="wizyty_morfeusz", config={"model": tagger})
    nlp.select_pipes(enable=[p for p in PIPES if p in nlp.pipe_names])
    return nlp


def compare(tok, w, c: Counter, errors: Counter | None) -> None:
    tag = tok._.nkjp_tag or tok.tag_
    c["pos"] += tok.pos_ == w.upos
    c["upos_from_tag"] += UPOS_OF_CLASS.get(tag.split(":", 1)[0]) == w.upos
    c["tag"] += w.xpos in expand_tag(tag) if tag else False
    c["morph"] += str(tok.morph) == ("" if w.feats == "_" else w.feats)
    c["lemma"] += tok.lemma_ == w.lemma
    c["lemma_lower"] += tok.lemma_.lower() == w.lemma.lower()
    if errors is not None and tok.lemma_ != w.lemma:
        errors[(w.form, w.lemma, tok.lemma_, w.xpos, tag)] += 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="UD treebank accuracy of the pipeline's tags and lemmas")
    ap.add_argument("--tagger", default="models/ud_pl/model", help="UD tagger model, or 'none'")
    ap.add_argument("--ud", type=Path, default=DEFAULT_UD)
    ap.add_argument("--file", default=TEST_FILE)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent lemma errors")
    args = ap.parse_args(argv)

    from spacy.tokens import Doc
    from spacy.training import Alignment

    t0 = time.perf_counter()
    nlp = build_nlp(args.tagger)
    load_s = time.perf_counter() - t0
    sents = [words for _, words in read_conllu(args.ud / args.file)]
    n = sum(len(s) for s in sents)

    def gold_doc(words):
        return Doc(nlp.vocab, words=[w.form for w in words], spaces=[w.space for w in words])

    list(nlp.pipe([gold_doc(s) for s in sents[:200]]))  # warm-up (model, caches)
    docs = [gold_doc(s) for s in sents]
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(docs, batch_size=64))
    run_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    gold, errors = Counter(), Counter()
    for doc, words in zip(docs, sents):
        for tok, w in zip(doc, words):
            compare(tok, w, gold, errors)

    raw = Counter()
    texts = ["".join(w.form + (" " if w.space else "") for w in s).strip() for s in sents]
    for doc, words in zip(nlp.pipe(texts, batch_size=64), sents):
        align = Alignment.from_strings([t.text for t in doc], [w.form for w in words])
        starts = align.y2x.lengths.cumsum() - align.y2x.lengths
        for j, w in enumerate(words):
            if align.y2x.lengths[j] != 1:
                continue
            i = int(align.y2x.data[starts[j]])
            if align.x2y.lengths[i] == 1:  # one predicted token is exactly this word
                raw["aligned"] += 1
                compare(doc[i], w, raw, None)

    result = {"file": args.file, "tagger": args.tagger, "words": n, "load_s": round(load_s, 2),
              "words_per_s": round(n / run_s), "words_per_cpu_s": round(n / cpu_s),
              "gold_tokens": {k: round(gold[k] / n, 4) for k in MEASURES},
              "raw_text": {k: round(raw[k] / n, 4) for k in MEASURES + ("aligned",)}}
    print(f"{args.file}: {n} words, tagger {args.tagger}; pipeline build {load_s:.1f} s; "
          f"{' + '.join(nlp.pipe_names)}: {n / run_s:.0f} words/s wall, "
          f"{n / cpu_s:.0f} words per CPU second")
    print(f"{'measure':<14} {'gold tokens':>11} {'raw text':>9}")
    for k in MEASURES:
        print(f"{k:<14} {gold[k] / n:>11.4f} {raw[k] / n:>9.4f}")
    print(f"{'aligned words':<14} {1:>11.4f} {raw['aligned'] / n:>9.4f}")
    if args.errors:
        print(f"\nmost frequent lemma errors (form, gold lemma, predicted, gold tag, predicted tag):")
        for key, cnt in errors.most_common(args.errors):
            print(cnt, *key)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""POS / full-tag / morphology / lemma (and NER) accuracy on the held-out NKJP1M dev documents.

Usage::

    python benchmarks/tagger_accuracy.py [MODEL_DIR] [--dev PATH] [--iob PATH] [--json OUT]

MODEL_DIR defaults to ``models/nkjp_pl/model``.  The dev documents are the fixed
document-level split of ``models/nkjp_pl/convert.py`` (every 10th NKJP1M document,
388 documents, ~100k tokens): read from ``models/nkjp_pl/corpus/dev.spacy`` when it
exists, otherwise rebuilt from the NKJP1M IOB file (``--iob``).

Two settings:

* ``gold tokens``: the pipeline runs on the gold (converted NKJP) tokenisation, so
  every token is scored; per-token accuracy of UPOS (``pos_``), the full NKJP tag
  (``tag_``), the UD-style feature string (``morph``) and the lemma (exact,
  case-sensitive string match), plus NER P/R/F1 (exact spans, six labels) and
  sentence-boundary F1.
* ``raw text``: the pipeline tokenises the reconstructed text itself and spaCy's
  ``nlp.evaluate`` aligns its tokens with the gold ones (tokens without a one-to-one
  alignment count as errors).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "nkjp_pl" / "model"
DEFAULT_DEV = ROOT / "models" / "nkjp_pl" / "corpus" / "dev.spacy"
DEFAULT_IOB = ROOT.parent / "shared" / "data" / "nkjp-ner" / "nkjp-1m-ner.iob.gz"


def load_dev_docs(nlp, dev: Path, iob: Path):
    from spacy.tokens import DocBin

    if dev.exists():
        return list(DocBin().from_disk(dev).get_docs(nlp.vocab))
    sys.path.insert(0, str(ROOT / "models" / "nkjp_pl"))
    import convert  # noqa: E402

    upos = convert.load_upos_table()
    docs = []
    for i, (_, sents) in enumerate(convert.read_iob(iob)):
        if i % 10 == 9:
            docs.append(convert.build_doc(nlp.vocab, sents, upos))
    return docs


def main(argv=None):
    ap = argparse.ArgumentParser(description="NKJP dev accuracy of a spaCy pipeline")
    ap.add_argument("model", nargs="?", default=str(DEFAULT_MODEL))
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--iob", type=Path, default=DEFAULT_IOB)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    import spacy
    from spacy.scorer import Scorer
    from spacy.tokens import Doc
    from spacy.training import Example

    nlp = spacy.load(args.model)
    refs = load_dev_docs(nlp, args.dev, args.iob)
    n_tok = sum(len(d) for d in refs)

    # --- gold tokenisation ---
    t0 = time.perf_counter()
    inputs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
              for d in refs]
    preds = list(nlp.pipe(inputs, batch_size=32))
    run_s = time.perf_counter() - t0
    c = {"pos": 0, "tag": 0, "morph": 0, "lemma": 0, "lemma_lower": 0}
    for ref, pred in zip(refs, preds):
        for r, p in zip(ref, pred):
            c["pos"] += r.pos_ == p.pos_
            c["tag"] += r.tag_ == p.tag_
            c["morph"] += str(r.morph) == str(p.morph)
            c["lemma"] += r.lemma_ == p.lemma_
            c["lemma_lower"] += r.lemma_.lower() == p.lemma_.lower()
    gold_tok = {k + "_acc": v / n_tok for k, v in c.items()}
    examples = [Example(p, r) for p, r in zip(preds, refs)]
    ents = Scorer.score_spans(examples, "ents")
    gold_tok.update({k: ents[k] for k in ("ents_p", "ents_r", "ents_f")})
    gold_tok["ents_per_type"] = ents["ents_per_type"]
    if "senter" in nlp.pipe_names or "parser" in nlp.pipe_names:
        sents = Scorer.score_spans(examples, "sents", has_annotation=lambda d: d.has_annotation("SENT_START"))
        gold_tok["sents_f"] = sents["sents_f"]

    # --- raw text ---
    raw_examples = [Example(nlp.make_doc(r.text), r) for r in refs]
    raw = nlp.evaluate(raw_examples)
    raw_sel = {k: raw.get(k) for k in ("token_acc", "pos_acc", "tag_acc", "morph_acc",
                                        "lemma_acc", "ents_f", "sents_f")}

    print(f"model {args.model}: {len(refs)} dev docs, {n_tok} tokens, "
          f"pipeline on gold tokens {run_s:.1f} s ({n_tok / run_s:.0f} tokens/s)")
    print("\n== gold tokens ==")
    for k in ("pos_acc", "tag_acc", "morph_acc", "lemma_acc", "lemma_lower_acc",
              "ents_p", "ents_r", "ents_f", "sents_f"):
        if k in gold_tok:
            print(f"{k:<16} {gold_tok[k]:.4f}")
    for lab, d in sorted(gold_tok["ents_per_type"].items()):
        print(f"  {lab:<10} P {d['p']:.4f}  R {d['r']:.4f}  F {d['f']:.4f}")
    print("\n== raw text (spaCy tokenizer, aligned) ==")
    for k, v in raw_sel.items():
        if v is not None:
            print(f"{k:<16} {v:.4f}")
    if args.json:
        args.json.write_text(json.dumps({"gold_tokens": gold_tok, "raw_text": raw_sel},
                                        indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

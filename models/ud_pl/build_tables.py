"""Count the UPOS / feature / lemma tables of the UD tagger from the training treebanks.

Usage::

    python models/ud_pl/build_tables.py [--ud DIR] --model models/ud_pl/model

writes ``wizyty_ud_tables.json`` into the model folder and its name, licence and sources
into ``meta.json``.

Same training pool as ``convert.py`` (PDB dev + LFG dev + LFG test, LFG harmonised with
PDB's conventions, ``convert.training_pool``; PDB test is never read).
Only entries that differ from the fallback are stored, which keeps the file small:

* ``upos_by_tag``: tag -> most frequent UPOS; ``upos_by_lemma``: (lemma, class) -> UPOS
  where one UPOS has >= 90 % and differs from ``default_upos`` for one of its tags
  ("swój" is DET in every case, so also in one the treebanks lack); ``upos``: (lemma, tag)
  -> UPOS where the majority differs from that fallback (``upos_by_lemma``, then
  ``default_upos``: capitalised noun lemma = PROPN, lower-case = NOUN, else by tag);
  ``upos_open``: (lemma, tag) pairs whose UPOS varies (majority < 90 %, mostly "być" AUX /
  VERB): the tagger's joint label decides for them;
* ``feats_by_tag``: (UPOS, tag) -> most frequent UD features; ``feats``: (lemma, UPOS, tag)
  where different;
* ``lemma``: (lower-cased form, tag) -> lemma, only where Morfeusz2 offers more than one
  lemma for that form and tag ("lata": "rok" or "lato" are different tags, "mają" not),
  and the expansions of abbreviations ("r" -> "rok");
* ``extra``: (lower-cased form) -> [[tag, lemma], ...], PDB readings Morfeusz2 does
  not offer, seen at least ``EXTRA_MIN`` times, of the uninflected classes ``EXTRA_CLASSES``
  ("niż" as ``comp``, "zarówno" as ``part``, "itp" as ``brev:pun``); numbers excluded.
  The tagger may choose them like Morfeusz's.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from convert import DEFAULT_UD, PDB_PREFIX, TRAIN_FILES, training_pool  # noqa: E402

from extract.components.ud_tagger import default_upos, readings  # noqa: E402


EXTRA_MIN = 2
CLEAR_SHARE = 0.9  # a UPOS majority below this leaves (lemma, tag) open to the tagger
EXTRA_CLASSES = {"adja", "adv", "brev", "comp", "conj", "interj", "part", "prep", "sym"}


def majority(counter: Counter) -> str:
    return counter.most_common(1)[0][0]


def build(ud: Path) -> dict[str, dict[str, str]]:
    by_tag: dict[str, Counter] = defaultdict(Counter)
    by_lemma_tag: dict[tuple[str, str], Counter] = defaultdict(Counter)
    feats_by_tag: dict[tuple[str, str], Counter] = defaultdict(Counter)
    feats_by_lemma: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    lemma_by_form: dict[tuple[str, str], Counter] = defaultdict(Counter)
    readings_of_form: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, set[str]] = defaultdict(set)  # lower-cased -> as written
    for name, words in training_pool(ud, TRAIN_FILES):
        for w in (w for w in words if w.scored):
            feats = "" if w.feats == "_" else w.feats
            by_tag[w.xpos][w.upos] += 1
            by_lemma_tag[(w.lemma, w.xpos)][w.upos] += 1
            feats_by_tag[(w.upos, w.xpos)][feats] += 1
            feats_by_lemma[(w.lemma, w.upos, w.xpos)][feats] += 1
            lemma_by_form[(w.form.lower(), w.xpos)][w.lemma] += 1
            if name.startswith(PDB_PREFIX) and w.xpos.split(":", 1)[0] in EXTRA_CLASSES:
                readings_of_form[w.form.lower()][(w.xpos, w.lemma)] += 1
                forms[w.form.lower()].add(w.form)
    upos_by_tag = {t: majority(c) for t, c in by_tag.items()}
    by_lemma_class: dict[tuple[str, str], Counter] = defaultdict(Counter)
    tags_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (lemma, tag), c in by_lemma_tag.items():
        by_lemma_class[(lemma, tag.split(":", 1)[0])].update(c)
        tags_of[(lemma, tag.split(":", 1)[0])].add(tag)
    upos_by_lemma = {}
    for (lemma, cls), c in by_lemma_class.items():
        best = majority(c)
        if c[best] >= CLEAR_SHARE * sum(c.values()) and any(
                best != default_upos(lemma, t, upos_by_tag) for t in tags_of[(lemma, cls)]):
            upos_by_lemma[f"{lemma}\t{cls}"] = best
    upos, upos_open = {}, []
    for (lemma, tag), c in by_lemma_tag.items():
        best = majority(c)
        if c[best] < CLEAR_SHARE * sum(c.values()):
            upos_open.append(f"{lemma}\t{tag}")
        if best != (upos_by_lemma.get(f"{lemma}\t{tag.split(':', 1)[0]}")
                    or default_upos(lemma, tag, upos_by_tag)):
            upos[f"{lemma}\t{tag}"] = best
    fbt = {f"{u}\t{t}": majority(c) for (u, t), c in feats_by_tag.items()}
    feats = {}
    for (lemma, u, t), c in feats_by_lemma.items():
        best = majority(c)
        if best != fbt.get(f"{u}\t{t}"):
            feats[f"{lemma}\t{u}\t{t}"] = best
    lemma = {}
    for (form, tag), c in lemma_by_form.items():
        options = {r.analysis.lemma for r in readings(form) if r.tag == tag}
        if len(options) > 1 or (tag.startswith("brev") and majority(c) != form):
            lemma[f"{form}\t{tag}"] = majority(c)
    extra = {}
    for form, c in readings_of_form.items():
        if any(ch.isdigit() for ch in form):
            continue
        known = {(r.tag, r.analysis.lemma) for f in forms[form] for r in readings(f)}
        new = sorted([t, lem] for (t, lem), n in c.items()
                     if n >= EXTRA_MIN and (t, lem) not in known)
        if new:
            extra[form] = new
    return {"upos": upos, "upos_by_tag": upos_by_tag, "upos_by_lemma": upos_by_lemma,
            "feats": feats, "feats_by_tag": fbt, "lemma": lemma, "upos_open": sorted(upos_open),
            "extra": extra}


META = {
    "name": "ud_pl",
    "version": "1.0.0",
    "description": "UD tagger of the wizyty project: joint UPOS|NKJP-tag CNN tagger with "
                   "Morfeusz2 ambiguity-class features; chooses Morfeusz2 readings "
                   "(extract/components/ud_tagger.py)",
    "license": "CC BY-NC-SA 4.0 (trained on UD Polish PDB, CC BY-NC-SA 4.0, and UD Polish LFG, "
               "GPL-3.0)",
    "sources": [
        {"name": "UD Polish PDB (dev split)", "url": "https://universaldependencies.org/",
         "license": "CC BY-NC-SA 4.0", "author": "Alina Wróblewska, IPI PAN"},
        {"name": "UD Polish LFG (dev and test splits)", "url": "https://universaldependencies.org/",
         "license": "GPL-3.0", "author": "Agnieszka Patejuk, Adam Przepiórkowski"},
    ],
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ud", type=Path, default=DEFAULT_UD)
    ap.add_argument("--model", type=Path, required=True, help="the trained spaCy model folder")
    args = ap.parse_args(argv)
    tables = build(args.ud)
    out = args.model / "wizyty_ud_tables.json"
    out.write_text(json.dumps(tables, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    meta_path = args.model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    print(out, {k: len(v) for k, v in tables.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

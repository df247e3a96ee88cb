"""Convert the NKJP1M NER corpus (PolDeepNer IOB export) to spaCy DocBin files.

Usage::

    python models/nkjp_pl/convert.py [--iob PATH] [--out DIR]

Input: ``nkjp-1m-ner.iob.gz`` (tab-separated ``orth, lemma, NKJP tag, IOB label``;
``-DOCSTART FILE ...`` separates the 3,889 documents, blank lines separate sentences).

Output (in ``--out``, default ``models/nkjp_pl/corpus/``, ignored by git):

* ``train.spacy`` / ``dev.spacy`` -- one spaCy ``Doc`` per NKJP document.  Fixed,
  deterministic document-level split: the document with 0-based index ``i`` in file
  order goes to dev when ``i % 10 == 9`` (every 10th document), else to train.
* ``attribute_ruler.json`` -- patterns ``TAG -> POS, MORPH`` for every NKJP tag seen
  in the corpus; the pipeline's ``attribute_ruler`` turns the predicted full NKJP
  tag into UPOS + UD-style features with them.
* ``split.tsv`` -- document id -> train/dev, for the record.

Per token we set

* ``tag_``   -- the full NKJP tag (e.g. ``subst:sg:nom:m1``; the trailing ``:`` that the
  export leaves on attribute-less tags such as ``interp:`` is removed);
* ``pos_``   -- UPOS from ``nkjp_upos.tsv`` (NKJP class -> UPOS);
* ``morph``  -- UD-style features derived from the tag (:func:`nkjp_tag_to_feats`);
* ``lemma_`` -- the NKJP base form;
* sentence starts from the blank-line sentence boundaries;
* entities: nested labels are flattened to the six top-level labels ``persName,
  orgName, placeName, geogName, date, time``.  For each token only the outermost
  (first, ``#``-separated) label component is used, and subtype names are mapped to
  their top-level type (``placeName-settlement`` -> ``placeName``,
  ``persName-forename`` -> ``persName``).  Nested inner entities (e.g. a
  ``placeName`` inside an ``orgName``, or forename/surname parts inside a
  ``persName``) are therefore dropped.  An ``I-`` that does not continue an entity of
  the same top-level type starts a new one.

Tokenisation: NKJP splits agglutinates (``zrobił|em``, ``by|śmy``) and the
conditional particle (``chciał|by``), which spaCy's Polish tokenizer keeps as one
word.  To train on the tokenisation the model sees at run time, an ``aglt`` token is
merged into the preceding token, and a ``by*`` particle (``qub``) is merged into a
preceding ``praet``/``winien`` token.  The merged token keeps the head's (first
token's) lemma, tag, POS, morph and entity label.  Whitespace is not in the export;
it is reconstructed heuristically (no space before closing punctuation, none after
opening brackets/quotes).
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_IOB = HERE.parents[2] / "shared" / "data" / "nkjp-ner" / "nkjp-1m-ner.iob.gz"
UPOS_TABLE = HERE / "nkjp_upos.tsv"
TOP_LABELS = ("persName", "orgName", "placeName", "geogName", "date", "time")

# --- NKJP tag -> features -------------------------------------------------

_NUMBER = {"sg": "Sing", "pl": "Plur"}
_CASE = {"nom": "Nom", "gen": "Gen", "dat": "Dat", "acc": "Acc", "inst": "Ins",
         "loc": "Loc", "voc": "Voc"}
_GENDER = {"m1": ("Masc", "Hum"), "m2": ("Masc", "Nhum"), "m3": ("Masc", "Inan"),
           "f": ("Fem", None), "n": ("Neut", None)}
_PERSON = {"pri": "1", "sec": "2", "ter": "3"}
_DEGREE = {"pos": "Pos", "com": "Cmp", "sup": "Sup"}
_ASPECT = {"imperf": "Imp", "perf": "Perf"}
_POLARITY = {"aff": "Pos", "neg": "Neg"}
_CLASS_FEATS = {
    "fin": {"VerbForm": "Fin", "Mood": "Ind", "Tense": "Pres"},
    "bedzie": {"VerbForm": "Fin", "Mood": "Ind", "Tense": "Fut"},
    "praet": {"VerbForm": "Part", "Tense": "Past"},
    "impt": {"VerbForm": "Fin", "Mood": "Imp"},
    "imps": {"VerbForm": "Part", "Voice": "Act", "Tense": "Past", "Case": None},
    "inf": {"VerbForm": "Inf"},
    "pcon": {"VerbForm": "Conv", "Tense": "Pres"},
    "pant": {"VerbForm": "Conv", "Tense": "Past"},
    "ger": {"VerbForm": "Vnoun"},
    "pact": {"VerbForm": "Part", "Voice": "Act", "Tense": "Pres"},
    "ppas": {"VerbForm": "Part", "Voice": "Pass"},
    "aglt": {"VerbForm": "Fin", "Mood": "Ind", "Tense": "Pres"},
    "brev": {"Abbr": "Yes"},
    "ppron12": {"PronType": "Prs"},
    "ppron3": {"PronType": "Prs"},
    "siebie": {"PronType": "Prs", "Reflex": "Yes"},
    "numcol": {"NumType": "Sets"},
    "adjp": {"PrepCase": "Pre"},
    "adja": {"Hyph": "Yes"},
    "adjc": {"Variant": "Short"},
}
# attribute values that become features regardless of class
_OTHER = {"akc": ("Variant", "Long"), "nakc": ("Variant", "Short"),
          "praep": ("PrepCase", "Pre"), "npraep": ("PrepCase", "Npr"),
          "wok": ("Variant", "Long"), "nwok": ("Variant", "Short"),
          "congr": ("NumForm", "Congr"), "rec": ("NumForm", "Rec")}


def split_tag(tag: str) -> tuple[str, list[str]]:
    parts = [p for p in tag.split(":") if p]
    if not parts:
        return "", []
    return parts[0], parts[1:]


def nkjp_tag_to_feats(tag: str) -> dict[str, str]:
    """Map an NKJP tag (``class:attr:attr...``) to UD-style morphological features."""
    cls, attrs = split_tag(tag)
    feats: dict[str, str] = {}
    for k, v in _CLASS_FEATS.get(cls, {}).items():
        if v is not None:
            feats[k] = v
    for a in attrs:
        # NKJP allows dotted alternatives (e.g. "m1.m2"); use the first one
        a = a.split(".")[0]
        if a in _NUMBER:
            feats["Number"] = _NUMBER[a]
        elif a in _CASE and cls != "prep":
            feats["Case"] = _CASE[a]
        elif a in _CASE and cls == "prep":
            feats["AdpType"] = "Prep"
            feats["Case"] = _CASE[a]
        elif a in _GENDER:
            g, anim = _GENDER[a]
            feats["Gender"] = g
            if anim:
                feats["Animacy"] = anim
        elif a in _PERSON:
            feats["Person"] = _PERSON[a]
        elif a in _DEGREE:
            feats["Degree"] = _DEGREE[a]
        elif a in _ASPECT:
            feats["Aspect"] = _ASPECT[a]
        elif a in _POLARITY:
            feats["Polarity"] = _POLARITY[a]
        elif a in _OTHER and cls in ("ppron3", "ppron12", "num", "numcol", "aglt"):
            k, v = _OTHER[a]
            feats[k] = v
    return feats


def feats_to_str(feats: dict[str, str]) -> str:
    return "|".join(f"{k}={feats[k]}" for k in sorted(feats))


def load_upos_table(path: Path = UPOS_TABLE) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        table[cols[0]] = cols[1]
    return table


def clean_tag(tag: str) -> str:
    return tag.rstrip(":") or tag


# --- reading --------------------------------------------------------------

def read_iob(path: Path):
    """Yield (doc_id, sentences); a sentence is a list of (orth, lemma, tag, label)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    doc_id, sents, sent = None, [], []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART"):
                if sent:
                    sents.append(sent)
                    sent = []
                if line.startswith("-DOCSTART FILE"):
                    if doc_id is not None and sents:
                        yield doc_id, sents
                    doc_id, sents = line.split(" ", 2)[2].strip(), []
                continue
            if not line.strip():
                if sent:
                    sents.append(sent)
                    sent = []
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                raise ValueError(f"bad line: {line!r}")
            sent.append(tuple(cols))
    if sent:
        sents.append(sent)
    if doc_id is not None and sents:
        yield doc_id, sents


def top_label(label: str) -> tuple[str, str | None]:
    """'I-orgName#B-placeName-settlement' -> ('I', 'orgName'); 'O' -> ('O', None)."""
    if label in ("", "O"):
        return "O", None
    first = label.split("#")[0]
    prefix, _, typ = first.partition("-")
    top = typ.split("-")[0].split("_")[0]
    if top not in TOP_LABELS:
        raise ValueError(f"unknown label {label!r}")
    return prefix, top


_CONDITIONAL = {"by", "bym", "byś", "byśmy", "byście"}


def merge_tokens(sent):
    """Merge NKJP agglutinate / conditional segments into the preceding token."""
    out = []
    for orth, lemma, tag, label in sent:
        cls, _ = split_tag(tag)
        if out:
            prev_cls = out[-1]["cls"]
            attach = cls == "aglt" or (
                cls == "qub" and orth.lower() in _CONDITIONAL
                and prev_cls in ("praet", "winien"))
            if attach:
                out[-1]["orth"] += orth
                continue
        out.append({"orth": orth, "lemma": lemma, "tag": clean_tag(tag),
                    "cls": cls, "label": label})
    return out


_NO_SPACE_BEFORE = set(",.;:!?)]}…%”»")
_NO_SPACE_AFTER = set("([{„«")


def compute_spaces(words: list[str]) -> list[bool]:
    spaces = [True] * len(words)
    quote_open = False
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w in _NO_SPACE_AFTER:
            spaces[i] = False
        if w == '"':
            if not quote_open:
                spaces[i] = False
            elif i > 0:
                spaces[i - 1] = False
            quote_open = not quote_open
        if nxt is not None and (nxt in _NO_SPACE_BEFORE or (len(nxt) > 1 and nxt == "..." )):
            spaces[i] = False
    if spaces:
        spaces[-1] = True
    return spaces


def build_doc(vocab, sents, upos: dict[str, str]):
    from spacy.tokens import Doc

    words, tags, pos, morphs, lemmas, sent_starts, ents = [], [], [], [], [], [], []
    for sent in sents:
        toks = merge_tokens(sent)
        prev_top = None
        for i, t in enumerate(toks):
            words.append(t["orth"])
            tags.append(t["tag"])
            pos.append(upos.get(t["cls"], "X"))
            morphs.append(feats_to_str(nkjp_tag_to_feats(t["tag"])))
            lemmas.append(t["lemma"])
            sent_starts.append(i == 0)
            prefix, top = top_label(t["label"])
            if top is None:
                ents.append("O")
            elif prefix == "I" and prev_top == top:
                ents.append(f"I-{top}")
            else:
                ents.append(f"B-{top}")
            prev_top = top
    spaces = compute_spaces(words)
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
               lemmas=lemmas, sent_starts=sent_starts, ents=ents)


def attribute_ruler_patterns(tag_counts: Counter, upos: dict[str, str]) -> list[dict]:
    pats = []
    for tag in sorted(tag_counts):
        cls, _ = split_tag(tag)
        attrs = {"POS": upos.get(cls, "X")}
        morph = feats_to_str(nkjp_tag_to_feats(tag))
        attrs["MORPH"] = morph if morph else "_"
        pats.append({"patterns": [[{"TAG": tag}]], "attrs": attrs})
    return pats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iob", type=Path, default=DEFAULT_IOB)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--dev-every", type=int, default=10)
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("pl")
    upos = load_upos_table()
    train, dev = DocBin(store_user_data=False), DocBin(store_user_data=False)
    tag_counts: Counter = Counter()
    split_lines = []
    stats = Counter()
    for i, (doc_id, sents) in enumerate(read_iob(args.iob)):
        doc = build_doc(nlp.vocab, sents, upos)
        part = "dev" if i % args.dev_every == args.dev_every - 1 else "train"
        (dev if part == "dev" else train).add(doc)
        split_lines.append(f"{doc_id}\t{part}")
        tag_counts.update(t.tag_ for t in doc)
        stats[f"{part}_docs"] += 1
        stats[f"{part}_tokens"] += len(doc)
        stats[f"{part}_ents"] += len(doc.ents)
        for e in doc.ents:
            stats[f"{part}_{e.label_}"] += 1
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    dev.to_disk(args.out / "dev.spacy")
    (args.out / "split.tsv").write_text("\n".join(split_lines) + "\n", encoding="utf-8")
    pats = attribute_ruler_patterns(tag_counts, upos)
    (args.out / "attribute_ruler.json").write_text(
        json.dumps(pats, ensure_ascii=False, indent=0), encoding="utf-8")
    for k in sorted(stats):
        print(f"{k}\t{stats[k]}")
    print(f"distinct_tags\t{len(tag_counts)}")


if __name__ == "__main__":
    main()

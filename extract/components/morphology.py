"""Morfeusz2 component: candidate analyses, a disambiguated lemma/tag and SGJP name labels.

When a statistical tagger ran before this component (``token.pos_``/``token.morph`` set),
the analysis that agrees best with it is chosen; otherwise a light heuristic prefers
proper-name readings for capitalised words inside a sentence and common readings elsewhere.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import extensions  # noqa: F401 - registers the attributes
from ..morph.analyser import Analysis, analyse, lemma_frequency, tag_categories

UPOS_OF_CLASS = {
    "subst": "NOUN", "depr": "NOUN", "ger": "NOUN", "adj": "ADJ", "adja": "ADJ", "adjp": "ADJ",
    "adjc": "ADJ", "adv": "ADV", "num": "NUM", "numcol": "NUM", "ppron12": "PRON",
    "ppron3": "PRON", "siebie": "PRON", "fin": "VERB", "bedzie": "AUX", "aglt": "AUX",
    "praet": "VERB", "impt": "VERB", "imps": "VERB", "inf": "VERB", "pcon": "VERB",
    "pant": "VERB", "pact": "ADJ", "ppas": "ADJ", "winien": "VERB", "pred": "VERB",
    "prep": "ADP", "conj": "CCONJ", "comp": "SCONJ", "qub": "PART", "part": "PART",
    "brev": "X", "burk": "NOUN", "interj": "INTJ", "interp": "PUNCT", "xxx": "X", "ign": "X",
    "dig": "NUM", "romandig": "NUM", "frag": "X",
}
NAME_LABELS = {"imię", "nazwisko", "nazwa_geograficzna", "nazwa_organizacji", "nazwa_własna"}
CASE_OF_MORPH = {"Nom": "nom", "Gen": "gen", "Dat": "dat", "Acc": "acc", "Ins": "inst",
                 "Loc": "loc", "Voc": "voc"}


def _score(token: Token, a: Analysis) -> float:
    score = 0.0
    if token.tag_ and ":" in token.tag_ or token.tag_ in UPOS_OF_CLASS:
        # an NKJP tagger ran: agree with its full tag ("subst:sg:inst:m1")
        predicted = tag_categories(token.tag_)
        mine = tag_categories(a.tag)
        score += 3 * (a.pos == token.tag_.split(":", 1)[0]) + len(predicted & mine) / max(len(predicted), 1)
    elif token.pos_ and token.pos_ != "":
        if UPOS_OF_CLASS.get(a.pos) == token.pos_ or (token.pos_ == "PROPN" and a.pos == "subst"):
            score += 2
        case = token.morph.get("Case")
        if case and CASE_OF_MORPH.get(case[0]) and a.has(CASE_OF_MORPH[case[0]]):
            score += 1
    named = bool(NAME_LABELS & set(a.labels))
    inside = not token.is_sent_start
    if token.is_title and inside:
        score += 0.5 if named else 0.0
    elif not token.is_title:
        score += 0.5 if not named else 0.0
    return score


def choose(token: Token, analyses: tuple[Analysis, ...]) -> Analysis | None:
    if not analyses:
        return None
    # NKJP1M lemma frequency breaks ties; max keeps Morfeusz order on full ties
    return max(analyses, key=lambda a: (_score(token, a), min(lemma_frequency(a), 1000)))


class MorfeuszTagger:
    def __init__(self, overwrite_lemma: bool = True):
        self.overwrite_lemma = overwrite_lemma

    def __call__(self, doc: Doc) -> Doc:
        lemma_sets = []  # the per-doc lemma table (extensions.lemma_set), filled on the way
        for token in doc:
            lower = token.lower_
            if token.is_space:
                lemma_sets.append(frozenset({lower}))
                continue
            analyses = analyse(token.text)
            token._.morf = analyses
            token._.name_labels = _labels(analyses)
            best = choose(token, analyses)
            if best is None:
                lemma_sets.append(frozenset({lower, token.lemma_.lower()}))
                continue
            token._.nkjp_tag = best.tag
            if self.overwrite_lemma or not token.lemma_:
                lemma = best.lemma
                if best.pos == "ign":
                    lemma = token.text
                elif not (NAME_LABELS & set(best.labels)) and lemma[:1].isupper() and lemma[1:2].islower():
                    lemma = lemma[0].lower() + lemma[1:]
                token.lemma_ = lemma
            lemma_sets.append(_lemma_set(lower, token.lemma_, analyses))
        doc.user_data["wizyty_lemma_sets"] = lemma_sets
        return doc


@lru_cache(maxsize=100_000)
def _labels(analyses: tuple[Analysis, ...]) -> frozenset[str]:
    return frozenset(label for a in analyses for label in a.labels)


@lru_cache(maxsize=100_000)
def _lemma_set(lower: str, lemma: str, analyses: tuple[Analysis, ...]) -> frozenset[str]:
    return frozenset({lower, lemma.lower()} | {a.lemma.lower() for a in analyses})


@Language.factory("wizyty_morfeusz", default_config={"overwrite_lemma": True})
def make_morfeusz(nlp: Language, name: str, overwrite_lemma: bool):
    return MorfeuszTagger(overwrite_lemma)

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
from ..morph.analyser import Analysis, analyse, lemma_forms, lemma_frequency, tag_categories

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


def _score(a: Analysis, tag: str, pos: str, case: str, is_title: bool, inside: bool) -> float:
    score = 0.0
    if tag and ":" in tag or tag in UPOS_OF_CLASS:
        # an NKJP tagger ran: agree with its full tag ("subst:sg:inst:m1")
        predicted = tag_categories(tag)
        mine = tag_categories(a.tag)
        score += 3 * (a.pos == tag.split(":", 1)[0]) + len(predicted & mine) / max(len(predicted), 1)
    elif pos:
        if UPOS_OF_CLASS.get(a.pos) == pos or (pos == "PROPN" and a.pos == "subst"):
            score += 2
        if case and CASE_OF_MORPH.get(case) and a.has(CASE_OF_MORPH[case]):
            score += 1
    named = bool(NAME_LABELS & set(a.labels))
    if is_title and inside:
        score += 0.5 if named else 0.0
    elif not is_title:
        score += 0.5 if not named else 0.0
    return score


@lru_cache(maxsize=200_000)
def _choose(text: str, tag: str, pos: str, case: str, is_title: bool, inside: bool) -> Analysis | None:
    analyses = analyse(text)
    if not analyses:
        return None
    # NKJP1M lemma frequency breaks ties; max keeps Morfeusz order on full ties
    return max(analyses, key=lambda a: (_score(a, tag, pos, case, is_title, inside),
                                        min(lemma_frequency(a), 1000)))


def choose(token: Token, text: str | None = None) -> Analysis | None:
    """The reading that agrees with the tagger (if any) and the token's capitalisation."""
    case = token.morph.get("Case") if token.has_morph() else []
    return _choose(text or token.text, token.tag_, token.pos_, case[0] if case else "", token.is_title,
                   not token.is_sent_start)


class MorfeuszTagger:
    def __init__(self, overwrite_lemma: bool = True):
        self.overwrite_lemma = overwrite_lemma

    def __call__(self, doc: Doc) -> Doc:
        lemma_sets = []  # the per-doc lemma table (extensions.lemma_set), filled on the way
        for token in doc:
            text = token.text
            if token.is_space:
                lemma_sets.append(frozenset({text.lower()}))
                continue
            best = choose(token, text)
            if best is None:
                lemma_sets.append(frozenset({text.lower(), token.lemma_.lower()}))
                continue
            token._.nkjp_tag = best.tag
            if self.overwrite_lemma or not token.lemma_:
                token.lemma_ = _display_lemma(best, text)
            lemma_sets.append(lemma_forms(text))
        doc.user_data["wizyty_lemma_sets"] = lemma_sets
        return doc


@lru_cache(maxsize=100_000)
def _display_lemma(best: Analysis, text: str) -> str:
    lemma = best.lemma
    if best.pos == "ign":
        return text
    if not (NAME_LABELS & set(best.labels)) and lemma[:1].isupper() and lemma[1:2].islower():
        return lemma[0].lower() + lemma[1:]  # "Polityki" -> "polityka", but "Bydgoszcz"
    return lemma


@Language.factory("wizyty_morfeusz", default_config={"overwrite_lemma": True})
def make_morfeusz(nlp: Language, name: str, overwrite_lemma: bool):
    return MorfeuszTagger(overwrite_lemma)

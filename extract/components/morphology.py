"""Morfeusz2 component: candidate analyses, a disambiguated lemma/tag and SGJP name labels.

When a statistical tagger ran before this component (``token.pos_``/``token.morph`` set),
the analysis that agrees best with it is chosen; otherwise a light heuristic prefers
proper-name readings for capitalised words inside a sentence and common readings elsewhere.
"""
from __future__ import annotations

from functools import lru_cache

import numpy

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..extensions import TAGS_KEY  # (importing extensions registers the attributes)
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


# Token attributes read in one ``Doc.to_array`` call instead of one Token object per token
_ATTRS = ("ORTH", "IS_SPACE", "IS_TITLE", "SENT_START", "TAG", "POS", "MORPH", "LEMMA")
CACHE_SIZE = 300_000  # distinct (form, flags) decisions kept per process


class MorfeuszTagger:
    """Chooses a reading per token; the choice depends only on the form and a few token
    flags, so it is computed once per distinct (form, flags) in the process (a cache shared
    by all documents and batches) and written back with array operations."""

    def __init__(self, overwrite_lemma: bool = True):
        self.overwrite_lemma = overwrite_lemma
        self._cache: dict[tuple, tuple[str, int, frozenset]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc.user_data["wizyty_lemma_sets"] = []
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array(list(_ATTRS)).tolist()
        cache = self._cache
        lemma_sets = []  # the per-doc lemma table (extensions.lemma_set), filled on the way
        lemmas = []
        tags = []  # every token's NKJP tag (extensions.TAGS_KEY: what Token._.nkjp_tag reads)
        for k, (orth, space, title, sent, tag, pos, morph, lemma) in enumerate(rows):
            key = (orth, space, title, k != 0 and sent != 1, tag, pos, morph, lemma)
            hit = cache.get(key)
            if hit is None:
                if len(cache) >= CACHE_SIZE:  # memory stays flat over any number of reports
                    cache.clear()
                hit = cache[key] = self._decide(strings, key)
            nkjp, new_lemma, forms = hit
            lemma_sets.append(forms)
            lemmas.append(new_lemma or lemma)
            tags.append(nkjp)
        doc.from_array(["LEMMA"], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        doc.user_data[TAGS_KEY] = tags
        doc.user_data["wizyty_lemma_sets"] = lemma_sets
        return doc

    def _decide(self, strings, key: tuple) -> tuple[str, int, frozenset]:
        """(NKJP tag or "", new lemma hash or 0, lemma set) for one distinct token."""
        orth, space, title, inside, tag, pos, morph, lemma = key
        text = strings[orth]
        if space:
            return "", 0, frozenset({text.lower()})
        case = _case_of(strings[morph]) if morph else ""
        best = _choose(text, strings[tag] if tag else "", strings[pos] if pos else "", case,
                       bool(title), inside)
        if best is None:
            return "", 0, frozenset({text.lower(), (strings[lemma] if lemma else "").lower()})
        new_lemma = 0
        if self.overwrite_lemma or not lemma:
            new_lemma = strings.add(_display_lemma(best, text))
        return best.tag, new_lemma, lemma_forms(text)

@lru_cache(maxsize=1024)
def _case_of(morph: str) -> str:
    """"Case=Gen|Number=Sing" -> "Gen" (the first case a tagger gave), "" without one."""
    for feat in morph.split("|"):
        name, _, value = feat.partition("=")
        if name == "Case":
            return value.split(",")[0]
    return ""


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

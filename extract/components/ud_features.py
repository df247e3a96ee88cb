"""Morfeusz2 ambiguity classes as input features of the UD tagger's embedding.

A tagger trained on ~55k words has seen few word forms; what Morfeusz says a form *can*
be ("adj|subst", or the exact set of its tags) tells it much more about unseen words
than their spelling.  ``wizyty.MorfeuszHashEmbed.v1`` is spaCy's MultiHashEmbed plus two
hashed features per token — the set of its readings' classes and the set of their tags —
mixed by one maxout layer.  ``v2`` takes a list of features, adding SGJP name labels
(imię, nazwisko, nazwa_geograficzna…), gazetteer membership and the readings' lemmas, for
NER.  Absolute imports: ``spacy train --code`` loads this file on its own.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.ml.models import MultiHashEmbed
from spacy.strings import hash_string
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array

from extract.morph.analyser import analyse


@lru_cache(maxsize=200_000)
def ambiguity_class(text: str) -> tuple[int, int]:
    """Hashes of "the classes it can be" and "the tags it can have" for a word form."""
    return token_features(text, ("classes", "tags"))


@lru_cache(maxsize=400_000)
def token_features(text: str, features: tuple[str, ...]) -> tuple[int, ...]:
    """One hash per named feature of a word form (see ``FEATURES``)."""
    return tuple(hash_string(name[0].upper() + FEATURES[name](text)) for name in features)


def _classes(text: str) -> str:
    return "|".join(sorted({a.pos for a in analyse(text)})) or "none"


def _tags(text: str) -> str:
    return "|".join(sorted({a.tag for a in analyse(text)})) or "none"


def _names(text: str) -> str:
    """SGJP name labels over the readings: "imię|nazwisko", "nazwa_geograficzna"…"""
    return "|".join(sorted({lab for a in analyse(text) for lab in a.labels})) or "none"


def _gazetteer(text: str) -> str:
    """Whether a reading's lemma is a locality of the project's gazetteer."""
    from extract.places.gazetteer import gazetteer

    if not text[:1].isupper():
        return "no"
    gaz = gazetteer()
    return "yes" if any(gaz.lookup(a.lemma) for a in analyse(text)) else "no"


def _lemmas(text: str) -> str:
    """The readings' base forms, lower-cased: one row for all inflected forms of a word
    ("urzędu", "urzędzie" → "urząd"), which word hashes of an inflected language split."""
    return "|".join(sorted({a.lemma.lower() for a in analyse(text)})) or text.lower()


@lru_cache(maxsize=1)
def _institution_heads() -> frozenset[str]:
    from extract.institutions.words import load_triggers

    return frozenset(t.lemmas[0] for t in load_triggers())


def _institution(text: str) -> str:
    """Whether a reading's lemma opens one of the project's institution triggers
    ("fundacja", "spółdzielnia", "urząd"…): one row shared by all such head nouns."""
    heads = _institution_heads()
    return "yes" if any(a.lemma.lower() in heads for a in analyse(text)) else "no"


FEATURES = {"classes": _classes, "tags": _tags, "names": _names, "gazetteer": _gazetteer,
            "lemmas": _lemmas, "institution": _institution}


def _features_forward(model: Model, docs, is_train: bool):
    names = tuple(model.attrs["features"])
    out = [model.ops.asarray2i(np.array([token_features(t.text, names) for t in doc],
                                        dtype="uint64").reshape(-1, len(names)), dtype="uint64")
           for doc in docs]
    return out, lambda d_out: []


def morfeusz_features(features: tuple[str, ...] = ("classes", "tags")) -> Model:
    return Model("morfeusz_ambiguity_class", _features_forward, attrs={"features": list(features)})


def _embed(width: int, attrs: list[str], rows: list[int], features: tuple[str, ...],
           feature_rows: int | list[int]) -> Model:
    words = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False)
    sizes = [feature_rows] * len(features) if isinstance(feature_rows, int) else list(feature_rows)
    if len(sizes) != len(features):
        raise ValueError(f"feature_rows has {len(sizes)} sizes for {len(features)} features")
    tables = [HashEmbed(width, n, column=i, seed=101 + i) for i, n in enumerate(sizes)]
    morf = chain(morfeusz_features(features), with_array(concatenate(*tables)))
    return chain(concatenate(words, morf),
                 with_array(Maxout(width, (1 + len(features)) * width, nP=3, dropout=0.0,
                                   normalize=True)))


@registry.architectures("wizyty.MorfeuszHashEmbed.v1")
def morfeusz_hash_embed(width: int, attrs: list[str], rows: list[int], morf_rows: int) -> Model:
    """Word hashes + the Morfeusz ambiguity classes (classes, tags): the UD tagger's input."""
    return _embed(width, attrs, rows, ("classes", "tags"), morf_rows)


@registry.architectures("wizyty.MorfeuszHashEmbed.v2")
def morfeusz_hash_embed_v2(width: int, attrs: list[str], rows: list[int], features: list[str],
                           feature_rows: int | list[int]) -> Model:
    """Word hashes + any of ``FEATURES`` (e.g. SGJP name labels and gazetteer membership
    for NER); ``feature_rows`` is one table size for all features or one per feature."""
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise ValueError(f"unknown Morfeusz features {sorted(unknown)}; known: {sorted(FEATURES)}")
    return _embed(width, attrs, rows, tuple(features), feature_rows)

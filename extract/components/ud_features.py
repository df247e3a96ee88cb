"""Morfeusz2 ambiguity classes as input features of the UD tagger's embedding.

A tagger trained on ~55k words has seen few word forms; what Morfeusz says a form *can*
be ("adj|subst", or the exact set of its tags) tells it much more about unseen words
than their spelling.  ``wizyty.MorfeuszHashEmbed.v1`` is spaCy's MultiHashEmbed plus two
hashed features per token — the set of its readings' classes and the set of their tags —
mixed by one maxout layer.  Absolute imports: ``spacy train --code`` loads this file
on its own.
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
    analyses = analyse(text)
    classes = "|".join(sorted({a.pos for a in analyses})) or "none"
    tags = "|".join(sorted({a.tag for a in analyses})) or "none"
    return hash_string("C" + classes), hash_string("T" + tags)


def _features_forward(model: Model, docs, is_train: bool):
    out = [model.ops.asarray2i(np.array([ambiguity_class(t.text) for t in doc] or
                                        np.zeros((0, 2)), dtype="uint64").reshape(-1, 2),
                               dtype="uint64")
           for doc in docs]
    return out, lambda d_out: []


def morfeusz_features() -> Model:
    return Model("morfeusz_ambiguity_class", _features_forward)


@registry.architectures("wizyty.MorfeuszHashEmbed.v1")
def morfeusz_hash_embed(width: int, attrs: list[str], rows: list[int], morf_rows: int) -> Model:
    words = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False)
    morf = chain(morfeusz_features(),
                 with_array(concatenate(HashEmbed(width, morf_rows, column=0, seed=101),
                                        HashEmbed(width, morf_rows, column=1, seed=102))))
    return chain(concatenate(words, morf),
                 with_array(Maxout(width, 3 * width, nP=3, dropout=0.0, normalize=True)))

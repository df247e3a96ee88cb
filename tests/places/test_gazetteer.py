"""Gazetteer data, look-up, morphological matching, context resolution and helpers."""
from __future__ import annotations

import pytest

from extract.places import (
    PlaceContext,
    city_from_adjective,
    gazetteer,
    normalise_voivodeship,
    resolve_city,
    voivodeships,
)
from extract.places.gazetteer import GAZETTEER_PATH
from extract.places.nominative import guessed_nominative


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_data_file_is_small_and_complete(gaz):
    assert GAZETTEER_PATH.stat().st_size < 3_000_000
    polish = [p for p in gaz.places if p.country == "PL"]
    assert len(polish) > 3800
    assert {p.voivodeship for p in polish} == {v.name for v in voivodeships()}


def test_polish_main_names(gaz):
    # GeoNames calls the capital "Warsaw"; the gazetteer keeps the Polish name
    assert gaz.lookup("Warszawa")[0].voivodeship == "mazowieckie"
    assert gaz.lookup("Bielsko-Biała")[0].voivodeship == "śląskie"
    assert not gaz.lookup("Warsaw")


def test_ambiguous_names_keep_all_candidates(gaz):
    assert {p.voivodeship for p in gaz.lookup("Brodnica")} >= {"kujawsko-pomorskie", "wielkopolskie"}
    assert len({p.voivodeship for p in gaz.lookup("Dąbrowa")}) >= 3
    assert len(gaz.lookup("Piaski")) >= 2
    # most populous first
    assert gaz.lookup("Brodnica")[0].voivodeship == "kujawsko-pomorskie"


@pytest.mark.parametrize("words, name", [
    (["Bydgoszczy"], "Bydgoszcz"),
    (["Białymstoku"], "Białystok"),
    (["Bystrzycy", "Kłodzkiej"], "Bystrzyca Kłodzka"),
    (["Koźminie", "Wielkopolskim"], "Koźmin Wielkopolski"),
    (["Kamieńcu", "Ząbkowickim"], "Kamieniec Ząbkowicki"),
    (["Polance", "Wielkiej"], "Polanka Wielka"),
    (["Zielonej", "Górze"], "Zielona Góra"),
    (["Gdyni"], "Gdynia"),
    (["Łomży"], "Łomża"),
    (["Bielsku-Białej"], "Bielsko-Biała"),
    (["Kędzierzynie-Koźlu"], "Kędzierzyn-Koźle"),
    (["Rzymie"], "Rzym"),
    (["Druskiennikach"], "Druskienniki"),
])
def test_inflected_forms_match(gaz, words, name):
    matches = gaz.match_at(words + ["oraz"])
    assert matches and matches[0].names[0] == name and matches[0].length == len(words)


def test_case_agreement_is_required(gaz):
    # "Bystrzyca" (nominative) + "Kłodzkiej" (genitive) do not form one name
    assert all(m.length == 1 for m in gaz.match_at(["Bystrzyca", "Kłodzkiej"]))


def test_resolve_brodnica_by_context(gaz):
    cands = gaz.lookup("Brodnica")
    ctx = PlaceContext()
    ctx.add_voivodeship("wielkopolskie", 2)      # the report talks about Śrem and Poznań
    assert gaz.resolve(cands, ctx).voivodeship == "wielkopolskie"
    ctx = PlaceContext()
    ctx.add_voivodeship("kujawsko-pomorskie", 1)
    assert gaz.resolve(cands, ctx).voivodeship == "kujawsko-pomorskie"
    assert gaz.resolve(cands, PlaceContext()).voivodeship == "kujawsko-pomorskie"  # population


def test_resolve_near_city(gaz):
    srem = gaz.lookup("Śrem")
    assert gaz.resolve(gaz.lookup("Brodnica"), near=srem).voivodeship == "wielkopolskie"


@pytest.mark.parametrize("text, voivodeship", [
    ("województwa kujawsko-pomorskiego", "kujawsko-pomorskie"),
    ("woj. kujawsko – pomorskiego", "kujawsko-pomorskie"),
    ("Województwo Podlaskie", "podlaskie"),
    ("woj. podlaskiego", "podlaskie"),
    ("w województwie świętokrzyskim".split(" ", 1)[1], "świętokrzyskie"),
    ("Wielkopolsce", "wielkopolskie"),
    ("Mazowsze", "mazowieckie"),
    ("Podlasiu", "podlaskie"),
    ("Dolny Śląsk", "dolnośląskie"),
    ("zachodniopomorskie", "zachodniopomorskie"),
])
def test_voivodeship_forms(text, voivodeship):
    assert normalise_voivodeship(text) == voivodeship


def test_not_a_voivodeship():
    assert normalise_voivodeship("Fundacja") is None
    assert normalise_voivodeship("woj.") is None


@pytest.mark.parametrize("adjective, city", [
    ("Elbląskie", "Elbląg"),
    ("Wrocławskie", "Wrocław"),
    ("Wrocławska", "Wrocław"),
    ("Brodnickie", "Brodnica"),
    ("Brodnickiego", "Brodnica"),
    ("Koszalińska", "Koszalin"),
    ("Krakowskiej", "Kraków"),
    ("Toruńskie", "Toruń"),
    ("Tucholskim", "Tuchola"),
    ("Płockiej", "Płock"),
    ("Lubelskie", None),          # a voivodeship, not a city
    ("Miejski", None),
    ("Społecznej", None),
])
def test_city_from_adjective(adjective, city):
    assert city_from_adjective(adjective) == city


def test_city_from_compound_adjective():
    assert city_from_adjective("golubsko-dobrzyńskim") == "Golub-Dobrzyń"


@pytest.mark.parametrize("text, name, voivodeship", [
    ("Bydgoszczy", "Bydgoszcz", "kujawsko-pomorskie"),
    ("w Polance Wielkiej", "Polanka Wielka", "małopolskie"),
    ("Wrocław-Tarnogaj", "Wrocław", "dolnośląskie"),
    ("we Wrocławiu", "Wrocław", "dolnośląskie"),
    ("Elbląskie", "Elbląg", "warmińsko-mazurskie"),
    ("Kownatach", "Kownaty", None),
])
def test_resolve_city(text, name, voivodeship):
    r = resolve_city(text)
    assert r is not None and r.name == name and r.voivodeship == voivodeship


def test_resolve_city_foreign_and_nothing():
    r = resolve_city("w Wilnie")
    assert r.name == "Wilno" and r.country == "LT" and r.voivodeship is None
    assert resolve_city("Fundacja") is None


def test_guessed_nominative_of_unknown_words():
    assert guessed_nominative("Janiej") == "Jania"
    assert guessed_nominative("Druskiennikach") == "Druskienniki"

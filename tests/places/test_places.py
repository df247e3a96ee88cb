"""The places component on real Polish sentences (rules-only pipeline: tokenizer,
sentences, Morfeusz, places), so it is tested whatever the other components do."""
from __future__ import annotations

import pytest

from extract.places import voivodeship_mentions
from extract.places.evaluate import rules_pipeline


@pytest.fixture(scope="module")
def places_nlp():
    return rules_pipeline()


def places(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    return [(s._.base, s._.attrs["voivodeship"]) for s in doc.spans["places"]]


def bases(nlp, text: str) -> list[str]:
    return [b for b, _ in places(nlp, text)]


@pytest.mark.parametrize("text, expected", [
    ("Wizyta rozpoczęła się w Zakładzie Aktywności Zawodowej w Bydgoszczy.", "Bydgoszcz"),
    ("Organizatorem był Regionalny Ośrodek Polityki Społecznej w Białymstoku.", "Białystok"),
    ("Następnie pojechaliśmy do Gdyni, gdzie czekali na nas gospodarze.", "Gdynia"),
    ("Uczestnicy przyjechali z Łomży i okolic.", "Łomża"),
    ("Spotkanie odbyło się we Wrocławiu w siedzibie fundacji.", "Wrocław"),
    ("Odwiedziliśmy Centrum Integracji Społecznej w Toruniu.", "Toruń"),
    ("Kolejnym punktem był Warsztat Terapii Zajęciowej w Bystrzycy Kłodzkiej.", "Bystrzyca Kłodzka"),
    ("Goście zwiedzili spółdzielnię socjalną w Koźminie Wielkopolskim.", "Koźmin Wielkopolski"),
    ("Drugiego dnia byliśmy w Kamieńcu Ząbkowickim.", "Kamieniec Ząbkowicki"),
    ("Przyjął nas kierownik GOPS w Polance Wielkiej.", "Polanka Wielka"),
    ("Wizyta w Zielonej Górze trwała dwa dni.", "Zielona Góra"),
    ("Uczestnicy wizyty dotarli do Bielska-Białej wieczorem.", "Bielsko-Biała"),
])
def test_locatives_and_genitives_of_listed_places(places_nlp, text, expected):
    assert expected in bases(places_nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("Zwiedziliśmy Dom Pomocy Społecznej w Nowym Miszewie.", "Nowe Miszewo"),
    ("Prowadzi warsztaty w Dębicy i Bobrowej Woli.", "Bobrowa Wola"),
    ("Zakład Aktywności Zawodowej w Woli Żyrakowskiej zatrudnia kilkadziesiąt osób.", "Wola Żyrakowska"),
    ("Środowiskowy Dom Samopomocy w Kownatach działa od lat.", "Kownaty"),
    ("Dom Pomocy Społecznej w Zochcinku przyjął gości.", "Zochcinek"),
    ("Ostatnim punktem był Dom Pomocy Społecznej w Zgórsku.", "Zgórsko"),
])
def test_places_missing_from_gazetteer(places_nlp, text, expected):
    assert expected in bases(places_nlp, text)


def test_list_after_one_preposition(places_nlp):
    text = "Odwiedzono ośrodki we Wrocławiu, Bystrzycy Kłodzkiej i Kamieńcu Ząbkowickim."
    assert bases(places_nlp, text) == ["Wrocław", "Bystrzyca Kłodzka", "Kamieniec Ząbkowicki"]


def test_district_goes_to_its_city(places_nlp):
    doc = places_nlp("Spółdzielnia ma siedzibę we Wrocławiu-Tarnogaju.")
    assert [s._.base for s in doc.spans["places"]] == ["Wrocław"]
    doc = places_nlp("Adres: Wrocław-Tarnogaj, ul. Krakowska 10.")
    assert "Wrocław" in [s._.base for s in doc.spans["places"]]


def test_span_attributes(places_nlp):
    doc = places_nlp("Spotkanie odbyło się w Bydgoszczy.")
    (span,) = doc.spans["places"]
    assert span.text == "Bydgoszczy"
    assert span._.base == "Bydgoszcz"
    assert span._.attrs["voivodeship"] == "kujawsko-pomorskie"
    assert span._.attrs["country"] == "PL"
    assert span._.attrs["cue"] == "w"
    assert 53 < span._.attrs["latitude"] < 54 and 17 < span._.attrs["longitude"] < 19
    assert span._.rule.startswith("gazetteer")


def test_brodnica_in_kujawy_context(places_nlp):
    text = ("Wizyta studyjna w województwie kujawsko-pomorskim. Pierwszego dnia uczestnicy byli "
            "w Toruniu, a następnie odwiedzili Centrum Caritas w Brodnicy.")
    assert ("Brodnica", "kujawsko-pomorskie") in places(places_nlp, text)


def test_brodnica_in_wielkopolska_context(places_nlp):
    text = ("Uczestnicy odwiedzili spółdzielnię socjalną w Śremie, potem urząd w Poznaniu, "
            "a na koniec świetlicę wiejską w Brodnicy.")
    assert ("Brodnica", "wielkopolskie") in places(places_nlp, text)


def test_near_cue_resolves_and_covers_unlisted_namesakes(places_nlp):
    text = "Centrum Integracji Społecznej w Dąbrowie koło Lubaczowa prowadzi warsztaty."
    found = places(places_nlp, text)
    assert ("Dąbrowa", "podkarpackie") in found
    assert ("Lubaczów", "podkarpackie") in found


def test_powiat_cue(places_nlp):
    text = "Uczestnicy byli w wiosce tematycznej w Jabłonce w powiecie tucholskim."
    assert ("Jabłonka", "kujawsko-pomorskie") in places(places_nlp, text)


def test_foreign_exonyms(places_nlp):
    doc = places_nlp("W ramach projektu uczestnicy pojechali do Wilna, a potem do Druskiennik na Litwie.")
    found = {s._.base: s._.attrs for s in doc.spans["places"]}
    assert found["Wilno"]["country"] == "LT" and found["Wilno"]["voivodeship"] is None
    assert "Druskienniki" in found
    assert "Litwa" not in found  # a country is not a locality
    assert "Rzym" in bases(places_nlp, "Konferencja odbyła się w Rzymie.")


@pytest.mark.parametrize("text", [
    "Klucze do sukcesu to program wsparcia spółdzielni.",
    "Dobre praktyki zaprezentowała dyrektor ośrodka.",
    "Wola współpracy była widoczna u wszystkich partnerów.",
    "Pomoc społeczna w gminie była tematem spotkania.",
    "Nowa siedziba stowarzyszenia została otwarta w maju.",
    "Piaski i żwir wydobywano tu od lat.",
])
def test_no_common_words_at_sentence_start(places_nlp, text):
    assert bases(places_nlp, text) == []


def test_common_word_place_needs_a_cue(places_nlp):
    assert "Klucze" in bases(places_nlp, "Drugi dzień spędziliśmy w Kluczach.")
    assert "Klucze" in bases(places_nlp, "Wyjazd do gminy Klucze był ciekawy.")
    assert bases(places_nlp, "Otrzymali Klucze do Miasta od prezydenta.") == []


def test_quoted_names_and_streets_are_not_places(places_nlp):
    assert bases(places_nlp, "Odwiedzili Dom Pomocy Społecznej „Pod Jaworem” w Nowym Miszewie.") == ["Nowe Miszewo"]
    assert bases(places_nlp, "Siedziba mieści się przy ul. Toruńskiej 5.") == []


def test_person_names_are_not_places(places_nlp):
    assert "Jarosław" not in bases(places_nlp, "Prezentację przedstawił Jarosław Pilecki z fundacji.")


def test_adjectival_city_words_are_not_mentions(places_nlp):
    assert bases(places_nlp, "Spotkaliśmy się z przedstawicielami Elbląskiego Centrum Usług Społecznych.") == []


def test_voivodeship_mentions(places_nlp):
    doc = places_nlp("Wizyta na terenie województwa kujawsko – pomorskiego, a uczestnicy z woj. podlaskiego "
                     "pojechali potem do Wielkopolski.")
    assert [m.voivodeship for m in voivodeship_mentions(doc)] == [
        "kujawsko-pomorskie", "podlaskie", "wielkopolskie"]
    assert bases(places_nlp, "Uczestnicy z woj. podlaskiego byli w Wielkopolsce.") == []


def test_full_pipeline_registers_places(nlp):
    doc = nlp("Uczestnicy odwiedzili Zakład Aktywności Zawodowej w Sompolnie.")
    assert "Sompolno" in [s._.base for s in doc.spans["places"]]


def test_country_names_are_not_villages(places_nlp):
    found = bases(places_nlp, "Wyjazd studyjny do Niemiec: Berlin, Drezno i Lipsk.")
    assert "Niemce" not in found and {"Berlin", "Drezno"} <= set(found)
    assert bases(places_nlp, "Byliśmy w Polsce, w Europie i na Kaszubach.") == []


def test_case_and_population_choose_between_names(places_nlp):
    assert bases(places_nlp, "Relacja z wyjazdu do Tarnowa i Nowego Targu.") == ["Tarnów", "Nowy Targ"]
    assert bases(places_nlp, "Spotkanie z wójtem gminy Dobre.") == ["Dobre"]


def test_verb_and_relational_adjective_readings_do_not_block(places_nlp):
    assert "Przemyśl" in bases(places_nlp, "Goście odwiedzili Przemyśl i Jarosław.")
    assert {"Olecko", "Giżycko"} <= set(bases(places_nlp, "Gościliśmy przedstawicieli Olecka i Giżycka."))


def test_big_city_with_common_homonym_mid_sentence(places_nlp):
    assert bases(places_nlp, "Uczestnicy odwiedzili Warszawę i Piłę.") == ["Warszawa", "Piła"]
    assert bases(places_nlp, "Piła do drewna leżała w kącie.") == []


def test_unknown_adjective_in_a_village_name(places_nlp):
    assert "Wólka Dobryńska" in bases(places_nlp, "Spotkanie odbyło się w Wólce Dobryńskiej.")


def test_repeated_name_keeps_its_local_cue(places_nlp):
    text = ("Górnicza Wioska znajduje się w Pile koło Gostycyna. Mieszkańcy Piły prowadzą "
            "warsztaty dla gości.")
    assert {v for b, v in places(places_nlp, text) if b == "Piła"} == {"kujawsko-pomorskie"}


def test_capitalised_heading(places_nlp):
    assert bases(places_nlp, "WIZYTA STUDYJNA W ZIELONEJ GÓRZE") == ["Zielona Góra"]
    assert bases(places_nlp, "WIZYTA STUDYJNA W GOPS") == []


def test_street_names_are_not_places(places_nlp):
    assert bases(places_nlp, "Siedziba jest przy ulicy Gdańskiej w Bydgoszczy.") == ["Bydgoszcz"]


def test_first_name_after_admin_noun_is_a_person(nlp):
    doc = nlp("Spotkali się z Burmistrzem Lublina oraz Sekretarzem Miasta Izabelą Kowalską.")
    assert "Izabela" not in [p._.base for p in doc.spans.get("places", [])]


def test_capitalised_common_noun_starting_a_longer_name_is_no_place(nlp):
    doc = nlp("Zapoznali się z pracą w Dziale Pomocy Środowiskowej ośrodka.")
    assert "Dział" not in [p._.base for p in doc.spans.get("places", [])]


def test_items_of_a_list_of_places_need_no_cue_each(nlp):
    doc = nlp("Grupa odwiedziła m.in. Białystok, Korycin, Janów, Augustów i Supraśl.")
    assert {"Augustów", "Supraśl"} <= {p._.base for p in doc.spans.get("places", [])}

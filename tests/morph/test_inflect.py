"""Multi-word names back to the nominative, with agreement."""
import pytest

from extract.morph.inflect import to_nominative


@pytest.mark.parametrize("oblique, nominative", [
    ("Regionalnego Ośrodka Polityki Społecznej", "Regionalny Ośrodek Polityki Społecznej"),
    ("Wielobranżowej Spółdzielni Socjalnej", "Wielobranżowa Spółdzielnia Socjalna"),
    ("Brodnickiego Centrum Caritas", "Brodnickie Centrum Caritas"),
    ("Powiatowym Urzędem Pracy", "Powiatowy Urząd Pracy"),
    ("Miejsko-Gminnego Ośrodka Pomocy Społecznej", "Miejsko-Gminny Ośrodek Pomocy Społecznej"),
    ("Chrześcijańskiego Stowarzyszenia Dobroczynnego", "Chrześcijańskie Stowarzyszenie Dobroczynne"),
    ("Urzędzie Miasta i Gminy Koźmin Wielkopolski", "Urząd Miasta i Gminy Koźmin Wielkopolski"),
    ("Świętokrzyskim Urzędzie Wojewódzkim", "Świętokrzyski Urząd Wojewódzki"),
    ("Kalwarię Wielewską", "Kalwaria Wielewska"),
])
def test_institution_names(oblique, nominative):
    assert " ".join(to_nominative(oblique.split())) == nominative


def test_plural_to_singular_on_request():
    assert to_nominative("Centrach Integracji Społecznej".split(), number="sg")[0] == "Centrum"
    assert to_nominative("Warsztatach Terapii Zajęciowej".split(), number="sg")[0] == "Warsztat"


def test_nominative_input_is_unchanged():
    words = "Zakład Aktywności Zawodowej".split()
    assert to_nominative(words) == words

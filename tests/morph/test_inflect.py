"""Multi-word names back to the nominative, with agreement."""
import pytest

from extract.morph.inflect import to_nominative
from extract.morph.names import person_base


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


@pytest.mark.parametrize("mention, base", [
    ("Jarosławem Pileckim", "Jarosław Pilecki"),
    ("Czesławę Żebrowską", "Czesława Żebrowska"),
    ("Krzysztofa Kozickiego", "Krzysztof Kozicki"),
    ("Barbarą Stańską-Mackiewicz", "Barbara Stańska-Mackiewicz"),
    ("Robertem Błasikiem", "Robert Błasik"),
    ("Robert Błasik", "Robert Błasik"),
    ("Jadwigi Kwarciak", "Jadwiga Kwarciak"),
    ("Ewą Wójcik", "Ewa Wójcik"),
])
def test_person_names_in_every_case(mention, base):
    assert person_base(mention.split()) == base

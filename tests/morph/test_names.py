"""Personal names back to the nominative: given name fixes gender, surname agrees."""
import pytest

from extract.morph.names import person_base


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

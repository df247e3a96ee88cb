"""Institution mentions: extent, type and base form on real report sentences."""
import pytest


def insts(nlp, text):
    return [(s._.base, s._.attrs["type"]) for s in nlp(text).spans["institutions"]]


@pytest.mark.parametrize("text, name, itype", [
    ("Wizyta rozpoczęła się od zwiedzenia Zakładu Aktywności Zawodowej „Poligrafia” w Bydgoszczy.",
     "Zakład Aktywności Zawodowej „Poligrafia”", "ZAZ"),
    ("Następnie udali się do Fundacji „Wiatrak” w Bydgoszczy.", "Fundacja „Wiatrak”", "FUNDACJA"),
    ("Uczestnicy odwiedzili także Wrocławską Spółdzielnię Socjalną.", "Wrocławska Spółdzielnia Socjalna",
     "SPOLDZIELNIA_SOCJALNA"),
    ("Zapoznali się z działalnością Brodnickiego Centrum Caritas w Brodnicy.", "Brodnickie Centrum Caritas",
     "KOSCIELNA"),
    ("Spotkanie odbyło się w Środowiskowym Domu Samopomocy w Gostyniu.", "Środowiskowy Dom Samopomocy", "SDS"),
    ("Goście odwiedzili Powiatowe Centrum Pomocy Rodzinie w Olsztynie.", "Powiatowe Centrum Pomocy Rodzinie",
     "PCPR"),
    ("Wizyta w Miejsko-Gminnym Ośrodku Pomocy Społecznej w Gostyniu.",
     "Miejsko-Gminny Ośrodek Pomocy Społecznej", "OPS"),
    ("Następnie udali się do Towarzystwa Rozwoju Gminy Płużnica.", "Towarzystwo Rozwoju Gminy Płużnica",
     "STOWARZYSZENIE"),
    ("Spotkanie w Urzędzie Miasta i Gminy Koźmin Wielkopolski.", "Urząd Miasta i Gminy Koźmin Wielkopolski",
     "JST"),
    ("Zwiedzili Centrum Rehabilitacji pod wezwaniem św. Rocha.", "Centrum Rehabilitacji pod wezwaniem św. Rocha",
     "INNE"),
])
def test_typed_base_forms(nlp, text, name, itype):
    assert (name, itype) in insts(nlp, text)


def test_abbreviations_are_typed(nlp):
    found = insts(nlp, "Pracownicy MOPS i PCPR odwiedzili ŚDS oraz WTZ.")
    assert ("MOPS", "OPS") in found and ("PCPR", "PCPR") in found
    assert ("ŚDS", "SDS") in found and ("WTZ", "WTZ") in found


def test_name_stops_before_a_person(nlp):
    doc = nlp("Gości przywitał wójt Gminy Pan Grzegorz Gałgan.")
    names = [s._.base for s in doc.spans["institutions"]]
    assert all("Gałgan" not in n for n in names)


def test_common_noun_is_no_institution(nlp):
    assert insts(nlp, "Uczestnicy poznali ośrodek i muzeum.") == []


def test_plural_mention_is_marked(nlp):
    doc = nlp("W wyjeździe wzięła udział kadra ośrodków pomocy społecznej.")
    (span,) = doc.spans["institutions"]
    assert span._.attrs["plural"] and span._.attrs["lowercase"]


def test_operator_is_recorded_not_hosted(nlp):
    doc = nlp("Ostatni dzień wizyty poświęcony został zapoznaniu się z działalnością Centrum Integracji "
              "Społecznej CISTOR w Toruniu, prowadzonym przez Stowarzyszenie Partnerstwo Społeczne.")
    hosts = {h.name: h for h in doc._.visit.hosts}
    assert hosts["Centrum Integracji Społecznej CISTOR"].operator == "Stowarzyszenie Partnerstwo Społeczne"
    assert "Stowarzyszenie Partnerstwo Społeczne" not in hosts


def test_units_in_parentheses_inherit_the_locality(nlp):
    doc = nlp("Uczestnicy odwiedzili Chrześcijańskie Stowarzyszenie Dobroczynne w Kluczach (Warsztaty Terapii "
              "Zajęciowej, Centrum Integracji Społecznej oraz Noclegownia dla bezdomnych).")
    cities = {h.name: h.city for h in doc._.visit.hosts}
    assert cities["Centrum Integracji Społecznej"] == "Klucze"
    assert cities["Noclegownia dla bezdomnych"] == "Klucze"


def test_city_list_gives_one_host_per_locality(nlp):
    doc = nlp("Wśród odwiedzonych miejsc znalazły się Warsztaty Terapii Zajęciowej w Dębicy i Bobrowej Woli.")
    found = {(h.name, h.city) for h in doc._.visit.hosts}
    assert found == {("Warsztat Terapii Zajęciowej", "Dębica"), ("Warsztat Terapii Zajęciowej", "Bobrowa Wola")}


def test_passive_and_nominal_operators(nlp):
    doc = nlp("Pierwszym punktem wizyty była Spółdzielnia Socjalna „Kuźnia” w Słupsku. "
              "Placówka prowadzona jest przez Stowarzyszenie „Nadzieja”.")
    assert [(h.name, h.operator) for h in doc._.visit.hosts] == [
        ("Spółdzielnia Socjalna „Kuźnia”", "Stowarzyszenie „Nadzieja”")]
    doc = nlp("Uczestnicy odwiedzili Warsztaty Terapii Zajęciowej w Lesznie, których organem prowadzącym "
              "jest Fundacja „Ja Też”.")
    assert [(h.name, h.operator) for h in doc._.visit.hosts] == [
        ("Warsztaty Terapii Zajęciowej", "Fundacja „Ja Też”")]


def test_locality_after_coordinated_names(nlp):
    doc = nlp("Odwiedzili Warsztat Terapii Zajęciowej i Bonifraterski Ośrodek Interwencji Kryzysowej w Piaskach.")
    cities = {s._.base: s._.attrs.get("city") for s in doc.spans["institutions"]}
    assert cities == {"Warsztat Terapii Zajęciowej": "Piaski",
                      "Bonifraterski Ośrodek Interwencji Kryzysowej": "Piaski"}


def test_voivodeship_as_body_not_territory(nlp):
    found = insts(nlp, "Wizyta realizowana przez Województwo Zachodniopomorskie odbyła się w województwie "
                       "pomorskim i w Województwie Warmińsko-Mazurskim.")
    assert found == [("Województwo Zachodniopomorskie", "JST")]


def test_genitive_inside_another_name_is_no_institution(nlp):
    assert insts(nlp, "Projekt finansuje Regionalny Program Operacyjny Województwa Kujawsko-Pomorskiego.") == []


def test_patrons_company_suffixes_and_types(nlp):
    doc = nlp("Uczestnicy odwiedzili Parafię pw. św. Wojciecha w Kielcach oraz Zakład Pracy Chronionej "
              "„Polmet” Sp. z o.o. w Radomiu.")
    hosts = {(h.name, h.type, h.city) for h in doc._.visit.hosts}
    assert hosts == {("Parafia pw. św. Wojciecha", "KOSCIELNA", "Kielce"),
                     ("Zakład Pracy Chronionej „Polmet” Sp. z o.o.", "PRZEDSIEBIORSTWO", "Radom")}


def test_kinds_beyond_social_services(nlp):
    """Incubators, chambers, cooperatives, farms, cafés and office departments are hosts'
    kinds too, when written as names."""
    doc = nlp("Uczestnicy odwiedzili Sopocki Inkubator Przedsiębiorczości Społecznej, Izbę Tradycji, "
              "Kozią Farmę Złotna oraz Wydział Zdrowia Publicznego.")
    found = {s._.base: s._.attrs["type"] for s in doc.spans["institutions"]}
    assert found.get("Sopocki Inkubator Przedsiębiorczości Społecznej") == "INNE"
    assert found.get("Izba Tradycji") == "INNE"
    assert found.get("Kozia Farma Złotna") == "PRZEDSIEBIORSTWO"
    assert found.get("Wydział Zdrowia Publicznego") == "JST"


def test_naming_words_between_kind_and_name_are_dropped(nlp):
    doc = nlp("Odwiedzili Spółdzielnię Socjalną o nazwie Wisła Otwarta Turystycznie. Spotkali się "
              "z trzecią Spółdzielnią Socjalną a mianowicie Zieloną Piłą.")
    assert [s._.base for s in doc.spans["institutions"]] == [
        "Spółdzielnia Socjalna Wisła Otwarta Turystycznie", "Spółdzielnia Socjalna Zielona Piła"]


def test_kind_stated_after_the_name_wins(nlp):
    doc = nlp("Restauracja Smaki Świata w Padwie to z kolei spółdzielnia socjalna.")
    found = {s._.base: s._.attrs["type"] for s in doc.spans["institutions"]}
    assert found.get("Restauracja Smaki Świata") == "SPOLDZIELNIA_SOCJALNA"


def test_a_number_inside_a_name(nlp):
    doc = nlp("Odwiedzili Stowarzyszenie Dom 3 Pokoleń w Zamościu.")
    assert [s._.base for s in doc.spans["institutions"]] == ["Stowarzyszenie Dom 3 Pokoleń"]


def test_a_name_does_not_grow_into_the_name_before(nlp):
    doc = nlp("Odwiedzili Zakład Aktywności Zawodowej Fundacji Dialog w Łomży.")
    assert "Zawodowa Fundacja Dialog" not in [s._.base for s in doc.spans["institutions"]]


def test_foreign_kind_words_head_names(nlp):
    doc = nlp("Odwiedziliśmy Fondazione Città Solidale oraz Stiftung Gute Arbeit.")
    found = {s._.base: s._.attrs["type"] for s in doc.spans["institutions"]}
    assert found.get("Fondazione Città Solidale") == "FUNDACJA"
    assert found.get("Stiftung Gute Arbeit") == "FUNDACJA"

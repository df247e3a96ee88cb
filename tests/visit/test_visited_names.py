"""Hosts without a kind word, found from the document structure (extract/visit/visited_names.py)."""


def _hosts(nlp, text):
    return {h.name: h.type for h in nlp(text)._.visit.hosts}


def test_items_of_a_list_introduced_as_visited(nlp):
    hosts = _hosts(nlp, "Program był bardzo bogaty.\nOdwiedziliśmy:\n• Comitato di Quartiere Nord\n"
                        "• Casa Verde Hub\nWrażenia były świetne.")
    assert hosts == {"Comitato di Quartiere Nord": "INNE", "Casa Verde Hub": "INNE"}


def test_names_listed_after_a_visiting_verb_take_the_kind_before_the_colon(nlp):
    hosts = _hosts(nlp, "Przez trzy dni odwiedzaliśmy dwie włoskie spółdzielnie socjalne: Arcobaleno "
                        "oraz Lavoro Insieme.")
    assert hosts == {"Arcobaleno": "SPOLDZIELNIA_SOCJALNA", "Lavoro Insieme": "SPOLDZIELNIA_SOCJALNA"}


def test_quoted_object_of_a_visiting_verb(nlp):
    hosts = _hosts(nlp, "W trakcie wizyty grupa odwiedziła „Casa del Sole” w Bolonii.")
    assert list(hosts) == ["„Casa del Sole”"]


def test_a_list_not_about_visiting_gives_no_hosts(nlp):
    hosts = _hosts(nlp, "Potrzebne dokumenty:\n• Karta Zgłoszenia\n• Zgoda Rodzica\n")
    assert hosts == {}


def test_name_a_programme_point_introduces(nlp):
    hosts = _hosts(nlp, "Pierwszym miejscem docelowym była „Farma 12” w Wiśle. Kolejna wizyta "
                        "odbyła się w Podhalańskim Parku Kulturowym w Zakopanem.")
    assert "„Farma 12”" in hosts and hosts["„Farma 12”"] == "PRZEDSIEBIORSTWO"
    assert any(name.startswith("Podhalański") for name in hosts)


def test_a_kind_word_alone_is_no_list_item_name(nlp):
    hosts = _hosts(nlp, "Odwiedziliśmy:\n1. Gospodarstwo  Ekofarma Vitalis w Zastawnie\n2. Gospodarstwo\n")
    assert list(hosts) == ["Gospodarstwo Ekofarma Vitalis"]


def test_an_item_of_a_visited_list_is_visited_whatever_its_description(nlp):
    hosts = _hosts(nlp, "Odwiedzone instytucje:\n- Fundacja Dr Nowak (Kalisz) – finansowanie usług "
                        "społecznych\n- GOK (Przerośl) – prezentacja\n- Zespół „Wesoła Gromada” "
                        "(Przerośl) – występ\n")
    assert {"Fundacja Dr Nowak", "GOK"} <= set(hosts)


def test_elliptic_list_after_a_plural_kind(nlp):
    v = nlp("Grupa zwiedziła dwie wioski tematyczne: Miodową w Nowym Targu w powiecie nowotarskim "
            "oraz Owocową w Limanowej.")._.visit
    assert {(h.name, h.city) for h in v.hosts} == {
        ("Wioska Miodowa", "Nowy Targ"), ("Wioska Owocowa", "Limanowa")}


def test_proper_names_listed_after_a_plural_kind_stand_alone(nlp):
    hosts = _hosts(nlp, "Odwiedzaliśmy trzy spółdzielnie socjalne: Arcobaleno, Alpi oraz Alisei.")
    assert set(hosts) == {"Arcobaleno", "Alpi", "Alisei"}

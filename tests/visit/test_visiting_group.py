"""The visiting group's description is the visitors' side: no hosts, no visited places."""


def test_participants_list_gives_no_hosts_or_places(nlp):
    v = nlp("W wizycie udział wzięli przedstawiciele Ośrodka Pomocy Społecznej w Legnicy oraz "
            "Fundacji „Razem” z Lubina. Uczestnicy odwiedzili Spółdzielnię Socjalną „Kuźnia” "
            "w Opolu.")._.visit
    assert [h.name for h in v.hosts] == ["Spółdzielnia Socjalna „Kuźnia”"]
    places = [p.name for p in v.places]
    assert "Opole" in places and "Legnica" not in places


def test_met_with_representatives_is_still_a_host(nlp):
    v = nlp("Grupa spotkała się z przedstawicielami Fundacji „Razem” w Lubinie.")._.visit
    assert [(h.name, h.city) for h in v.hosts] == [("Fundacja „Razem”", "Lubin")]


def test_localities_as_objects_of_a_visiting_verb_are_visited(nlp):
    v = nlp("Grupa odwiedziła m.in. Białystok, Korycin i Supraśl.")._.visit
    assert {"Białystok", "Korycin", "Supraśl"} <= {p.name for p in v.places}


def test_an_institution_named_like_a_place_is_not_its_own_city(nlp):
    v = nlp("Uczestnicy zwiedzili Garncarską Wioskę w Kamionce.")._.visit
    assert [(h.name, h.city) for h in v.hosts] == [("Garncarska Wioska", "Kamionka")]


def test_the_visiting_group_ends_at_its_verb(nlp):
    v = nlp("Pierwszego dnia beneficjenci mieli okazję zapoznać się z działalnością Zakładu "
            "Aktywności Zawodowej we Wrocławiu.")._.visit
    assert [(h.name, h.city) for h in v.hosts] == [("Zakład Aktywności Zawodowej", "Wrocław")]

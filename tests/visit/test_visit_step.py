"""Visit assembly: title, organiser, participants, hosts vs mentions."""


def test_organizer_subject_and_city(nlp):
    v = nlp("Regionalny Ośrodek Polityki Społecznej w Białymstoku zorganizował w dniach 5-8 lipca 2011 r. "
            "wizytę studyjną. Uczestnicy odwiedzili Fundację „Wiatrak” w Bydgoszczy.")._.visit
    assert v.organizer._.base == "Regionalny Ośrodek Polityki Społecznej"
    assert v.organizer._.attrs["city"] == "Białystok"
    assert [h.name for h in v.hosts] == ["Fundacja „Wiatrak”"]


def test_organizer_as_agent(nlp):
    v = nlp("Wizyty studyjne zostały zorganizowane przez Regionalny Ośrodek Polityki Społecznej w Toruniu.")._.visit
    assert v.organizer._.base == "Regionalny Ośrodek Polityki Społecznej"


def test_visit_name_in_text_is_the_title(nlp):
    v = nlp("Relacja\nW dniach 9-13.08.2021 odbył się wyjazd studyjny na Litwę pt. \"Współpraca lokalna\".")._.visit
    assert v.title == "Współpraca lokalna"


def test_heading_title_without_trailing_date(nlp):
    v = nlp("Wizyta studyjna do województwa małopolskiego 13-16.11.2017 r.\n\nW dniach 13-16 listopada 2017 "
            "roku odbyła się wizyta.")._.visit
    assert v.title == "Wizyta studyjna do województwa małopolskiego"


def test_participants_count(nlp):
    v = nlp("W poniedziałek 9 sierpnia 2021 roku grupa 40 uczestników udała się na wyjazd studyjny.")._.visit
    assert v.participants == 40
    v = nlp("Dwa zakłady zatrudniają 45 osób niepełnosprawnych.")._.visit
    assert v.participants is None


def test_funders_are_not_hosts(nlp):
    v = nlp("Projekt współfinansowany ze środków Fundacji Rozwoju Demokracji Lokalnej.")._.visit
    assert v.hosts == []


def test_visitors_organisation_is_not_a_host(nlp):
    v = nlp("W dniu 3 października 2022 roku przedstawiciele OWES w Kielcach gościli w Krakowie. Wizyta "
            "rozpoczęła się w Regionalnym Ośrodku Polityki Społecznej w Krakowie.")._.visit
    assert [(h.name, h.city) for h in v.hosts] == [("Regionalny Ośrodek Polityki Społecznej", "Kraków")]


def test_met_representatives_make_a_host(nlp):
    v = nlp("Uczestnicy wizyty spotkali się z przedstawicielami Urzędu Miasta i Gminy Koźmin Wielkopolski.")._.visit
    assert [h.name for h in v.hosts] == ["Urząd Miasta i Gminy Koźmin Wielkopolski"]


def test_hosts_report_keeps_scene_not_organisers_city(nlp):
    v = nlp("W dniach 23 i 24 maja 2018 r. gościliśmy w Miejskim Ośrodku Pomocy Społecznej w Sanoku grupę "
            "25 pracowników Powiatowego Centrum Pomocy Rodzinie w Krośnie. Wizytę przygotował Regionalny "
            "Ośrodek Polityki Społecznej w Rzeszowie. Gości przywitał dyrektor MOPS Pan Andrzej Zając, który "
            "omówił działalność Klubu Integracji Społecznej.")._.visit
    assert v.organizer._.base == "Regionalny Ośrodek Polityki Społecznej"
    assert v.participants == 25
    hosts = {h.name: h.city for h in v.hosts}
    assert hosts == {"Miejski Ośrodek Pomocy Społecznej": "Sanok", "Klub Integracji Społecznej": "Sanok"}
    assert (v.start_date, v.end_date) == ("2018-05-23", "2018-05-24")


def test_programme_lines_give_host_localities(nlp):
    v = nlp("Program wizyty (15-17 października 2019 r.):\n"
            "Dzień 1 – Gdańsk: Gdańskie Centrum Usług Społecznych, Spółdzielnia Socjalna „Pomorzanka”.\n"
            "Dzień 2 – Sopot: Miejski Ośrodek Pomocy Społecznej w Sopocie.\n"
            "W wizycie wzięło udział 22 kierowników i pracowników ośrodków pomocy społecznej.")._.visit
    hosts = {h.name: (h.city, h.voivodeship) for h in v.hosts}
    assert hosts["Spółdzielnia Socjalna „Pomorzanka”"] == ("Gdańsk", "pomorskie")
    assert hosts["Gdańskie Centrum Usług Społecznych"] == ("Gdańsk", "pomorskie")
    assert v.participants == 22


def test_funders_and_seats(nlp):
    v = nlp("Dzięki wsparciu Fundacji „Pomóż” grupa mogła odwiedzić Dom Pomocy Społecznej w Radomiu.")._.visit
    assert [(h.name, h.city) for h in v.hosts] == [("Dom Pomocy Społecznej", "Radom")]
    v = nlp("Wyjazd studyjny zorganizowało Stowarzyszenie „Razem dla Regionu” z Jasła.")._.visit
    assert (v.organizer._.base, v.organizer._.attrs["city"]) == ("Stowarzyszenie „Razem dla Regionu”", "Jasło")


def test_meeting_the_mayor_is_meeting_the_gmina(nlp):
    v = nlp("Pierwszego dnia wizyty z gośćmi spotkał się Burmistrz Dobiegniewa Leszek Waloch.")._.visit
    assert [(h.name, h.type, h.city) for h in v.hosts] == [("Gmina Dobiegniew", "JST", "Dobiegniew")]


def test_one_institution_named_twice_is_one_host(nlp):
    v = nlp("Uczestnicy odwiedzili Stowarzyszenie Pomocy Wzajemnej „Być Razem” w Cieszynie. Wizyta w "
            "Stowarzyszeniu „Być Razem” pokazała działania na rzecz ekonomii społecznej.")._.visit
    assert [(h.name, h.city) for h in v.hosts] == [("Stowarzyszenie Pomocy Wzajemnej „Być Razem”", "Cieszyn")]


def test_initialism_gives_the_organisers_seat(nlp):
    v = nlp("Organizatorem wyjazdu był Mazowiecki Ośrodek Doradztwa Rolniczego. W dniach 26-28 czerwca "
            "40 osób z terenu działania Oddziałów MODR Warszawa uczestniczyło w wyjeździe.")._.visit
    assert (v.organizer._.base, v.organizer._.attrs["city"]) == ("Mazowiecki Ośrodek Doradztwa Rolniczego",
                                                                  "Warszawa")


def test_agent_must_be_the_organiser_itself(nlp):
    v = nlp("Zaprezentowano film przygotowany przez członków MGI z Olsztyna.")._.visit
    assert v.organizer is None


def test_breadcrumb_is_not_the_title_and_kind_before_a_name(nlp):
    v = nlp("Strona główna › Aktualności › Wizyta studyjna w Szwecji\nOpublikowano: 12.06.2019\n\n"
            "Wizyta studyjna w Szwecji\n\nW dniach od 3 do 7 czerwca br. goście odwiedzili m.in. "
            "spółdzielnię socjalną Samuele w Göteborgu.")._.visit
    assert v.title == "Wizyta studyjna w Szwecji"
    assert (v.start_date, v.end_date) == ("2019-06-03", "2019-06-07")
    assert [(h.name, h.type) for h in v.hosts] == [("Samuele", "SPOLDZIELNIA_SOCJALNA")]


def test_theme_stated_in_the_body_is_the_title(nlp):
    v = nlp("Wizyta studyjna do województwa opolskiego\n\nTematem przewodnim wizyty studyjnej była "
            "„Współpraca samorządów z podmiotami ekonomii społecznej”. Uczestnicy odwiedzili CIS.")._.visit
    assert v.title == "Współpraca samorządów z podmiotami ekonomii społecznej"


def test_heading_is_taken_whole_without_links_captions_and_trailing_month(nlp):
    v = nlp("Zdjęcie przedstawiające uczestników wizyty na tle budynku\nhttps://example.org/a.jpg "
            "Wyjazd studyjny „Dobre sąsiedztwo” – Warmia, czerwiec 2010 r.\n\nW czerwcu odbył się wyjazd.")._.visit
    assert v.title == "Wyjazd studyjny „Dobre sąsiedztwo” – Warmia"

"""Institutions in other roles than host: founders, partners, the travelling group, a
unit's parent, lodging, the report's credits (extract/visit/hosts.py)."""


def _hosts(nlp, text):
    return [h.name for h in nlp(text)._.visit.hosts]


def test_founder_is_no_host(nlp):
    hosts = _hosts(nlp, "Uczestnicy odwiedzili Spółdzielnię Socjalną „Kuźnia”, którą utworzyło "
                        "Stowarzyszenie „Razem” z Opola.")
    assert hosts == ["Spółdzielnia Socjalna „Kuźnia”"]


def test_partner_is_no_host(nlp):
    hosts = _hosts(nlp, "We współpracy z Fundacją „Wiatrak” grupa odwiedziła Centrum Integracji "
                        "Społecznej w Kielcach.")
    assert hosts == ["Centrum Integracji Społecznej"]


def test_travelling_school_is_the_visiting_group(nlp):
    v = nlp("W dniu 20 czerwca Zespół Szkół nr 3 w Ełku udał się na wizytę studyjną do "
            "Spółdzielni Socjalnej „Dobry Smak” w Olecku.")._.visit
    assert [h.name for h in v.hosts] == ["Spółdzielnia Socjalna „Dobry Smak”"]


def test_parent_of_a_unit_is_its_operator(nlp):
    v = nlp("Uczestnicy zapoznali się z działalnością Warsztatów Terapii Zajęciowej przy Domu "
            "Pomocy Społecznej w Wadowicach.")._.visit
    assert [(h.name, h.operator) for h in v.hosts] == [
        ("Warsztaty Terapii Zajęciowej", "Dom Pomocy Społecznej")]


def test_lodging_and_credits_are_no_hosts(nlp):
    hosts = _hosts(nlp, "Uczestników zakwaterowano w Ośrodku Rekreacyjnym „Leśny Zakątek”. "
                        "Następnie odwiedzili Fundację „Promyk” w Kielcach.\nTekst: Stowarzyszenie "
                        "„Tłoka” w Koszołach")
    assert hosts == ["Fundacja „Promyk”"]


def test_own_institution_programme_names_and_furniture_are_no_hosts(nlp):
    text = ("Fundacja Pomocy Dzieciom > Aktualności > Wizyta studyjna\n\n"
            "Projekt współfinansowany w ramach Regionalnego Programu Operacyjnego Województwa "
            "Podlaskiego. Uczestnicy odwiedzili Fundację „Promyk” w Kielcach, a potem wrócili do "
            "MOPR w Gdańsku, by wdrożyć zmiany w Naszym Ośrodku.\nZdjęcie przedstawia pracowników "
            "Spółdzielni Socjalnej „Kuźnia” w Opolu")
    assert [h.name for h in nlp(text)._.visit.hosts] == ["Fundacja „Promyk”"]


def test_a_programme_point_is_not_a_programme_name(nlp):
    v = nlp("Kolejnym punktem programu było odwiedzenie Firmy Społecznej Kłos w Brzezinach.")._.visit
    assert [h.name for h in v.hosts] == ["Firma Społeczna Kłos"]


def test_meeting_a_municipal_head_without_a_name_is_meeting_the_gmina(nlp):
    v = nlp("Odbyło się tam spotkanie z właścicielką gospodarstwa oraz wójtem gminy Brzuze.")._.visit
    assert ("Gmina Brzuze", "JST", "Brzuze") in [(h.name, h.type, h.city) for h in v.hosts]


def test_association_for_the_benefit_of_cooperatives_is_one_name(nlp):
    v = nlp("Wizyta w Stowarzyszeniu na Rzecz Spółdzielni Socjalnych.")._.visit
    assert [h.name for h in v.hosts] == ["Stowarzyszenie na Rzecz Spółdzielni Socjalnych"]


def test_coorganiser_document_issuer_and_a_persons_function_are_no_hosts(nlp):
    text = ("Wizyta organizowana przez Fundację „Most” w Mińsku oraz Fundację „Brzeg” odbyła się w "
            "maju. Uczestnicy odwiedzili Spółdzielnię Socjalną „Kuźnia” w Opolu, utworzoną na mocy "
            "Uchwały Rady Miejskiej w Opolu. Jej prezes jest członkiem Zarządu Ogólnopolskiego "
            "Związku Rewizyjnego Spółdzielni Socjalnych.")
    assert [h.name for h in nlp(text)._.visit.hosts] == ["Spółdzielnia Socjalna „Kuźnia”"]


def test_a_business_run_by_a_named_host_is_part_of_it_but_a_unit_is_not(nlp):
    v = nlp("Odwiedzili Dobrą Spółdzielnię Socjalną, prowadzącą Dobrą Kawiarnię. Potem odwiedzili "
            "Spółdzielnię Socjalną „Opoka”, która prowadzi Zakład Aktywności Zawodowej.")._.visit
    names = [h.name for h in v.hosts]
    assert "Dobra Kawiarnia" not in names and "Zakład Aktywności Zawodowej" in names


def test_counted_kinds_and_sponsors_are_no_hosts(nlp):
    v = nlp("Pierwsza Spółdzielnia, do jakiej się wybraliśmy, to Perfekcja. Potem grupa spotkała się "
            "z kolejną Spółdzielnią Socjalną. Sponsorem wyjazdu była Fundacja „Orlen”.")._.visit
    names = [h.name for h in v.hosts]
    assert "Pierwsza Spółdzielnia" not in names and "Spółdzielnia Socjalna" not in names
    assert "Fundacja „Orlen”" not in names


def test_a_coordinated_founder_is_a_founder_too(nlp):
    v = nlp("Uczestnicy odwiedzili Spółdzielnię Socjalną „Wspólny Stół”, którą utworzyły "
            "Stowarzyszenie Wydawnicze „Barki” oraz Stowarzyszenie Sportowe „Barka”.")._.visit
    assert [h.name for h in v.hosts] == ["Spółdzielnia Socjalna „Wspólny Stół”"]


def test_founding_subject_and_people_from_an_institution_are_no_hosts(nlp):
    v = nlp("Stowarzyszenie „Zdrój” utworzyło wieś tematyczną „Wioska Miodowa”, którą odwiedzili "
            "uczestnicy. Na kolejny wyjazd pojadą osoby niepełnosprawne z Warsztatów Terapii "
            "Zajęciowej w Zielonej Górze.")._.visit
    names = [h.name for h in v.hosts]
    assert "Stowarzyszenie „Zdrój”" not in names and "Warsztaty Terapii Zajęciowej" not in names


def test_a_list_goes_on_after_an_operator(nlp):
    v = nlp("Grupa odwiedziła Dom Dziennego Pobytu w Żalinowie, prowadzony przez Spółdzielnię "
            "Socjalną „Wigor”, Centrum Integracji Społecznej w Brzegu oraz Fundację „Help”.")._.visit
    assert ("Centrum Integracji Społecznej", "Brzeg") in [(h.name, h.city) for h in v.hosts]


def test_site_name_above_and_signature_below_are_no_hosts(nlp):
    text = ("Stowarzyszenie „Humanus”\n\nWizyta studyjna\n\nUczestnicy odwiedzili Fundację „Promyk” "
            "w Kielcach.\n\nPedagog i pracownik socjalny\nCentrum Integracji Społecznej im. Jacka "
            "Kuronia\n\nGaleria")
    assert [h.name for h in nlp(text)._.visit.hosts] == ["Fundacja „Promyk”"]

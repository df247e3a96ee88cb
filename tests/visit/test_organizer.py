"""The organiser when the report does not say "zorganizować" (extract/visit/organizer.py)."""


def test_realised_by_subject(nlp):
    v = nlp("W dniu 12 marca Ośrodek Wsparcia Ekonomii Społecznej zrealizował wizytę studyjną dla "
            "grupy kilkunastu osób. Goście odwiedzili Spółdzielnię Socjalną „Razem” w Opolu.")._.visit
    assert v.organizer._.base == "Ośrodek Wsparcia Ekonomii Społecznej"
    assert "Ośrodek Wsparcia Ekonomii Społecznej" not in [h.name for h in v.hosts]


def test_invitation_subject(nlp):
    v = nlp("W maju Regionalny Ośrodek Polityki Społecznej w Opolu zaprosił przedstawicieli gmin "
            "na wyjazd do Krakowa.")._.visit
    assert v.organizer._.base == "Regionalny Ośrodek Polityki Społecznej"
    assert v.organizer._.attrs["city"] == "Opole"


def test_project_owner_in_genitive(nlp):
    v = nlp("W dniach 3-4 czerwca 2019 r. w ramach projektu Mazowieckiego Centrum Polityki Społecznej "
            "odbyła się wizyta w Spółdzielni Socjalnej „Dobre Ręce” w Radomiu.")._.visit
    assert v.organizer is not None
    assert v.organizer._.base == "Mazowieckie Centrum Polityki Społecznej"
    assert v.organizer_rule == "organizer:project_owner"


def test_no_cue_no_organizer(nlp):
    v = nlp("Uczestnicy odwiedzili Fundację „Wiatrak” w Bydgoszczy i Stowarzyszenie „Tęcza” w Toruniu.")._.visit
    assert v.organizer is None


def test_subject_nearest_the_verb_not_an_agent_of_another_participle(nlp):
    v = nlp("W związku z konkursem ogłoszonym przez Urząd Marszałkowski Województwa Lubuskiego "
            "Spółdzielnia Socjalna „Razem” zorganizowała w czerwcu wizytę studyjną.")._.visit
    assert v.organizer._.base == "Spółdzielnia Socjalna „Razem”"


def test_support_offered_by_frames_the_visit(nlp):
    v = nlp("W dniach 9-10 września odbyła się wizyta w ramach wsparcia, jakie oferuje Jurajski "
            "Ośrodek Wsparcia Ekonomii Społecznej.")._.visit
    assert v.organizer._.base == "Jurajski Ośrodek Wsparcia Ekonomii Społecznej"


def test_a_project_mentioned_as_a_topic_does_not_name_the_organizer(nlp):
    v = nlp("Uczestnicy zapoznali się z pilotażem projektu, realizowanego przez Miejski Ośrodek "
            "Pomocy Społecznej w Olsztynie.")._.visit
    assert v.organizer is None


def test_first_person_author_that_took_part(nlp):
    v = nlp("W maju Stowarzyszenie „Dolina Rzeki” wzięło udział w wyjeździe studyjnym. "
            "Pojechaliśmy na Warmię, gdzie odwiedziliśmy Fundację „Promyk” w Olsztynie.")._.visit
    assert v.organizer._.base == "Stowarzyszenie „Dolina Rzeki”"
    assert v.organizer_rule == "organizer:first_person_author"


def test_organiser_of_a_dinner_is_not_the_visits(nlp):
    v = nlp("Podczas uroczystej kolacji przygotowanej przez Spółdzielnię Socjalną „Przystań” "
            "rozmawiano o pracy.")._.visit
    assert v.organizer is None
    v = nlp("W maju odbyła się wizyta studyjna w 2017 roku organizowana przez Regionalny Ośrodek "
            "Polityki Społecznej w Białymstoku.")._.visit
    assert v.organizer._.base == "Regionalny Ośrodek Polityki Społecznej"

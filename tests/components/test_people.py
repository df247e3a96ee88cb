"""People: names in oblique cases, titles dropped, roles and organisations."""


def people(nlp, text):
    return {s._.base: s._.attrs for s in nlp(text).spans["people"]}


def test_titled_name_in_instrumental(nlp):
    found = people(nlp, "W kolejnym dniu delegaci spotkali się z Panem Jarosławem Pileckim, prezesem "
                        "Wielobranżowej Spółdzielni Socjalnej „Arte” w Bielawie.")
    assert "Jarosław Pilecki" in found
    assert found["Jarosław Pilecki"]["role"] == "prezes"
    assert found["Jarosław Pilecki"]["organization"] == "Wielobranżowa Spółdzielnia Socjalna „Arte”"


def test_accusative_name_after_agent(nlp):
    found = people(nlp, "Centrum Integracji Społecznej w Bystrzycy Kłodzkiej kierowane przez Panią Czesławę Żebrowską.")
    assert "Czesława Żebrowska" in found


def test_role_abbreviation_expanded(nlp):
    found = people(nlp, "Pierwszego dnia Pani Ewa Żmuda, z-ca dyrektora Wrocławskiego Centrum Integracji, "
                        "przedstawiła działalność.")
    assert found["Ewa Żmuda"]["role"] == "zastępca dyrektora"


def test_role_before_name(nlp):
    found = people(nlp, "Gości przywitał wicestarosta łomżyński Krzysztof Kozicki.")
    assert "Krzysztof Kozicki" in found
    assert found["Krzysztof Kozicki"]["role"] == "wicestarosta łomżyński"


def test_patrons_are_not_people(nlp):
    found = people(nlp, "Odwiedzili Dom Pomocy Społecznej im. Jana Pawła II w Kielcach.")
    assert found == {}


def test_initial_and_surname(nlp):
    assert "B. Komorowski" in people(nlp, "Spółdzielnię nagrodził prezydent B. Komorowski.")


def test_compound_role_before_name(nlp):
    found = people(nlp, "Gości powitał Burmistrz Dobiegniewa Leszek Waloch, a następnie Zastępca Burmistrza "
                        "Sylwia Łaźniewska przedstawiła program.")
    assert found["Leszek Waloch"]["role"] == "burmistrz Dobiegniewa"
    assert found["Sylwia Łaźniewska"]["role"] == "zastępca burmistrza"


def test_role_after_the_persons_institution(nlp):
    found = people(nlp, "Głos zabrała Jagoda Jóźwik z PCPR w Płocku, kierownik działu pomocy rodzinie.")
    assert found["Jagoda Jóźwik"]["role"] == "kierownik działu pomocy rodzinie"


def test_role_abbreviation_in_phrase_expanded(nlp):
    found = people(nlp, "Spółdzielnię nagrodził Prezydent RP B. Komorowski.")
    assert found["B. Komorowski"]["role"] == "prezydent Rzeczypospolitej Polskiej"


def test_roles_in_lists(nlp):
    found = people(nlp, "W spotkaniu uczestniczyli: Marek Lis (wójt), Zofia Kot (skarbnik) oraz Piotr Mazur.")
    assert found["Marek Lis"]["role"] == "wójt" and found["Zofia Kot"]["role"] == "skarbnik"
    found = people(nlp, "Dyrektor: Anna Bielawska-Jutrzenka, Zastępcą Dyrektora: Katarzyna Grada.")
    assert found["Anna Bielawska-Jutrzenka"]["role"] == "dyrektor"
    assert found["Katarzyna Grada"]["role"] == "zastępca dyrektora"
    found = people(nlp, "Zajęcia prowadzili pracownicy Zakładu Pracy Socjalnej: Kinga Przybyszewska i Artur Cygan.")
    assert found["Artur Cygan"]["role"] == "pracownik"


def test_streets_and_namesakes_are_not_people(nlp):
    assert people(nlp, "Spotkanie odbyło się przy ul. Marii Konopnickiej 5 w Lublinie.") == {}
    assert people(nlp, "Na placu Adama Mickiewicza stoi pomnik.") == {}
    doc = nlp("Uczestnicy zwiedzili Muzeum Jana Kochanowskiego w Czarnolesie.")
    assert not doc.spans["people"]
    assert [s._.base for s in doc.spans["institutions"]] == ["Muzeum Jana Kochanowskiego"]

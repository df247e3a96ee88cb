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
    # the unit after the function is an organisation, not part of the role; the person is "z PCPR"
    assert found["Jagoda Jóźwik"]["role"] == "kierownik"
    assert found["Jagoda Jóźwik"]["organization_rule"] == "org_z_after_name"


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


def test_head_of_a_gmina_named_in_the_genitive(nlp):
    found = people(nlp, "Uczestników powitał Wójt Gminy Kłodawa Tadeusz Brzeziński.")
    assert found["Tadeusz Brzeziński"]["role"] == "wójt"
    assert found["Tadeusz Brzeziński"]["organization"] == "Gmina Kłodawa"


def test_place_and_adjective_stay_in_the_role(nlp):
    found = people(nlp, "Na spotkanie przyszedł sołtys Zalesia Jan Kowalczyk, a potem starosta "
                        "kaliski Marian Zieliński.")
    assert found["Jan Kowalczyk"]["role"] == "sołtys Zalesia"
    assert found["Marian Zieliński"]["role"] == "starosta kaliski"


def test_name_dash_role_institution_list(nlp):
    found = people(nlp, "Program przedstawili: Ewa Majewska – dyrektor Centrum Usług Społecznych w Ełku, "
                        "Piotr Nowicki – zastępca dyrektora Powiatowego Urzędu Pracy.")
    assert found["Ewa Majewska"]["role"] == "dyrektor"
    assert found["Ewa Majewska"]["organization"] == "Centrum Usług Społecznych"
    assert found["Piotr Nowicki"]["role"] == "zastępca dyrektora"


def test_bare_organisation_noun_refers_to_the_named_one(nlp):
    found = people(nlp, "Grupa zwiedziła Spółdzielnię Socjalną „Przystań” w Kolnie. Historię opowiedziała "
                        "prezes spółdzielni Maria Dąbrowska.")
    assert found["Maria Dąbrowska"]["role"] == "prezes"
    assert found["Maria Dąbrowska"]["organization"] == "Spółdzielnia Socjalna „Przystań”"


def test_role_once_for_a_listed_group(nlp):
    found = people(nlp, "Gości przyjęli przedstawiciele Stowarzyszenia „Razem”: Anna Wróbel, "
                        "Tomasz Lis i Marta Sowa.")
    for name in ("Anna Wróbel", "Tomasz Lis", "Marta Sowa"):
        assert found[name]["role"] == "przedstawiciel", name
        assert found[name]["organization"] == "Stowarzyszenie „Razem”", name


def test_role_between_title_and_name_is_not_part_of_the_name(nlp):
    found = people(nlp, "O pracy warsztatów opowiedziała Pani Kierownik Halina Górska.")
    assert "Halina Górska" in found and found["Halina Górska"]["role"] == "kierownik"


def test_adjective_of_the_organisation_is_not_in_the_role(nlp):
    found = people(nlp, "Oprowadzał nas Adam Wilk, pracownik ełckiego Centrum Integracji Społecznej.")
    assert found["Adam Wilk"]["role"] == "pracownik"


def test_role_right_after_the_name_without_a_comma(nlp):
    found = people(nlp, "Wykład wygłosiła Pani Ewa Sikora ekspertka w zakresie pomocy społecznej.")
    assert found["Ewa Sikora"]["role"] == "ekspertka w zakresie pomocy społecznej"
    found = people(nlp, "Odbyła się prelekcja Pana Adama Nowaka Wicestarosty Kolneńskiego o zatrudnieniu.")
    assert found["Adam Nowak"]["role"] == "wicestarosta kolneński"


def test_role_in_a_relative_clause(nlp):
    found = people(nlp, "Następnie głos zabrał Pan Jerzy Malinowski, który jest prezesem fundacji.")
    assert found["Jerzy Malinowski"]["role"] == "prezes"


def test_group_introduced_by_a_dash(nlp):
    found = people(nlp, "W szkoleniu wzięło udział trzech nauczycieli - Anna Lis, Ewa Kruk oraz Jan Sowa.")
    assert {found[n]["role"] for n in ("Anna Lis", "Ewa Kruk", "Jan Sowa")} == {"nauczyciel"}


def test_labels_of_the_next_person_are_not_this_ones_role(nlp):
    found = people(nlp, "Prezes: Jan Kos, Wiceprezes: Ewa Mazur.")
    assert found["Jan Kos"]["role"] == "prezes" and found["Ewa Mazur"]["role"] == "wiceprezes"


def test_organisation_named_with_dla(nlp):
    found = people(nlp, "Pan Piotr Kwiatkowski Dyrektor Domów dla Dzieci w Sopocie opowiedział o pieczy.")
    assert found["Piotr Kwiatkowski"]["role"] == "dyrektor"
    assert found["Piotr Kwiatkowski"]["organization"] == "Domy dla Dzieci"


def test_fullest_mention_of_the_organisation(nlp):
    text = ("Gości przyjęło Elbląskie Centrum Pomocy Rodzinie. Powitała ich Pani Ewa Wrona – dyrektor "
            "Elbląskiego Centrum.")
    found = people(nlp, text)
    assert found["Ewa Wrona"]["organization"] == "Elbląskie Centrum Pomocy Rodzinie"


def test_couple_sharing_a_plural_surname(nlp):
    found = people(nlp, "Na miejscu przywitali nas państwo Tomasz i Ewa Kowalscy, właściciele "
                        "Gospodarstwa „Pod Lipą”.")
    assert {"Tomasz Kowalski", "Ewa Kowalska"} <= set(found)
    assert found["Tomasz Kowalski"]["role"] == found["Ewa Kowalska"]["role"] == "właściciel"
    found = people(nlp, "Wioskę pokazali nam Marek i Anna Wróblowie.")
    assert {"Marek Wróbel", "Anna Wróbel"} <= set(found)


def test_foreign_names_in_a_list_of_name_dash_role(nlp):
    text = ("Stronę duńską reprezentowali: Mette Frederiksen – dyrektor Wydziału Spraw Socjalnych, "
            "Lars Holm – kierownik projektu, Sven Dahl – koordynator wolontariatu.")
    found = people(nlp, text)
    assert found["Mette Frederiksen"]["role"] == "dyrektor"
    assert found["Lars Holm"]["role"] == "kierownik projektu"
    assert found["Lars Holm"]["organization"] is None  # the next item's institution is not his
    assert "Sven Dahl" in found


def test_adjective_before_an_initialism_belongs_to_the_organisation(nlp):
    found = people(nlp, "Ewa Pająk, kierowniczka gorlickiego OPS, mówiła o usługach opiekuńczych.")
    assert found["Ewa Pająk"]["role"] == "kierowniczka"


def test_organisation_after_an_inserted_phrase(nlp):
    found = people(nlp, "Rozmawialiśmy z Panem Adamem Wolskim, prezesem nagradzanej za swoją pracę, "
                        "Spółdzielni Socjalnej „Kuźnia” w Ełku.")
    assert found["Adam Wolski"]["role"] == "prezes"
    assert found["Adam Wolski"]["organization"] == "Spółdzielnia Socjalna „Kuźnia”"


def test_long_roles_keep_their_complements(nlp):
    text = ("Projekt przedstawili: Jan Lis – koordynator projektu „Zdrowy Styl Życia”, Iwona Mak pracownik "
            "projektu odpowiedzialny za promocję i informację, Piotr Kos – z-ca dyrektora ds. kultury i sportu.")
    found = people(nlp, text)
    assert found["Jan Lis"]["role"] == "koordynator projektu „Zdrowy Styl Życia”"
    assert found["Iwona Mak"]["role"] == "pracownik projektu odpowiedzialny za promocję i informację"
    assert found["Piotr Kos"]["role"] == "zastępca dyrektora do spraw kultury i sportu"


def test_bare_organisation_named_in_an_earlier_role(nlp):
    text = ("Gości przyjęli: Adam Maj – wicestarosta Powiatu Kolneńskiego, pani Ewa Sowa – Skarbnik Powiatu.")
    found = people(nlp, text)
    assert found["Adam Maj"]["organization"] == "Powiat Kolneński"
    assert found["Ewa Sowa"]["role"] == "skarbnik"
    assert found["Ewa Sowa"]["organization"] == "Powiat Kolneński"


def test_common_nouns_in_a_role_are_lower_case(nlp):
    found = people(nlp, "Spotkanie poprowadził Prezes Zarządu Fundacji „Aktywni” Tomasz Zieliński.")
    assert found["Tomasz Zieliński"]["role"] == "prezes zarządu"
    assert found["Tomasz Zieliński"]["organization"] == "Fundacja „Aktywni”"


def test_coordinated_organisation_after_a_role(nlp):
    found = people(nlp, "Uczestników przywitał Burmistrz Miasta i Gminy Pleszew Arkadiusz Ptak.")
    assert found["Arkadiusz Ptak"]["role"] == "burmistrz"
    assert found["Arkadiusz Ptak"]["organization"] == "Miasto i Gmina Pleszew"

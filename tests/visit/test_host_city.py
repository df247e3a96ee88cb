"""Host cities chosen by the city model among the text's localities (extract/visit/host_city.py)."""
from extract.visit.host_city import CityModel, MODEL_FILE


def _hosts(nlp, text):
    return {h.name: h.city for h in nlp(text)._.visit.hosts}


def test_locative_after_the_name_wins(nlp):
    hosts = _hosts(nlp, "Uczestnicy wizyty odwiedzili Spółdzielnię Socjalną „Przystań” w Gdyni.")
    assert hosts == {"Spółdzielnia Socjalna „Przystań”": "Gdynia"}


def test_origin_of_the_visitors_is_not_the_city(nlp):
    hosts = _hosts(nlp, "Pracownicy ośrodka z Legnicy pojechali na wizytę studyjną. Następnie "
                        "odwiedzili Fundację „Promyk”.")
    assert hosts.get("Fundacja „Promyk”") != "Legnica"


def test_sentence_placing_the_visit(nlp):
    hosts = _hosts(nlp, "W Krakowie uczestnicy odwiedzili Centrum Integracji Społecznej.")
    assert hosts == {"Centrum Integracji Społecznej": "Kraków"}


def test_model_file_is_shipped_with_its_figures():
    model = CityModel.load(str(MODEL_FILE))
    assert model is not None and 0 < model.threshold < 1
    assert model.weights["w_place_after"] > 0 > model.weights["sentences_back_3"]


def test_unit_takes_the_locality_of_its_parent(nlp):
    hosts = _hosts(nlp, "Uczestnicy zapoznali się z działalnością Warsztatów Terapii Zajęciowej przy "
                        "Domu Pomocy Społecznej Zgromadzenia Sióstr w Wadowicach.")
    assert hosts.get("Warsztaty Terapii Zajęciowej") == "Wadowice"


def test_locality_in_brackets_after_the_name(nlp):
    hosts = _hosts(nlp, "Odwiedzone instytucje:\n- Stowarzyszenie „My dla Innych” (Białystok) – "
                        "prezentacja mieszkań wspomaganych.")
    assert hosts.get("Stowarzyszenie „My dla Innych”") == "Białystok"


def test_relative_clause_and_quoted_coordination_place_the_host(nlp):
    hosts = _hosts(nlp, "Pierwszym miejscem była Miodowa Wioska, która znajduje się w Sanoku.")
    assert hosts.get("Miodowa Wioska") == "Sanok"
    hosts = _hosts(nlp, "Po zwiedzeniu Izby Regionalnej oraz „Skarbczyka” w Ustrzykach Dolnych uczestnicy wrócili.")
    assert hosts.get("Izba Regionalna") == "Ustrzyki Dolne"


def test_the_previous_hosts_locality_is_not_carried_to_the_next(nlp):
    hosts = _hosts(nlp, "Najpierw odbyło się spotkanie w Fundacji „Promyk” w Puszczykowie. Następnie "
                        "odbyło się spotkanie w Centrum Integracji Społecznej „Piątkowo”.")
    assert hosts["Fundacja „Promyk”"] == "Puszczykowo"
    assert hosts["Centrum Integracji Społecznej „Piątkowo”"] is None


def test_a_reference_back_keeps_the_hosts_locality(nlp):
    hosts = _hosts(nlp, "Odwiedzili Fundację Dobroczynną w Konarach. W swoich strukturach posiada "
                        "ona Warsztaty Terapii Zajęciowej.")
    assert hosts.get("Warsztaty Terapii Zajęciowej") == "Konary"


def test_the_gmina_after_a_village_is_not_the_hosts_city(nlp):
    hosts = _hosts(nlp, "Z Krakowa udaliśmy się do Zawoi w Gminie Maków Podhalański do Spółdzielni "
                        "Socjalnej „Przystań”.")
    assert hosts.get("Spółdzielnia Socjalna „Przystań”") == "Zawoja"


def test_a_foreign_locative_before_a_foreign_city(nlp):
    hosts = _hosts(nlp, "Odwiedziliśmy też Restaurację Buon Gusto a Padova.")
    assert hosts.get("Restauracja Buon Gusto") == "Padwa"

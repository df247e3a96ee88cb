"""The dates component on real Polish report sentences: every range form, single days,
year inference, non-dates, and the visit date chosen over publication/other dates."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy

from extract.dates.factory import visit_dates
from extract.components.tokenizer import create_tokenizer
from extract.dates import find_dates, visit_dates_in_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("pl")
    nlp.tokenizer = create_tokenizer()(nlp)
    nlp.add_pipe("wizyty_dates")
    return nlp


_DOCS = []  # spans need their Doc alive


def spans(nlp, text):
    doc = nlp(text)
    _DOCS.append(doc)
    return list(doc.spans["dates"])


# ---- every range form ------------------------------------------------------------------
RANGES = [
    ("Regionalny Ośrodek Polityki Społecznej w Białymstoku zorganizował w dniach 5-8 lipca 2011 r. "
     "wizytę studyjną.", "5-8 lipca 2011 r.", "2011-07-05", "2011-07-08", "range_day_day_month_year"),
    ("W dniach 22-25.08.2016 r. odbyła się wizyta studyjna w Toruniu.",
     "22-25.08.2016 r.", "2016-08-22", "2016-08-25", "range_numeric_day_full"),
    ("W dniach 29-30 marca 2012 roku odbyła się dwudniowa wizyta studyjna.",
     "29-30 marca 2012 roku", "2012-03-29", "2012-03-30", "range_day_day_month_year"),
    ("Wizyta studyjna trwała od 3 do 5 marca 2015 r.",
     "od 3 do 5 marca 2015 r.", "2015-03-03", "2015-03-05", "range_day_day_month_year"),
    ("Uczestnicy odwiedzili spółdzielnie 23 i 24 maja 2019 r.",
     "23 i 24 maja 2019 r.", "2019-05-23", "2019-05-24", "range_day_day_month_year"),
    ("W dniach 20-23.10.2018 grupa przedstawicieli OPS gościła w Gdańsku.",
     "20-23.10.2018", "2018-10-20", "2018-10-23", "range_numeric_day_full"),
    ("Uczestnicy wizyty studyjnej do Wrocławia 5-8 wrzesień 2017",
     "5-8 wrzesień 2017", "2017-09-05", "2017-09-08", "range_day_day_month_year"),
    ("Wizyta studyjna do województwa małopolskiego 13-16.11.2017 r.",
     "13-16.11.2017 r.", "2017-11-13", "2017-11-16", "range_numeric_day_full"),
    ("W dniach 27–29 sierpnia 2019 r. odbyła się wizyta studyjna do podmiotów ekonomii społecznej.",
     "27–29 sierpnia 2019 r.", "2019-08-27", "2019-08-29", "range_day_day_month_year"),
    ("W dniach  15 – 18 maja 2018 roku Stowarzyszenie zorganizowało wyjazd studyjny.",
     "15 – 18 maja 2018 roku", "2018-05-15", "2018-05-18", "range_day_day_month_year"),
    ("W dniach 26 - 28 czerwca 2023 r. 40 osób wzięło udział w wyjeździe.",
     "26 - 28 czerwca 2023 r.", "2023-06-26", "2023-06-28", "range_day_day_month_year"),
    ("W dniach 30 września - 2 października 2019 r. odbyła się wizyta studyjna.",
     "30 września - 2 października 2019 r.", "2019-09-30", "2019-10-02", "range_day_month_day_month_year"),
    ("Wyjazd trwał od 30 grudnia 2019 r. do 2 stycznia 2020 r.",
     "od 30 grudnia 2019 r. do 2 stycznia 2020 r.", "2019-12-30", "2020-01-02",
     "range_day_month_day_month_year"),
    ("Wizyta trwała 30 grudnia - 2 stycznia 2020 r.",
     "30 grudnia - 2 stycznia 2020 r.", "2019-12-30", "2020-01-02", "range_day_month_day_month_year"),
    ("W dniach 22.06.-24.06.2015r. członkowie zespołu wzięli udział w wyjeździe studyjnym.",
     "22.06.-24.06.2015r.", "2015-06-22", "2015-06-24", "range_numeric_daymonth_full"),
    ("W dniach 09.08.2021-13.08.2021 odbył się wyjazd studyjny na Litwę.",
     "09.08.2021-13.08.2021", "2021-08-09", "2021-08-13", "range_numeric_full_full"),
    ("W ramach projektu w dniach 13-15.05. 2024 odbyła się Wizyta studyjna.",
     "13-15.05. 2024", "2024-05-13", "2024-05-15", "range_numeric_day_full"),
    ("Przez dwa dni (27-28.10.2014r.) pracownicy pomocy społecznej przypatrywali się pracy.",
     "27-28.10.2014r.", "2014-10-27", "2014-10-28", "range_numeric_day_full"),
    ("W dniach 5-8 IX 2019 r. odbyła się wizyta.",
     "5-8 IX 2019 r.", "2019-09-05", "2019-09-08", "range_day_day_monthnum_year"),
    ("Spotkania odbyły się 23, 24 i 25 maja 2019 r.",
     "23, 24 i 25 maja 2019 r.", "2019-05-23", "2019-05-25", "range_day_day_month_year"),
    ("W dniach 05-06. września 2013 r. grupa odwiedziła Kraków.",
     "05-06. września 2013 r.", "2013-09-05", "2013-09-06", "range_day_day_month_year"),
    ("Wyjazd trwał 6-5 października 2016 r., bo tak zapisano w sprawozdaniu.",
     "6-5 października 2016 r.", "2016-10-05", "2016-10-06", "range_day_day_month_year"),
    ("Wizyta odbyła się w terminie 19.04.2018 – 18.04.2018 w Gnieźnie.",
     "19.04.2018 – 18.04.2018", "2018-04-18", "2018-04-19", "range_numeric_full_full"),
    ("W dniach 3-4 WRZEŚNIA 2015 R. uczestnicy poznali spółdzielnie.",
     "3-4 WRZEŚNIA 2015 R.", "2015-09-03", "2015-09-04", "range_day_day_month_year"),
    ("W dniach 14-16 pazdziernika 2014 r. trwała wizyta.",
     "14-16 pazdziernika 2014 r.", "2014-10-14", "2014-10-16", "range_day_day_month_year"),
    ("Grupa nocowała w Sopocie w dniach 14/15 maja 2022 r.",
     "14/15 maja 2022 r.", "2022-05-14", "2022-05-15", "range_day_day_month_year"),
    ("ADA: Transfer Wiedzy 2014-03-23 - 2014-03-27 - Włochy",
     "2014-03-23 - 2014-03-27", "2014-03-23", "2014-03-27", "range_iso_iso"),
]


@pytest.mark.parametrize("text,mention,start,end,rule", RANGES)
def test_range_forms(nlp, text, mention, start, end, rule):
    found = spans(nlp, text)
    assert [s.text for s in found] == [mention]
    span = found[0]
    assert span._.attrs == {"start": start, "end": end, "year_inferred": False}
    assert span._.base == f"{start}/{end}"
    assert span._.rule == rule
    assert text[span.start_char:span.end_char] == mention


SINGLES = [
    ("W dniu 28.10.2016 r pracownicy socjalni uczestniczyli w wizycie studyjnej.",
     "28.10.2016 r", "2016-10-28", "numeric_day_month_year"),
    ("Wyjazd studyjny do Cottbus w dniu 07.10.2021 r.", "07.10.2021 r.", "2021-10-07",
     "numeric_day_month_year"),
    ("W dniu 15 października 2018 r. wraz z grupą osób wybraliśmy się do Piły.",
     "15 października 2018 r.", "2018-10-15", "day_month_year"),
    ("2014-03-23", "2014-03-23", "2014-03-23", "iso"),
    ("Spotkanie odbyło się 5.IX.2019 r. w Kielcach.", "5.IX.2019 r.", "2019-09-05", "day_monthnum_year"),
    ("Spotkanie odbyło się 5 wrz. 2019 w Kielcach.", "5 wrz. 2019", "2019-09-05", "day_monthnum_year"),
    ("Data wizyty: 12.05.19", "12.05.19", "2019-05-12", "numeric_day_month_year"),
    ("Spotkanie w Łodzi odbyło się 7. listopada 2017 r.", "7. listopada 2017 r.", "2017-11-07", "day_month_year"),
    ("Wyjechaliśmy 12 pażdziernika 2019 r. rano.", "12 pażdziernika 2019 r.", "2019-10-12",
     "day_month_year:month_by_dateparser"),
]


@pytest.mark.parametrize("text,mention,iso,rule", SINGLES)
def test_single_days(nlp, text, mention, iso, rule):
    found = spans(nlp, text)
    assert [s.text for s in found] == [mention]
    assert found[0]._.base == iso
    assert found[0]._.attrs == {"start": iso, "end": iso, "year_inferred": False}
    assert found[0]._.rule == rule


# ---- not dates -------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Nie wiadomo, czy się uda. Nie było się gdzie podziać.",
    "Maja przyszła na spotkanie w maju, a w marcu nie.",
    "Program Operacyjny Województwa Kujawsko-Pomorskiego na lata 2014-2020, Oś Priorytetowa 9, "
    "Działanie 9.4, Poddziałanie 9.4.2 Koordynacja sektora ekonomii społecznej.",
    "Fundusze Europejskie dla Rozwoju Społecznego 2021-2027, działania 04.13 Wysokiej jakości system.",
    "Plan Operacyjny na lata 2022-2023; laureaci Konkursu Znak Jakości Ekonomii Społecznej 2023.",
    "Siedziba mieści się przy ul. 3 Maja 12, a filia przy al. 11 Listopada 5.",
    "KRS: 0000184388 | NIP: 8621573340 | godz. 10.00-12.00, tel. 85 123 45 67",
    "W okresie luty 2010 – lipiec 2011 Ośrodek brał udział w projekcie.",
    "Uchwała Nr XIV/266/20 Rady Miejskiej.",
    "Spółdzielnia działa od 2008 roku i zatrudnia 31 osób.",
    "Regionalny Program Operacyjny, Oś 9 X 2014-2020.",
    "Am 12. Mai hatten zwanzig Bürger der beiden Partnerstädte die Gelegenheit.",
    "Na targach było 5 marketów budowlanych i 3 listy obecności.",
    "Lista uczestników: 1. Maja Nowak, 2. Lipa Kowalska.",
    "Od 28-5 maja trwał nabór.",
])
def test_not_dates(nlp, text):
    assert spans(nlp, text) == []


# ---- missing year ------------------------------------------------------------------------
def test_number_after_a_numeric_date_is_no_year():
    found = find_dates("W dniach 5-8.07. 20 uczestników odwiedziło spółdzielnie.")
    assert [(d.mention.text, d.start) for d in found] == [("5-8.07.", None)]


def test_year_from_publication_date(nlp):
    text = ("Data publikacji: 01.09.2021\n\n"
            "W dniach 25-26 sierpnia odbył się wyjazd studyjny uczestników Klubu Integracji Społecznej.")
    doc = nlp(text)
    visit = [s for s in doc.spans["dates"] if s.text == "25-26 sierpnia"][0]
    assert visit._.attrs == {"start": "2021-08-25", "end": "2021-08-26", "year_inferred": True}
    start, end, span, rule = visit_dates(doc)
    assert (start, end) == ("2021-08-25", "2021-08-26")
    assert span.text == "25-26 sierpnia" and "year_from_publication" in rule


def test_br_takes_the_report_year(nlp):
    text = "Opublikowano: 12.10.2016\nW dniach 6-7 września br. uczestniczyliśmy w wizycie studyjnej."
    assert visit_dates(nlp(text))[:2] == ("2016-09-06", "2016-09-07")


def test_ub_r_is_the_previous_year():
    text = "2016-02-01\nW dniach 6-7 września ub.r. odbyła się wizyta studyjna."
    assert visit_dates_in_text(text).start == "2015-09-06"


def test_year_from_another_full_date(nlp):
    text = ("W dniach 22.06.-24.06.2015r. członkowie zespołu wzięli udział w wyjeździe studyjnym.\n"
            "Dnia 24 czerwca podsumowano wizytę studyjną.")
    last = spans(nlp, text)[-1]
    assert last.text == "24 czerwca"
    assert last._.attrs == {"start": "2015-06-24", "end": "2015-06-24", "year_inferred": True}


def test_project_edition_is_no_year_of_the_report():
    # only a publication date or another full date gives a missing year
    text = ("W dniach 25-26 sierpnia odbył się wyjazd studyjny.\n"
            "Wyjazd został zrealizowany w ramach projektu „Od wykluczenia do aktywizacji. Edycja 2021”.")
    c = visit_dates_in_text(text)
    assert (c.start, c.end) == (None, None) and c.rule.startswith("year_unknown")


def test_december_visit_in_a_january_report_is_last_year():
    text = "2016-01-10\nW dniach 28-30 grudnia odbyła się wizyta studyjna w Krakowie."
    assert visit_dates_in_text(text).start == "2015-12-28"


@pytest.mark.parametrize("text", [
    "Wizyta studyjna, która miała miejsce 10 maja, była rezultatem współpracy.",
    "W dniach 6-7 września br. uczestniczyliśmy w wizycie studyjnej w województwie zachodniopomorskim.",
    "W dniach 27–29 sierpnia odbyła się wizyta studyjna. Projekt w ramach programu FERS 2021-2027.",
    "W dniach 26 - 28 czerwca 40 osób wyjechało. Plan Operacyjny na lata 2022-2023.",
    "W dniach 20-24 sierpnia jako laureaci Konkursu Znak Jakości Ekonomii Społecznej 2023 "
    "odwiedziliśmy Włochy. Spółdzielnia powstała w 1980 roku.",
])
def test_no_year_anywhere_gives_null(nlp, text):
    doc = nlp(text)
    start, end, span, rule = visit_dates(doc)
    assert (start, end) == (None, None)
    assert span is not None and rule.startswith("year_unknown")
    assert span._.attrs["start"] is None and span._.base.startswith("--")


# ---- choosing the visit's dates -------------------------------------------------------
def test_publication_date_not_chosen(nlp):
    text = ("Załaduj kalendarz\n2016-11-02\n\nRelacja z wizyty studyjnej w GOPS w Polance Wielkiej\n\n"
            "W dniu 28.10.2016 r pracownicy socjalni uczestniczyli w wizycie studyjnej.")
    start, end, span, _ = visit_dates(nlp(text))
    assert (start, end) == ("2016-10-28", "2016-10-28")
    assert span.text == "28.10.2016 r"


def test_heading_range_over_publication_line(nlp):
    text = ("Aktualności\nADA: Transfer Wiedzy 23-27.03.2014 - Włochy\n2014-04-02\n"
            "Po raz kolejny udaliśmy się do Włoch.")
    assert visit_dates(nlp(text))[:2] == ("2014-03-23", "2014-03-27")


def test_publication_date_alone_is_not_the_visit():
    text = "Data publikacji: 12.05.2019\nWizyta studyjna w Krakowie była bardzo udana."
    assert visit_dates_in_text(text).start is None


def test_agreement_date_not_chosen():
    text = ("W dniach 20-22 września 2022r. odbył się wyjazd studyjny w ramach projektu "
            "zgodnie z Umową o przyznaniu pomocy nr 00019-6936-UM1020020/22 z dnia 29 marca 2022r.")
    assert (visit_dates_in_text(text).start, visit_dates_in_text(text).end) == ("2022-09-20", "2022-09-22")


def test_agreement_date_alone_is_not_the_visit():
    text = "Wyjazd studyjny zrealizowano zgodnie z umową z dnia 29 marca 2022 r."
    assert visit_dates_in_text(text).start is None


def test_planned_next_trip_not_chosen():
    text = ("Wyjazd studyjny do Cottbus w dniu 07.10.2021 r.\n\n"
            "Partnerzy projektu planują na 06.11.2021 r. kolejny wyjazd studyjny do Cottbus.")
    assert visit_dates_in_text(text).start == "2021-10-07"


def test_range_preferred_over_its_own_days():
    text = ("W dniu 23 czerwca 2015r. członkowie zespołu odwiedzili placówki w Olsztynie:\n"
            "W dniach 22.06.-24.06.2015r. trwała wizyta studyjna.")
    c = visit_dates_in_text(text)
    assert (c.start, c.end) == ("2015-06-22", "2015-06-24")


def test_day_by_day_account_is_one_visit():
    text = ("W dniu 22 czerwca 2015 roku odbyło się spotkanie zespołów.\n\n"
            "W dniu 23 czerwca 2015r. członkowie PZKW odwiedzili placówki w Olsztynie.\n\n"
            "Dnia 24 czerwca podsumowano wizytę studyjną.")
    c = visit_dates_in_text(text)
    assert (c.start, c.end) == ("2015-06-22", "2015-06-24") and "day_chain" in c.rule


def test_programme_of_days_is_one_visit():
    text = ("Program wizyty studyjnej:\n5 lipca 2011 r. – przyjazd do Torunia\n"
            "6 lipca 2011 r. – wizyta w CIS\n7 lipca 2011 r. – powrót")
    c = visit_dates_in_text(text)
    assert (c.start, c.end) == ("2011-07-05", "2011-07-07")


def test_unrelated_later_day_does_not_extend_a_visit():
    text = "W dniu 5 maja 2019 r. odbyła się wizyta studyjna. 12 maja 2019 r. ogłoszono konkurs."
    c = visit_dates_in_text(text)
    assert (c.start, c.end) == ("2019-05-05", "2019-05-05")


def test_first_of_several_visits():
    text = ("W dniach 5-6 maja 2019 r. odbyła się pierwsza wizyta studyjna w Krakowie. "
            "W dniach 10-12 czerwca 2019 r. odbyła się druga wizyta studyjna w Gdańsku.")
    assert visit_dates_in_text(text).start == "2019-05-05"


def test_first_of_several_trips_even_when_a_later_one_is_a_range():
    text = ("Zorganizowaliśmy dwa wyjazdy. Pierwszy, jednodniowy wyjazd odbył się dnia 14.05.2019 r. "
            "do Opola.\n\nDrugi wyjazd odbył się w dniach 3-4.06.2019 r. do spółdzielni w Nysie.")
    c = visit_dates_in_text(text)
    assert (c.start, c.end) == ("2019-05-14", "2019-05-14") and "first_trip" in c.rule


def test_a_preparatory_meeting_is_no_first_trip():
    text = ("W dniu 5 maja 2019 r. odbyło się spotkanie przygotowawcze do wyjazdu. "
            "W dniach 12-14 maja 2019 r. odbył się wyjazd studyjny do Krakowa.")
    assert (visit_dates_in_text(text).start, visit_dates_in_text(text).end) == ("2019-05-12", "2019-05-14")


def test_announced_next_visit_is_not_chosen():
    text = ("Aktualności 2019-06-01\nW dniach 12-14 maja br. odbyła się wizyta studyjna. "
            "Kolejna wizyta odbędzie się w dniach 3-4 czerwca br.")
    assert (visit_dates_in_text(text).start, visit_dates_in_text(text).end) == ("2019-05-12", "2019-05-14")


def test_a_day_inside_the_visit_range_is_no_trip_of_its_own():
    text = ("W dniu 23 czerwca 2015 r. wyjazd odbył się do Olsztyna.\n"
            "W dniach 22-24.06.2015 r. trwał wyjazd studyjny.")
    assert (visit_dates_in_text(text).start, visit_dates_in_text(text).end) == ("2015-06-22", "2015-06-24")


def test_from_a_day_on_is_no_visit_date():
    text = ("Wnioski przyjmujemy od dnia 01.08.2018 r.\n\n"
            "W dniach 25.06.2018 – 26.06.2018 pracownicy ośrodka odbyli wizytę studyjną w Gdańsku.")
    assert (visit_dates_in_text(text).start, visit_dates_in_text(text).end) == ("2018-06-25", "2018-06-26")


def test_programme_period_range_not_chosen():
    text = "Projekt realizowany w okresie od 1 stycznia 2019 r. do 31 grudnia 2020 r. w gminie."
    assert visit_dates_in_text(text).start is None


def test_visit_dates_without_the_component():
    nlp = spacy.blank("pl")
    nlp.tokenizer = create_tokenizer()(nlp)
    doc = nlp("W dniach 14-15 września 2017 r. gościliśmy w Dobiegniewie przedstawicieli 4 miast.")
    start, end, span, rule = visit_dates(doc)
    assert (start, end) == ("2017-09-14", "2017-09-15")
    assert span.text == "14-15 września 2017 r." and span._.base == "2017-09-14/2017-09-15"
    assert rule.endswith("range_day_day_month_year")


def test_no_dates_at_all(nlp):
    doc = nlp("Animatorki projektu odbyły wizytę studyjną w Centrum Usług Społecznych.")
    assert doc.spans["dates"] == [] or len(doc.spans["dates"]) == 0
    assert visit_dates(doc) == (None, None, None, "no_visit_date")


def test_text_api_matches_spans():
    text = "W dniach 5-8 lipca 2011 r. odbyła się wizyta. Umowa z dnia 3 maja 2011 r."
    assert [d.base for d in find_dates(text)] == ["2011-07-05/2011-07-08", "2011-05-03"]


# ---- dev corpus --------------------------------------------------------------------------
@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shared dev corpus not available")
def test_dev_corpus_dates_accuracy():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dev_accuracy import evaluate

    ok, n, rows = evaluate(CORPUS)
    assert n >= 30
    assert ok / n >= 0.9, [r for r in rows if r[1] != r[2]]

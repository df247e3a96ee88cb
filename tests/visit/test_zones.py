"""Where a cue stands: the visiting group's description, the aim, the heading."""
import pytest

from extract.visit.zones import ZoneCues, find_zones


@pytest.fixture(scope="module")
def zone_cues():
    return ZoneCues.load("topic_zones.csv")


def zones(nlp, zone_cues, text):
    doc = nlp.make_doc(text)
    for name in ("wizyty_sentences", "wizyty_morfeusz"):
        doc = nlp.get_pipe(name)(doc)
    return doc, find_zones(doc, zone_cues)


def words(doc, idx):
    return {doc[i].text for i in idx}


def test_participant_list_is_visitor_side(nlp, zone_cues):
    doc, z = zones(nlp, zone_cues, "W wizycie udział wzięli pracownicy spółdzielni socjalnych z Opola.")
    assert {"spółdzielni", "socjalnych", "Opola"} <= words(doc, z.visitor)


def test_visitor_side_ends_at_the_next_predicate(nlp, zone_cues):
    doc, z = zones(nlp, zone_cues, "Uczestnikami byli radni gminy, którzy poznali pracę warsztatów terapii.")
    assert "radni" in words(doc, z.visitor)
    assert "warsztatów" not in words(doc, z.visitor)


def test_meeting_with_representatives_is_host_side(nlp, zone_cues):
    doc, z = zones(nlp, zone_cues, "Grupa przyjechała na spotkanie z przedstawicielami spółdzielni socjalnej.")
    assert "spółdzielni" not in words(doc, z.visitor)


def test_representatives_presenting_are_host_side(nlp, zone_cues):
    doc, z = zones(nlp, zone_cues, "Przedstawiciele fundacji opowiedzieli o mieszkaniach treningowych.")
    assert not z.visitor


def test_on_behalf_of(nlp, zone_cues):
    doc, z = zones(nlp, zone_cues, "Z ramienia powiatowego urzędu pracy pojechała jedna osoba.")
    assert "urzędu" in words(doc, z.visitor)


def test_aim_sentence_and_heading(nlp, zone_cues):
    doc, z = zones(nlp, zone_cues, "Wizyta w Kaliszu\nCelem wyjazdu było poznanie usług opiekuńczych. "
                                   "Potem był obiad.")
    assert {"Wizyta", "Kaliszu", "usług", "opiekuńczych"} <= words(doc, z.aim)
    assert "obiad" not in words(doc, z.aim)

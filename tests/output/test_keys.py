"""Row keys come from what a row is, so they survive rule changes (extract/output/keys.py)."""
from __future__ import annotations

from extract.output.keys import assign_keys, fold, row_key
from extract.records import Extraction, Host, Person, Place, Topic, Visit


def _extraction(host_names):
    vid = "r1-abcdef12"
    return Extraction(
        visit=Visit(visit_id=vid, doc_id="r1"),
        hosts=[Host(host_id="", visit_id=vid, doc_id="r1", name=n, type="CIS", city=c)
               for n, c in host_names],
        people=[Person(person_id="", visit_id=vid, doc_id="r1", name="Jan Kowalski")],
        places=[Place(visit_id=vid, doc_id="r1", name="Łódź")],
        topics=[Topic(visit_id=vid, doc_id="r1", topic="seniorzy", score=0.9)])


def test_fold_ignores_case_diacritics_and_spacing():
    assert fold("Łódź  Bałuty") == "lodz baluty" == fold("LODZ baluty")


def test_keys_do_not_depend_on_row_order():
    a = assign_keys(_extraction([("Centrum Integracji Społecznej", "Bydgoszcz"),
                                 ("Fundacja „Wiatrak”", "Bydgoszcz")]))
    # a rule change finds one host more, before the others
    b = assign_keys(_extraction([("Klub Integracji Społecznej", "Toruń"),
                                 ("Centrum Integracji Społecznej", "Bydgoszcz"),
                                 ("Fundacja „Wiatrak”", "Bydgoszcz")]))
    assert [h.host_id for h in a.hosts] == [h.host_id for h in b.hosts[1:]]
    assert b.hosts[0].host_id not in {h.host_id for h in a.hosts}


def test_same_name_in_two_towns_are_two_hosts_and_duplicates_get_a_suffix():
    ex = assign_keys(_extraction([("Dom Pomocy Społecznej", "Lublin"),
                                  ("Dom Pomocy Społecznej", "Chełm"),
                                  ("Dom Pomocy Społecznej", "Chełm")]))
    ids = [h.host_id for h in ex.hosts]
    assert len(set(ids)) == 3
    assert ids[2] == ids[1] + "-2"


def test_every_table_gets_a_key_with_its_visit_prefix():
    ex = assign_keys(_extraction([("Fundacja Aktywni", None)]))
    vid = ex.visit.visit_id
    for rec, attr in ((ex.hosts[0], "host_id"), (ex.people[0], "person_id"),
                      (ex.places[0], "place_id"), (ex.topics[0], "topic_id")):
        assert getattr(rec, attr).startswith(vid + "-")
    assert ex.places[0].place_id == row_key(vid, "l", "Lodz")

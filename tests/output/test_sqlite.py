"""The SQLite output has keys, foreign keys, indexes, typed dates, labels and views."""
from __future__ import annotations

import sqlite3

import pytest

from extract.tables import write_tables


@pytest.fixture(scope="module")
def db(seed_frames, tmp_path_factory):
    out = tmp_path_factory.mktemp("sqlite")
    write_tables(seed_frames, out, formats="sqlite")
    con = sqlite3.connect(out / "wizyty.sqlite")
    yield con
    con.close()

def test_primary_keys(db):
    for table, key in (("visits", "visit_id"), ("hosts", "host_id"), ("people", "person_id"),
                       ("places", "place_id"), ("topics", "topic_id"), ("institution_types", "code")):
        cols = {row[1]: row[5] for row in db.execute(f"PRAGMA table_info({table})")}
        assert cols[key] == 1, table

def test_foreign_keys_hold(db, seed_frames):
    fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(hosts)")}
    assert ("visits", "visit_id") in fks and ("institution_types", "type") in fks
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    n = db.execute("SELECT COUNT(*) FROM hosts JOIN visits USING (visit_id)").fetchone()[0]
    assert n == len(seed_frames["hosts"]) > 0

def test_join_columns_are_indexed(db):
    plan = " ".join(str(r) for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM hosts WHERE visit_id = 'x'"))
    assert "idx_hosts_visit_id" in plan

def test_dates_are_typed_and_checked(db):
    types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(visits)")}
    assert types["start_date"] == "DATE" and types["participants_count"] == "INTEGER"
    years = db.execute("SELECT strftime('%Y', start_date) FROM visits WHERE start_date IS NOT NULL").fetchall()
    assert years and all(y[0].isdigit() for y in years)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO visits (visit_id, doc_id, start_date) VALUES ('x', 'x', '5 lipca 2011')")

def test_label_tables_and_views(db):
    assert db.execute("SELECT label FROM institution_types WHERE code = 'CIS'").fetchone() == \
        ("Centrum Integracji Społecznej",)
    assert db.execute("SELECT COUNT(*) FROM voivodeships").fetchone() == (16,)
    assert db.execute("SELECT COUNT(*) FROM topic_codes").fetchone() == (12,)
    row = db.execute("SELECT type_label, start_date, organizer FROM hosts_visits "
                     "WHERE type = 'CIS' LIMIT 1").fetchone()
    assert row[0] == "Centrum Integracji Społecznej"
    summary = db.execute("SELECT SUM(hosts) FROM visit_summary").fetchone()[0]
    assert summary == db.execute("SELECT COUNT(*) FROM hosts").fetchone()[0]

def test_a_new_code_gets_a_label_row(seed_frames, tmp_path):
    frames = {k: v.copy() for k, v in seed_frames.items()}
    frames["hosts"].loc[frames["hosts"].index[0], "type"] = "NOWY_KOD"
    write_tables(frames, tmp_path, formats="sqlite")
    con = sqlite3.connect(tmp_path / "wizyty.sqlite")
    try:
        assert con.execute("SELECT label FROM institution_types WHERE code='NOWY_KOD'").fetchone() == ("NOWY_KOD",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()

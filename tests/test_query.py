"""``wizyty query``: read-only SQL over a run's tables (extract/query.py)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from extract.cli import main
from extract.tables import read_tables


def _digest(folder) -> dict:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(params=["sqlite", "csv"])
def out(request, seed_out, tmp_path):
    """The seed run's folder, with its database or (csv) with the CSVs only."""
    folder = tmp_path / "out"
    shutil.copytree(seed_out, folder)
    if request.param == "csv":
        (folder / "wizyty.sqlite").unlink()
    else:  # the database is the newest file: it is the one read
        os.utime(folder / "wizyty.sqlite")
    return folder


def test_count_of_hosts_as_csv_last_line(out, capsys):
    assert main(["query", str(out), "SELECT COUNT(*) AS n FROM hosts", "--csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "n"
    assert int(lines[-1]) == len(pd.read_csv(out / "hosts.csv")) > 0


def test_join_of_visits_and_hosts(out, capsys):
    sql = ("SELECT v.doc_id, COUNT(h.host_id) AS hosts FROM visits v "
           "LEFT JOIN hosts h ON h.visit_id = v.visit_id GROUP BY v.doc_id ORDER BY v.doc_id")
    assert main(["query", str(out), sql, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    expected = read_tables(out)["hosts"].groupby("doc_id").size()
    assert {r["doc_id"]: r["hosts"] for r in rows if r["hosts"]} == expected.to_dict()


@pytest.mark.parametrize("sql", [
    "DELETE FROM hosts",
    "UPDATE hosts SET name = 'x'",
    "DROP TABLE hosts",
    "INSERT INTO visits (visit_id, doc_id) VALUES ('a', 'b')",
    "CREATE TABLE t (x)",
    "ATTACH DATABASE 'other.db' AS other",
    "PRAGMA writable_schema = 1",
    "WITH x AS (SELECT 1) DELETE FROM hosts",
])
def test_writing_statements_are_refused_and_change_nothing(out, capsys, sql):
    before = _digest(out)
    assert main(["query", str(out), sql]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1
    assert _digest(out) == before
    assert not (out / "other.db").exists()


def test_schema_lists_tables_views_and_labels(out, capsys):
    assert main(["query", str(out), "--schema"]) == 0
    text = capsys.readouterr().out
    for word in ("table hosts", "host_id TEXT PRIMARY KEY", "visit_id -> visits.visit_id",
                 "view hosts_visits", "table voivodeships", "Centrum Integracji Społecznej",
                 "ekonomia_spoleczna"):
        assert word in text


def test_bad_sql_and_missing_folder_are_one_line_errors(tmp_path, out, capsys):
    assert main(["query", str(out), "SELECT * FROM nope"]) == 2
    assert "no such table" in capsys.readouterr().err
    assert main(["query", str(tmp_path / "none"), "SELECT 1"]) == 2
    assert "no such output folder" in capsys.readouterr().err


def test_command_line_entry_point(out):
    res = subprocess.run([sys.executable, "-m", "extract", "query", str(out),
                          "SELECT name FROM hosts_visits WHERE type_label IS NOT NULL LIMIT 2", "--csv"],
                         capture_output=True, text=True, encoding="utf-8")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "name" and len(res.stdout.splitlines()) == 3

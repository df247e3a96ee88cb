"""Analysts' corrections survive re-runs and rule changes (extract/output/corrections.py)."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.output.corrections import (CORRECTED, Correction, apply_corrections,
                                        read_corrections)
from extract.resources import RESOURCES_DIR
from extract.tables import read_tables

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "corpus" / "raw" / "000_d76f0b402b4264de.txt"


@pytest.fixture()
def frames(seed_frames):
    return {k: v.copy() for k, v in seed_frames.items()}


def _host(frames, type_):
    hosts = frames["hosts"]
    return hosts[hosts["type"] == type_].iloc[0]


def test_value_replaced_and_row_marked(frames):
    host = _host(frames, "CIS")
    visit = frames["visits"].iloc[0]
    fixed, report = apply_corrections(frames, [
        Correction("hosts", host.host_id, "city", "Inowrocław", "checked by phone"),
        Correction("visits", visit.visit_id, "participants_count", "25"),
        Correction("visits", visit.visit_id, "start_date", "2011-07-04")])
    assert len(report.applied) == 3 and not report.stale
    row = fixed["hosts"].set_index("host_id").loc[host.host_id]
    assert row["city"] == "Inowrocław" and row["rule"] == CORRECTED
    v = fixed["visits"].set_index("visit_id").loc[visit.visit_id]
    assert v["participants_count"] == 25 and v["participants_rule"] == CORRECTED
    assert v["start_date"] == "2011-07-04" and v["dates_rule"] == CORRECTED
    others = fixed["hosts"][fixed["hosts"]["host_id"] != host.host_id]
    assert (others["rule"] != CORRECTED).all()
    assert frames["hosts"].set_index("host_id").loc[host.host_id, "rule"] != CORRECTED  # input untouched


def test_delete_and_stale_and_redundant(frames):
    host = _host(frames, "FUNDACJA")
    fixed, report = apply_corrections(frames, [
        Correction("hosts", host.host_id, "_delete"),
        Correction("hosts", "r999-00000000-h000000", "city", "Łódź", line=3),
        Correction("hosts", _host(frames, "CIS").host_id, "colour", "red", line=4),
        Correction("visits", frames["visits"].iloc[0].visit_id, "start_date", "5 lipca", line=5),
        Correction("people", frames["people"].iloc[0].person_id, "name", frames["people"].iloc[0]["name"])])
    assert host.host_id not in set(fixed["hosts"]["host_id"])
    assert len(fixed["hosts"]) == len(frames["hosts"]) - 1
    reasons = [why for _, why in report.stale]
    assert len(reasons) == 3
    assert "no hosts row" in reasons[0] and "no column 'colour'" in reasons[1] and "YYYY-MM-DD" in reasons[2]
    assert len(report.redundant) == 1


def test_excel_saved_file_semicolons_and_cp1250(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_bytes("table;key;column;value;note\nhosts;k1;city;Łódź;poprawione\n".encode("cp1250"))
    [c] = read_corrections(path)
    assert (c.table, c.key, c.column, c.value, c.note, c.line) == ("hosts", "k1", "city", "Łódź", "poprawione", 2)
    path.write_text("\ufefftable,key,column,value,note\r\nvisits,v1,title,Wizyta,\r\n", encoding="utf-8")
    assert read_corrections(path)[0].value == "Wizyta"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        read_corrections(path)


def test_correction_survives_rerun_and_rule_change(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(REPORT), "--out", str(out), "--rules-only", "-q"]) == 0
    before = sorted(p.name for p in out.iterdir())
    hosts = read_tables(out)["hosts"]
    zaz = hosts[hosts["type"] == "ZAZ"].iloc[0]
    fundacja = hosts[hosts["type"] == "FUNDACJA"].iloc[0]
    assert main(["correct", str(out), "hosts", zaz.host_id, "city", "Toruń", "--note", "test"]) == 0
    assert main(["correct", str(out), "--delete", "hosts", fundacja.host_id]) == 0
    now = read_tables(out)["hosts"].set_index("host_id")
    assert now.loc[zaz.host_id, "city"] == "Toruń" and fundacja.host_id not in now.index
    # the run's other entries (documents table, texts/...) are still there
    assert sorted(p.name for p in out.iterdir()) == sorted(before + ["corrections.csv"])
    for kept in out.glob("texts/*.txt"):
        assert kept.read_text(encoding="utf-8") == REPORT.read_text(encoding="utf-8")
    rows = list(csv.DictReader(open(out / "corrections.csv", encoding="utf-8")))
    assert [r["column"] for r in rows] == ["city", "_delete"] and rows[0]["note"] == "test"

    # a re-run with the same rules applies the file again
    assert main(["run", str(REPORT), "--out", str(out), "--rules-only"]) == 0
    assert "corrections: 2 applied" in capsys.readouterr().err
    again = read_tables(out)["hosts"].set_index("host_id")
    assert again.loc[zaz.host_id, "city"] == "Toruń" and again.loc[zaz.host_id, "rule"] == CORRECTED

    # rule data change: 'fundacja' is no longer an institution trigger, so the foundation
    # is not found and rows shift; the ZAZ correction still finds its row, the delete is stale
    types = tmp_path / "types.csv"
    lines = (RESOURCES_DIR / "institution_types.csv").read_text(encoding="utf-8").splitlines()
    types.write_text("\n".join(ln for ln in lines if not ln.startswith("fundacja,")) + "\n", encoding="utf-8")
    assert main(["run", str(REPORT), "--out", str(out), "--rules-only",
                 "--set", f"components.wizyty_institutions.types_file={types}"]) == 0
    err = capsys.readouterr().err
    changed = read_tables(out)["hosts"].set_index("host_id")
    assert not (changed["type"] == "FUNDACJA").any()
    assert changed.loc[zaz.host_id, "city"] == "Toruń" and changed.loc[zaz.host_id, "rule"] == CORRECTED
    assert f"{fundacja.host_id}" in err and "warning: corrections.csv line 3" in err
    assert "1 applied" in err and "1 stale" in err


def test_correct_command_refuses_bad_input(tmp_path, seed_out, capsys):
    assert main(["correct", str(seed_out), "hosts", "nope", "city", "X"]) == 2
    assert "no hosts row" in capsys.readouterr().err
    assert main(["correct", str(seed_out), "hosts", "x"]) == 2
    assert not (seed_out / "corrections.csv").exists()
    assert main(["correct", str(tmp_path / "none"), "hosts", "a", "city", "b"]) == 2

"""Formula-like CSV cells: neutralised on writing, given back exactly on reading."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, strategies as st

from extract.output.csvsafe import neutralise, neutralise_value, restore, restore_value
from extract.records import Extraction, Visit
from extract.tables import read_tables, to_frames, write_tables


def test_spreadsheet_triggers_get_an_apostrophe():
    assert neutralise_value("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise_value("+48 85 123") == "'+48 85 123"
    assert neutralise_value("-1+1") == "'-1+1"
    assert neutralise_value("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_value("\t=1") == "'\t=1"
    assert neutralise_value("Łomża") == "Łomża"
    assert neutralise_value("'zwykły cudzysłów") == "'zwykły cudzysłów"
    assert neutralise_value("'=już") == "''=już"


def test_numbers_are_not_touched():
    df = pd.DataFrame({"score": [-0.5, 1.0], "name": ["-lista", "Fundacja"]})
    out = neutralise(df)
    assert out["score"].tolist() == [-0.5, 1.0]
    assert out["name"].tolist() == ["'-lista", "Fundacja"]


@given(st.text(alphabet="=+-@'\tabcŁó ", max_size=12))
def test_restore_undoes_neutralise(value):
    assert restore_value(neutralise_value(value)) == value


def test_round_trip_through_the_csv_files(tmp_path):
    names = ["=1+1", "+48", "-", "@x", "'=y", "Zwykła nazwa"]
    frames = to_frames([Extraction(Visit(f"v{k}", f"d{k}", title=t)) for k, t in enumerate(names)])
    write_tables(frames, tmp_path)
    raw = (tmp_path / "visits.csv").read_text(encoding="utf-8")
    assert "\n'=1+1" not in raw and ",'=1+1," in raw
    assert read_tables(tmp_path)["visits"]["title"].tolist() == names
    assert restore(neutralise(frames["visits"]))["title"].tolist() == names

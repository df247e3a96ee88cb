"""Output tables: spec columns and dtypes, the CSV contract, atomic writes, round trips."""
from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract import tables as tables_mod  # noqa: E402
from extract.evaluate import score  # noqa: E402
from extract.records import Extraction, Host, Person, Place, Topic, Visit  # noqa: E402
from extract.tables import (  # noqa: E402
    SPEC_COLUMNS,
    TableWriteError,
    empty_frames,
    read_tables,
    to_frames,
    write_tables,
)

NAMES = ["visits", "hosts", "people", "places", "topics"]


def sample() -> list[Extraction]:
    v1 = Visit("r001-v1", "r001", title="Wizyta studyjna „Dobre praktyki”, czyli ekonomia społeczna\nw praktyce",
               start_date="2019-05-14", end_date="2019-05-15",
               organizer="Regionalny Ośrodek Polityki Społecznej", organizer_city="Białystok",
               participants_count=25, source_path="corpus/raw/r001.txt", title_rule="heading")
    ex1 = Extraction(
        visit=v1,
        hosts=[Host("r001-h1", "r001-v1", "r001", "Spółdzielnia Socjalna „Pod Dachem”",
                    "SPOLDZIELNIA_SOCJALNA", city="Łomża", voivodeship="podlaskie",
                    mention="Spółdzielnię Socjalną „Pod Dachem”", start_char=120, end_char=154,
                    rule="institution_pattern"),
               Host("r001-h2", "r001-v1", "r001", "Środowiskowy Dom Samopomocy", "SDS",
                    city="Zambrów", operator="Gmina Zambrów", mention="Środowiskowy Dom Samopomocy",
                    start_char=160, end_char=187)],
        people=[Person("r001-p1", "r001-v1", "r001", "Ewa Żmuda", role="zastępca dyrektora",
                       organization="Wrocławskie Centrum Integracji", mention="Ewą Żmudą",
                       start_char=200, end_char=209)],
        places=[Place("r001-v1", "r001", "Łomża", "podlaskie", "Łomży", 150, 155, 53.178, 22.059),
                Place("r001-v1", "r001", "Zambrów", None, "Zambrowie", 190, 199)],
        topics=[Topic("r001-v1", "r001", "ekonomia_spoleczna", 0.92, evidence="spółdzielnia socjalna"),
                Topic("r001-v1", "r001", "niepelnosprawnosc", 0.5)],
    )
    ex2 = Extraction(visit=Visit("r002-v1", "r002", title="NA"))  # "NA" is a title, not a gap
    return [ex1, ex2]


# --------------------------------------------------------------------------- frames


def test_columns_spec_first_then_extras():
    frames = to_frames(sample())
    assert list(frames) == NAMES
    for name, df in frames.items():
        assert list(df.columns[: len(SPEC_COLUMNS[name])]) == SPEC_COLUMNS[name]
    assert list(frames["places"].columns[7:]) == ["latitude", "longitude", "rule", "place_id"]
    assert "rule" in frames["hosts"].columns


def test_dtypes():
    frames = to_frames(sample())
    v = frames["visits"]
    assert str(v["participants_count"].dtype) == "Int64"
    assert v["participants_count"].iloc[0] == 25 and pd.isna(v["participants_count"].iloc[1])
    for name in ("hosts", "people", "places"):
        assert frames[name]["start_char"].dtype == "int64"
        assert frames[name]["end_char"].dtype == "int64"
    assert frames["topics"]["score"].dtype == "float64"
    assert frames["places"]["latitude"].dtype == "float64"
    assert v["organizer"].iloc[1] is None  # missing text is None, not NaN or ""


def test_empty_input_gives_empty_typed_tables():
    frames = to_frames([])
    assert frames.keys() == empty_frames().keys()
    for name, df in frames.items():
        assert df.empty and list(df.columns[: len(SPEC_COLUMNS[name])]) == SPEC_COLUMNS[name]
    assert str(frames["visits"]["participants_count"].dtype) == "Int64"
    assert frames["hosts"]["start_char"].dtype == "int64"


# --------------------------------------------------------------------------- CSV contract


def test_csv_contract(tmp_path):
    written = write_tables(to_frames(sample()), tmp_path / "out")
    assert sorted(p.name for p in written["csv"]) == sorted(f"{n}.csv" for n in NAMES)
    raw = (tmp_path / "out" / "visits.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM: header is exactly visit_id,...
    text = raw.decode("utf-8")
    assert text.splitlines()[0].startswith(",".join(SPEC_COLUMNS["visits"]))
    assert "\r\n" not in text
    with open(tmp_path / "out" / "visits.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["title"] == "Wizyta studyjna „Dobre praktyki”, czyli ekonomia społeczna\nw praktyce"
    assert rows[0]["participants_count"] == "25"
    assert rows[1]["participants_count"] == "" and rows[1]["organizer"] == ""
    assert rows[1]["title"] == "NA"
    with open(tmp_path / "out" / "hosts.csv", encoding="utf-8", newline="") as f:
        hosts = list(csv.DictReader(f))
    assert hosts[0]["name"] == "Spółdzielnia Socjalna „Pod Dachem”"
    assert (hosts[0]["start_char"], hosts[0]["end_char"]) == ("120", "154")
    assert hosts[1]["voivodeship"] == ""
    # no stray temporary folder left behind
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == \
        sorted(f"{n}.csv" for n in NAMES)


def test_shared_scorer_reads_our_csv(tmp_path):
    out = tmp_path / "out"
    write_tables(to_frames(sample()), out)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "r001.json").write_text(json.dumps({
        "doc_id": "r001",
        "visit": {"title": "Wizyta studyjna „Dobre praktyki”, czyli ekonomia społeczna w praktyce",
                  "start_date": "2019-05-14", "end_date": "2019-05-15",
                  "organizer": "Regionalny Ośrodek Polityki Społecznej", "organizer_city": "Białystok",
                  "participants_count": 25, "regions": ["podlaskie"]},
        "hosts": [{"name": "Spółdzielnia Socjalna „Pod Dachem”", "type": "SPOLDZIELNIA_SOCJALNA",
                   "city": "Łomża"},
                  {"name": "Środowiskowy Dom Samopomocy", "type": "SDS", "city": "Zambrów"}],
        "people": [{"name": "Ewa Żmuda", "role": "zastępca dyrektora",
                    "organization": "Wrocławskie Centrum Integracji"}],
        "places": ["Łomża", "Zambrów"], "topics": ["ekonomia_spoleczna", "niepelnosprawnosc"],
    }, ensure_ascii=False), encoding="utf-8")
    res = score(gold, out)
    assert res["overall"] == 1.0 and res["participants"] == 1.0 and res["title"] == 1.0


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["csv", "sqlite"])
def test_round_trip(tmp_path, fmt):
    frames = to_frames(sample())
    write_tables(frames, tmp_path, formats=(fmt,))
    back = read_tables(tmp_path, fmt=fmt)
    for name in NAMES:
        pdt.assert_frame_equal(back[name], frames[name], check_dtype=True)


def test_round_trip_empty(tmp_path):
    write_tables(empty_frames(), tmp_path)
    back = read_tables(tmp_path)
    for name, df in empty_frames().items():
        pdt.assert_frame_equal(back[name], df)


def test_sqlite_has_five_tables(tmp_path):
    written = write_tables(to_frames(sample()), tmp_path, formats=("csv", "sqlite"))
    assert written["sqlite"] == [tmp_path / "wizyty.sqlite"]
    con = sqlite3.connect(tmp_path / "wizyty.sqlite")
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names >= set(NAMES)  # + the label tables (tests/output/test_sqlite.py)
        assert con.execute("SELECT name FROM hosts WHERE type='SDS'").fetchone() == \
            ("Środowiskowy Dom Samopomocy",)
        assert con.execute("SELECT participants_count FROM visits WHERE doc_id='r002'").fetchone() == (None,)
    finally:
        con.close()
    # writing again replaces the database, it does not append to it
    write_tables(to_frames(sample()), tmp_path, formats="sqlite")
    assert len(read_tables(tmp_path, fmt="sqlite")["hosts"]) == 2


def test_read_tables_missing_table_and_folder(tmp_path):
    write_tables({"visits": to_frames(sample())["visits"]}, tmp_path)
    back = read_tables(tmp_path)
    assert len(back["visits"]) == 2
    assert back["hosts"].empty and list(back["hosts"].columns[:11]) == SPEC_COLUMNS["hosts"]
    with pytest.raises(FileNotFoundError, match="nie-ma"):
        read_tables(tmp_path / "nie-ma")


def test_formats_are_checked_before_anything_is_written(tmp_path):
    with pytest.raises(TableWriteError, match="ods"):
        write_tables(to_frames(sample()), tmp_path / "out", formats=("csv", "ods"))
    assert not (tmp_path / "out" / "visits.csv").exists()


def test_parquet(tmp_path):
    frames = to_frames(sample())
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(TableWriteError, match="pyarrow"):
            write_tables(frames, tmp_path, formats=("csv", "parquet"))
        assert not any(tmp_path.iterdir())
        return
    write_tables(frames, tmp_path, formats=("parquet",))
    back = read_tables(tmp_path, fmt="parquet")
    assert list(back["hosts"]["name"]) == list(frames["hosts"]["name"])


def test_output_path_is_a_file(tmp_path):
    f = tmp_path / "plik"
    f.write_text("x")
    with pytest.raises(TableWriteError, match="plik"):
        write_tables(to_frames(sample()), f)


# Atomic writing, the CSV formula guard and the cache: tests/output/.


def test_texts_stay_inside_their_folder(tmp_path):
    import pytest

    from extract.tables import TableWriteError, write_texts

    write_texts({"rok-2023/wizyta w Toruniu": "Wizyta studyjna w Toruniu.", "raport": "Tekst."},
                tmp_path / "texts")
    assert (tmp_path / "texts" / "rok-2023" / "wizyta w Toruniu.txt").read_text(encoding="utf-8") == \
        "Wizyta studyjna w Toruniu."
    for bad in ("../poza", "a/../../poza", "/tmp/poza"):
        with pytest.raises(TableWriteError):
            write_texts({bad: "x"}, tmp_path / f"t{abs(hash(bad))}")
    assert not (tmp_path / "poza.txt").exists()

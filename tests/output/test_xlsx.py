"""``--format xlsx``: one sheet per table, codes labelled, dates as dates (extract/output/xlsx.py)."""
from __future__ import annotations

import datetime as dt

import pytest

openpyxl = pytest.importorskip("openpyxl")

from extract.output.xlsx import XLSX_NAME, write_xlsx  # noqa: E402


@pytest.fixture(scope="module")
def workbook(seed_frames, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / XLSX_NAME
    frames = {k: v.copy() for k, v in seed_frames.items()}
    frames["people"].loc[frames["people"].index[0], "role"] = "=HYPERLINK(\"http://x\")"
    write_xlsx(frames, path)
    return openpyxl.load_workbook(path), frames


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_one_sheet_per_table_plus_codes(workbook):
    wb, frames = workbook
    assert wb.sheetnames[:5] == ["visits", "hosts", "people", "places", "topics"]
    assert "codes" in wb.sheetnames and "voivodeships" in wb.sheetnames
    for name in ("visits", "hosts", "people", "places", "topics"):
        header, rows = _rows(wb[name])
        assert len(rows) == len(frames[name])
        assert list(header[:3]) == list(frames[name].columns[:3])
        assert wb[name].freeze_panes == "A2"


def test_codes_labelled_and_polish_text_intact(workbook):
    wb, frames = workbook
    header, rows = _rows(wb["hosts"])
    k = header.index("type")
    assert header[k + 1] == "type_label"
    cis = [r for r in rows if r[k] == "CIS"]
    assert cis and all(r[k + 1] == "Centrum Integracji Społecznej" for r in cis)
    names = {r[header.index("name")] for r in rows}
    assert names == set(frames["hosts"]["name"])
    header, rows = _rows(wb["topics"])
    assert header[header.index("topic") + 1] == "topic_label"


def test_dates_are_dates_and_formulas_stay_text(workbook):
    wb, frames = workbook
    header, rows = _rows(wb["visits"])
    dates = [r[header.index("start_date")] for r in rows if r[header.index("start_date")]]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)
    assert {d.date().isoformat() for d in dates} == set(frames["visits"]["start_date"].dropna())
    ws = wb["people"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("role") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_run_with_format_xlsx(tmp_path):
    from pathlib import Path

    from extract.cli import main

    report = Path(__file__).resolve().parents[2] / "corpus" / "raw" / "000_d76f0b402b4264de.txt"
    out = tmp_path / "out"
    assert main(["run", str(report), "--out", str(out), "--format", "csv,xlsx", "--rules-only", "-q"]) == 0
    wb = openpyxl.load_workbook(out / XLSX_NAME)
    assert {"visits", "hosts", "people", "places", "topics", "codes"} <= set(wb.sheetnames)
    import pandas as pd

    assert wb["hosts"].max_row - 1 == len(pd.read_csv(out / "hosts.csv")) > 0


def test_excel_csv_variant(tmp_path):
    from pathlib import Path

    import pandas as pd

    from extract.cli import main

    report = Path(__file__).resolve().parents[2] / "corpus" / "raw" / "000_d76f0b402b4264de.txt"
    out = tmp_path / "out"
    assert main(["run", str(report), "--out", str(out), "--format", "csv,csv-excel", "--rules-only", "-q"]) == 0
    raw = (out / "excel" / "hosts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    header = raw[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.startswith("host_id;visit_id;doc_id;name;type;type_label;")
    excel = pd.read_csv(out / "excel" / "places.csv", sep=";", decimal=",", encoding="utf-8-sig")
    plain = pd.read_csv(out / "places.csv")
    assert list(excel["name"]) == list(plain["name"])
    assert excel["latitude"].dropna().round(4).tolist() == plain["latitude"].dropna().round(4).tolist()
    import re

    text = (out / "excel" / "places.csv").read_text(encoding="utf-8-sig")
    assert re.search(r";5\d,\d+;1\d,\d+;", text)  # latitude;longitude with decimal commas

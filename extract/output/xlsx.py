"""The tables as one spreadsheet, ``wizyty.xlsx`` (``--format xlsx``, needs openpyxl).

A UTF-8 CSV opened by double-click in a Polish Excel shows "OÅ›rodek" for "Ośrodek"
and splits on semicolons, not commas. An .xlsx file has neither problem: one sheet per
table, the header frozen and filterable, dates as real dates, the codes next to their
labels (``type_label``, ``topic_label``), and a ``codes`` sheet listing every code.
Text that starts like a formula (``=``, ``+``, ``-``, ``@``) is written as text, never
evaluated.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Mapping

import pandas as pd

from .labels import code_labels, label_frames

XLSX_NAME = "wizyty.xlsx"
MAX_CELL = 32767  # Excel's limit on characters in a cell
#: (table, code column, label column, label kind)
LABELLED = (("hosts", "type", "type_label", "institution_type"),
            ("topics", "topic", "topic_label", "topic"))


def labelled(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames with a label column right after each code column."""
    out = dict(frames)
    for table, col, label_col, kind in LABELLED:
        df = out.get(table)
        if df is None or col not in df.columns or label_col in df.columns:
            continue
        labels = code_labels(kind)
        df = df.copy()
        df.insert(df.columns.get_loc(col) + 1, label_col, df[col].map(lambda c: labels.get(c, c)))
        out[table] = df
    return out


def _cell(value, column: str):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column.endswith("_date") and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if hasattr(value, "item"):  # numpy scalar -> Python
        value = value.item()
    if isinstance(value, str):
        return value[:MAX_CELL]
    return value


def write_xlsx(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    """Write the workbook at ``path`` (the caller stages and swaps it in)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise RuntimeError("format 'xlsx' needs openpyxl (pip install openpyxl)") from None

    sheets = labelled(frames)
    codes = label_frames()
    sheets["codes"] = pd.concat(
        [codes["institution_types"].assign(column="hosts.type"),
         codes["topic_codes"].assign(column="topics.topic")], ignore_index=True)[
        ["column", "code", "label", "label_en"]]
    sheets["voivodeships"] = codes["voivodeships"]
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append(list(df.columns))
        for c in ws[1]:
            c.font = bold
        cols = list(df.columns)
        for row in df.itertuples(index=False, name=None):
            cells = [_cell(v, c) for v, c in zip(row, cols)]
            ws.append(cells)
        for k, col in enumerate(cols, 1):
            letter = get_column_letter(k)
            if col.endswith("_date"):
                for c in ws[letter][1:]:
                    c.number_format = "yyyy-mm-dd"
            for c in ws[letter][1:]:
                if isinstance(c.value, str) and c.value[:1] in "=+-@":
                    c.data_type = "s"  # stored as text, not a formula
            width = max([len(str(col))] + [len(str(v)) for v in df[col].head(200) if v is not None])
            ws.column_dimensions[letter].width = min(60, max(8, width + 2))
        ws.freeze_panes = "A2"
        if len(df.columns):
            ws.auto_filter.ref = ws.dimensions
    wb.save(path)


def xlsx_entry(frames: Mapping[str, pd.DataFrame], stage: Path) -> list[str]:
    """Writer for :data:`extract.tables.WRITERS`: ``wizyty.xlsx`` in the staging folder."""
    write_xlsx(frames, stage / XLSX_NAME)
    return [XLSX_NAME]


EXCEL_CSV_DIR = "excel"


def write_excel_csv(frames: Mapping[str, pd.DataFrame], folder: Path) -> None:
    """``<folder>/<table>.csv`` the way a Polish Excel opens them by double-click: UTF-8
    with a byte-order mark (else Excel reads cp1250: "OÅ›rodek"), semicolons (the list
    separator where the comma is the decimal mark), decimal commas, CRLF line ends, the
    code labels beside the codes, formula-like text neutralised as in the plain CSV."""
    from .csvsafe import neutralise

    folder.mkdir()
    for name, df in labelled(frames).items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as f:
            neutralise(df).to_csv(f, index=False, sep=";", decimal=",", na_rep="", lineterminator="\r\n")


def excel_csv_entry(frames: Mapping[str, pd.DataFrame], stage: Path) -> list[str]:
    """Writer for :data:`extract.tables.WRITERS`: the ``excel/`` folder."""
    write_excel_csv(frames, stage / EXCEL_CSV_DIR)
    return [EXCEL_CSV_DIR]

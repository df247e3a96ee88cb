"""The five output tables as pandas DataFrames, and writing/reading them safely.

The CSV files are a contract (``spec/tables.md``): analysts' scripts and the scorer read
them by column name, so the specified columns come first and in order, extra columns
(``rule``, coordinates, ...) after them. Writing is all or nothing: every file is first
written completely into a staging folder inside the output folder, then all of them
replace the previous run's together (``output/atomic.py``), so an interrupted run
(Ctrl-C, a full disk, a crash in the middle of writing) leaves the previous complete
tables, never a truncated one nor a mix of old and new.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Optional, Sequence, Union

from .records import TABLES, Extraction, as_row, columns

if TYPE_CHECKING:  # imported where a frame is built: a run's start-up does not wait for pandas
    import pandas as pd

__all__ = [
    "SPEC_COLUMNS",
    "table_columns",
    "FORMATS",
    "SQLITE_NAME",
    "to_frames",
    "empty_frames",
    "write_tables",
    "read_tables",
    "TableWriteError",
    "check_formats",
    "check_output_folder",
    "WRITERS",
]

PathLike = Union[str, "os.PathLike[str]"]

#: Columns of each table as ``spec/tables.md`` fixes them (in this order; more may follow).
SPEC_COLUMNS: dict[str, list[str]] = {
    "visits": ["visit_id", "doc_id", "title", "start_date", "end_date", "organizer",
               "organizer_city", "participants_count", "source_path"],
    "hosts": ["host_id", "visit_id", "doc_id", "name", "type", "city", "voivodeship",
              "operator", "mention", "start_char", "end_char"],
    "people": ["person_id", "visit_id", "doc_id", "name", "role", "organization", "mention",
               "start_char", "end_char"],
    "places": ["visit_id", "doc_id", "name", "voivodeship", "mention", "start_char", "end_char"],
    "topics": ["visit_id", "doc_id", "topic", "score", "evidence"],
}
#: Attribute of :class:`~extract.records.Extraction` that holds each table's rows.
_ATTR = {"visits": "visit", "hosts": "hosts", "people": "people", "places": "places",
         "topics": "topics"}
#: Non-text columns and their pandas dtypes; every other column is text (object, None = missing).
_DTYPES = {
    "participants_count": "Int64",  # nullable: most reports do not say
    "start_char": "int64",
    "end_char": "int64",
    "score": "float64",
    "latitude": "float64",
    "longitude": "float64",
    # provenance offsets of the visit's values (nullable: not every value has a span)
    **{f"{f}_{end}": "Int64" for f in ("title", "dates", "organizer", "participants")
       for end in ("start", "end")},
}
FORMATS = ("csv", "parquet", "sqlite", "xlsx", "csv-excel")
SQLITE_NAME = "wizyty.sqlite"
_TMP_PREFIX = ".wizyty-tmp-"


class TableWriteError(RuntimeError):
    """Tables could not be written (unknown format, missing library, unwritable folder)."""


def table_columns(name: str) -> list[str]:
    """Spec columns first, then the record's extra fields in their declared order."""
    spec = SPEC_COLUMNS[name]
    return spec + [c for c in columns(TABLES[name]) if c not in spec]


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Give the known numeric columns their dtypes; text columns hold str or None.

    An empty string becomes None: in the CSV both are the empty cell, so this keeps a
    frame equal to itself after a write/read round trip.
    """
    import pandas as pd

    for col in df.columns:
        dtype = _DTYPES.get(col)
        if dtype is None:
            text = df[col].astype(object)
            df[col] = text.where(text.notna() & (text != ""), None)
            continue
        values = pd.to_numeric(df[col])
        if dtype == "float64":
            df[col] = values.astype("float64")
        elif dtype == "int64" and not values.isna().any():
            df[col] = values.astype("int64")
        else:  # nullable, or an offset column with gaps: keep them rather than crash
            df[col] = values.astype("Int64")
    return df


def _frame(name: str, rows: list[dict], extra: Sequence[str] = ()) -> pd.DataFrame:
    import pandas as pd

    cols = table_columns(name)
    cols += [c for c in extra if c not in cols]
    df = pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame({c: [] for c in cols})
    return _typed(df[cols])


def empty_frames() -> dict[str, pd.DataFrame]:
    """Five empty tables with the right columns and dtypes (a run over no input)."""
    return {name: _frame(name, []) for name in TABLES}


def to_frames(extractions: Iterable[Extraction]) -> dict[str, pd.DataFrame]:
    """Flatten per-report extractions into the five tables, spec columns first.

    Rows keep the order of the extractions (input order) and, within a report, the
    order the components produced them.
    """
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    extra: dict[str, list[str]] = {name: [] for name in TABLES}
    for ex in extractions:
        for name, attr in _ATTR.items():
            value = getattr(ex, attr)
            records = [value] if name == "visits" else list(value or [])
            for rec in records:
                row = as_row(rec) if not isinstance(rec, dict) else dict(rec)
                for k in row:  # a subclass/record with more fields: keep them, after the rest
                    if k not in extra[name]:
                        extra[name].append(k)
                rows[name].append(row)
    return {name: _frame(name, rows[name], extra[name]) for name in TABLES}


# --------------------------------------------------------------------------- writing


def check_formats(formats: Union[str, Sequence[str]]) -> list[str]:
    """The formats asked for, checked (known, library installed) before any work."""
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    out = []
    for fmt in formats:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise TableWriteError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
        if fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise TableWriteError(
                    "format 'parquet' needs the pyarrow package, which is not installed "
                    "(pip install 'wizyty[parquet]'), or use csv/sqlite") from None
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise TableWriteError("no output format given")
    return out


_check_formats = check_formats


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    """One CSV table; text cells that a spreadsheet would run as formulas are neutralised
    (``output/csvsafe.py``)."""
    from .output.csvsafe import neutralise

    with open(path, "w", encoding="utf-8", newline="") as f:
        neutralise(df).to_csv(f, index=False, quoting=csv.QUOTE_MINIMAL, na_rep="", lineterminator="\n")
        f.flush()
        os.fsync(f.fileno())


def _write_parquet(df: pd.DataFrame, path: Path) -> None:
    df.to_parquet(path, index=False)
    _fsync(path)


def _write_sqlite(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    # keys, foreign keys, indexes, label tables and views: extract/output/sqlite.py
    from .output.sqlite import write_sqlite_file

    write_sqlite_file(frames, path)
    _fsync(path)


def _per_table(suffix: str, writer_name: str):
    """A writer of one file per table; the function is looked up by name when it runs."""
    def write(frames: Mapping[str, pd.DataFrame], stage: Path) -> list[str]:
        names = []
        for name, df in frames.items():
            globals()[writer_name](df, stage / f"{name}.{suffix}")
            names.append(f"{name}.{suffix}")
        return names
    return write


def _sqlite_entry(frames: Mapping[str, pd.DataFrame], stage: Path) -> list[str]:
    _write_sqlite(frames, stage / SQLITE_NAME)
    return [SQLITE_NAME]


def _xlsx_entry(frames: Mapping[str, pd.DataFrame], stage: Path) -> list[str]:
    """``wizyty.xlsx``: one sheet per table, codes labelled (``output/xlsx.py``)."""
    from .output.xlsx import xlsx_entry

    return xlsx_entry(frames, stage)


def _excel_csv_entry(frames: Mapping[str, pd.DataFrame], stage: Path) -> list[str]:
    """``excel/<table>.csv``: BOM, semicolons, decimal commas (``output/xlsx.py``)."""
    from .output.xlsx import excel_csv_entry

    return excel_csv_entry(frames, stage)


#: Output format -> writer ``(frames, staging folder) -> names of the entries it wrote``.
#: Every writer writes into the staging folder only; :func:`write_tables` swaps all in.
WRITERS: dict[str, Callable[[Mapping[str, pd.DataFrame], Path], list[str]]] = {
    "csv": _per_table("csv", "_write_csv"),
    "parquet": _per_table("parquet", "_write_parquet"),
    "sqlite": _sqlite_entry,
    "xlsx": _xlsx_entry,
    "csv-excel": _excel_csv_entry,
}
TEXTS_DIR = "texts"


def write_texts(texts: Mapping[str, str], folder: Path) -> None:
    """``<folder>/<doc_id>.txt``: the text each report's offsets point into (UTF-8, line
    ends as in the text: read it with ``newline=""`` to get the same offsets)."""
    folder.mkdir()  # new and empty: no link inside it can lead elsewhere
    for doc_id, text in texts.items():
        rel = os.path.normpath(f"{doc_id}.txt")
        if os.path.isabs(rel) or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            raise TableWriteError(f"doc id {doc_id!r} would write outside {folder}")
        path = folder / rel
        if os.sep in rel:
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)


def _prepare_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise TableWriteError(f"cannot create output folder {out}: {err.strerror or err}") from None
    if not out.is_dir():
        raise TableWriteError(f"output path {out} exists and is not a folder")


def check_output_folder(out_dir: PathLike) -> Path:
    """Create ``out_dir`` if needed and check it can be written (before any work)."""
    out = Path(out_dir)
    _prepare_out(out)
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as err:
        raise TableWriteError(f"cannot write into output folder {out}: {err.strerror or err}") from None
    return out


def write_tables(frames: Mapping[str, pd.DataFrame], out_dir: PathLike,
                 formats: Union[str, Sequence[str]] = ("csv",),
                 texts: Optional[Mapping[str, str]] = None) -> dict[str, list[Path]]:
    """Write the tables (and ``texts/``) into ``out_dir``, all or nothing; return the paths.

    ``csv``: ``<table>.csv`` each (UTF-8, header, comma, minimal quoting, empty cell =
    missing, ``\\n`` line ends, formula-like text neutralised); ``parquet``:
    ``<table>.parquet`` each (needs pyarrow); ``sqlite``: one ``wizyty.sqlite``. Everything
    is written into a staging folder inside ``out_dir``; then all entries replace the old
    ones together (``output/atomic.py``): a failure at any point leaves the previous
    run's output as it was, never a mix. Files of the previous run that this one does not
    write (another format) are removed in the same swap.
    """
    from .output.atomic import OutputBusy, new_stage, output_lock, recover, swap_in

    fmts = check_formats(formats)
    for name in frames:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise TableWriteError(f"invalid table name {name!r}")
    out = Path(out_dir)
    _prepare_out(out)
    try:
        lock = output_lock(out)
        lock.__enter__()
    except OutputBusy as err:
        raise TableWriteError(str(err)) from None
    except OSError as err:
        raise TableWriteError(f"cannot write into output folder {out}: {err.strerror or err}") from None
    try:
        recover(out)
        try:
            stage = new_stage(out)
        except OSError as err:
            raise TableWriteError(f"cannot write into output folder {out}: {err.strerror or err}") from None
        try:
            written: dict[str, list[Path]] = {}
            names: list[str] = []
            for fmt in fmts:
                entries = WRITERS[fmt](frames, stage)
                names += entries
                written[fmt] = [out / n for n in entries]
            if texts is not None:
                write_texts(texts, stage / TEXTS_DIR)
                names.append(TEXTS_DIR)
            swap_in(stage, out, names)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    finally:
        lock.__exit__(None, None, None)
    return written


# --------------------------------------------------------------------------- reading


def _read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    # Everything as text, and only the empty cell is missing: a name such as "NA" or
    # "null" stays text; _typed then converts the numeric columns.
    from .output.csvsafe import restore

    df = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False, na_values=[""])
    return restore(df)


def read_tables(out_dir: PathLike, fmt: str = "csv",
                tables: Optional[Iterable[str]] = None) -> dict[str, pd.DataFrame]:
    """Load tables written by :func:`write_tables` (for notebooks and analysts' scripts).

    A table whose file is missing comes back empty with its spec columns; numeric
    columns get their dtypes back, missing text cells are None.
    """
    import pandas as pd

    out = Path(out_dir)
    if not out.is_dir():
        raise FileNotFoundError(f"no output folder {out}")
    names = list(tables) if tables is not None else list(TABLES)
    frames: dict[str, pd.DataFrame] = {}
    con = None
    if fmt == "sqlite":
        db = out / SQLITE_NAME
        if not db.exists():
            raise FileNotFoundError(f"no {SQLITE_NAME} in {out}")
        con = sqlite3.connect(db)
    try:
        for name in names:
            if fmt == "csv":
                path = out / f"{name}.csv"
                df = _read_csv(path) if path.exists() else None
            elif fmt == "parquet":
                path = out / f"{name}.parquet"
                df = pd.read_parquet(path) if path.exists() else None
            elif fmt == "sqlite":
                assert con is not None
                exists = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                     (name,)).fetchone()
                df = pd.read_sql(f'SELECT * FROM "{name}"', con) if exists else None
            else:
                raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
            if df is None:
                frames[name] = _frame(name, []) if name in TABLES else pd.DataFrame()
            else:
                frames[name] = _typed(df)
    finally:
        if con is not None:
            con.close()
    return frames

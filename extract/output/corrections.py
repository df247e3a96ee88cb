"""Analysts' corrections that survive re-runs: ``OUT/corrections.csv``.

Each line fixes one value of one row, or deletes a spurious row:

    table,key,column,value,note
    hosts,r018-fc6fa19a-h3f9a1c,city,Toruń,the report says Toruń two lines later
    hosts,r018-fc6fa19a-h0b1c2d,_delete,,a partner, not a host
    visits,r018-fc6fa19a,start_date,2016-08-22,

``key`` is the row's key column (visits: visit_id, hosts: host_id, people: person_id,
places: place_id, topics: topic_id); these keys come from the row's content (see
:mod:`extract.output.keys`), so a correction still finds its row after the rules change.
Every run applies the file after extraction: the value is replaced, and the row's rule
(for visits the field's ``*_rule``) becomes ``corrected``. A correction whose row no
longer exists, or whose column is unknown, is *stale* and reported, never silently
dropped; one whose value the rules now produce by themselves is reported as redundant.

The file is read as UTF-8 (a BOM is fine) or, failing that, Windows-1250, with comma or
semicolon separators, so that it can be edited in a Polish Excel.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping, Optional

import pandas as pd

FILE_NAME = "corrections.csv"
FIELDS = ["table", "key", "column", "value", "note"]
KEY_COLUMNS = {"visits": "visit_id", "hosts": "host_id", "people": "person_id",
               "places": "place_id", "topics": "topic_id"}
DELETE = "_delete"
CORRECTED = "corrected"
#: visits have one rule column per field group
VISIT_RULES = {"title": "title_rule", "start_date": "dates_rule", "end_date": "dates_rule",
               "organizer": "organizer_rule", "organizer_city": "organizer_rule",
               "participants_count": "participants_rule"}


class CorrectionError(ValueError):
    """corrections.csv cannot be read, or a new correction is invalid."""


@dataclass
class Correction:
    table: str
    key: str
    column: str
    value: str = ""
    note: str = ""
    line: int = 0

    def where(self) -> str:
        return f"line {self.line}: {self.table} {self.key} {self.column}"


@dataclass
class CorrectionReport:
    applied: list[Correction] = field(default_factory=list)
    redundant: list[Correction] = field(default_factory=list)  # the rules now give the value
    stale: list[tuple[Correction, str]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.applied)} applied"]
        if self.redundant:
            parts.append(f"{len(self.redundant)} already extracted so (may be removed)")
        if self.stale:
            parts.append(f"{len(self.stale)} stale")
        return "corrections: " + ", ".join(parts)


def _decode(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "cp1250"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CorrectionError(f"{path}: not UTF-8 or Windows-1250 text")


def read_corrections(path) -> list[Correction]:
    """The corrections in ``path`` (none when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return []
    text = _decode(path.read_bytes(), path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [f for f in FIELDS[:3] if f not in (reader.fieldnames or [])]
    if missing:
        raise CorrectionError(f"{path}: header must be {','.join(FIELDS)} (missing {', '.join(missing)})")
    out = []
    for k, row in enumerate(reader, 2):
        row = {name: (value or "").strip() for name, value in row.items() if name}
        if not any(row.values()):
            continue
        out.append(Correction(row.get("table", ""), row.get("key", ""), row.get("column", ""),
                              row.get("value", ""), row.get("note", ""), line=k))
    return out


def _typed_value(df: pd.DataFrame, column: str, value: str):
    if value == "":
        return None
    dtype = str(df[column].dtype)
    try:
        if dtype in ("Int64", "int64"):
            return int(value)
        if dtype == "float64":
            return float(value.replace(",", "."))
    except ValueError:
        raise CorrectionError(f"{column} takes a number, not {value!r}") from None
    if column.endswith("_date"):
        try:
            return date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
        except ValueError:
            _bad_date(value)
    return value


def _bad_date(value: str):
    raise CorrectionError(f"dates are written YYYY-MM-DD, not {value!r}")


def _check(frames: Mapping[str, pd.DataFrame], c: Correction) -> Optional[str]:
    """Why a correction cannot apply (None when it can)."""
    if c.table not in KEY_COLUMNS:
        return f"unknown table {c.table!r} (one of {', '.join(KEY_COLUMNS)})"
    df = frames.get(c.table)
    key_col = KEY_COLUMNS[c.table]
    if df is None or key_col not in df.columns:
        return f"no {c.table} table"
    if c.column != DELETE and c.column not in df.columns:
        return f"no column {c.column!r} in {c.table}"
    if c.column == key_col:
        return f"the key column {key_col} cannot be corrected"
    if not (df[key_col] == c.key).any():
        return f"no {c.table} row with {key_col} {c.key!r} (the report changed or the row is gone)"
    return None


def apply_corrections(frames: Mapping[str, pd.DataFrame],
                      corrections: list[Correction]) -> tuple[dict[str, pd.DataFrame], CorrectionReport]:
    """New frames with the corrections applied, and what happened to each."""
    out = {name: df.copy() for name, df in frames.items()}
    report = CorrectionReport()
    for c in corrections:
        why = _check(out, c)
        if why is None:
            df = out[c.table]
            rows = df.index[df[KEY_COLUMNS[c.table]] == c.key]
            if c.column == DELETE:
                out[c.table] = df.drop(index=rows).reset_index(drop=True)
                report.applied.append(c)
                continue
            try:
                value = _typed_value(df, c.column, c.value)
            except CorrectionError as err:
                report.stale.append((c, str(err)))
                continue
            current = df.loc[rows[0], c.column]
            if (value is None and pd.isna(current)) or (value is not None and not pd.isna(current)
                                                          and current == value):
                report.redundant.append(c)
                continue
            if value is None and str(df[c.column].dtype) == "int64":
                df[c.column] = df[c.column].astype("Int64")
            df.loc[rows, c.column] = value
            rule_col = VISIT_RULES.get(c.column) if c.table == "visits" else "rule"
            if rule_col and rule_col in df.columns:
                df.loc[rows, rule_col] = CORRECTED
            report.applied.append(c)
        else:
            report.stale.append((c, why))
    return out, report


def apply_file(frames: Mapping[str, pd.DataFrame], out_dir) -> tuple[dict[str, pd.DataFrame], CorrectionReport]:
    """Apply ``OUT/corrections.csv`` (if any): the step every run ends with."""
    return apply_corrections(frames, read_corrections(Path(out_dir) / FILE_NAME))


def add_correction(out_dir, frames: Mapping[str, pd.DataFrame], correction: Correction) -> None:
    """Validate a new correction against the current tables and append it to the file
    (written whole to a temporary file, then renamed)."""
    why = _check(frames, correction)
    if why is None and correction.column != DELETE:
        _typed_value(frames[correction.table], correction.column, correction.value)
    if why is not None:
        raise CorrectionError(why)
    path = Path(out_dir) / FILE_NAME
    existing = path.read_bytes() if path.exists() else b""
    text = _decode(existing, path) if existing else ""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not text.strip():
        writer.writerow(FIELDS)
    elif not text.endswith("\n"):
        buf.write("\n")
    writer.writerow([correction.table, correction.key, correction.column, correction.value,
                     correction.note])
    fd, tmp = tempfile.mkstemp(prefix=".corrections-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text + buf.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def format_stale(report: CorrectionReport) -> list[str]:
    """One ``warning:`` line per stale or redundant correction."""
    lines = [f"warning: {FILE_NAME} {c.where()}: {why}" for c, why in report.stale]
    lines += [f"warning: {FILE_NAME} {c.where()}: the rules now give {c.value!r}; the correction "
              f"may be removed" for c in report.redundant]
    return lines


def run_step(frames: Mapping[str, pd.DataFrame], out_dir, quiet: bool = False) -> dict[str, pd.DataFrame]:
    """``wizyty run``'s last step before writing: apply the file, report on stderr."""
    import sys

    try:
        fixed, report = apply_file(frames, out_dir)
    except CorrectionError as err:
        print(f"error: {err} (corrections not applied)", file=sys.stderr)
        return dict(frames)
    for line in format_stale(report):
        print(line, file=sys.stderr)
    if not quiet and (report.applied or report.stale or report.redundant):
        print(report.summary(), file=sys.stderr)
    return fixed


def _kept_texts(out: Path) -> dict:
    """``{"texts": {doc_id: text}}`` when the run kept its reports' texts (``OUT/texts/``)."""
    folder = out / "texts"
    if not folder.is_dir():
        return {}
    texts = {}
    for path in sorted(folder.rglob("*.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            texts[path.relative_to(folder).with_suffix("").as_posix()] = f.read()
    return {"texts": texts}


def command(args) -> int:
    """``wizyty correct OUT TABLE KEY COLUMN VALUE``: record a correction and apply it to
    the tables in OUT now (later runs apply it again)."""
    import sys

    from ..tables import FORMATS, SQLITE_NAME, read_tables, write_tables

    out = Path(args.out)
    try:
        if not out.is_dir():
            raise CorrectionError(f"{out}: no such output folder")
        frames = read_tables(out)
        if args.list:
            _, report = apply_file(frames, out)
            for c in read_corrections(out / FILE_NAME):
                print(f"{c.table},{c.key},{c.column},{c.value},{c.note}")
            for line in format_stale(report):
                print(line, file=sys.stderr)
            return 0
        if args.delete:
            table, key = args.delete
            corr = Correction(table, key, DELETE, "", args.note or "")
        else:
            if len(args.fields) != 4:
                raise CorrectionError("give TABLE KEY COLUMN VALUE (VALUE '' clears the cell)")
            corr = Correction(*args.fields, note=args.note or "")
        add_correction(out, frames, corr)
        fixed, _ = apply_corrections(frames, [corr])
        marker = {"sqlite": SQLITE_NAME, "xlsx": "wizyty.xlsx", "csv-excel": "excel/visits.csv"}
        formats = [f for f in FORMATS if (out / marker.get(f, f"visits.{f}")).exists()]
        # the run's other entries (documents table, texts/) are rewritten unchanged
        if (out / "documents.csv").exists():
            # read back as written: formula-neutralised cells get their text again
            fixed["documents"] = read_tables(out, tables=["documents"])["documents"]
        write_tables(fixed, out, formats=formats or ["csv"], **_kept_texts(out))
    except CorrectionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"recorded in {out / FILE_NAME} and applied to {', '.join(formats or ['csv'])} tables",
          file=sys.stderr)
    return 0

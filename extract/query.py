"""``wizyty query OUT "SQL"``: read-only SQL over a run's tables.

SQLite from the standard library: the tables are small (thousands of rows); loading
the 72 development reports' CSVs into an in-memory database with its keys and views and
answering a join takes 0.26 s (measured), mostly CSV parsing, so DuckDB (a native wheel
of tens of MB) would buy nothing here. When ``OUT/wizyty.sqlite`` is at least as new as the CSVs
it is opened read-only (``mode=ro``); otherwise the CSVs are loaded into memory with the
same schema (keys, label tables, views: :mod:`extract.output.sqlite`).

Read-only twice over: the connection runs with ``PRAGMA query_only`` and an authorizer
that allows reading only, so ``DELETE``, ``UPDATE``, ``DROP``, ``ATTACH`` ... are refused
before they run and the tables stay as they were.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Optional

import pandas as pd

from .output.labels import code_labels
from .tables import SQLITE_NAME, read_tables

__all__ = ["QueryError", "connect", "run_query", "schema_text", "main"]

_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION}
# recursive CTEs need this one; it reads only
_ALLOWED |= {getattr(sqlite3, "SQLITE_RECURSIVE", 33)}
_READ_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "foreign_key_list"}


class QueryError(Exception):
    """A query that cannot run (no tables, a writing statement, an SQL error)."""


def _authorizer(action, arg1, arg2, dbname, source):
    if action in _ALLOWED:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in _READ_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _newest_csv(out: Path) -> float:
    return max((p.stat().st_mtime for p in out.glob("*.csv") if p.name != "corrections.csv"),
               default=0.0)


def connect(out_dir) -> sqlite3.Connection:
    """A read-only connection over the tables in ``out_dir``."""
    out = Path(out_dir)
    if not out.is_dir():
        raise QueryError(f"{out}: no such output folder (run `wizyty run ... --out {out}` first)")
    db = out / SQLITE_NAME
    if db.is_file() and db.stat().st_mtime >= _newest_csv(out):
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    elif any(out.glob("*.csv")):
        from .output.sqlite import write_database

        con = sqlite3.connect(":memory:")
        frames = read_tables(out)
        if (out / "documents.csv").exists():  # the run's documents table, as the database has it
            frames["documents"] = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False,
                                              na_values=[""])
        write_database(frames, con)
    else:
        raise QueryError(f"{out}: no tables (no *.csv, no {SQLITE_NAME})")
    con.execute("PRAGMA query_only = ON")
    con.set_authorizer(_authorizer)
    return con


def run_query(out_dir, sql: str) -> pd.DataFrame:
    """The result of one reading statement as a DataFrame."""
    con = connect(out_dir)
    try:
        try:
            cur = con.execute(sql)
        except sqlite3.DatabaseError as err:
            if "not authorized" in str(err) or "readonly" in str(err) or "query_only" in str(err):
                raise QueryError("only reading statements (SELECT, WITH ... SELECT) are allowed; "
                                 "the tables were not changed") from None
            raise QueryError(f"SQL error: {err}") from None
        except sqlite3.Warning as err:  # e.g. two statements at once
            raise QueryError(f"SQL error: {err}") from None
        cols = [d[0] for d in cur.description or []]
        # object dtype: an INTEGER column with gaps stays integers (30, not 30.0)
        return pd.DataFrame(cur.fetchall(), columns=cols, dtype=object)
    finally:
        con.close()


def schema_text(out_dir) -> str:
    """Tables and views with their columns and types, then the code labels."""
    con = connect(out_dir)
    lines = []
    try:
        objects = con.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
                              "AND name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
        for kind, name in objects:
            n = con.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            lines.append(f"{kind} {name} ({n} rows)")
            for _, col, typ, _notnull, _default, pk in con.execute(f'PRAGMA table_info("{name}")'):
                lines.append(f"  {col} {typ or ''}{' PRIMARY KEY' if pk else ''}".rstrip())
            fks = con.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()
            for fk in fks:
                lines.append(f"  {fk[3]} -> {fk[2]}.{fk[4]}")
    finally:
        con.close()
    lines.append("")
    for kind, column in (("institution_type", "hosts.type"), ("topic", "topics.topic")):
        lines.append(f"codes of {column}:")
        lines.extend(f"  {code:24s} {label}" for code, label in code_labels(kind).items())
    return "\n".join(lines)


def format_result(df: pd.DataFrame, fmt: Optional[str]) -> str:
    if fmt == "csv":
        return df.to_csv(index=False, lineterminator="\n").rstrip("\n")
    if fmt == "json":
        return json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)),
                          ensure_ascii=False, indent=1)
    with pd.option_context("display.max_rows", 500, "display.max_columns", 50,
                           "display.width", 200, "display.max_colwidth", 60):
        shown = df.astype(object).where(df.notna(), "")
        return shown.to_string(index=False) if len(df.columns) else "(no columns)"


def command(args) -> int:
    """``wizyty query``: print the result or the schema; one-line errors, exit 2."""
    return main(args.out, args.sql, args.qformat, args.schema)


def main(out_dir, sql: Optional[str], fmt: Optional[str] = None, schema: bool = False) -> int:
    try:
        if schema:
            print(schema_text(out_dir))
            return 0
        if not sql:
            raise QueryError('give an SQL statement, e.g. "SELECT COUNT(*) FROM hosts", or --schema')
        print(format_result(run_query(out_dir, sql), fmt))
        return 0
    except QueryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

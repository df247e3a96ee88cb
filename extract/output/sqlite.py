"""The SQLite form of the tables, as a researcher expects a database to be.

``to_sql`` alone gives five unrelated tables with guessed types. Here every table gets
its primary key (the content-derived row keys), foreign keys to ``visits`` and to the
label tables, indexes on the join and filter columns, dates declared ``DATE`` and checked
to be ISO ``YYYY-MM-DD`` (so ``date()``, ``strftime()`` and comparisons work), label
tables for the codes, and views that answer the common questions without a join.

The same schema is built in memory by ``wizyty query`` over CSV tables, so a query
reads the same whichever format a run wrote.
"""
from __future__ import annotations

import sqlite3
from typing import Mapping

import pandas as pd

from .labels import label_frames

#: Primary key of each table.
PRIMARY_KEYS = {"visits": "visit_id", "hosts": "host_id", "people": "person_id",
                "places": "place_id", "topics": "topic_id",
                "institution_types": "code", "topic_codes": "code", "voivodeships": "name"}
#: (column, referenced table, referenced column) per table.
FOREIGN_KEYS = {
    "hosts": [("visit_id", "visits", "visit_id"), ("type", "institution_types", "code"),
              ("voivodeship", "voivodeships", "name")],
    "people": [("visit_id", "visits", "visit_id")],
    "places": [("visit_id", "visits", "visit_id"), ("voivodeship", "voivodeships", "name")],
    "topics": [("visit_id", "visits", "visit_id"), ("topic", "topic_codes", "code")],
}
#: Indexed columns per table (besides the primary key).
INDEXES = {
    "visits": ["doc_id", "start_date", "organizer"],
    "hosts": ["visit_id", "doc_id", "type", "city", "voivodeship"],
    "people": ["visit_id", "doc_id", "name"],
    "places": ["visit_id", "doc_id", "name", "voivodeship"],
    "topics": ["visit_id", "doc_id", "topic"],
}
LABEL_TABLES = ("institution_types", "topic_codes", "voivodeships")
ORDER = LABEL_TABLES + ("visits", "hosts", "people", "places", "topics")

VIEWS = {
    # every host with its visit's dates, organiser and title, and its type's label
    "hosts_visits": """
        SELECT h.host_id, h.visit_id, h.doc_id, h.name, h.type, t.label AS type_label,
               h.city, h.voivodeship, v.title, v.start_date, v.end_date, v.organizer,
               v.organizer_city
        FROM hosts h JOIN visits v ON v.visit_id = h.visit_id
        LEFT JOIN institution_types t ON t.code = h.type""",
    # one row per visit: dates, organiser and how much was extracted from it
    "visit_summary": """
        SELECT v.visit_id, v.doc_id, v.title, v.start_date, v.end_date, v.organizer,
               v.organizer_city, v.participants_count,
               (SELECT COUNT(*) FROM hosts h WHERE h.visit_id = v.visit_id) AS hosts,
               (SELECT COUNT(*) FROM people p WHERE p.visit_id = v.visit_id) AS people,
               (SELECT COUNT(*) FROM places l WHERE l.visit_id = v.visit_id) AS places,
               (SELECT GROUP_CONCAT(topic, ', ') FROM topics o WHERE o.visit_id = v.visit_id)
                   AS topics
        FROM visits v""",
    # topics with their labels and the visit's dates
    "topics_labelled": """
        SELECT o.topic_id, o.visit_id, o.topic, c.label AS topic_label, o.score,
               v.start_date, v.end_date
        FROM topics o JOIN visits v ON v.visit_id = o.visit_id
        LEFT JOIN topic_codes c ON c.code = o.topic""",
}


def _sql_type(col: str, series: pd.Series) -> str:
    if col.endswith("_date"):
        return "DATE"
    kind = series.dtype.kind
    if kind in "iu" or str(series.dtype) == "Int64":
        return "INTEGER"
    if kind == "f":
        return "REAL"
    if kind == "b":
        return "INTEGER"
    return "TEXT"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(name: str, df: pd.DataFrame, references: set[str]) -> str:
    """``CREATE TABLE`` for one frame: its columns typed, its key and the foreign keys
    whose referenced table is written too."""
    pk = PRIMARY_KEYS.get(name)
    if pk not in df.columns or df[pk].isna().any() or df[pk].duplicated().any():
        pk = None  # rows without usable keys (an old or hand-made table): no constraint
    cols = []
    for col in df.columns:
        decl = f"{_q(col)} {_sql_type(col, df[col])}"
        if col == pk:
            decl += " PRIMARY KEY"
        elif col in ("visit_id", "doc_id"):
            decl += " NOT NULL"
        if col.endswith("_date"):
            decl += f" CHECK ({_q(col)} IS NULL OR date({_q(col)}) IS {_q(col)})"
        cols.append(decl)
    for col, table, ref in FOREIGN_KEYS.get(name, []):
        if col in df.columns and table in references:
            cols.append(f"FOREIGN KEY ({_q(col)}) REFERENCES {_q(table)} ({_q(ref)})")
    return f"CREATE TABLE {_q(name)} (\n  " + ",\n  ".join(cols) + "\n)"


def _with_unknown_codes(labels: dict[str, pd.DataFrame],
                        frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Codes the tables use but the label files lack get a row (label = code), so the
    foreign keys hold even after a new code is added to the rules."""
    out = dict(labels)
    for table, fks in FOREIGN_KEYS.items():
        df = frames.get(table)
        if df is None:
            continue
        for col, ref_table, ref_col in fks:
            if ref_table not in out or col not in df.columns:
                continue
            known = set(out[ref_table][ref_col])
            new = sorted({v for v in df[col].dropna().unique() if v not in known})
            if new:
                extra = pd.DataFrame({c: new if c in (ref_col, "label") else None
                                      for c in out[ref_table].columns})
                out[ref_table] = pd.concat([out[ref_table], extra], ignore_index=True)
    return out


def write_database(frames: Mapping[str, pd.DataFrame], con: sqlite3.Connection) -> None:
    """Create the schema in ``con`` and insert the tables (label tables included).

    Tables other than the five (e.g. a documents table) are written as they are, with
    ``doc_id`` indexed when they have one.
    """
    tables = dict(_with_unknown_codes(label_frames(), frames))
    tables.update({k: v for k, v in frames.items() if k not in tables})
    names = [n for n in ORDER if n in tables] + [n for n in tables if n not in ORDER]
    present = set(names)
    for name in names:
        df = tables[name]
        con.execute(f"DROP VIEW IF EXISTS {_q(name)}")
        con.execute(f"DROP TABLE IF EXISTS {_q(name)}")
        con.execute(create_table_sql(name, df, present))
        if len(df):
            placeholders = ", ".join("?" * len(df.columns))
            rows = df.astype(object).where(df.notna(), None).itertuples(index=False, name=None)
            con.executemany(f"INSERT INTO {_q(name)} VALUES ({placeholders})", rows)
        for col in INDEXES.get(name, ["doc_id"] if "doc_id" in df.columns else []):
            if col in df.columns:
                con.execute(f"CREATE INDEX {_q(f'idx_{name}_{col}')} ON {_q(name)} ({_q(col)})")
    if {"visits", "hosts", "people", "places", "topics"} <= present:
        for view, sql in VIEWS.items():
            con.execute(f"DROP VIEW IF EXISTS {_q(view)}")
            con.execute(f"CREATE VIEW {_q(view)} AS {sql.strip()}")
    con.commit()


def write_sqlite_file(frames: Mapping[str, pd.DataFrame], path) -> None:
    """Write a new database file at ``path`` (the caller makes the write atomic)."""
    con = sqlite3.connect(path)
    try:
        write_database(frames, con)
    finally:
        con.close()

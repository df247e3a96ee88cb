"""Labels of the codes the tables use: institution types, topics, voivodeships.

Codes keep the tables compact and joinable; people reading a spreadsheet or a query
result want words. The labels are data (``models/resources/code_labels.csv``,
``voivodeships.csv``), read once.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..resources import read_csv


@lru_cache(maxsize=None)
def _rows() -> tuple[dict, ...]:
    return tuple(read_csv("code_labels.csv"))


def code_labels(kind: str) -> dict[str, str]:
    """``{code: Polish label}`` for ``institution_type`` or ``topic``."""
    return {r["code"]: r["label_pl"] for r in _rows() if r["kind"] == kind}


def label_frames() -> dict[str, pd.DataFrame]:
    """The label tables of the SQLite output: ``institution_types``, ``topic_codes``,
    ``voivodeships``."""
    rows = _rows()
    frames = {
        "institution_types": pd.DataFrame(
            [(r["code"], r["label_pl"], r["label_en"]) for r in rows if r["kind"] == "institution_type"],
            columns=["code", "label", "label_en"]),
        "topic_codes": pd.DataFrame(
            [(r["code"], r["label_pl"], r["label_en"]) for r in rows if r["kind"] == "topic"],
            columns=["code", "label", "label_en"]),
        "voivodeships": pd.DataFrame(
            [(r["voivodeship"], r["capital"].replace("|", ", "), r["admin1"])
             for r in read_csv("voivodeships.csv")],
            columns=["name", "capital", "geonames_admin1"]),
    }
    return frames

"""CSV cells that a spreadsheet would run as a formula are neutralised.

A name taken from a file name or a page ("=HYPERLINK(…)", "+48 …", "@SUM(…)") opens in
Excel or LibreOffice Calc as a formula. As OWASP recommends for CSV export (and as
spreadsheet-safe exporters do), a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a leading apostrophe: spreadsheets show the text as
written, without the apostrophe. A cell that already starts with apostrophes before such
a character gets one more, so :func:`restore` gives back every value exactly
(``read_tables`` applies it). Numeric columns are not touched: ``-1.5`` stays a number.
"""
from __future__ import annotations

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _needs(value: str) -> bool:
    return value.lstrip("'").startswith(TRIGGERS)


def neutralise_value(value):
    if isinstance(value, str) and value and _needs(value):
        return "'" + value
    return value


def restore_value(value):
    if isinstance(value, str) and value.startswith("'") and _needs(value[1:]):
        return value[1:]
    return value


def _text(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series))


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with its text cells neutralised (for writing CSV)."""
    out = df.copy()
    for col in out.columns:
        if _text(out[col]):
            out[col] = out[col].map(neutralise_value).astype(out[col].dtype)
    return out


def restore(df: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralise` on a frame read back from CSV."""
    for col in df.columns:
        if _text(df[col]):
            df[col] = df[col].map(restore_value).astype(df[col].dtype)
    return df

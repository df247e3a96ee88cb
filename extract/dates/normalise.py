"""Month words to month numbers: ``dateparser`` reads the single date expression, the
table of ``months.csv`` stands behind it.

The grammar (``grammar``) finds where a date is and which parts it has; it hands each
single date expression ("5 września 2013", "05 WRZESNIA", "5 wrzesnia", "12 pażdziernika")
to ``dateparser`` (Polish only, day and month required), which knows the month names in
any case, the forms without diacritics, abbreviations and common misspellings. The table
is consulted as well: where both read a month they agree (checked on every form of the
table and on the date tests); where ``dateparser`` reads nothing the table's reading is
taken (roman numerals, rare forms), and a word neither knows is no month, so the loose
month-like words the grammar lets through ("5 marketów") are dropped. ``dateparser`` is
never run on free text: it would read "się" or "Nie" as dates and it loses range ends.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .. import disk_cache
from .lexicon import months

LEAP_YEAR = 2000  # "29 lutego" without a year still reads
PARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month"], "PREFER_DAY_OF_MONTH": "first"}


@dataclass(frozen=True)
class MonthReading:
    month: int | None
    source: str  # "table+dateparser", "dateparser", "table" or ""


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["pl"], settings=PARSER_SETTINGS)


def by_dateparser(day: int, word: str, year: int | None = None) -> int | None:
    """Month of the expression "<day> <word> <year>" as dateparser reads it (None if it
    reads none, or the day does not exist in that month)."""
    month = month_by_dateparser(word)
    if month is None:
        return None
    try:
        date(year or LEAP_YEAR, month, day)
    except ValueError:
        return None  # "31 czerwca", "29 lutego 2023"
    return month


@lru_cache(maxsize=4096)
def month_by_dateparser(word: str) -> int | None:
    """The month dateparser reads in "1 <word> 2000": a function of the word (one call per
    distinct month word instead of one per day and year, 0.6 ms each; the same readings
    as per-day calls for every form of months.csv, days 1-31 and years 2016/2023).

    Readings are kept on disk per dateparser version (``extract.disk_cache``): a new
    process reads the words it has seen before without loading dateparser (a third of a
    second for its language data)."""
    digest, known = _known_months()
    if word in known:
        return known[word]
    month = _read_with_dateparser(word)
    if len(known) < MAX_KNOWN:
        known[word] = month
        disk_cache.save(MONTHS_CACHE, digest, dict(known))
    return month


MONTHS_CACHE = "dateparser-months"
MAX_KNOWN = 20_000  # month-like words kept on disk


@lru_cache(maxsize=1)
def _known_months() -> tuple[str, dict[str, int | None]]:
    """(key, word -> month) as stored on disk for this dateparser and these settings."""
    try:
        from importlib.metadata import version

        dp_version = version("dateparser")
    except Exception:  # noqa: BLE001 - unknown version: a key of its own
        dp_version = "?"
    digest = hashlib.sha1(f"1|{dp_version}|{LEAP_YEAR}|{sorted(PARSER_SETTINGS.items())}".encode()).hexdigest()
    stored = disk_cache.load(MONTHS_CACHE, digest)
    return digest, dict(stored) if isinstance(stored, dict) else {}


def _read_with_dateparser(word: str) -> int | None:
    try:
        data = _parser().get_date_data(f"1 {word} {LEAP_YEAR}")
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    d = data.date_obj
    if d is None or d.day != 1:
        return None
    return d.month


def by_table(word: str) -> int | None:
    m = months()
    w = word.rstrip(".")
    return m.roman.get(w) or m.after_day.get(w.lower()) or m.abbr.get(w.lower()) or m.all_words.get(w.lower())


def read_month(day: int, word: str, year: int | None = None) -> MonthReading:
    """The month a word stands for in a date expression, and who read it."""
    if word.isdigit():
        return MonthReading(int(word), "number")
    table = by_table(word)
    if table is not None and word.rstrip(".") in months().roman:
        return MonthReading(table, "table")  # dateparser knows no roman months
    parsed = by_dateparser(day, word, year)
    if parsed is not None and table is not None:
        return MonthReading(parsed if parsed == table else table, "table+dateparser")
    if parsed is not None:
        return MonthReading(parsed, "dateparser")
    return MonthReading(table, "table" if table is not None else "")

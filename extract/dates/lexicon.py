"""Word lists of the date grammar, read from ``models/resources`` so analysts can extend
them (new month spellings, cue words) without touching code."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_csv

MONTHS_FILE = "months.csv"
RELATIVE_YEARS_FILE = "date_relative_years.csv"
CUES_FILE = "date_cues.csv"


@dataclass(frozen=True)
class Months:
    """Month forms by how the grammar may use them."""

    after_day: dict[str, int]   # lower-case word forms that may follow a day ("lipca", "wrzesień")
    abbr: dict[str, int]        # lower-case abbreviations, only before a year
    roman: dict[str, int]       # roman numerals, case-sensitive, only before a year
    all_words: dict[str, int]   # every lower-case word form (month-only phrases)


@dataclass(frozen=True)
class Cue:
    """One cue phrase: where it must stand relative to a mention and what it is worth."""

    text: str
    kind: str
    where: str
    weight: int
    pattern: re.Pattern


@lru_cache(maxsize=None)
def months() -> Months:
    after_day: dict[str, int] = {}
    abbr: dict[str, int] = {}
    roman: dict[str, int] = {}
    all_words: dict[str, int] = {}
    for row in read_csv(MONTHS_FILE):
        month, form, kind = int(row["month"]), row["form"], row["kind"]
        if kind == "roman":
            roman[form] = month
        elif kind == "abbr":
            abbr[form.lower()] = month
        else:
            all_words[form.lower()] = month
            if kind.split("_")[0] in ("nom", "gen"):
                after_day[form.lower()] = month
    return Months(after_day, abbr, roman, all_words)


@lru_cache(maxsize=None)
def relative_years() -> dict[str, int]:
    """Normalised form ("br.", "ubiegłego roku") -> year offset."""
    return {normalise(r["form"]): int(r["offset"]) for r in read_csv(RELATIVE_YEARS_FILE)}


def normalise(text: str) -> str:
    """Lower-case with runs of whitespace collapsed (how cues and forms are compared)."""
    return " ".join(text.lower().split())


def phrase_regex(phrase: str) -> str:
    """Regex source for a cue phrase: flexible spaces, ``*`` = word stem, whole words."""
    stem = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words)
    head = r"(?<!\w)" if words and re.match(r"\w", words[0]) else ""
    if stem:
        return head + body + r"\w*"
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return head + body + tail


@lru_cache(maxsize=None)
def cues() -> tuple[Cue, ...]:
    out = []
    for row in read_csv(CUES_FILE):
        src = phrase_regex(row["cue"])
        if row["where"] == "prefix":
            src = "(?:" + src + r")[\s:(\-–—,]{0,4}$"  # the cue ends right before the mention
        out.append(Cue(row["cue"], row["kind"], row["where"], int(row["weight"] or 0),
                       re.compile(src, re.IGNORECASE)))
    return tuple(out)

"""A regex + table grammar of Polish date mentions, over plain text.

Why not ``dateparser`` over the text: it turns ordinary words ("się", "Nie") into dates
and knows no Polish day ranges ("22-25.08.2016 r.", "od 3 do 5 marca", "23 i 24 maja").
Here every date needs a day number and a month: numeric, a roman numeral, a form of
``months.csv`` or a month-like word (one beginning as a month name does: "wrzesnia",
"pażdziernika", "WRZEŚNIA"); each single expression is then read by ``normalise``
(dateparser, with the table behind it), so a word alone is never a date and a
month-like word neither reads as a month is none. Each rule has a name that ends up in
``span._.rule``.

``find_mentions(text)`` returns the mentions with their parts as written (a day, a month,
a year or a relative year such as "br."); years are filled in by ``resolve``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .lexicon import months, normalise, relative_years
from .normalise import read_month


@dataclass(frozen=True)
class Part:
    """One end of a mention as written: ``year`` is None when the text gives none;
    ``rel`` is the offset of a relative year ("br." = 0, "ub.r." = -1)."""

    day: int
    month: int
    year: int | None = None
    rel: int | None = None


@dataclass(frozen=True)
class Mention:
    """A date or a date range found in the text (``last`` is None for a single day)."""

    start_char: int
    end_char: int
    text: str
    rule: str
    first: Part
    last: Part | None = None

    @property
    def is_range(self) -> bool:
        return self.last is not None

    @property
    def has_year(self) -> bool:
        return any(p is not None and p.year is not None for p in (self.first, self.last))


# ---- building blocks -------------------------------------------------------------------
_SP = r"[ \t\u00a0]"            # a space that does not cross a line
S = _SP + "+"
S0 = _SP + "*"
START = r"(?<![\w.,/:])(?<!\d[-–—])"   # a day does not continue a number or a code
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
MON_NUM = r"(?:0?[1-9]|1[0-2])(?!\d)"
YEAR4 = r"(?:19|20)\d{2}(?!\d)"
# a year after a month word is no year of a period: "9 X 2014-2020" is an axis and a span
YEAR4T = YEAR4 + r"(?![ \t\u00a0]*[-–—/][ \t\u00a0]*(?:19|20)\d{2}(?!\d))"
YEAR_NUM = r"(?:(?:19|20)\d{2}|\d{2})(?!\d)"   # numeric dates may write "25.08.16"
YSUF = r"(?:" + _SP + r"?(?i:roku|rok|r\.|r)(?!\w))?"   # "2011 r.", "2011r.", "2011 roku", "2011 R."
DASH = S0 + r"[-–—]" + S0
# "5-8", "od 3 do 5", "23 i 24", "5, 6", "12/13" (two days of one month)
RSEP = r"(?:" + DASH + r"|" + S + r"(?i:do|i|oraz)" + S + r"|" + S0 + "," + S0 + r"|" + S0 + "/" + S0 + r")"
RSEP_DASH_DO = r"(?:" + DASH + r"|" + S + r"(?i:do)" + S + r")"
OD = r"(?:(?i:od)" + S + r")?"
END = r"(?![\w])"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LETTER_VARIANTS = {"z": "zżź", "ż": "zżź", "ź": "zżź", "s": "sś", "ś": "sś", "l": "lł", "ł": "lł",
                    "o": "oó", "ó": "oó", "a": "aą", "ą": "aą", "e": "eę", "ę": "eę",
                    "c": "cć", "ć": "cć", "n": "nń", "ń": "nń"}


def _month_like(m) -> str:
    """A word that begins as a month name does, diacritics written or not ("wrzesnia",
    "pażdziernika"): a candidate that ``normalise.read_month`` accepts or rejects."""
    stems = {w[:3] for w in m.after_day} | {w[:3] for w in m.abbr}
    alts = sorted("".join(f"[{_LETTER_VARIANTS[c]}]" if c in _LETTER_VARIANTS else re.escape(c) for c in st)
                  for st in stems)
    return r"(?:" + "|".join(alts) + r")[^\W\d_]{1,12}"


@lru_cache(maxsize=None)
def _lex() -> dict[str, str]:
    m = months()
    rel = [re.escape(f).replace(r"\ ", S) for f in sorted(relative_years(), key=len, reverse=True)]
    return {
        "MONW": r"(?i:" + _alt(m.after_day) + "|" + _month_like(m) + r")(?!\w)",
        "MONY": r"(?:(?i:" + _alt(m.abbr) + r")\.?|" + _alt(m.roman) + r"(?![\w]))",
        "REL": r"(?i:" + "|".join(f"(?:{r})" for r in rel) + r")(?!\w)",
    }


def _year_or_rel(n: int, required: bool = False) -> str:
    lx = _lex()
    core = rf"{S}(?:(?P<y{n}>{YEAR4T}){YSUF}|(?P<r{n}>{lx['REL']}))"
    return core if required else f"(?:{core})?"


def _year(n: int, numeric: bool = False) -> str:
    """A year; a numeric date may leave a space before a four-digit year only
    ("13-15.05. 2024", but not "5-8.07. 20 osób")."""
    if not numeric:
        return rf"(?P<y{n}>{YEAR4}){YSUF}"
    return rf"(?:{S}(?={YEAR4}))?(?P<y{n}>{YEAR_NUM}){YSUF}"


@lru_cache(maxsize=None)
def rules() -> tuple[tuple[str, re.Pattern], ...]:
    """(name, compiled pattern) in priority order: longer, more specific forms first."""
    lx = _lex()
    W, Y = lx["MONW"], lx["MONY"]
    MY_PRE = r"(?:\." + S0 + "|" + S + ")"      # "5.IX.2019", "5 IX 2019", "5 wrz. 2019"
    MY_POST = r"(?:\." + S0 + "|" + S0 + ")"
    src = [
        # "30 września - 2 października 2019", "od 30 grudnia 2019 r. do 2 stycznia 2020 r."
        ("range_day_month_day_month",
         rf"{START}{OD}(?P<d1>{DAY}){S}(?P<m1>{W})(?:{S}(?P<y1>{YEAR4T}){YSUF})?{RSEP_DASH_DO}"
         rf"(?P<d2>{DAY}){S}(?P<m2>{W}){_year_or_rel(2)}"),
        # "5-8 lipca 2011 r.", "od 3 do 5 marca", "23 i 24 maja", "5, 6 i 7 maja", "5-8 wrzesień 2017",
        # "05-06. września 2013" (an ordinal dot after the last day)
        ("range_day_day_month",
         rf"{START}{OD}(?P<d1>{DAY})(?:{S0},{S0}{DAY})*{RSEP}(?P<d2>{DAY})\.?{S}(?P<m2>{W}){_year_or_rel(2)}"),
        # "5-8 IX 2019", "5-8.IX.2019"
        ("range_day_day_monthnum",
         rf"{START}{OD}(?P<d1>{DAY}){RSEP_DASH_DO}(?P<d2>{DAY}){MY_PRE}(?P<m2>{Y}){MY_POST}(?P<y2>{YEAR4T}){YSUF}"),
        # "5 lipca 2011 r.", "10 maja", "6 września br."
        ("day_month", rf"{START}(?P<d1>{DAY}){S}(?P<m1>{W}){_year_or_rel(1)}"),
        # "5. września 2013 r.": an ordinal dot only before a year (not "3. Maja" in a list)
        ("day_month", rf"{START}(?P<d1>{DAY})\.{S}(?P<m1>{W}){_year_or_rel(1, required=True)}"),
        # "5 IX 2019", "5.IX.2019", "5 wrz. 2019"
        ("day_monthnum", rf"{START}(?P<d1>{DAY}){MY_PRE}(?P<m1>{Y}){MY_POST}(?P<y1>{YEAR4T}){YSUF}"),
        # "2014-03-23 - 2014-03-27"
        ("range_iso_iso",
         rf"(?<![\w.,/-])(?P<y1>{YEAR4})-(?P<m1>{MON_NUM})-(?P<d1>{DAY}){RSEP_DASH_DO}"
         rf"(?P<y2>{YEAR4})-(?P<m2>{MON_NUM})-(?P<d2>{DAY}){END}"),
        ("iso", rf"(?<![\w.,/-])(?P<y1>{YEAR4})-(?P<m1>{MON_NUM})-(?P<d1>{DAY})(?![\w-])"),
        # "09.08.2021-13.08.2021", "30.09.2019 r. – 2.10.2019 r."
        ("range_numeric_full_full",
         rf"{START}{OD}(?P<d1>{DAY})[./](?P<m1>{MON_NUM})[./]{_year(1, numeric=True)}{RSEP_DASH_DO}"
         rf"(?P<d2>{DAY})[./](?P<m2>{MON_NUM})[./]{_year(2, numeric=True)}"),
        # "22.06.-24.06.2015r.", "30.09-2.10.2019"
        ("range_numeric_daymonth_full",
         rf"{START}{OD}(?P<d1>{DAY})[./](?P<m1>{MON_NUM})\.?{RSEP_DASH_DO}"
         rf"(?P<d2>{DAY})[./](?P<m2>{MON_NUM})[./]{_year(2, numeric=True)}"),
        # "22-25.08.2016 r.", "13-15.05. 2024", "od 22 do 25.08.2016"
        ("range_numeric_day_full",
         rf"{START}{OD}(?P<d1>{DAY}){RSEP_DASH_DO}(?P<d2>{DAY})[./](?P<m2>{MON_NUM})[./]{_year(2, numeric=True)}"),
        # "25.08.2016", "07.10.2021 r.", "25.08.16"
        ("numeric_day_month_year",
         rf"{START}(?P<d1>{DAY})(?P<sep>[./])(?P<m1>{MON_NUM})(?P=sep){_year(1, numeric=True)}(?![.,/]?\d)"),
    ]
    # Numeric dates without a year ("24.06", "13-15.05.") are dates only with a year
    # word after them ("24.06 br.") or a day cue before them ("dnia 24.06").
    cue = r"(?i:(?<!\w)(?:w\s+dniach|w\s+dniu|dnia|dn\.|w\s+terminie|termin:?))" + S
    noyear = [
        ("range_numeric_daymonth_daymonth",
         rf"{OD}(?P<d1>{DAY})\.(?P<m1>{MON_NUM})\.?{RSEP_DASH_DO}(?P<d2>{DAY})\.(?P<m2>{MON_NUM})\.?"),
        ("range_numeric_day_daymonth", rf"{OD}(?P<d1>{DAY}){RSEP_DASH_DO}(?P<d2>{DAY})\.(?P<m2>{MON_NUM})\.?"),
        ("numeric_day_month", rf"(?P<d1>{DAY})\.(?P<m1>{MON_NUM})\.?"),
    ]
    for name, core in noyear:
        src.append((name + "_rel", rf"{START}(?P<core>{core}{S0}(?P<r2>{lx['REL']}))"))
        src.append((name, rf"{cue}(?P<core>{core})(?![\w.,/]|\.\d)"))
    return tuple((name, re.compile(pat)) for name, pat in src)


# ---- matching --------------------------------------------------------------------------
def _month(text: str | None, day: int | None, year: int | None) -> int | None:
    if text is None:
        return None
    return read_month(day or 1, text, year).month


def _year_value(text: str | None) -> int | None:
    if text is None:
        return None
    y = int(text)
    return 2000 + y if len(text) == 2 else y


def _rel_value(text: str | None) -> int | None:
    return None if text is None else relative_years().get(normalise(text))


def _valid(p: Part) -> bool:
    try:
        date(p.year or 2000, p.month, p.day)  # 2000 is a leap year: "29 lutego" stays valid
        return True
    except ValueError:
        return False


BACKWARDS_DAYS = 7  # a range whose end comes up to a week before its start was written backwards


def _parts(g: dict[str, str | None]) -> tuple[Part, Part | None] | None:
    """Fill a range's missing month/year from its other end; put a range written backwards
    in order; None when invalid."""
    d1, d2 = int(g["d1"]), int(g["d2"]) if g.get("d2") else None
    y1, y2 = _year_value(g.get("y1")), _year_value(g.get("y2"))
    m1, m2 = _month(g.get("m1"), d1, y1), _month(g.get("m2"), d2, y2)
    if (g.get("m1") and m1 is None) or (g.get("m2") and m2 is None):
        return None  # a month-like word that is no month
    r1, r2 = _rel_value(g.get("r1")), _rel_value(g.get("r2"))
    if d2 is None:
        first = Part(d1, m1, y1, r1 if r1 is not None else r2)
        return (first, None) if _valid(first) else None
    m1 = m1 or m2
    if m1 == m2 and y1 is None and d1 > d2:  # one month for both days: "6-5 września"
        if d1 - d2 > BACKWARDS_DAYS:
            return None  # "28-5 maja" is no range
        d1, d2 = d2, d1
    if y1 is None and y2 is not None:  # "30 grudnia - 2 stycznia 2020": start in 2019
        y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2
    elif y2 is None and y1 is not None:  # "30 grudnia 2019 - 2 stycznia": end in 2020
        y2 = y1 + 1 if (m1, d1) > (m2, d2) else y1
    first, last = Part(d1, m1, y1, r2), Part(d2, m2, y2, r2)
    if not (_valid(first) and _valid(last)):
        return None
    if y1 is not None and y2 is not None:
        gap = (date(y1, m1, d1) - date(y2, m2, d2)).days
        if gap > BACKWARDS_DAYS:
            return None  # "12.08.2017 - 1.03.2016" is no range
        if gap > 0:  # written backwards: "26.06.2018 - 25.06.2018"
            return last, first
    return first, last


def _read_by_dateparser_only(g: dict[str, str | None]) -> bool:
    """A month word of the mention that only dateparser could read ("pażdziernika")."""
    for n in ("1", "2"):
        word = g.get("m" + n)
        if word and not word.isdigit():
            day = int(g.get("d" + n) or g.get("d2") or 1)
            if read_month(day, word, _year_value(g.get("y" + n))).source == "dateparser":
                return True
    return False


def _rule_name(name: str, first: Part, last: Part | None) -> str:
    if name.endswith("_rel"):
        return name[:-4] + "_relyear"
    if name.startswith(("iso", "range_iso")):
        return name
    ends = [p for p in (first, last) if p is not None]
    if any(p.year is not None for p in ends):
        return name if name.endswith("_year") or name.endswith("_full") else name + "_year"
    if any(p.rel is not None for p in ends):
        return name + "_relyear"
    return name


DIGITS = re.compile(r"\d+")
WINDOW = 200  # characters around a number that a mention can reach (cue words, year suffix)


def digit_windows(text: str, pad: int = WINDOW) -> list[tuple[int, int]]:
    """Disjoint stretches of ``text`` around its numbers. Every rule needs a day number, so
    a mention lies within ``pad`` characters (plus a run of spaces) of one: scanning only
    these stretches gives the same matches at a fraction of the cost (prose between
    numbers is most of a report)."""
    out: list[list[int]] = []
    n = len(text)
    for m in DIGITS.finditer(text):
        a, b = max(0, m.start() - pad), min(n, m.end() + pad)
        while a > 0 and text[a - 1] in " \t\u00a0":
            a -= 1  # a run of spaces does not cut a mention off
        while b < n and text[b] in " \t\u00a0":
            b += 1
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def find_mentions(text: str) -> list[Mention]:
    """Every date mention in ``text``, in reading order, without overlaps (the longest
    mention wins; on equal length the earlier rule)."""
    found: list[tuple[int, int, int, Mention]] = []
    windows = digit_windows(text)
    for prio, (name, pattern) in enumerate(rules()):
        for m in (m for a, b in windows for m in pattern.finditer(text, a, b)):
            parts = _parts(m.groupdict())
            if parts is None:
                continue
            s, e = m.span("core") if "core" in pattern.groupindex else m.span()
            # trailing spaces of an absent year suffix are not part of the mention
            while e > s and text[e - 1].isspace():
                e -= 1
            first, last = parts
            rule = _rule_name(name, first, last)
            if _read_by_dateparser_only(m.groupdict()):
                rule += ":month_by_dateparser"
            found.append((s, e, prio, Mention(s, e, text[s:e], rule, first, last)))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for s, e, _, mention in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(mention)
    return sorted(out, key=lambda m: m.start_char)

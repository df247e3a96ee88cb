"""Give every date mention full ISO dates, taking a missing year from the report.

Annotation rule: a date without a year takes the year of the report (its publication
date, or another full date in it); "br." is the report's own year; when the report gives
no year at all the date stays unresolved (never guessed). A year that is no date does
not date the report: the edition of the project under which the trip ran ("Edycja
2021"), a contest ("Konkurs ... 2023"), a period ("na lata 2021-2027"), a founding year
("powstała w 1980 roku").
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .context import cue_hits, standalone
from .grammar import Mention, Part, find_mentions

NEAREST_DAYS = 92  # "28 grudnia" in a report of 2016-01-10 is 2015-12-28, not 2016


@dataclass(frozen=True)
class DateMention:
    """A mention with resolved dates (None when the year cannot be known)."""

    mention: Mention
    start: date | None
    end: date | None
    year_inferred: bool
    year_source: str   # "text", "publication", "full_date" or "" (unresolved)
    publication: bool  # a date of the web page, not of an event

    @property
    def start_char(self) -> int:
        return self.mention.start_char

    @property
    def end_char(self) -> int:
        return self.mention.end_char

    @property
    def rule(self) -> str:
        return self.mention.rule

    @property
    def is_range(self) -> bool:
        return self.mention.is_range

    @property
    def base(self) -> str:
        """ISO "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD"; an unresolved date keeps its
        month and day in ISO 8601's year-less form "--MM-DD"."""
        def one(d: date | None, p: Part) -> str:
            return d.isoformat() if d else f"--{p.month:02d}-{p.day:02d}"

        first = one(self.start, self.mention.first)
        if not self.is_range:
            return first
        return first + "/" + one(self.end, self.mention.last)

    @property
    def attrs(self) -> dict:
        return {"start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "year_inferred": self.year_inferred}


def _nearest(p: Part, ref: date) -> int:
    """The year of day/month ``p`` closest to ``ref`` when within NEAREST_DAYS, else ref's."""
    best, best_gap = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = abs((date(y, p.month, p.day) - ref).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best if best_gap is not None and best_gap <= NEAREST_DAYS else ref.year


def _dates(first: Part, last: Part | None, year: int) -> tuple[date, date] | None:
    try:
        start = date(year, first.month, first.day)
        if last is None:
            return start, start
        end_year = year + 1 if (last.month, last.day) < (first.month, first.day) else year
        return start, date(end_year, last.month, last.day)
    except ValueError:
        return None


def resolve(text: str, mentions: list[Mention] | None = None) -> list[DateMention]:
    """Resolve ``mentions`` (default: all found in ``text``) to dates."""
    mentions = find_mentions(text) if mentions is None else mentions
    mentions = [m for m in mentions if not cue_hits(text, m.start_char, m.end_char, ("not_date",))]
    pub = {m.start_char: (not m.is_range and (standalone(text, m.start_char, m.end_char)
                                              or bool(cue_hits(text, m.start_char, m.end_char, ("publication",)))))
           for m in mentions}
    dated = [m for m in mentions if m.first.year is not None]
    pub_refs = [m for m in dated if pub[m.start_char]]
    full_refs = [m for m in dated if not pub[m.start_char]]
    out = []
    for m in mentions:
        if m.first.year is not None:
            last = m.last
            start = date(m.first.year, m.first.month, m.first.day)
            end = date(last.year, last.month, last.day) if last else start
            out.append(DateMention(m, start, end, False, "text", pub[m.start_char]))
            continue
        ref, source = None, ""
        if pub_refs:
            ref, source = pub_refs[0], "publication"
        elif full_refs:
            before = [r for r in full_refs if r.end_char <= m.start_char]
            ref, source = (before[-1] if before else full_refs[0]), "full_date"
        if ref is not None:
            ref_date = date(ref.first.year, ref.first.month, ref.first.day)
            rel = m.first.rel
            year = ref_date.year + rel if rel is not None else _nearest(m.first, ref_date)
        else:
            out.append(DateMention(m, None, None, False, "", pub[m.start_char]))
            continue
        dates = _dates(m.first, m.last, year)
        if dates is None:
            out.append(DateMention(m, None, None, False, "", pub[m.start_char]))
        else:
            out.append(DateMention(m, dates[0], dates[1], True, source, pub[m.start_char]))
    return out

"""Dates in Polish study-visit reports: a pure-Python grammar over text.

    >>> from extract.dates import find_dates, visit_dates_in_text
    >>> [d.base for d in find_dates("W dniach 5-8 lipca 2011 r. odbyła się wizyta.")]
    ['2011-07-05/2011-07-08']
    >>> visit_dates_in_text("W dniach 5-8 lipca 2011 r. odbyła się wizyta.").start
    '2011-07-05'

``grammar`` finds mentions (day ranges in every written form), ``resolve`` fills missing
years from the report, ``select`` picks the visit's own dates. No spaCy needed here; the
spaCy component is ``extract.dates.factory``.
"""
from __future__ import annotations

from .grammar import Mention, Part, find_mentions
from .resolve import DateMention, resolve
from .select import Choice, choose


def find_dates(text: str) -> list[DateMention]:
    """Every date mention of ``text`` with resolved ISO dates, in reading order."""
    return resolve(text)


def visit_dates_in_text(text: str) -> Choice:
    """The dates of the visit the report describes (``Choice.start``/``end`` ISO or None)."""
    return choose(text, resolve(text))


__all__ = ["Mention", "Part", "DateMention", "Choice", "find_mentions", "resolve", "choose",
           "find_dates", "visit_dates_in_text"]

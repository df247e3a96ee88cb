"""Choose which date mention gives the dates of the visit itself.

A report carries other dates: the page's publication date, agreement and resolution
dates ("umowa ... z dnia"), a planned next trip, founding years. Each mention gets a
score from the cue words around it (``date_cues.csv``) and its shape:

* visit cues right before it ("w dniach", "w dniu") and visit words on its line
  ("wizyta", "wyjazd", "odbyła się");
* a heading line near the top ("Wizyta studyjna ... 13-16.11.2017 r.");
* a range (a visit of several days is announced as one);
* document, plan and origin cues count against it; publication dates and spans longer
  than a month (programme periods) are never the visit.

The best score wins, the earlier mention on a tie (a report of several visits is
annotated with the first; an earlier trip told with its own day cue and visit word wins
over a later one that leads only by being a range); a single day followed by the next days, each with its own
cue, is a day-by-day account of one visit. A mention without any supporting cue is not taken. When the
winner's year cannot be resolved the visit's dates stay null: no other date is guessed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .context import cue_hits, heading
from .resolve import DateMention

HEADING_WEIGHT = 2
RANGE_WEIGHT = 1
LONG_SPAN_DAYS = 31
LONG_SPAN_WEIGHT = -5
MIN_SCORE = 1


@dataclass(frozen=True)
class Choice:
    """The visit's dates and why: ``rule`` names the evidence and the grammar rule."""

    start: str | None
    end: str | None
    mention: DateMention | None
    rule: str
    score: int = 0


def score(text: str, dm: DateMention) -> tuple[int, list[str]]:
    """Score of one mention as the visit's date, with the names of the evidence."""
    total, why = 0, []
    seen_kinds: set[tuple[str, str]] = set()
    for cue in cue_hits(text, dm.start_char, dm.end_char, ("visit", "document", "plan", "origin")):
        key = (cue.kind, cue.where)
        if key in seen_kinds:  # several visit words on one line count once
            continue
        seen_kinds.add(key)
        total += cue.weight
        why.append(f"{cue.kind}:{cue.text}")
    if heading(text, dm.start_char, dm.end_char):
        total += HEADING_WEIGHT
        why.append("heading")
    if dm.is_range:
        total += RANGE_WEIGHT
        if dm.start and dm.end and (dm.end - dm.start).days > LONG_SPAN_DAYS:
            total += LONG_SPAN_WEIGHT
            why.append("long_span")
    return total, why


def choose(text: str, mentions: list[DateMention]) -> Choice:
    """The visit's (start, end) from the resolved mentions of ``text``."""
    scored = [(dm, *score(text, dm)) for dm in mentions if not dm.publication]
    scored = [t for t in scored if t[1] >= MIN_SCORE]
    ranges = [dm for dm, _, _ in scored if dm.is_range and dm.start and dm.end]
    best: tuple[int, DateMention, list[str]] | None = None
    for dm, s, why in scored:
        # "W dniu 23 czerwca ..." inside a visit of "22-24.06" is one of its days
        if not dm.is_range and dm.start and any(r.start <= dm.start <= r.end for r in ranges):
            continue
        if best is None or s > best[0]:
            best = (s, dm, why)
    if best is None:
        return Choice(None, None, None, "no_visit_date")
    best = _first_trip(text, best, scored, ranges)
    s, dm, why = best
    reason = "+".join(why) or "only_date"
    if dm.start is None:
        return Choice(None, None, dm, f"year_unknown[{reason}]:{dm.rule}", s)
    start, end = dm.start, dm.end
    if not dm.is_range:
        start, end = _day_chain(dm, [t[0] for t in scored])
        if (start, end) != (dm.start, dm.end):
            reason += "+day_chain"
    rule = f"visit[{reason}]:{dm.rule}"
    if dm.year_inferred:
        rule += f":year_from_{dm.year_source}"
    return Choice(start.isoformat(), end.isoformat(), dm, rule, s)


def _event(text: str, dm: DateMention) -> bool:
    """The mention dates an event told as having happened: a day cue right before it
    ("w dniach", "dnia") and a visit word on its line ("wyjazd", "odbył się")."""
    wheres = {c.where for c in cue_hits(text, dm.start_char, dm.end_char, ("visit",))}
    return "prefix" in wheres and "context" in wheres


def _first_trip(text: str, best, scored, ranges):
    """Of several trips each told with its own dates ("Pierwszy wyjazd odbył się dnia
    15.07 … Drugi wyjazd odbył się w dniach 12-13.08"), the first: where the best
    mention's line numbers the trips (``trip_order`` cues), an earlier event mention that
    loses to it only by the range bonus is taken instead."""
    s_best, dm_best, _ = best
    if not _event(text, dm_best):
        return best
    # only where the report numbers its trips: a preparatory meeting "w dniu 5 maja … do
    # wyjazdu" before "w dniach 12-14 maja … wyjazd" is no trip of its own
    if not cue_hits(text, dm_best.start_char, dm_best.end_char, ("trip_order",)):
        return best
    for dm, s, why in scored:  # reading order
        if dm.start_char >= dm_best.start_char:
            break
        if s < s_best - RANGE_WEIGHT or dm.start is None or not _event(text, dm):
            continue
        if any(r.start <= dm.start <= r.end for r in ranges if not dm.is_range):
            continue  # one day of a range: not a trip of its own
        return (s, dm, why + ["first_trip"])
    return best


def _day_chain(best: DateMention, supported: list[DateMention]) -> tuple[date, date]:
    """Extend a single day over the neighbouring days that have their own visit cue: a
    day-by-day account ("W dniu 22 czerwca ... W dniu 23 czerwca ... Dnia 24 czerwca", or
    a programme "5 lipca – przyjazd / 6 lipca – ...") is one visit. Stops at a gap."""
    days = {dm.start for dm in supported if not dm.is_range and dm.start is not None}
    start = end = best.start
    while start - timedelta(days=1) in days:
        start -= timedelta(days=1)
    while end + timedelta(days=1) in days:
        end += timedelta(days=1)
    return start, end

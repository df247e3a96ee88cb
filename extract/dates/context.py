"""What surrounds a date mention: its line, cue words before it, page-furniture shape.

The same evidence serves two purposes: telling a publication date (the web page's) from
an event date, and scoring which event date is the visit's (``select``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Cue, cues

BEFORE_CHARS = 80     # "before" cues: this far back on the mention's line
CONTEXT_CHARS = 200   # "context" cues: this far either side on the mention's line
PREFIX_CHARS = 40     # "prefix" cues: in this window, ending at the mention
HEADING_MAX_CHARS = 160
HEADING_MAX_LINE = 15  # a heading stands among the first lines of the report
# what may share a line with a publication date: a time, a weekday, separators
_FURNITURE = re.compile(
    r"(?i)\b(?:godz\.?|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|"
    r"pon\.|wt\.|śr\.|czw\.|pt\.|sob\.|niedz\.)|\d{1,2}:\d{2}(?::\d{2})?|[\W_]")


@dataclass(frozen=True)
class Where:
    """Position facts of a mention."""

    line: str          # the whole line
    line_no: int       # 0-based index among non-empty lines
    before: str        # the line up to the mention
    after: str         # the line after the mention


@lru_cache(maxsize=8)
def _line_index(text: str) -> tuple[list[int], list[int]]:
    """Start offset of every line and the number of non-empty lines before it."""
    starts, nonempty, count, pos = [], [], 0, 0
    for line in text.split("\n"):
        starts.append(pos)
        nonempty.append(count)
        count += bool(line.strip())
        pos += len(line) + 1
    return starts, nonempty


def where(text: str, start: int, end: int) -> Where:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    starts, nonempty = _line_index(text)
    line_no = nonempty[bisect_right(starts, ls) - 1]
    return Where(text[ls:le], line_no, text[ls:start], text[end:le])


def _prefix_window(text: str, start: int) -> str:
    """The text right before a mention; may reach back over one line break, so that
    "Data publikacji:\\n2016-11-02" is seen."""
    return text[max(0, start - PREFIX_CHARS):start]


def _previous_line(text: str, start: int) -> str:
    """The last non-empty line before the line of ``start``."""
    ls = text.rfind("\n", 0, start) + 1
    for line in reversed(text[:ls].split("\n")):
        if line.strip():
            return line
    return ""


def cue_hits(text: str, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[Cue]:
    """The cues from ``date_cues.csv`` that apply to the mention at ``[start, end)``."""
    w = where(text, start, end)
    prefix = _prefix_window(text, start)
    before = w.before[-BEFORE_CHARS:]
    # a date opening its line takes a page label from the line above: "Dodano:\n2019-05-12"
    before_pub = before if before.strip() else _previous_line(text, start)[-BEFORE_CHARS:]
    context = w.before[-CONTEXT_CHARS:] + " " + w.after[:CONTEXT_CHARS]
    hits = []
    for cue in cues():
        if kinds is not None and cue.kind not in kinds:
            continue
        window = {"prefix": prefix, "before": before, "context": context}[cue.where]
        if cue.kind == "publication" and cue.where == "before":
            window = before_pub
        if cue.pattern.search(window):
            hits.append(cue)
    # "z dnia" also ends with "dnia": the longer prefix cue is the one that speaks
    prefix_hits = [c for c in hits if c.where == "prefix"]
    return [c for c in hits if not (c.where == "prefix" and any(
        o is not c and len(o.text) > len(c.text) and o.text.endswith(c.text) for o in prefix_hits))]


def standalone(text: str, start: int, end: int) -> bool:
    """The mention fills its line alone (bar a time or weekday): how CMS pages print
    their publication date ("2016-11-02", "12.05.2019, 10:15")."""
    w = where(text, start, end)
    return not _FURNITURE.sub("", w.before + w.after).strip()


def heading(text: str, start: int, end: int) -> bool:
    """The mention sits in a short line near the top: a title such as "Wizyta studyjna
    do województwa małopolskiego 13-16.11.2017 r."."""
    w = where(text, start, end)
    line = w.line.strip()
    # a sentence ends with a full stop; a title does not, unless its date ends it ("r.")
    sentence_like = line[-1:] in ".!?:;" and w.after.strip() != ""
    return (len(line) <= HEADING_MAX_CHARS and w.line_no < HEADING_MAX_LINE
            and not sentence_like and not standalone(text, start, end)
            and len(line.split()) <= 20)

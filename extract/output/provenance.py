"""Where in the report's text each visit value was read from.

Hosts, people and places are spans and carry their offsets already. The visit's title,
dates, organiser and participants are decided by the visit step from spans or from the
raw text; this module finds the span each value came from, so that the visits table
points back into the text too (``title_start``/``title_end`` ...). A value that cannot be
located (e.g. a title rebuilt from a heading with a date cut out of its middle) keeps
empty offsets rather than wrong ones.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ..extensions import text_of, token_table
from ..records import Visit

Offsets = Optional[tuple[int, int]]


def locate_title(text: str, title: Optional[str]) -> Offsets:
    """The title as written (exact, then ignoring case and runs of spaces, then its words
    in order on one line: a heading whose date the title step cut out); a title whose
    words are not found so is not located."""
    if not title:
        return None
    k = text.find(title)
    if k >= 0:
        return k, k + len(title)
    words = [re.escape(w) for w in title.split()]
    m = re.search(r"\s+".join(words), text, re.I)
    if m is None:  # a heading with a date cut out of it: the words in order on one line
        m = re.search(r"[ \t]+(?:[^\n]{0,40}?[ \t]+)?".join(words), text, re.I)
    return (m.start(), m.end()) if m else None


def locate_dates(doc: Doc, start: Optional[str], end: Optional[str]) -> Offsets:
    """The first date mention whose resolved range is the visit's (then: starts with it)."""
    if not start or "dates" not in doc.spans:
        return None
    spans = list(doc.spans["dates"])
    for want_end in (True, False):
        for s in spans:
            a = s._.attrs or {}
            if a.get("start") == start and (not want_end or a.get("end") == end):
                return s.start_char, s.end_char
    return None


def locate_participants(doc: Doc, count: Optional[int], rule: str) -> Offsets:
    """The number and its noun ("30 osób"): the rule names the noun's lemma."""
    if count is None:
        return None
    noun = rule.rsplit("+", 1)[-1] if "+" in rule else ""
    words = token_table(doc).text
    for i in (k for k, w in enumerate(words[:-1]) if w == str(count)):
        tok, nxt = doc[i], doc[i + 1]
        if not noun or nxt.lemma_ == noun or nxt.lemma_.lower() == noun.lower():
            return tok.idx, nxt.idx + len(nxt.text)
    return None


def add_visit_offsets(visit: Visit, doc: Doc, assembly) -> Visit:
    """Fill the visit record's ``*_start``/``*_end`` from the doc and the visit step's
    result (``doc._.visit``)."""
    text = text_of(doc)
    found = {
        "title": locate_title(text, visit.title),
        "dates": locate_dates(doc, visit.start_date, visit.end_date),
        "participants": locate_participants(doc, visit.participants_count, visit.participants_rule),
    }
    org = getattr(assembly, "organizer", None)
    found["organizer"] = (org.start_char, org.end_char) if org is not None else None
    for name, off in found.items():
        if off is not None:
            setattr(visit, f"{name}_start", off[0])
            setattr(visit, f"{name}_end", off[1])
    return visit


def locate_evidence(text: str, evidence: str) -> str:
    """Offsets of every occurrence of each evidence phrase ("; "-separated), as
    ``start-end;start-end`` in text order. Used when the topics step did not record
    the offsets of the cues it counted itself."""
    found = set()
    for piece in filter(None, (p.strip() for p in (evidence or "").split(";"))):
        for m in re.finditer(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", text):
            found.add((m.start(), m.end()))
    return ";".join(f"{a}-{b}" for a, b in sorted(found))


def parse_offsets(value) -> list[tuple[int, int]]:
    """``"12-20;45-60"`` -> ``[(12, 20), (45, 60)]`` (empty or malformed parts skipped)."""
    out = []
    for part in str(value or "").split(";"):
        a, _, b = part.partition("-")
        if a.strip().isdigit() and b.strip().isdigit():
            out.append((int(a), int(b)))
    return out


def finish_extraction(ex, doc: Doc):
    """The runner's last step for one report: provenance offsets, coordinates of villages
    and hosts' cities, stable row keys."""
    from .coordinates import add_coordinates
    from .keys import assign_keys

    add_visit_offsets(ex.visit, doc, doc._.visit)
    add_coordinates(ex)
    text = text_of(doc)
    for t in ex.topics:
        if not t.evidence_offsets:
            t.evidence_offsets = locate_evidence(text, t.evidence)
    return assign_keys(ex)

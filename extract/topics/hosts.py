"""Topics brought by the kinds of the visited hosts (``topic_host_kinds.csv``).

The hosts come from the visit step (``doc._.visit.hosts``) when it has run, so partners,
funders and the visitors' own institutions bring nothing; without it, every institution
span with a type counts.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..extensions import span_list
from spacy.tokens import Doc

from ..resources import read_csv


@dataclass(frozen=True)
class VisitedHost:
    start: int
    end: int
    type: str
    name: str


def load_host_kinds(name: str) -> dict[str, dict[str, int]]:
    """type -> {topic: strength} (1: the kind's own topic, 2: one it usually works on)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for row in read_csv(name):
        out[row["type"]][row["topic"]] = int(row.get("strength") or 1)
    return dict(out)


def visited_hosts(doc: Doc) -> list[VisitedHost]:
    visit = doc._.visit
    if visit is not None and hasattr(visit, "hosts"):
        return [VisitedHost(h.span.start, h.span.end, h.type or "", h.name or "") for h in visit.hosts]
    out = []
    for span in span_list(doc, "institutions"):
        t = (span._.attrs or {}).get("type")
        if t:
            out.append(VisitedHost(span.start, span.end, t, span._.base))
    return out

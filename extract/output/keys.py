"""Row keys that stay the same when rules change.

An ordinal ("the 3rd host") moves as soon as a rule finds one host more, and every
correction keyed to it would then point at the wrong row. A key made from what the row
*is* — its visit and its folded base form (plus the city for hosts: "DPS" in two towns
are two hosts) — survives rule changes that do not change the value itself. When two
rows of a visit would get the same key, the later ones get ``-2``, ``-3``...
"""
from __future__ import annotations

import hashlib
import unicodedata

from ..records import Extraction


def fold(text: str | None) -> str:
    """Lower case, no diacritics, single spaces: "Łódź  Bałuty" -> "lodz baluty"."""
    text = (text or "").replace("ł", "l").replace("Ł", "L")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def row_key(visit_id: str, kind: str, *parts: str | None) -> str:
    """``<visit_id>-<kind><6 hex digits of the folded parts>``, e.g. ``r018-fc6fa19a-h3f9a1c``."""
    digest = hashlib.sha1("|".join(fold(p) for p in parts).encode("utf-8")).hexdigest()[:6]
    return f"{visit_id}-{kind}{digest}"


def _unique(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}-{seen[k]}")
    return out


def assign_keys(ex: Extraction) -> Extraction:
    """Fill host_id, person_id, place_id and topic_id from the rows' content."""
    vid = ex.visit.visit_id
    for rows, attr, kind, parts in (
            (ex.hosts, "host_id", "h", lambda r: (r.name, r.city)),
            (ex.people, "person_id", "p", lambda r: (r.name,)),
            (ex.places, "place_id", "l", lambda r: (r.name,)),
            (ex.topics, "topic_id", "t", lambda r: (r.topic,))):
        keys = _unique([row_key(vid, kind, *parts(r)) for r in rows])
        for r, k in zip(rows, keys):
            setattr(r, attr, k)
    return ex

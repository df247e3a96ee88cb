"""Spans of the text to ``<mark>`` elements, nested even when spans overlap.

Entity mentions (hosts, people, places) are the primary layer: every one must be a
whole ``<mark>``. Field spans (title, dates, organiser, participants) and topic evidence
are secondary: where one crosses an entity mention it is cut at the mention's edges, so
the marks always nest. The rare crossing that remains is resolved by cutting the later
span; only its first piece carries the ``id`` that the rows link to. Two entity mentions
that cross each other are the exception: the later one is widened to contain the
earlier one, so both are still inside a mark of their own.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field, replace

PRIMARY = ("host", "person", "place")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str                 # host, person, place, title, dates, organizer, participants, topic
    anchor: str = ""          # element id (first piece only)
    row: str = ""             # id of the row it belongs to
    tip: str = ""             # hover text: base form, type, city, rule
    attrs: tuple = field(default_factory=tuple)  # extra data-* attributes: ((name, value), ...)

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY


def _cut(mark: Mark, points: list[int]) -> list[Mark]:
    inside = sorted({p for p in points if mark.start < p < mark.end})
    if not inside:
        return [mark]
    bounds = [mark.start, *inside, mark.end]
    return [replace(mark, start=a, end=b, anchor=mark.anchor if k == 0 else "")
            for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def _valid(marks: list[Mark], n: int) -> list[Mark]:
    return [m for m in marks if 0 <= m.start < m.end <= n]


def _widen_crossing(marks: list[Mark]) -> list[Mark]:
    """Two entity mentions that cross ("Aktywności Zawodowej Fundacji Dialog" across
    "Zakład Aktywności Zawodowej") cannot both be whole marks: the later one is widened
    to start where the earlier one starts, so it contains its whole mention (its exact
    offsets stay in ``data-start``)."""
    prim = sorted((m for m in marks if m.primary), key=lambda m: (m.start, -m.end))
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(prim):
            for j in range(i + 1, len(prim)):
                b = prim[j]
                if b.start >= a.end:
                    break
                if a.start < b.start < a.end < b.end:
                    prim[j] = replace(b, start=a.start, attrs=b.attrs + (("start", b.start),))
                    changed = True
        prim.sort(key=lambda m: (m.start, -m.end))
    return prim + [m for m in marks if not m.primary]


def nest(marks: list[Mark], n: int) -> list[Mark]:
    """Pieces that nest properly, in document order (outer before inner)."""
    marks = _widen_crossing(_valid(marks, n))
    edges = [p for m in marks if m.primary for p in (m.start, m.end)]
    pieces = [p for m in marks for p in (_cut(m, edges) if not m.primary else [m])]
    order = {k: i for i, k in enumerate(PRIMARY)}
    pending = sorted(pieces, key=lambda m: (m.start, -m.end, order.get(m.kind, 9)))
    out: list[Mark] = []
    stack: list[Mark] = []
    while pending:
        m = pending.pop(0)
        while stack and stack[-1].end <= m.start:
            stack.pop()
        if stack and m.end > stack[-1].end:  # crosses its parent: cut at the parent's end
            head, tail = replace(m, end=stack[-1].end), replace(m, start=stack[-1].end, anchor="")
            m = head
            pending.append(tail)
            pending.sort(key=lambda x: (x.start, -x.end, order.get(x.kind, 9)))
        out.append(m)
        stack.append(m)
    return out


def _open_tag(m: Mark) -> str:
    parts = [f'class="k-{m.kind}"', f'data-kind="{m.kind}"']
    if m.anchor:
        parts.append(f'id="{html.escape(m.anchor)}"')
    if m.row:
        parts.append(f'data-row="{html.escape(m.row)}"')
    if m.tip:
        parts.append(f'title="{html.escape(m.tip)}"')
    parts += [f'data-{k}="{html.escape(str(v))}"' for k, v in m.attrs if v not in (None, "")]
    return "<mark " + " ".join(parts) + ">"


def render(text: str, marks: list[Mark]) -> str:
    """The text, HTML-escaped, with the marks inserted."""
    pieces = nest(marks, len(text))
    events: dict[int, list] = {}
    for k, m in enumerate(pieces):
        events.setdefault(m.start, []).append(("open", k, m))
        events.setdefault(m.end, []).append(("close", k, m))
    out = []
    pos = 0
    open_stack: list[int] = []
    for point in sorted(events):
        out.append(html.escape(text[pos:point]))
        pos = point
        closes = [e for e in events[point] if e[0] == "close"]
        opens = [e for e in events[point] if e[0] == "open"]
        for _ in closes:  # nested: what closes here is on top of the stack
            open_stack.pop()
            out.append("</mark>")
        for _, k, m in opens:  # pieces are in outer-first order
            open_stack.append(k)
            out.append(_open_tag(m))
    out.append(html.escape(text[pos:]))
    return "".join(out)

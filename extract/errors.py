"""Per-document error listing for ``wizyty evaluate --errors``: what the scorer missed.

The scorer gives figures; this says where they come from, one document at a time: the
visit fields that differ, and for hosts, people, places and topics the gold rows that found
no partner (missed), the predicted rows that found none (spurious) and the pairs that match
by name but differ in type, city, role or organisation (mismatched), each predicted row with
the rule that produced it. It uses the scorer's own matching, so a row listed as missed is
exactly a row the scorer counted as missed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Collection, Iterator, Optional

from .evaluate import (PRED_TABLES, PathLike, _host_loose_ok, _host_strict_ok, _name_similarity,
                       _one, _person_ok, fold, greedy_match, read_pred_table, similar,
                       ORG_SIMILAR, ROLE_SIMILAR, TITLE_SIMILAR)

__all__ = ["document_errors", "format_errors"]


def _host(row: dict[str, Any]) -> str:
    rule = f"  [{row['rule']}]" if row.get("rule") else ""
    return f"{row.get('name')!s} | {row.get('type') or '-'} | {row.get('city') or '-'}{rule}"


def _visit_errors(gv: dict[str, Any], pv: Optional[dict[str, Any]]) -> Iterator[str]:
    pv = pv or {}
    fields = (("dates", ("start_date", "end_date"), lambda g, p: g == p),
              ("organizer", ("organizer", "organizer_city"),
               lambda g, p: [fold(x) for x in g] == [fold(x) for x in p]),
              ("title", ("title",), lambda g, p: similar(g[0], p[0]) >= TITLE_SIMILAR))
    for name, cols, same in fields:
        g = [gv.get(c) for c in cols]
        p = [pv.get(c) or None for c in cols]
        if not same(g, p):
            rule = pv.get(f"{name}_rule") or pv.get(f"{cols[0]}_rule") or ""
            yield f"  {name}: gold {g!r} pred {p!r}" + (f"  [{rule}]" if rule else "")
    gp, pp = gv.get("participants_count"), pv.get("participants_count") or None
    if (gp is None) != (pp is None) or (gp is not None and float(gp) != float(pp)):
        yield f"  participants: gold {gp!r} pred {pp!r}"


def document_errors(gold: dict[str, Any], tables: dict[str, dict[str, list]]) -> list[str]:
    """The error lines of one gold document (empty when everything matched)."""
    doc = gold["doc_id"]
    out = list(_visit_errors(gold.get("visit") or {}, (tables["visits"].get(doc) or [None])[0]))
    gh, ph = gold.get("hosts") or [], tables["hosts"].get(doc, [])
    strict = greedy_match(gh, ph, _host_strict_ok, _name_similarity)
    sg = {id(a) for a, _ in strict}
    sp = {id(b) for _, b in strict}
    rest_g = [g for g in gh if id(g) not in sg]
    rest_p = [p for p in ph if id(p) not in sp]
    loose = greedy_match(rest_g, rest_p, _host_loose_ok, _name_similarity)
    lg = {id(a) for a, _ in loose}
    lp = {id(b) for _, b in loose}
    for a, b in loose:
        out.append(f"  host mismatched: gold {_host(a)}  pred {_host(b)}")
    out += [f"  host missed:   {_host(g)}" for g in rest_g if id(g) not in lg]
    out += [f"  host spurious: {_host(p)}" for p in rest_p if id(p) not in lp]

    gpe, ppe = gold.get("people") or [], tables["people"].get(doc, [])
    matched = greedy_match(gpe, ppe, _person_ok, _one)
    mg = {id(a) for a, _ in matched}
    mp = {id(b) for _, b in matched}
    for a, b in matched:
        if (similar(a.get("role"), b.get("role")) < ROLE_SIMILAR
                or similar(a.get("organization"), b.get("organization")) < ORG_SIMILAR):
            out.append(f"  person mismatched: {a['name']}: gold {a.get('role')!r} / "
                       f"{a.get('organization')!r}  pred {b.get('role') or None!r} / "
                       f"{b.get('organization') or None!r}  [{b.get('rule', '')}]")
    out += [f"  person missed:   {a['name']}" for a in gpe if id(a) not in mg]
    out += [f"  person spurious: {b.get('name')}  [{b.get('rule', '')}]"
            for b in ppe if id(b) not in mp]

    gold_places = {fold(x): x for x in gold.get("places") or []}
    pred_places = {fold(r.get("name")): r for r in tables["places"].get(doc, []) if r.get("name")}
    out += [f"  place missed:   {v}" for k, v in gold_places.items() if k not in pred_places]
    out += [f"  place spurious: {r['name']}  [{r.get('rule', '')}] {r.get('mention', '')!r}"
            for k, r in pred_places.items() if k not in gold_places]
    gt = set(gold.get("topics") or [])
    pt = {r.get("topic"): r for r in tables["topics"].get(doc, []) if r.get("topic")}
    out += [f"  topic missed:   {t}" for t in sorted(gt - set(pt))]
    out += [f"  topic spurious: {t}  [{pt[t].get('rule', '')}] {pt[t].get('evidence', '')!r}"
            for t in sorted(set(pt) - gt)]
    return out


def format_errors(gold_dir: PathLike, pred_dir: PathLike,
                  only: Optional[Collection[str]] = None) -> str:
    """The error listing of every gold document with at least one error."""
    tables = {t: read_pred_table(pred_dir, t) for t in PRED_TABLES}
    blocks = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if only and gold["doc_id"] not in only:
            continue
        lines = document_errors(gold, tables)
        if lines:
            blocks.append("\n".join([f"{gold['doc_id']}:"] + lines))
    return "\n\n".join(blocks)

"""Score extracted tables against analysts' gold annotations.

This is the project's own copy of the shared scorer (``eval/score.py``), written to be
read and tested, and it must give *exactly* the same figures: the same name folding, the
same similarity thresholds, the same greedy one-to-one matching (ties broken the same
way), the same tallies and the same overall mean. Where the shared script would crash on
a malformed file this one is lenient or raises a clear error instead; wherever the
shared script gives a result, this one gives the same.

    >>> res = score("corpus/gold", "out")
    >>> print(format_report(res))

GOLD_DIR holds ``<doc_id>.json`` files (``spec/annotation.md``); PRED_DIR holds the CSV
tables (``spec/tables.md``). Only documents with a gold file are scored.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Collection, Optional, Sequence, TypeVar, Union

__all__ = ["fold", "similar", "prf", "greedy_match", "read_pred_table", "Tally", "Accuracy",
           "score", "format_report", "read_folds", "PRED_TABLES", "VISIT_FIELDS", "ACCURACIES"]

PathLike = Union[str, Path]
Row = dict[str, Any]
G = TypeVar("G")
P = TypeVar("P")

QUOTES = "„”“\"«»‚‘’'`"
PRED_TABLES = ("visits", "hosts", "people", "places", "topics")
#: The visit-level checks, scored as failed when a document has no visit row.
VISIT_FIELDS = ("dates", "organizer", "participants", "title")
#: Every accuracy figure, in report order.
ACCURACIES = VISIT_FIELDS + ("host_name_exact", "host_type_given_name", "person_role", "person_org")
#: The P/R/F1 figures, in report order.
PRF_FIGURES = ("hosts", "hosts_loose", "people", "places", "regions", "topics")

# Thresholds of the shared scorer.
HOST_STRICT_NAME = 0.8
HOST_LOOSE_NAME = 0.6
TITLE_SIMILAR = 0.9
ROLE_SIMILAR = 0.85
ORG_SIMILAR = 0.8


# --------------------------------------------------------------------------- comparing names


def fold(s: Any) -> str:
    """Compare names case-, quote- and punctuation-blind, diacritics kept.

    "Fundacja „Wiatrak”" and "fundacja wiatrak" fold alike; "Łomża" and "Lomza" do not:
    a lost diacritic is a wrong base form.
    """
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s)).casefold()
    s = "".join(" " if c in QUOTES else c for c in s)
    s = re.sub(r"[–—]", "-", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    return " ".join(s.split())


@lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def similar(a: Any, b: Any) -> float:
    """Similarity of two names after folding, in [0, 1]; two missing values are equal."""
    fa, fb = fold(a), fold(b)
    if not fa and not fb:
        return 1.0
    return _ratio(fa, fb)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; predicting nothing where there is nothing is perfect."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def greedy_match(gold: Sequence[G], pred: Sequence[P], ok: Callable[[G, P], bool],
                 key: Callable[[G, P], float]) -> list[tuple[G, P]]:
    """Pair gold and pred items one-to-one, best similarity first.

    Candidate pairs are the ones ``ok`` accepts, taken in descending order of
    ``(key, gold index, pred index)`` (so equal keys go to later items first, as in the
    shared scorer); a pair is kept when neither side is taken yet.
    """
    pairs = sorted(
        ((key(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if ok(g, p)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[G, P]] = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], pred[j]))
    return out


# --------------------------------------------------------------------------- tallies


@dataclass
class Tally:
    """Counts for a precision/recall figure summed over documents (micro-average)."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.n_pred, self.n_gold)

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.prf()
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3),
                "gold": self.n_gold, "pred": self.n_pred}


@dataclass
class Accuracy:
    """Share of checks passed (a field right, a matched item's attribute right)."""

    good: int = 0
    n: int = 0

    def check(self, ok: Any) -> None:
        self.good += int(bool(ok))
        self.n += 1

    def value(self) -> Optional[float]:
        return round(self.good / self.n, 3) if self.n else None


# --------------------------------------------------------------------------- input


def read_pred_table(pred_dir: PathLike, name: str) -> dict[str, list[Row]]:
    """Rows of ``<name>.csv`` grouped by doc_id; a missing table is an empty one."""
    path = Path(pred_dir) / f"{name}.csv"
    if not path.exists():
        return {}
    rows: dict[str, list[Row]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.setdefault(row.get("doc_id", ""), []).append(row)
    return rows


def _load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read gold annotation: {err}") from None
    if not isinstance(gold, dict) or "doc_id" not in gold:
        raise ValueError(f"{path}: gold annotation has no doc_id")
    return gold


# --------------------------------------------------------------------------- checks


def _same_number(gold: Any, pred: Any) -> bool:
    """participants_count: both missing, or both present and numerically equal."""
    if gold is None and pred is None:
        return True
    if gold is None or pred is None:
        return False
    try:
        return float(pred) == float(gold)
    except (TypeError, ValueError):
        return False


def _check_visit(gv: dict[str, Any], pv: Optional[Row], acc: dict[str, Accuracy]) -> None:
    """Visit-level fields; an empty CSV cell is a missing value."""
    if pv is None:  # no visit row: no credit for the visit's fields
        for name in VISIT_FIELDS:
            acc[name].check(False)
        return
    acc["dates"].check(gv.get("start_date") == (pv.get("start_date") or None)
                       and gv.get("end_date") == (pv.get("end_date") or None))
    acc["organizer"].check(fold(gv.get("organizer")) == fold(pv.get("organizer"))
                           and fold(gv.get("organizer_city")) == fold(pv.get("organizer_city")))
    acc["participants"].check(_same_number(gv.get("participants_count"),
                                           pv.get("participants_count") or None))
    acc["title"].check(similar(gv.get("title"), pv.get("title")) >= TITLE_SIMILAR)


def _name_similarity(g: dict[str, Any], p: Row) -> float:
    return similar(g.get("name"), p.get("name"))


def _host_strict_ok(g: dict[str, Any], p: Row) -> bool:
    """Same type, same city, similar name: the host is found and placed right."""
    return (g.get("type") == p.get("type") and fold(g.get("city")) == fold(p.get("city"))
            and _name_similarity(g, p) >= HOST_STRICT_NAME)


def _host_loose_ok(g: dict[str, Any], p: Row) -> bool:
    return _name_similarity(g, p) >= HOST_LOOSE_NAME


def _person_ok(g: dict[str, Any], p: Row) -> bool:
    return fold(g.get("name")) == fold(p.get("name"))


def _one(g: Any, p: Any) -> float:
    return 1.0


# --------------------------------------------------------------------------- scoring


def score(gold_dir: PathLike, pred_dir: PathLike,
          only: Optional[Collection[str]] = None) -> dict[str, Any]:
    """Score the tables in ``pred_dir`` against the gold files in ``gold_dir``.

    ``only`` restricts scoring to these doc ids (empty or None: all gold documents).
    Returns the same dict as the shared ``score.py``: ``docs``; P/R/F1 dicts for hosts,
    hosts_loose, people, places, regions, topics; accuracies (or None when nothing was
    checked); ``overall`` (mean of dates, organizer and the F1 of hosts, people, places,
    topics); and ``per_doc`` counts.
    """
    golds = sorted(Path(gold_dir).glob("*.json"))
    tables = {t: read_pred_table(pred_dir, t) for t in PRED_TABLES}
    tally = {name: Tally() for name in PRF_FIGURES}
    acc = {name: Accuracy() for name in ACCURACIES}
    per_doc: dict[str, dict[str, int]] = {}

    for path in golds:
        g = _load_gold(path)
        doc = g["doc_id"]
        if only and doc not in only:
            continue
        gv = g.get("visit") or {}
        _check_visit(gv, (tables["visits"].get(doc) or [None])[0], acc)

        gh, ph = g.get("hosts") or [], tables["hosts"].get(doc, [])
        strict = greedy_match(gh, ph, _host_strict_ok, _name_similarity)
        tally["hosts"].add(len(strict), len(ph), len(gh))
        for a, b in strict:
            acc["host_name_exact"].check(fold(a.get("name")) == fold(b.get("name")))
        loose = greedy_match(gh, ph, _host_loose_ok, _name_similarity)
        tally["hosts_loose"].add(len(loose), len(ph), len(gh))
        for a, b in loose:
            acc["host_type_given_name"].check(a.get("type") == b.get("type"))

        gpe, ppe = g.get("people") or [], tables["people"].get(doc, [])
        matched = greedy_match(gpe, ppe, _person_ok, _one)
        tally["people"].add(len(matched), len(ppe), len(gpe))
        for a, b in matched:
            acc["person_role"].check(similar(a.get("role"), b.get("role")) >= ROLE_SIMILAR)
            acc["person_org"].check(similar(a.get("organization"), b.get("organization"))
                                    >= ORG_SIMILAR)

        gold_places = {fold(x) for x in g.get("places") or []}
        place_rows = tables["places"].get(doc, [])
        pred_places = {fold(r.get("name")) for r in place_rows if r.get("name")}
        tally["places"].add(len(gold_places & pred_places), len(pred_places), len(gold_places))
        gold_regions = {fold(x) for x in gv.get("regions") or []}
        pred_regions = {fold(r.get("voivodeship")) for r in place_rows if r.get("voivodeship")}
        tally["regions"].add(len(gold_regions & pred_regions), len(pred_regions), len(gold_regions))
        gold_topics = set(g.get("topics") or [])
        pred_topics = {r.get("topic") for r in tables["topics"].get(doc, []) if r.get("topic")}
        tally["topics"].add(len(gold_topics & pred_topics), len(pred_topics), len(gold_topics))

        per_doc[doc] = {"hosts_gold": len(gh), "hosts_pred": len(ph), "hosts_matched": len(strict),
                        "people_gold": len(gpe), "people_matched": len(matched)}

    res: dict[str, Any] = {"docs": len(per_doc)}
    for name in PRF_FIGURES:
        res[name] = tally[name].as_dict()
    for name in ACCURACIES:
        res[name] = acc[name].value()
    parts = [res["dates"], res["organizer"], res["hosts"]["f1"], res["people"]["f1"],
             res["places"]["f1"], res["topics"]["f1"]]
    res["overall"] = round(sum(x or 0 for x in parts) / len(parts), 3)
    res["per_doc"] = per_doc
    return res


def format_report(result: dict[str, Any]) -> str:
    """The lines ``score.py`` prints for a result (without a trailing newline)."""
    lines = []
    for k, v in result.items():
        if k == "per_doc":
            continue
        if isinstance(v, dict):
            lines.append(f"{k:22s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  "
                         f"(gold {v['gold']}, pred {v['pred']})")
        else:
            lines.append(f"{k:22s} {v}")
    return "\n".join(lines)


def read_folds(path: PathLike) -> dict[str, int]:
    """doc_id -> fold of a held-out split (``benchmarks/folds.tsv``: doc_id, site, fold)."""
    with open(path, encoding="utf-8", newline="") as f:
        return {row["doc_id"]: int(row["fold"]) for row in csv.DictReader(f, delimiter="\t")}


def write_json(result: dict[str, Any], path: PathLike) -> None:
    """Save the full result as ``score.py --json`` does."""
    Path(path).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")

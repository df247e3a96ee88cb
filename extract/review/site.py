"""Build the review site from a run's output folder (templates in ``templates/``)."""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from ..output.labels import code_labels
from ..output.provenance import parse_offsets
from ..tables import read_tables
from .marks import Mark, render

SITE_DIR = "review"
#: rule parts that mark a value as a guess worth checking (see models/README.md)
LOW_CONFIDENCE = ("ner", "suffix_guess", "mentioned", "year_unknown", "near_unlisted",
                  "context_unlisted", "no_visit_date")
LOW_TOPIC_SCORE = 0.75


@dataclass
class Flag:
    level: str   # "missing" or "low"
    text: str


@dataclass
class ReportPage:
    doc_id: str
    file_name: str
    visit: dict
    text: Optional[str]
    text_note: str = ""
    status: str = "ok"  # ok, flagged, failed, no text
    error: str = ""
    flags: list[Flag] = field(default_factory=list)
    hosts: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)
    body: str = ""


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if _na(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _na(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _safe_name(doc_id: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id)[:80] or "report"
    name, k = base, 1
    while name.lower() in used:
        k += 1
        name = f"{base}-{k}"
    used.add(name.lower())
    return name + ".html"


def _read_text(path: Optional[str], doc_id: str, search: Iterable[Path],
               out: Optional[Path] = None) -> tuple[Optional[str], str]:
    """The report's text exactly as the run read it: the run's own copy
    (``OUT/texts/<doc_id>.txt``) when it kept one, else the source file read the same
    way (same decoding, same conversion)."""
    from ..io import InputError, read_report

    kept = out / "texts" / f"{doc_id}.txt" if out is not None else None
    if kept is not None and kept.is_file():
        with open(kept, encoding="utf-8", newline="") as f:
            return f.read(), str(kept)
    candidates = [Path(path)] if path else []
    for folder in search:
        candidates += sorted(Path(folder).glob(f"{glob_escape(doc_id)}.*"))
    for cand in candidates:
        if cand.is_file():
            try:
                return read_report(cand).text, str(cand)
            except InputError as err:
                return None, f"cannot read {cand}: {err.reason}"
    return None, f"source not found ({path or 'no source_path'}); use --reports DIR"


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _low(rule: Optional[str]) -> bool:
    parts = re.split(r"[;:+\[\]\s]+", rule or "")
    return any(p in LOW_CONFIDENCE for p in parts)


def _visit_marks(v: dict) -> tuple[list[Mark], list[Flag]]:
    marks, flags = [], []
    fields = (("title", "title", "title_rule"), ("dates", "start_date", "dates_rule"),
              ("organizer", "organizer", "organizer_rule"),
              ("participants", "participants_count", "participants_rule"))
    for name, col, rule_col in fields:
        start, end = v.get(f"{name}_start"), v.get(f"{name}_end")
        value = v.get(col)
        if name == "dates" and value:
            value = f"{v.get('start_date')} – {v.get('end_date')}"
        if start is not None and end is not None:
            marks.append(Mark(int(start), int(end), name, anchor=f"m-visit-{name}", row=f"row-visit-{name}",
                              tip=f"{name}: {value} · rule {v.get(rule_col) or '-'}",
                              attrs=(("base", value), ("rule", v.get(rule_col)))))
        if value is None and name != "participants":
            flags.append(Flag("missing", f"no {name}"))
        elif _low(v.get(rule_col)):
            flags.append(Flag("low", f"{name}: {v.get(rule_col)}"))
    return marks, flags


def _row_marks(kind: str, key: str, rows: list[dict], tip) -> list[Mark]:
    out = []
    for r in rows:
        if r.get("start_char") is None or r.get("end_char") is None:
            continue
        out.append(Mark(int(r["start_char"]), int(r["end_char"]), kind, anchor=f"m-{r[key]}",
                        row=f"row-{r[key]}", tip=tip(r),
                        attrs=(("base", r.get("name")), ("type", r.get("type")),
                               ("city", r.get("city")), ("rule", r.get("rule")))))
    return out


def build_page(doc_id: str, file_name: str, visit: dict, tables: dict[str, pd.DataFrame],
               text: Optional[str], text_note: str) -> ReportPage:
    vid = visit["visit_id"]
    page = ReportPage(doc_id, file_name, visit, text, text_note)
    for name in ("hosts", "people", "places", "topics"):
        df = tables[name]
        setattr(page, name, _records(df[df["visit_id"] == vid]))
    types = code_labels("institution_type")
    topic_labels = code_labels("topic")
    marks, page.flags = _visit_marks(visit)
    for h in page.hosts:
        h["type_label"] = types.get(h.get("type") or "", h.get("type"))
        h["flags"] = ([Flag("missing", "no city")] if not h.get("city") else []) + \
                     ([Flag("low", "guess")] if _low(h.get("rule")) else [])
    for p in page.places:
        p["flags"] = ([Flag("missing", "no coordinates")] if p.get("latitude") is None else []) + \
                     ([Flag("missing", "no voivodeship")] if not p.get("voivodeship") else []) + \
                     ([Flag("low", "guess")] if _low(p.get("rule")) else [])
    for p in page.people:
        p["flags"] = [Flag("low", "guess")] if _low(p.get("rule")) else []
    for t in page.topics:
        t["label"] = topic_labels.get(t["topic"], t["topic"])
        t["offsets"] = parse_offsets(t.get("evidence_offsets"))
        t["flags"] = [Flag("low", f"score {t['score']:.2f}")] if (t.get("score") or 0) < LOW_TOPIC_SCORE else []
        for k, (a, b) in enumerate(t["offsets"]):
            marks.append(Mark(a, b, "topic", anchor=f"m-{t['topic_id']}-{k}", row=f"row-{t['topic_id']}",
                              tip=f"topic {t['topic']} ({t['label']}) · score {t['score']} · rule {t.get('rule')}",
                              attrs=(("base", t["topic"]), ("rule", t.get("rule")))))

    def tip(r):
        bits = [r.get("name") or ""]
        for label, col in (("type", "type"), ("city", "city"), ("voivodeship", "voivodeship"),
                           ("role", "role"), ("organisation", "organization")):
            if r.get(col):
                bits.append(f"{label} {r[col]}")
        bits.append(f"rule {r.get('rule') or '-'}")
        return " · ".join(bits)

    marks += _row_marks("host", "host_id", page.hosts, tip)
    marks += _row_marks("person", "person_id", page.people, tip)
    marks += _row_marks("place", "place_id", page.places, tip)
    if not page.hosts:
        page.flags.append(Flag("missing", "no hosts"))
    flagged_rows = sum(bool(r["flags"]) for rs in (page.hosts, page.places, page.people) for r in rs)
    if flagged_rows:
        page.flags.append(Flag("low", f"{flagged_rows} row{'s' if flagged_rows > 1 else ''} to check"))
    if text is None:
        page.status = "no text"
    else:
        page.body = render(text, marks)
        page.status = "flagged" if any(f.level == "missing" for f in page.flags) or flagged_rows else "ok"
    return page


def _failed_documents(out: Path, known: set[str]) -> list[dict]:
    path = out / "documents.csv"
    if not path.exists():
        return []
    docs = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "status" not in docs.columns:
        return []
    bad = docs[(docs["status"] == "failed") & ~docs["doc_id"].isin(known)]
    return [{"doc_id": r.get("doc_id") or r.get("source_path"), "source_path": r.get("source_path"),
             "error": r.get("error", "")} for r in bad.to_dict("records")]


def _env() -> Environment:
    env = Environment(loader=PackageLoader("extract.review", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    return env


def _swap_in(tmp: Path, final: Path) -> None:
    """Replace the old site by the new one (rename, so a reader never sees half of it)."""
    old = None
    if final.exists():
        old = final.with_name(final.name + ".old-" + str(os.getpid()))
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(out_dir, reports: Iterable[Path] = ()) -> Path:
    """Write ``OUT/review/`` and return the index's path."""
    out = Path(out_dir)
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: no such output folder (run `wizyty run ... --out {out}` first)")
    if not (out / "visits.csv").exists() and not (out / "wizyty.sqlite").exists():
        raise FileNotFoundError(f"{out}: no tables (visits.csv) to review")
    fmt = "csv" if (out / "visits.csv").exists() else "sqlite"
    tables = read_tables(out, fmt=fmt)
    search = [Path(r) for r in reports]
    env = _env()
    used: set[str] = set()
    pages = []
    for visit in _records(tables["visits"]):
        text, note = _read_text(visit.get("source_path"), visit["doc_id"], search, out)
        pages.append(build_page(visit["doc_id"], _safe_name(visit["doc_id"], used), visit, tables, text, note))
    failed = _failed_documents(out, {p.doc_id for p in pages})
    rank = {"failed": 0, "no text": 1, "flagged": 2, "ok": 3}
    pages.sort(key=lambda p: (rank[p.status], -len(p.flags), p.doc_id))
    tmp = Path(tempfile.mkdtemp(prefix=".review-", dir=out))
    try:
        (tmp / "reports").mkdir()
        report_tpl = env.get_template("report.html.j2")
        for k, page in enumerate(pages):
            prev = pages[k - 1].file_name if k else None
            nxt = pages[k + 1].file_name if k + 1 < len(pages) else None
            (tmp / "reports" / page.file_name).write_text(
                report_tpl.render(page=page, prev=prev, next=nxt), encoding="utf-8")
        statuses = sorted({p.status for p in pages} | ({"failed"} if failed else set()), key=rank.get)
        (tmp / "index.html").write_text(env.get_template("index.html.j2").render(
            pages=pages, failed=failed, statuses=statuses, out_name=out.resolve().name), encoding="utf-8")
        _swap_in(tmp, out / SITE_DIR)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out / SITE_DIR / "index.html"


def command(args) -> int:
    """``wizyty review OUT [--open]``."""
    try:
        index = build_site(args.out, args.reports or ())
    except (FileNotFoundError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"review site written: {index}", file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(index.resolve().as_uri())
    return 0

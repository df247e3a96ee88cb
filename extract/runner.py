"""Run the pipeline over reports and turn each processed ``Doc`` into table records."""
from __future__ import annotations

import hashlib
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .io import InputError, Report, collect_inputs, read_report, read_text_input
from .output.provenance import finish_extraction
from .records import Extraction, Host, Person, Place, Topic, Visit
from .tables import to_frames

log = logging.getLogger(__name__)


def visit_id_for(report: Report) -> str:
    """Stable per input: the doc id plus a short hash of the text."""
    digest = hashlib.sha1(report.text.encode("utf-8")).hexdigest()[:8]
    return f"{report.doc_id}-{digest}"


def _span_fields(span: Span) -> dict:
    return {"mention": span.text, "start_char": span.start_char, "end_char": span.end_char}


def doc_to_extraction(doc: Doc, report: Report) -> Extraction:
    """Records of one report from the components' spans and the visit assembly."""
    v = doc._.visit
    vid = visit_id_for(report)
    org = v.organizer
    visit = Visit(
        visit_id=vid, doc_id=report.doc_id, title=v.title, start_date=v.start_date,
        end_date=v.end_date,
        organizer=org._.base if org is not None else None,
        organizer_city=org._.attrs.get("city") if org is not None else None,
        participants_count=v.participants, source_path=str(report.path) if report.path else None,
        title_rule=v.title_rule, dates_rule=v.dates_rule, organizer_rule=v.organizer_rule,
        participants_rule=v.participants_rule,
    )
    hosts = []
    for k, h in enumerate(v.hosts, 1):
        a = h.span._.attrs or {}
        hosts.append(Host(
            host_id="", visit_id=vid, doc_id=report.doc_id, name=h.name,
            type=h.type, city=h.city, voivodeship=h.voivodeship, operator=h.operator,
            rule=f"{h.span._.rule}; {h.rule}; city:{a.get('city_rule', '')}", **_span_fields(h.span)))
    people = []
    seen = {}
    for span in v.people:
        a = span._.attrs
        key = span._.base.lower()
        if key in seen:
            prev = seen[key]
            prev.role = prev.role or a.get("role")
            prev.organization = prev.organization or a.get("organization")
            continue
        # "G. Gradowska" after "Grażyna Gradowska": the same person
        parts = span._.base.split()
        if len(parts) == 2 and len(parts[0]) == 2 and parts[0].endswith("."):
            if any(p.name.split()[-1] == parts[1] and p.name[0] == parts[0][0] for p in people):
                continue
        p = Person(person_id="", visit_id=vid, doc_id=report.doc_id,
                   name=span._.base, role=a.get("role"), organization=a.get("organization"),
                   rule=span._.rule, **_span_fields(span))
        seen[key] = p
        people.append(p)
    places = []
    for pc in v.places:
        places.append(Place(visit_id=vid, doc_id=report.doc_id, name=pc.name, voivodeship=pc.voivodeship,
                            latitude=pc.latitude, longitude=pc.longitude, rule=pc.rule,
                            **_span_fields(pc.span)))
    topics = [Topic(visit_id=vid, doc_id=report.doc_id, topic=t.topic, score=t.score,
                    evidence=t.evidence, rule=t.rule,
                    evidence_offsets=getattr(t, "evidence_offsets", ""))
              for t in (doc._.topics or [])]
    # row keys from content (stable across rule changes), offsets of the visit's values
    return finish_extraction(Extraction(visit=visit, hosts=hosts, people=people, places=places,
                                        topics=topics), doc)


@dataclass
class RunResult:
    extractions: list[Extraction] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0


def process_reports(nlp: Language, reports: Iterable[Report | InputError],
                    progress: Callable[[int, Report], None] | None = None,
                    batch_size: int = 16) -> RunResult:
    """Pipe readable reports through ``nlp``; unreadable ones are collected, not fatal."""
    result = RunResult()
    start = time.perf_counter()
    good: list[Report] = []
    for item in reports:
        if isinstance(item, InputError):
            result.errors.append(item)
        else:
            good.append(item)
    failed: list[tuple[Doc | Report, str, Exception]] = []

    def keep_going(name, proc, docs, err):  # one broken report must not stop the run
        failed.extend((doc, name, err) for doc in docs)

    # our rule components have no .pipe(): spaCy routes their errors to the default handler
    # (Language.set_error_handler would also touch trained components, which reject it)
    previous = nlp.default_error_handler
    nlp.default_error_handler = keep_going
    texts = ((r.text, r) for r in good)
    try:
        for k, (doc, report) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=batch_size), 1):
            try:
                result.extractions.append(doc_to_extraction(doc, report))
            except Exception as err:  # noqa: BLE001 - reported per file below
                failed.append((report, "tables", err))
                continue
            result.words += sum(1 for t in doc if not t.is_punct and not t.is_space)
            if progress:
                progress(k, report)
    finally:
        nlp.default_error_handler = previous
    for item, name, err in failed:
        report = item if isinstance(item, Report) else getattr(item, "_context", None)
        path = report.path if isinstance(report, Report) else None
        log.debug("processing failed", exc_info=err)
        result.errors.append(InputError(path, f"processing failed in {name}: {type(err).__name__}: {err}"))
    result.seconds = time.perf_counter() - start
    return result


def read_all(paths: Sequence[str | Path], recursive: bool = False) -> list[Report | InputError]:
    out: list[Report | InputError] = []
    for path in collect_inputs(paths, recursive=recursive):
        try:
            out.append(read_report(path))
        except InputError as err:
            out.append(err)
    return out


def extract_tables(inputs, nlp: Language | None = None, strict: bool = False):
    """Five DataFrames from paths, folders or raw texts (dict ``{doc_id: text}`` or strings)."""
    from .pipeline import load_pipeline

    nlp = nlp or load_pipeline()
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    reports: list[Report | InputError] = []
    if isinstance(inputs, dict):
        reports = [read_text_input(t, d) for d, t in inputs.items()]
    else:
        paths = []
        for k, item in enumerate(inputs):
            if isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and len(item) < 500
                                          and Path(item).exists()):
                paths.append(item)
            else:
                reports.append(read_text_input(item, f"text{k + 1}"))
        if paths:
            reports.extend(read_all(paths))
    result = process_reports(nlp, reports)
    if strict and result.errors:
        raise result.errors[0]
    for err in result.errors:
        print(f"warning: {err}", file=sys.stderr)
    return to_frames(result.extractions)

"""Run the pipeline over reports and turn each processed ``Doc`` into table records.

A run (:func:`run`) only runs: reading → cache lookup → ``nlp.pipe`` in batches →
records → output, all of it written at once. Decisions about what a row says belong to
the pipeline's stages.
"""
from __future__ import annotations

import hashlib
import logging
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span

from .reading import (DEFAULT_MAX_BYTES, InputError, Report, Source, collect_sources, read_report,
                      read_text_input)
from .output.provenance import finish_extraction
from .records import Extraction, Host, Person, Place, Topic, Visit

if TYPE_CHECKING:  # pandas is imported when the tables are built (a parallel run overlaps it)
    import pandas as pd

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
    #: words of each processed report (the documents table's ``words``)
    words_by_doc: dict[str, int] = field(default_factory=dict)


def process_reports(nlp: Language, reports: Iterable[Report | InputError],
                    progress: Callable[[int, Report], None] | None = None,
                    batch_size: int = 16) -> RunResult:
    """Pipe readable reports through ``nlp``; unreadable ones are collected, not fatal.

    The unit of work: one batch of reports in, their records out. It keeps no state
    between calls, so a worker process (``parallel.py``, a Dask task) can call it on its
    share of the reports with its own pipeline.
    """
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
            # words: tokens that are neither punctuation nor space (two array columns)
            words = int((doc.to_array([IS_PUNCT, IS_SPACE]).sum(axis=1) == 0).sum()) if len(doc) else 0
            result.words += words
            result.words_by_doc[report.doc_id] = words
            if progress:
                progress(k, report)
    finally:
        nlp.default_error_handler = previous
    for item, name, err in failed:
        report = item if isinstance(item, Report) else getattr(item, "_context", None)
        path = report.path if isinstance(report, Report) else None
        log.debug("processing failed", exc_info=err)
        result.errors.append(InputError(path, f"processing failed in {name}: {type(err).__name__}: {err}",
                                        doc_id=report.doc_id if isinstance(report, Report) else None,
                                        fmt=report.format if isinstance(report, Report) else ""))
    result.seconds = time.perf_counter() - start
    return result


def read_sources(sources: Iterable[Source], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Report | InputError]:
    """Each source read as a :class:`Report`, or the :class:`InputError` saying why not."""
    out: list[Report | InputError] = []
    for src in sources:
        try:
            out.append(read_report(src.path, max_bytes=max_bytes, doc_id=src.doc_id))
        except InputError as err:
            out.append(err)
    return out


def read_all(paths: Sequence[str | Path], recursive: bool = False) -> list[Report | InputError]:
    """Every file of ``paths`` (files, folders) read, with doc ids relative to its folder."""
    return read_sources(collect_sources(paths, recursive=recursive).sources)


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
    from .tables import to_frames

    return to_frames(result.extractions)


# --------------------------------------------------------------------------- a whole run


@dataclass
class RunOptions:
    """What ``wizyty run`` does; ``pipeline_args`` go to ``build_pipeline`` (here or in workers)."""

    inputs: Sequence[str | Path]
    out: Path
    formats: Sequence[str] = ("csv",)
    recursive: bool = False
    force: bool = False
    #: worker processes; 0: one per CPU core for a run of ``AUTO_PARALLEL_REPORTS`` or more
    jobs: int = 1
    batch_size: int = 16
    pipeline_args: dict[str, Any] = field(default_factory=dict)
    #: "local" (this machine, ``jobs`` processes) or "dask" (``extract/engines/dask.py``)
    engine: str = "local"
    scheduler: Optional[str] = None
    #: called with the frames right before they are written (e.g. analysts' corrections)
    before_write: Optional[Callable[[dict[str, pd.DataFrame]], dict[str, pd.DataFrame]]] = None
    #: called with each report as it is finished (progress display)
    progress: Optional[Callable[[int, Report], None]] = None
    #: called once the number of reports to process is known, before the pipeline loads
    on_plan: Optional[Callable[[int, int], None]] = None


@dataclass
class RunSummary:
    processed: int = 0
    reused: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    written: dict[str, list[Path]] = field(default_factory=dict)
    pipeline: str = ""


def pipeline_fingerprint(pipeline_args: dict[str, Any]) -> str:
    """The incremental cache's key for a pipeline: code, config file, overrides, model."""
    from .output.cache import fingerprint
    from .pipeline import DEFAULT_CONFIG

    config = Path(pipeline_args.get("config_path") or DEFAULT_CONFIG)
    settings = {k: v for k, v in pipeline_args.items() if k != "config_path"}
    settings["config"] = config.read_text(encoding="utf-8")
    extra = [config]
    model = (pipeline_args.get("overrides") or {}).get("wizyty.statistical_model")
    if model and Path(model).is_absolute() and Path(model).exists():
        extra.append(Path(model))  # a model outside the package: hash its files too
    return fingerprint(settings, extra)


class PipelineConfigError(ValueError):
    """The config (file, ``--set``, ``--model``) does not give a pipeline; one line says why."""


def _config_error_text(err: Exception) -> str:
    errors = getattr(err, "errors", None)
    if errors:  # confection's ConfigValidationError: where and what
        where = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', []))}: {e.get('msg', '')}" for e in errors[:3])
        return f"{getattr(err, 'title', None) or 'config error'}: {where}"
    text = " ".join(str(err).split())
    return text if len(text) <= 240 else text[:237] + "..."


def load_checked(pipeline_args: dict[str, Any]) -> Language:
    """``build_pipeline(**pipeline_args)``; what a config gets wrong becomes :class:`PipelineConfigError`."""
    from .pipeline import ModelNotAvailable, build_pipeline

    try:
        return build_pipeline(**pipeline_args)
    except ModelNotAvailable:
        raise
    except (ValueError, KeyError, TypeError, OSError) as err:
        raise PipelineConfigError(f"the pipeline cannot be built from the config: {_config_error_text(err)}") from err


#: with ``jobs=0`` (the default), this many reports to process and more use every core
AUTO_PARALLEL_REPORTS = 32


#: memory a worker may grow to on its own (measured ≈ 200 MiB rules only on 5,040 reports)
WORKER_MEMORY = 400 * 2**20


def auto_jobs(n_reports: int, available: int | None = None) -> int:
    """Worker processes for ``jobs=0``: one per CPU core for a run of at least
    ``AUTO_PARALLEL_REPORTS`` reports (workers fork from the loaded pipeline, so they cost
    no load of their own), else the serial path; never more than the available memory
    holds at ``WORKER_MEMORY`` each, nor more than one per ``AUTO_PARALLEL_REPORTS // 2``
    reports."""
    from .parallel import default_jobs

    if n_reports < AUTO_PARALLEL_REPORTS:
        return 1
    jobs = min(default_jobs(), n_reports // (AUTO_PARALLEL_REPORTS // 2))
    memory = _available_memory() if available is None else available
    if memory:
        jobs = min(jobs, max(1, memory // WORKER_MEMORY))
    return max(1, jobs)


def _available_memory() -> int | None:
    """Bytes of memory available to new processes (Linux ``MemAvailable``), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _import_table_writers() -> None:
    """Load pandas and the table writers while the workers run (the parent waits for them
    anyway), instead of after the last report."""
    import pandas  # noqa: F401

    from .output import corrections  # noqa: F401


def _chunks(items: list[Report], size: int) -> Iterable[list[Report]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _process(todo: list[Report], opts: RunOptions, summary: RunSummary,
             done: Callable[[RunResult], None]) -> None:
    """Process ``todo`` in batches, handing each finished batch to ``done`` at once."""
    if opts.engine == "dask":
        from .engines.dask import format_info, run_dask

        info: dict = {}
        from .parallel import default_jobs

        done(run_dask(todo, opts.pipeline_args, scheduler=opts.scheduler, jobs=opts.jobs or default_jobs(),
                      batch_size=opts.batch_size, progress=opts.progress, info=info))
        summary.pipeline = "dask"
        summary.notes.append(format_info(info))  # workers' load time and peak memory
        return
    jobs = opts.jobs if opts.jobs > 0 else auto_jobs(len(todo))
    if jobs > 1 and len(todo) > 1:
        from .parallel import format_workers, iter_parallel

        # a bad config: one clear error, not dead workers; forked workers share this copy
        nlp = load_checked(opts.pipeline_args)

        size = max(1, min(opts.batch_size * 2, len(todo) // (jobs * 4) or 1))
        finished = 0
        workers: dict = {}  # pid -> WorkerStats (peak memory of each worker)
        tables_import = None
        for chunk, part in iter_parallel(todo, jobs, opts.pipeline_args, opts.batch_size, size,
                                         workers, preloaded=nlp):
            if tables_import is None:  # the workers are forked by now: no thread is copied
                tables_import = threading.Thread(target=_import_table_writers, daemon=True)
                tables_import.start()
            done(part)
            for report in chunk:
                finished += 1
                if opts.progress:
                    opts.progress(finished, report)
        summary.pipeline = f"{jobs} worker processes"
        summary.notes.append(format_workers(workers))
        return
    nlp = load_checked(opts.pipeline_args)
    stat = nlp.meta.get("wizyty_statistical")
    summary.pipeline = ", ".join(nlp.pipe_names) + (f"; statistical: {stat['model']}" if stat else "; rules only")
    finished = 0
    for chunk in _chunks(todo, max(1, opts.batch_size * 2)):
        part = process_reports(nlp, chunk, batch_size=opts.batch_size)
        done(part)
        for report in chunk:
            finished += 1
            if opts.progress:
                opts.progress(finished, report)


def run(opts: RunOptions) -> RunSummary:
    """Read the inputs, reuse cached records, process the rest, write everything at once.

    Raises :class:`InputError` when an input path does not exist,
    :class:`~extract.tables.TableWriteError` when the output cannot be written; a
    ``KeyboardInterrupt`` or a dead worker propagate (what was finished is in the cache
    and the previous tables are untouched).
    """
    from .output.cache import ResultCache
    from .reading.documents import COLUMNS as DOC_COLUMNS, Document
    from .tables import to_frames, write_tables

    start = time.perf_counter()
    out = Path(opts.out)
    summary = RunSummary()
    collected = collect_sources(opts.inputs, recursive=opts.recursive, exclude=[out])
    summary.notes = collected.notes
    items = read_sources(collected.sources)
    cache = ResultCache(out, pipeline_fingerprint(opts.pipeline_args))
    if opts.force:
        cache.clear()
    results: dict[str, tuple[Extraction, int, str]] = {}  # doc_id -> (records, words, status)
    todo: list[Report] = []
    for item in items:
        if isinstance(item, InputError):
            continue
        summary.warnings += [f"{item.path}: {w}" for w in item.warnings]
        hit = None if opts.force else cache.get(item.doc_id, item.sha256)
        if hit is not None:
            ex, words = hit
            ex.visit.source_path = str(item.path)
            results[item.doc_id] = (ex, words, "reused")
        else:
            todo.append(item)
    if opts.on_plan:
        opts.on_plan(len(todo), len(results))
    by_id = {r.doc_id: r for r in todo}
    errors: dict[str, InputError] = {}

    def done(part: RunResult) -> None:
        for ex in part.extractions:
            report = by_id[ex.visit.doc_id]
            words = part.words_by_doc.get(report.doc_id, 0)
            cache.put(report.doc_id, report.sha256, ex, words)
            results[report.doc_id] = (ex, words, "processed")
        for err in part.errors:
            errors[err.doc_id or str(err.path)] = err

    if todo:
        _process(todo, opts, summary, done)
    extractions, documents, texts = [], [], {}
    for item in items:
        if isinstance(item, InputError):
            doc_id = item.doc_id or (item.path.stem if item.path else "")
            err = item
        else:
            doc_id, err = item.doc_id, errors.get(item.doc_id)
        if doc_id in results and err is None:
            ex, words, status = results[doc_id]
            extractions.append(ex)
            texts[doc_id] = item.text
            summary.words += words
            summary.processed += status == "processed"
            summary.reused += status == "reused"
            documents.append(Document(doc_id, str(item.path), item.format, item.sha256, len(item.text),
                                      words, status))
        else:
            err = err or InputError(getattr(item, "path", None), "not processed", doc_id=doc_id)
            summary.errors.append(err)
            summary.failed += 1
            rep = item if isinstance(item, Report) else None
            documents.append(Document(doc_id, str(err.path) if err.path else None,
                                      rep.format if rep else (err.format or None),
                                      rep.sha256 if rep else None, len(rep.text) if rep else None,
                                      None, "failed", err.reason))
    frames = to_frames(extractions)
    frames["documents"] = documents_frame(documents, DOC_COLUMNS)
    if opts.before_write:
        frames = opts.before_write(frames)
    summary.written = write_tables(frames, out, formats=opts.formats, texts=texts)
    if opts.engine == "dask":  # the final tables, reused rows and corrections included
        from .engines.dask import write_partitioned

        parts = write_partitioned(frames, out)
        summary.notes.append(f"partitioned Parquet: {len(parts)} files in {out / 'parquet'}")
    summary.frames = frames
    cache.prune()
    summary.seconds = time.perf_counter() - start
    return summary


def documents_frame(documents: list, columns: list[str]) -> "pd.DataFrame":
    """The documents table: one row per input, typed like the other tables."""
    from dataclasses import asdict

    import pandas as pd

    df = pd.DataFrame([asdict(d) for d in documents], columns=columns)
    for col in ("chars", "words"):
        df[col] = pd.to_numeric(df[col]).astype("Int64")
    for col in df.columns:
        if col not in ("chars", "words"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df

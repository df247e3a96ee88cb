"""Command line: ``wizyty run`` (= ``python -m extract run``) and ``wizyty evaluate``."""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from . import __version__
from .engines import ENGINES


def _progress_printer(total: int, enabled: bool):
    start = time.perf_counter()

    def show(k: int, report) -> None:
        if not enabled:
            return
        if k == total or k % max(1, total // 20) == 0 or total <= 20:
            rate = k / max(time.perf_counter() - start, 1e-9)
            print(f"\r[{k}/{total}] {report.doc_id[:40]:40s} {rate:6.1f} reports/s", end="",
                  file=sys.stderr, flush=True)
            if k == total:
                print(file=sys.stderr)

    return show


def cmd_run(args: argparse.Namespace) -> int:
    from .io import InputError
    from .parallel import default_jobs, format_workers, process_parallel
    from .pipeline import build_pipeline
    from .runner import process_reports, read_all
    from .tables import TableWriteError, to_frames, write_tables

    try:
        reports = read_all(args.inputs, recursive=args.recursive)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    overrides = {}
    for item in args.set or []:
        key, _, value = item.partition("=")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    if args.model is not None:
        overrides["wizyty.statistical_model"] = args.model
    n_ok = sum(1 for r in reports if not isinstance(r, InputError))
    jobs = args.jobs if args.jobs > 0 else default_jobs()
    jobs = min(jobs, max(1, n_ok))
    nlp = None
    if jobs == 1 and args.engine == "local":
        t0 = time.perf_counter()
        nlp = build_pipeline(args.config, overrides=overrides, statistical=not args.rules_only)
        if not args.quiet:
            stat = nlp.meta.get("wizyty_statistical")
            print(f"pipeline: {', '.join(nlp.pipe_names)} (loaded in {time.perf_counter() - t0:.1f}s"
                  f"{'; statistical: ' + stat['model'] if stat else '; rules only'})", file=sys.stderr)
    elif not args.quiet:
        print(f"{jobs} worker processes, each loading the pipeline", file=sys.stderr)
    for r in reports:
        for warning in getattr(r, "warnings", None) or []:
            print(f"warning: {r.path}: {warning}", file=sys.stderr)
    show = _progress_printer(n_ok, not args.quiet and sys.stderr.isatty() or args.progress)
    pipeline_args = dict(config_path=args.config, overrides=overrides, statistical=not args.rules_only)
    if args.engine == "dask":  # extract/engines/dask.py; also writes OUT/parquet/<table>/
        from .engines.dask import DaskUnavailable, format_info, run_dask

        info: dict = {}
        try:
            result = run_dask(reports, args.out, pipeline_args, scheduler=args.scheduler, jobs=args.jobs,
                              batch_size=args.batch_size, progress=show, info=info)
        except DaskUnavailable as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        if not args.quiet:
            print(format_info(info), file=sys.stderr)
    elif jobs > 1:
        t0 = time.perf_counter()
        workers: dict = {}
        result = process_parallel(reports, jobs, pipeline_args, batch_size=args.batch_size, progress=show,
                                  workers=workers)
        result.seconds = time.perf_counter() - t0
        if not args.quiet:
            print(format_workers(workers), file=sys.stderr)
    else:
        result = process_reports(nlp, reports, progress=show, batch_size=args.batch_size)
    for err in result.errors:
        print(f"error: {err}", file=sys.stderr)
    frames = to_frames(result.extractions)
    from .output.corrections import run_step as apply_corrections
    frames = apply_corrections(frames, args.out, args.quiet)  # OUT/corrections.csv
    try:
        written = write_tables(frames, args.out, formats=args.format)
    except TableWriteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    if not args.quiet:
        wps = result.words / result.seconds if result.seconds else 0.0
        counts = ", ".join(f"{len(df)} {name}" for name, df in frames.items())
        print(f"{len(result.extractions)} reports processed, {len(result.errors)} failed; {counts}; "
              f"{result.words} words in {result.seconds:.1f}s ({wps:,.0f} words/s)", file=sys.stderr)
        print(f"tables written to {Path(args.out)}: "
              f"{', '.join(p.name for ps in written.values() for p in ps)}", file=sys.stderr)
    return 0 if not result.errors else 1


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import format_report, score

    only = set(args.docs.split(",")) if args.docs else None
    res = score(args.gold, args.pred, only)
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(format_report(res))
    if args.errors:
        from .errors import format_errors
        print()
        print(format_errors(args.gold, args.pred, only))
    return 0


def _command(module: str, args: argparse.Namespace) -> int:
    """Commands living in their own module (``extract.<module>.command``), imported on use."""
    import importlib

    return importlib.import_module(f"extract.{module}").command(args)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="wizyty",
        description="Extract visits, hosts, people, places and topics from Polish study-visit "
                    "reports into CSV tables (spec: visits.csv, hosts.csv, people.csv, places.csv, "
                    "topics.csv).")
    ap.add_argument("--version", action="version", version=f"wizyty {__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = ap.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process report files or folders and write the tables",
                         description="Process reports (UTF-8, cp1250 or ISO-8859-2 plain text) and "
                                     "write the five tables into --out. Exit code 0 only when every "
                                     "file was processed; unreadable files are reported by name and "
                                     "skipped (exit 1).")
    run.add_argument("inputs", nargs="+", metavar="PATH",
                     help="report files, or folders whose *.txt files are read")
    run.add_argument("--out", "-o", required=True, metavar="DIR", help="folder for the tables (created)")
    run.add_argument("--format", default="csv", metavar="FMT",
                     help="comma-separated output formats: csv (default), parquet, sqlite")
    run.add_argument("--recursive", "-r", action="store_true", help="read folders recursively")
    run.add_argument("--config", metavar="FILE", help="pipeline config (default: extract/config.cfg)")
    run.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE",
                     help="override a config value, e.g. --set components.wizyty_topics.threshold=0.5")
    run.add_argument("--model", metavar="NAME_OR_PATH",
                     help="statistical layer in front of the rules: none by default (it did not "
                          "change the quality, at twice the time); models/nkjp_pl/model (the "
                          "project's NKJP model), or pl_core_news_sm/md/lg when installed")
    run.add_argument("--rules-only", action="store_true", help="do not load any statistical model")
    run.add_argument("--batch-size", type=int, default=16, help="reports per nlp.pipe batch (16)")
    run.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                     help="worker processes (1; 0 = one per CPU core); each loads the pipeline")
    run.add_argument("--engine", choices=ENGINES, default="local",
                     help="local: this machine, --jobs processes (default); dask: a Dask cluster "
                          "(extra wizyty[dask]), which also writes Parquet partitions to OUT/parquet/")
    run.add_argument("--scheduler", metavar="ADDR",
                     help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a "
                          "local cluster of --jobs workers)")
    run.add_argument("--progress", action="store_true", help="show progress even when not on a terminal")
    run.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    run.set_defaults(func=cmd_run)

    ev = sub.add_parser("evaluate", help="score predicted tables against gold annotations",
                        description="Score the tables in --pred against gold/<doc_id>.json files "
                                    "(same figures as eval/score.py).")
    ev.add_argument("--gold", required=True, metavar="DIR", help="folder of gold JSON files")
    ev.add_argument("--pred", required=True, metavar="DIR", help="folder with the CSV tables")
    ev.add_argument("--json", metavar="FILE", help="also write the full result as JSON")
    ev.add_argument("--docs", metavar="ID,ID", help="only these doc ids")
    ev.add_argument("--errors", action="store_true",
                    help="after the figures, list per document the missed, spurious and "
                         "mismatched rows (with the rule of each predicted row)")
    ev.set_defaults(func=cmd_evaluate)

    qu = sub.add_parser("query", help="read-only SQL over a run's tables",
                        description="Run one reading SQL statement (SELECT/WITH) over the tables in "
                                    "OUT (wizyty.sqlite, or the CSVs loaded with the same schema: keys, "
                                    "label tables institution_types/topic_codes/voivodeships, views "
                                    "hosts_visits/visit_summary/topics_labelled). Writing statements "
                                    "are refused (exit 2) and change nothing.")
    qu.add_argument("out", metavar="OUT", help="folder written by `wizyty run --out OUT`")
    qu.add_argument("sql", nargs="?", metavar="SQL", help='e.g. "SELECT type, COUNT(*) FROM hosts GROUP BY type"')
    qfmt = qu.add_mutually_exclusive_group()
    qfmt.add_argument("--csv", dest="qformat", action="store_const", const="csv", help="print CSV")
    qfmt.add_argument("--json", dest="qformat", action="store_const", const="json", help="print JSON records")
    qu.add_argument("--schema", action="store_true", help="list tables, views, columns and code labels")
    qu.set_defaults(func=lambda a: _command("query", a))

    co = sub.add_parser("correct", help="record a correction that every later run applies",
                        description="Append a correction to OUT/corrections.csv (table, key, column, "
                                    "value, note) and apply it to OUT's tables now; every later "
                                    "`wizyty run --out OUT` applies the file again, marks the rows "
                                    "rule=corrected and warns about corrections whose row is gone. "
                                    "Keys: visits.visit_id, hosts.host_id, people.person_id, "
                                    "places.place_id, topics.topic_id.")
    co.add_argument("out", metavar="OUT", help="folder written by `wizyty run --out OUT`")
    co.add_argument("fields", nargs="*", metavar="TABLE KEY COLUMN VALUE",
                    help="e.g. hosts r018-fc6fa19a-h3f9a1c city Toruń")
    co.add_argument("--delete", nargs=2, metavar=("TABLE", "KEY"), help="drop a spurious row")
    co.add_argument("--note", metavar="TEXT", help="why (kept in the file)")
    co.add_argument("--list", action="store_true", help="print the corrections and warn about stale ones")
    co.set_defaults(func=lambda a: _command("output.corrections", a))

    rv = sub.add_parser("review", help="write a static review site of a run (OUT/review/)",
                        description="Write OUT/review/index.html (every report: title, dates, organiser, "
                                    "counts, status; failures and flagged first; filters) and one page "
                                    "per report with its text, every extracted mention highlighted, "
                                    "the rows beside it. Offline: loads nothing over the network.")
    rv.add_argument("out", metavar="OUT", help="folder written by `wizyty run --out OUT`")
    rv.add_argument("--open", action="store_true", help="open the index in the web browser")
    rv.add_argument("--reports", action="append", metavar="DIR",
                    help="where to find the reports' files when source_path no longer points at them")
    rv.set_defaults(func=lambda a: _command("review", a))
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)

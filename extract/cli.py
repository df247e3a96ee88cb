"""Command line: ``wizyty run`` (= ``python -m extract run``) and ``wizyty evaluate``."""
from __future__ import annotations

import argparse
import json
import logging
import os
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


#: Exit codes of ``wizyty run`` (README "Exit codes").
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_OUTPUT, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


class UsageError(Exception):
    """A bad option, found before any work: exit 2 with one line."""


def _overrides(items: list[str] | None) -> dict:
    overrides = {}
    for item in items or []:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or "." not in key or not key.replace(".", "").replace("_", "").isalnum():
            raise UsageError(f"--set {item!r}: expected SECTION.KEY=VALUE, "
                             "e.g. components.wizyty_topics.threshold=0.5")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    return overrides


def _check_config(config: str | None, overrides: dict) -> None:
    """The config file parses and every overridden section exists (one line if not)."""
    from spacy.util import load_config

    from .pipeline import DEFAULT_CONFIG

    path = Path(config) if config else DEFAULT_CONFIG
    if not path.is_file():
        raise UsageError(f"--config {path}: no such file")
    try:
        cfg = load_config(path, interpolate=False)
    except Exception as err:  # noqa: BLE001 - confection/configparser errors
        raise UsageError(f"--config {path}: not a valid config ({type(err).__name__}: "
                         f"{str(err).splitlines()[0] if str(err) else ''})") from None
    for key in overrides:
        *sections, _ = key.split(".")
        node = cfg
        for k, part in enumerate(sections):
            if not isinstance(node, dict) or part not in node:
                raise UsageError(f"--set {key}: the config has no section "
                                 f"[{'.'.join(sections[:k + 1])}]")
            node = node[part]


def _check_model(args: argparse.Namespace) -> None:
    from .pipeline import statistical_source

    if args.model and not args.rules_only:
        given = Path(args.model)
        if not given.is_absolute() and given.exists() and (os.sep in args.model or args.model.startswith(".")):
            args.model = str(given.resolve())  # a folder the user named on the command line
        if statistical_source(args.model) is None:
            raise UsageError(f"--model {args.model}: no such model folder under models/ and no installed "
                             "spaCy package of that name (use '' or --rules-only for none)")


def _validate_run(args: argparse.Namespace) -> tuple[dict, list[str]]:
    """Every option checked before any work; UsageError names the first bad one."""
    from .tables import TableWriteError, check_formats, check_output_folder

    if args.batch_size < 1:
        raise UsageError(f"--batch-size {args.batch_size}: must be at least 1")
    if args.jobs < 0:
        raise UsageError(f"--jobs {args.jobs}: must be 0 (automatic) or more")
    try:
        formats = check_formats(args.format)
    except TableWriteError as err:
        raise UsageError(f"--format {args.format}: {err}") from None
    overrides = _overrides(args.set)
    if args.model is not None:
        _check_model(args)
        overrides["wizyty.statistical_model"] = args.model
    _check_config(args.config, overrides)
    try:
        check_output_folder(args.out)
    except TableWriteError as err:
        raise UsageError(f"--out {args.out}: {err}") from None
    return overrides, formats


def _apply_corrections(frames, out, quiet):
    """The analysts' corrections (imported when the tables are built: pandas loads then)."""
    from .output.corrections import run_step

    return run_step(frames, out, quiet)


def cmd_run(args: argparse.Namespace) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from .pipeline import ModelNotAvailable
    from .reading import InputError
    from .runner import PipelineConfigError, RunOptions, run
    from .tables import TableWriteError

    def say(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr)

    try:
        overrides, formats = _validate_run(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    pipeline_args = dict(config_path=args.config, overrides=overrides, statistical=not args.rules_only,
                         require_model=bool(args.model) and not args.rules_only)
    jobs = args.jobs  # 0: the runner uses every core when there is enough to do
    state: dict = {}

    def plan(todo: int, reused: int) -> None:
        state["show"] = _progress_printer(todo, not args.quiet and sys.stderr.isatty() or args.progress)
        state["todo"] = todo
        if todo:
            say(f"{todo} report(s) to process, {reused} unchanged reused from {Path(args.out)}")

    opts = RunOptions(inputs=args.inputs, out=Path(args.out), formats=formats, recursive=args.recursive,
                      force=args.force, jobs=jobs, batch_size=args.batch_size, pipeline_args=pipeline_args,
                      engine=getattr(args, "engine", "local"), scheduler=getattr(args, "scheduler", None),
                      before_write=lambda frames: _apply_corrections(frames, args.out, args.quiet),
                      progress=lambda k, r: state["show"](k, r), on_plan=plan)
    try:
        summary = run(opts)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (ModelNotAvailable, PipelineConfigError) as err:
        print(f"error: {err}; nothing was processed, the previous tables are unchanged", file=sys.stderr)
        return EXIT_USAGE
    except TableWriteError as err:
        print(f"error: {err}; the previous tables are unchanged", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        print("\ninterrupted: the previous tables are unchanged; reports finished so far are kept "
              "and the next run resumes from there", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenProcessPool:
        print("error: a worker process died (out of memory?); the previous tables are unchanged; "
              "reports finished so far are kept: rerun (with fewer --jobs) to resume", file=sys.stderr)
        return EXIT_CRASH
    except OSError as err:  # disk full while writing the cache, ...
        print(f"error: cannot write into {args.out}: {err.strerror or err}; the previous tables "
              "are unchanged", file=sys.stderr)
        return EXIT_OUTPUT
    except Exception as err:  # noqa: BLE001 - a config value the pipeline rejects, ...
        logging.getLogger(__name__).debug("run failed", exc_info=err)
        first = str(err).strip().splitlines()[0] if str(err).strip() else ""
        print(f"error: {type(err).__name__}: {first} (the previous tables are unchanged; -v for "
              "details)", file=sys.stderr)
        return EXIT_CRASH
    if summary.pipeline:
        say(f"pipeline: {summary.pipeline}")
    for note in summary.notes:
        say(f"note: {note}")
    for warning in summary.warnings:
        say(f"warning: {warning}")
    for err in summary.errors:
        print(f"error: {err}", file=sys.stderr)
    wps = summary.words / summary.seconds if summary.seconds else 0.0
    counts = ", ".join(f"{len(df)} {name}" for name, df in summary.frames.items() if name != "documents")
    say(f"{summary.processed} processed, {summary.reused} reused, {summary.failed} failed; {counts}; "
        f"{summary.words} words in {summary.seconds:.1f}s" + (f" ({wps:,.0f} words/s)" if wps else ""))
    say(f"tables written to {Path(args.out)}: "
        f"{', '.join(p.name for ps in summary.written.values() for p in ps)}, texts/")
    return EXIT_OK if not summary.failed else EXIT_SOME_FAILED


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
                         description="Process reports (.txt in UTF-8, cp1250, ISO-8859-2 or UTF-16; "
                                     ".html/.htm; .pdf with a text layer; .docx; .odt) and write the "
                                     "tables (visits, hosts, people, places, topics, documents) and "
                                     "texts/ into --out, all at once. Re-running into the same --out "
                                     "reuses unchanged reports (--force redoes all). Exit codes: 0 every "
                                     "file processed; 1 some files failed (named on stderr); 2 bad "
                                     "option or input path; 3 output could not be written; 4 processing "
                                     "crashed; 130 interrupted. On 2-4 and 130 the previous tables are "
                                     "unchanged.")
    run.add_argument("inputs", nargs="+", metavar="PATH",
                     help="report files, or folders (every file in them is read or named)")
    run.add_argument("--out", "-o", required=True, metavar="DIR", help="folder for the tables (created)")
    run.add_argument("--format", default="csv", metavar="FMT",
                     help="comma-separated output formats: csv (default), parquet, sqlite, xlsx, csv-excel (excel/*.csv for a Polish Excel)")
    run.add_argument("--recursive", "-r", action="store_true", help="read folders recursively")
    run.add_argument("--force", action="store_true",
                     help="process every report again instead of reusing unchanged ones")
    run.add_argument("--config", metavar="FILE", help="pipeline config (default: extract/config.cfg)")
    run.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE",
                     help="override a config value, e.g. --set components.wizyty_topics.threshold=0.5")
    run.add_argument("--model", metavar="NAME_OR_PATH",
                     help="statistical layer in front of the rules: none by default (it did not "
                          "change the quality, at twice the time); models/nkjp_pl/model (the "
                          "project's NKJP model), or pl_core_news_sm/md/lg when installed")
    run.add_argument("--rules-only", action="store_true", help="do not load any statistical model")
    run.add_argument("--batch-size", type=int, default=16, help="reports per nlp.pipe batch (16)")
    run.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                     help="worker processes; 0 (default): one per CPU core when there are at least "
                          "32 reports to process (at most one per 16 reports and per 400 MB of free "
                          "memory), else 1; workers share the loaded pipeline")
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

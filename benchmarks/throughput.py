"""Throughput and memory of ``extract run`` on >= 1,000 reports, against bare Morfeusz.

Usage::

    python benchmarks/throughput.py [--copies N] [--jobs 1,2] [--model NAME] [--batch-size N]
                                    [--corpus DIR] [--json FILE] [--keep]

What is measured
----------------
* **Corpus**: every ``*.txt`` in ``--corpus`` (default: the 72 development reports of
  ``../shared/corpus/raw`` when present, x12 = 864 reports; else the 5 seed reports of
  ``corpus/raw`` x200) is copied ``--copies`` times into a temporary folder (removed after).  Words = whitespace-separated tokens of the input texts (the same
  count is used for the pipeline and Morfeusz).  Note that replicated texts are kinder to
  per-word caches than a real corpus of distinct reports would be.
* **Pipeline**: ``python -m extract run TMP --out TMP_OUT --jobs N`` (plus ``--model`` /
  ``--rules-only`` when given) in a fresh subprocess, once per value of ``--jobs``
  (default ``1,2``: the speed-up of two workers is printed; each worker's peak memory is
  read from the run's "N workers, peak RSS" line).  Wall time covers the whole command (interpreter
  start, imports, pipeline load, reading, processing, writing the CSVs); peak memory is
  the child's maximum resident set size, ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``
  (KiB on Linux) read right after it exits — it is the first child this script starts,
  so the figure is that command's own.  "net" words/s subtracts the fixed start-up cost
  measured below (start + import + load + first document) from the wall time.
* **Load time**: a fresh subprocess times ``import extract``, ``extract.load_pipeline()``
  and the first (tiny) document, which pays lazily loaded resources (the Morfeusz
  dictionaries); the subprocess's total wall time is printed too.
* **Morfeusz**: ``morfeusz2.Morfeusz().analyse(text)`` over the same texts, in this
  process, after constructing the analyser (construction time reported separately).
  Issue 9's target is pipeline words/s >= 0.5 of Morfeusz words/s (goal 1.0).

Nothing is asserted; the figures are printed as a table and optionally saved as JSON.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = ROOT / "corpus" / "raw"
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
DEFAULT_CORPUS = DEV_CORPUS if DEV_CORPUS.is_dir() else SEED_CORPUS
TARGET_RATIO = 0.5

LOAD_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
import extract
t1 = time.perf_counter()
from extract.pipeline import build_pipeline
nlp = build_pipeline(overrides=%(overrides)r, statistical=%(statistical)r)
t2 = time.perf_counter()
nlp("Wizyta studyjna w Miejskim Ośrodku Pomocy Społecznej w Toruniu odbyła się 5 lipca 2011 r.")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_pipeline_s": t2 - t1, "first_doc_s": t3 - t2,
                  "pipe_names": nlp.pipe_names,
                  "statistical": (nlp.meta.get("wizyty_statistical") or {}).get("model")}))
"""


def read_texts(corpus: Path) -> list[tuple[str, str]]:
    """(name, text) of the seed reports (UTF-8; other encodings via extract.io)."""
    files = sorted(p for p in corpus.glob("*.txt") if p.is_file())
    if not files:
        raise SystemExit(f"no *.txt reports in {corpus}")
    out = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # importing extract pulls in spaCy: only when needed
            sys.path.insert(0, str(ROOT))
            from extract.io import read_report

            text = read_report(path).text
        out.append((path.stem, text))
    return out


def replicate(seeds: list[tuple[str, str]], copies: int, folder: Path) -> list[str]:
    texts = []
    for k in range(copies):
        for stem, text in seeds:
            (folder / f"{stem}_{k:04d}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
    return texts


def run_pipeline(in_dir: Path, out_dir: Path, rules_only: bool, batch_size: int | None,
                 jobs: int = 1, model: str | None = None, overrides: list[str] | None = None) -> dict:
    cmd = [sys.executable, "-m", "extract", "run", str(in_dir), "--out", str(out_dir),
           "--jobs", str(jobs)]
    for item in overrides or []:
        cmd += ["--set", item]
    if rules_only:
        cmd.append("--rules-only")
    if model is not None:
        cmd += ["--model", model]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = {}
    for name in ("visits", "hosts", "people", "places", "topics"):
        path = out_dir / f"{name}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                rows[name] = max(0, sum(1 for _ in csv.reader(fh)) - 1)
    workers = re.search(r"(\d+) workers?, peak RSS ([\d,./ ]+) MiB", proc.stderr)
    return {
        "command": " ".join(cmd[1:]),
        "worker_peak_rss_mib": [float(x.replace(",", "")) for x in workers.group(2).split(" / ")]
        if workers else None,
        "returncode": proc.returncode,
        "stderr_tail": proc.stderr[-2000:],
        "wall_s": wall,
        "cpu_user_s": after.ru_utime - before.ru_utime,
        "cpu_sys_s": after.ru_stime - before.ru_stime,
        "peak_rss_mib": after.ru_maxrss / 1024.0,  # ru_maxrss is KiB on Linux
        "rows": rows,
    }


def measure_load(rules_only: bool, model: str | None = None, settings: list[str] | None = None) -> dict:
    sys.path.insert(0, str(ROOT))
    from extract.cli import _overrides  # the --set parser of wizyty run

    overrides = _overrides(settings)
    if model is not None:
        overrides["wizyty.statistical_model"] = model
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", LOAD_SCRIPT % {"statistical": not rules_only,
                                                                 "overrides": overrides}],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:], "process_wall_s": wall}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_wall_s"] = wall
    return out


def measure_morfeusz(texts: list[str]) -> dict:
    import morfeusz2

    t0 = time.perf_counter()
    morf = morfeusz2.Morfeusz()
    t1 = time.perf_counter()
    c1 = time.process_time()
    interps = 0
    for text in texts:
        interps += len(morf.analyse(text))
    t2 = time.perf_counter()
    c2 = time.process_time()
    return {"construct_s": t1 - t0, "analyse_s": t2 - t1, "analyse_cpu_s": c2 - c1,
            "interpretations": interps,
            "version": getattr(morfeusz2, "__version__", None),
            # this process holds little else than the texts and Morfeusz
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}


def machine() -> dict:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count()
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {"cpus": cpus, "cpu_model": model, "memory": mem, "loadavg_before": load,
            "python": platform.python_version(), "platform": platform.platform()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=None,
                    help="copies of each report (default: 12 of the 72 dev reports = 864, or 200 "
                         "of the 5 seeds)")
    ap.add_argument("--rules-only", action="store_true", help="pass --rules-only to extract run")
    ap.add_argument("--model", default=None, help="pass --model to extract run (e.g. models/nkjp_pl/model)")
    ap.add_argument("--batch-size", type=int, default=None, help="pass --batch-size to extract run")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="pass --set to extract run (e.g. wizyty.ud_tagger=models/ud_pl/model)")
    ap.add_argument("--jobs", default="1,2",
                    help="comma-separated --jobs values to run one after the other (default 1,2; 0 is "
                         "wizyty run's own default: every core for 32 reports or more)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of reports to replicate")
    ap.add_argument("--json", metavar="FILE", help="also save the figures as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)
    copies = args.copies or (12 if args.corpus == DEV_CORPUS else 200)
    if copies < 1:
        ap.error("--copies must be >= 1")
    try:
        jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]
    except ValueError:
        ap.error("--jobs takes integers, e.g. 1,2")

    info = machine()  # no subprocess before run_pipeline: RUSAGE_CHILDREN must be its own
    seeds = read_texts(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="wizyty-bench-"))
    runs = []
    try:
        in_dir = tmp / "reports"
        in_dir.mkdir()
        texts = replicate(seeds, copies, in_dir)
        words = sum(len(t.split()) for t in texts)
        n_bytes = sum(len(t.encode("utf-8")) for t in texts)
        print(f"corpus: {len(texts)} reports ({len(seeds)} x {copies}), "
              f"{words:,} words, {n_bytes / 1e6:.1f} MB in {in_dir}", file=sys.stderr)
        # jobs ascending: RUSAGE_CHILDREN's peak is the largest so far, so the first (one
        # process) run's figure is its own; workers' figures come from the run's own line
        for jobs in sorted(jobs_list):
            print(f"running the pipeline with --jobs {jobs} ...", file=sys.stderr)
            pipe = run_pipeline(in_dir, tmp / f"out-j{jobs}", args.rules_only, args.batch_size, jobs,
                                args.model, args.overrides)
            if pipe["returncode"] not in (0, 1):
                print(f"warning: extract run exited {pipe['returncode']}:\n{pipe['stderr_tail']}",
                      file=sys.stderr)
            pipe["jobs"] = jobs
            runs.append(pipe)
        print("measuring load time ...", file=sys.stderr)
        load = measure_load(args.rules_only, args.model, args.overrides)
        print("running bare Morfeusz ...", file=sys.stderr)
        morf = measure_morfeusz(texts)
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    startup = (load.get("process_wall_s") or 0.0) if "error" not in load else 0.0
    morf_wps = words / morf["analyse_s"]
    morf_cpu_wps = words / max(morf["analyse_cpu_s"], 1e-9)
    for pipe in runs:
        pipe["words_per_s"] = words / pipe["wall_s"]
        net_s = pipe["wall_s"] - startup
        pipe["net_words_per_s"] = words / net_s if net_s > 0 else float("nan")
        pipe["words_per_cpu_s"] = words / max(pipe["cpu_user_s"] + pipe["cpu_sys_s"], 1e-9)
        pipe["ratio_to_morfeusz"] = pipe["words_per_s"] / morf_wps
        pipe["ratio_net_to_morfeusz"] = pipe["net_words_per_s"] / morf_wps
        pipe["ratio_cpu_to_morfeusz"] = pipe["words_per_cpu_s"] / morf_cpu_wps
    base = next((r for r in runs if r["jobs"] == 1), None)
    figures = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": info, "reports": len(texts), "copies": copies, "seeds": len(seeds),
        "corpus": str(args.corpus.name), "words": words, "bytes": n_bytes,
        "rules_only": args.rules_only, "model": args.model, "runs": runs, "load": load,
        "morfeusz": morf, "morfeusz_words_per_s": morf_wps, "morfeusz_words_per_cpu_s": morf_cpu_wps,
        "target_ratio": TARGET_RATIO,
    }

    stat = load.get("statistical") if "error" not in load else None
    rows = [
        ("date", figures["date"]),
        ("machine", f"{info['cpus']} CPUs ({info['cpu_model'] or '?'}), {info['memory'] or '?'}, "
                    f"Python {info['python']}"),
        ("load average before", " ".join(f"{x:.2f}" for x in info["loadavg_before"] or ())),
        ("reports / words", f"{len(texts):,} ({len(seeds)} x {copies}) / {words:,} (whitespace tokens)"),
        ("pipeline", (f"statistical: {stat}" if stat else "rules only")
         + (f"; {', '.join(load.get('pipe_names', []))}" if "pipe_names" in load else "")),
    ]
    for pipe in runs:
        j = f"--jobs {pipe['jobs']}"
        rows += [
            (f"[{j}] exit code / wall", f"{pipe['returncode']} / {pipe['wall_s']:.1f} s "
                                        f"(CPU user {pipe['cpu_user_s']:.1f} s, sys {pipe['cpu_sys_s']:.1f} s)"),
            (f"[{j}] words/s", f"{pipe['words_per_s']:,.0f} end to end, {pipe['net_words_per_s']:,.0f} net "
                               f"of {startup:.1f} s start-up, {pipe['words_per_cpu_s']:,.0f} per CPU-s"),
            (f"[{j}] ratio to Morfeusz", f"{pipe['ratio_to_morfeusz']:.3f} end to end, "
                                         f"{pipe['ratio_net_to_morfeusz']:.3f} net, "
                                         f"{pipe['ratio_cpu_to_morfeusz']:.3f} per CPU-s (target >= "
                                         f"{TARGET_RATIO}: {'met' if pipe['ratio_to_morfeusz'] >= TARGET_RATIO else 'not met'})"),
            (f"[{j}] peak RSS", (f"{pipe['peak_rss_mib']:,.0f} MiB" if pipe["jobs"] == 1 else
                                 "workers " + " / ".join(f"{m:,.0f}" for m in pipe["worker_peak_rss_mib"] or [])
                                 + f" MiB (sum {sum(pipe['worker_peak_rss_mib'] or []):,.0f}); "
                                   f"largest process so far {pipe['peak_rss_mib']:,.0f} MiB")),
            (f"[{j}] rows written", ", ".join(f"{k} {v}" for k, v in pipe["rows"].items()) or "-"),
        ]
        if base is not None and pipe is not base:
            rows.append((f"[{j}] speed-up vs --jobs 1", f"{base['wall_s'] / pipe['wall_s']:.2f}x wall"))
    if "error" in load:
        rows.append(("load time", f"failed: {load['error'].strip().splitlines()[-1]}"))
    else:
        rows += [
            ("load: import extract", f"{load['import_s']:.2f} s"),
            ("load: build_pipeline()", f"{load['load_pipeline_s']:.2f} s"),
            ("load: first document", f"{load['first_doc_s']:.2f} s (lazy resources)"),
            ("load: whole process", f"{load['process_wall_s']:.2f} s (interpreter start to first document)"),
        ]
    rows += [
        ("Morfeusz() construction", f"{morf['construct_s']:.2f} s"),
        ("Morfeusz analyse", f"{morf['analyse_s']:.1f} s, {morf['interpretations']:,} interpretations"),
        ("Morfeusz words/s", f"{morf_wps:,.0f} ({morf_cpu_wps:,.0f} per CPU-s)"),
    ]
    width = max(len(k) for k, _ in rows)
    print()
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nfigures saved to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

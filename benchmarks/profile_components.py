"""Where the time goes: per-component time and a cProfile summary on >= 800 reports.

Usage::

    python benchmarks/profile_components.py [--copies N] [--corpus DIR] [--model NAME]
                                            [--top N] [--batch-size N] [--json FILE]

What is measured
----------------
* **Corpus**: every ``*.txt`` in ``--corpus`` (default: the 72 development reports in
  ``../shared/corpus/raw``, else the project's 5 seed reports) copied ``--copies`` times
  (default 12: 864 reports) into a temporary folder that is removed afterwards (the dev
  reports are never copied into the project). Words = whitespace-separated tokens.
* **Per component** (a fresh subprocess, cold caches as in a real run): reading the
  files, the tokenizer, every pipeline component, turning Docs into records and writing
  the CSV tables, timed separately; batches of ``--batch-size`` reports go through each
  component as ``nlp.pipe`` would send them (a component with ``.pipe`` gets the batch).
  Wall and CPU (``time.process_time``) seconds per step; shares and µs/word are of CPU
  time, which other processes on a shared machine disturb less. Peak RSS of that subprocess.
* **cProfile** (a second fresh subprocess, same corpus): the top ``--top`` functions by
  own time, and the call counts of the spaCy ``Doc``/``Token`` accessors that signal
  per-token Python loops.
* **Morfeusz floor**: ``morfeusz2.Morfeusz().analyse(text)`` over the same texts; the
  ratio is pipeline words/s (sum of all steps) / Morfeusz words/s.

``--model`` chooses the statistical layer as ``wizyty run --model`` does (default: the
config's, ``''`` for rules only). Nothing is asserted; figures go to stdout (and JSON).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
SEED_CORPUS = ROOT / "corpus" / "raw"
# spaCy accessors whose call counts show per-token Python loops / Doc rescans
ACCESSORS = ("__getitem__", "__iter__", "__len__", "_get", "get", "__getattr__")


def replicate(corpus: Path, copies: int, folder: Path) -> tuple[int, int]:
    """Copy each report ``copies`` times; returns (reports, whitespace words)."""
    files = sorted(p for p in corpus.glob("*.txt") if p.is_file())
    if not files:
        raise SystemExit(f"no *.txt reports in {corpus}")
    n = words = 0
    for path in files:
        data = path.read_bytes()
        try:
            w = len(data.decode("utf-8").split())
        except UnicodeDecodeError:
            w = len(data.split())
        for k in range(copies):
            (folder / f"{path.stem}_{k:03d}.txt").write_bytes(data)
            n += 1
            words += w
    return n, words


def _pipeline(model: str | None):
    sys.path.insert(0, str(ROOT))
    from extract.pipeline import build_pipeline

    overrides = {"wizyty.statistical_model": model} if model is not None else {}
    t0 = time.perf_counter()
    nlp = build_pipeline(overrides=overrides)
    return nlp, time.perf_counter() - t0


def _batches(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _run_steps(in_dir: Path, out_dir: Path, model: str | None, batch_size: int,
               timer: dict[str, float] | None) -> dict:
    """Read, process and write like ``wizyty run``; step times into ``timer`` when given."""
    nlp, load_s = _pipeline(model)
    from extract.io import Report
    from extract.runner import doc_to_extraction, read_all
    from extract.tables import to_frames, write_tables

    timer = timer if timer is not None else {}
    cpu_timer: dict[str, float] = timer.setdefault("__cpu__", {})  # type: ignore[assignment]
    last_cpu = [time.process_time()]

    def clock() -> float:
        last_cpu[0] = time.process_time()
        return time.perf_counter()

    def add(name: str, since: float) -> float:
        now, cpu = time.perf_counter(), time.process_time()
        timer[name] = timer.get(name, 0.0) + now - since
        cpu_timer[name] = cpu_timer.get(name, 0.0) + cpu - last_cpu[0]
        last_cpu[0] = cpu
        return now

    t = clock()
    reports = [r for r in read_all([in_dir]) if isinstance(r, Report)]
    t = add("reading files", t)
    extractions = []
    tokens = 0
    for batch in _batches(reports, batch_size):
        t = clock()
        docs = [nlp.make_doc(r.text) for r in batch]
        t = add("tokenizer", t)
        for name, proc in nlp.pipeline:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            t = add(name, t)
        for doc, report in zip(docs, batch):
            tokens += len(doc)
            extractions.append(doc_to_extraction(doc, report))
        t = add("records (doc_to_extraction)", t)
    write_tables(to_frames(extractions), out_dir)
    add("tables (to_frames + CSV)", t)
    return {"load_pipeline_s": load_s, "reports": len(reports), "tokens": tokens,
            "pipe_names": nlp.pipe_names,
            "statistical": (nlp.meta.get("wizyty_statistical") or {}).get("model")}


def worker(mode: str, in_dir: Path, out_dir: Path, model: str | None, batch_size: int,
           top: int) -> dict:
    if mode == "timing":
        timer: dict[str, float] = {}
        info = _run_steps(in_dir, out_dir, model, batch_size, timer)
        info["steps_cpu"] = timer.pop("__cpu__")
        info["steps"] = timer
        info["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return info
    prof = cProfile.Profile()
    prof.enable()
    info = _run_steps(in_dir, out_dir, model, batch_size, None)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": _where(file, line, func), "ncalls": nc, "tottime": tt, "cumtime": ct})
    rows.sort(key=lambda r: -r["tottime"])
    accessors = {}
    for r in rows:
        name = r["function"]
        if ("spacy.tokens" in name or "Doc" in name or "Token" in name or "Span" in name) and \
                any(name.endswith(a) or name.endswith(a + "}") for a in ACCESSORS):
            accessors[name] = accessors.get(name, 0) + r["ncalls"]
    info["top"] = rows[:top]
    info["accessors"] = dict(sorted(accessors.items(), key=lambda kv: -kv[1])[:12])
    info["total_tottime"] = sum(r["tottime"] for r in rows)
    return info


def _where(file: str, line: int, func: str) -> str:
    if file == "~":
        return func  # a built-in / Cython method: "<method '__getitem__' of 'spacy.tokens.doc.Doc' ...>"
    p = Path(file)
    parts = p.parts
    short = "/".join(parts[parts.index("extract"):]) if "extract" in parts else \
        "/".join(parts[-2:])
    return f"{short}:{line}({func})"


def morfeusz_floor(in_dir: Path) -> dict:
    import morfeusz2

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(in_dir.glob("*.txt"))]
    morf = morfeusz2.Morfeusz()
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        morf.analyse(text)
    return {"analyse_s": time.perf_counter() - t0, "analyse_cpu_s": time.process_time() - c0}


def _sub(mode: str, args, in_dir: Path, out_dir: Path) -> dict:
    cmd = [sys.executable, __file__, "--worker", mode, "--in-dir", str(in_dir), "--out-dir",
           str(out_dir), "--batch-size", str(args.batch_size), "--top", str(args.top)]
    if args.model is not None:
        cmd += ["--model", args.model]
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} pass failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_report(fig: dict) -> None:
    words = fig["words"]
    steps = fig["timing"]["steps"]
    cpu = fig["timing"].get("steps_cpu", {})
    total = sum(steps.values())
    total_cpu = sum(cpu.values()) or float("nan")
    print(f"corpus: {fig['reports']:,} reports ({fig['corpus']} x {fig['copies']}), {words:,} words; "
          f"pipeline: {', '.join(fig['timing']['pipe_names'])} "
          f"({'statistical: ' + fig['timing']['statistical'] if fig['timing']['statistical'] else 'rules only'})")
    print(f"\n{'step':<32} {'wall s':>8} {'CPU s':>8} {'CPU share':>9} {'CPU µs/word':>11}")
    for name, s in sorted(steps.items(), key=lambda kv: -cpu.get(kv[0], kv[1])):
        c = cpu.get(name, float("nan"))
        print(f"{name:<32} {s:>8.2f} {c:>8.2f} {100 * c / total_cpu:>8.1f}% {1e6 * c / words:>11.1f}")
    print(f"{'total':<32} {total:>8.2f} {total_cpu:>8.2f} {100.0:>8.1f}% {1e6 * total_cpu / words:>11.1f}")
    m, mc = fig["morfeusz"]["analyse_s"], fig["morfeusz"].get("analyse_cpu_s", float("nan"))
    print(f"\npipeline {words / total:,.0f} words/s wall ({words / total_cpu:,.0f} per CPU-s), bare "
          f"Morfeusz analyse {words / m:,.0f} words/s ({words / mc:,.0f} per CPU-s): ratio "
          f"{m / total:.3f} wall, {mc / total_cpu:.3f} CPU; load_pipeline() "
          f"{fig['timing']['load_pipeline_s']:.2f} s; peak RSS {fig['timing']['peak_rss_mib']:,.0f} MiB")
    prof = fig["cprofile"]
    print(f"\ncProfile (second fresh process, {prof['total_tottime']:.1f} s of own time under the "
          f"profiler), top {len(prof['top'])} by own time:")
    print(f"{'ncalls':>10} {'tottime':>8} {'share':>6} {'cumtime':>8}  function")
    for r in prof["top"]:
        print(f"{r['ncalls']:>10,} {r['tottime']:>8.2f} {100 * r['tottime'] / prof['total_tottime']:>5.1f}% "
              f"{r['cumtime']:>8.2f}  {r['function'][:110]}")
    if prof["accessors"]:
        print("\nspaCy accessor calls (per-token Python loops, Doc rescans):")
        for name, n in prof["accessors"].items():
            print(f"{n:>10,}  {name[:110]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=12, help="copies of each report (12: 72 dev -> 864)")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="folder of reports (default ../shared/corpus/raw, else corpus/raw)")
    ap.add_argument("--model", default=None,
                    help="statistical layer as in `wizyty run --model` ('' = rules only)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--top", type=int, default=30, help="cProfile rows to print")
    ap.add_argument("--no-cprofile", action="store_true", help="per-component times only")
    ap.add_argument("--json", metavar="FILE", help="also save the figures as JSON")
    ap.add_argument("--worker", choices=("timing", "cprofile"), help=argparse.SUPPRESS)
    ap.add_argument("--in-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out-dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.in_dir, args.out_dir, args.model,
                                args.batch_size, args.top)))
        return 0
    corpus = args.corpus or (DEV_CORPUS if DEV_CORPUS.is_dir() else SEED_CORPUS)
    tmp = Path(tempfile.mkdtemp(prefix="wizyty-profile-"))
    try:
        in_dir = tmp / "reports"
        in_dir.mkdir()
        n, words = replicate(corpus, args.copies, in_dir)
        print(f"{n} reports, {words:,} words in {in_dir}; timing pass ...", file=sys.stderr)
        fig = {"corpus": corpus.name if corpus != DEV_CORPUS else "shared dev reports",
               "copies": args.copies, "reports": n, "words": words, "model": args.model}
        fig["timing"] = _sub("timing", args, in_dir, tmp / "out1")
        if not args.no_cprofile:
            print("cProfile pass ...", file=sys.stderr)
            fig["cprofile"] = _sub("cprofile", args, in_dir, tmp / "out2")
        else:
            fig["cprofile"] = {"top": [], "accessors": {}, "total_tottime": 1.0}
        fig["morfeusz"] = morfeusz_floor(in_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_report(fig)
    if args.json:
        Path(args.json).write_text(json.dumps(fig, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

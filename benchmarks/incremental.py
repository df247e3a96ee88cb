"""Re-run cost and length scaling: what issue 7 promises, measured (asserts nothing).

* incremental: ``extract run`` over N copies of the seed reports into a fresh ``--out``, then
  again after adding one report: the second run should take well under 40 % of the first;
* length: one report made of K seed reports (about 40 KB, then ten times as long): time of
  each pipeline step, so a step whose cost grows faster than the text shows up.

    python benchmarks/incremental.py [--copies 58] [--kb 40] [--skip-length]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extract", "run", *args, "-q"], check=False)
    return time.perf_counter() - t0


def incremental(copies: int) -> None:
    seeds = sorted((ROOT / "corpus" / "raw").glob("*.txt"))
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "in", Path(d) / "out"
        src.mkdir()
        for k in range(copies):
            for p in seeds:
                shutil.copy(p, src / f"{p.stem}_{k}.txt")
        first = run([str(src), "--out", str(out)])
        shutil.copy(seeds[0], src / "nowy.txt")
        second = run([str(src), "--out", str(out)])
        n = copies * len(seeds)
        print(f"incremental: {n} reports {first:.1f} s; +1 report {second:.1f} s "
              f"({second / first:.0%} of the first run)")


def length(kb: int) -> None:
    sys.path.insert(0, str(ROOT))
    import extract

    nlp = extract.load_pipeline(statistical=False)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    nlp("Rozgrzewka w Łomży.")
    for size in (kb * 1000, kb * 10_000):
        text, k = "", 0
        while len(text.encode("utf-8")) < size:
            text += texts[k % len(texts)] + "\n\n"
            k += 1
        doc = nlp.make_doc(text)
        steps = []
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            steps.append(f"{name.removeprefix('wizyty_')} {time.perf_counter() - t0:.1f}")
        print(f"length: {len(text.encode('utf-8')) // 1000} KB, {len(doc)} tokens: " + ", ".join(steps) + " s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=58, help="copies of the 5 seed reports (58: 290)")
    ap.add_argument("--kb", type=int, default=40, help="size of the shorter long report")
    ap.add_argument("--skip-length", action="store_true")
    a = ap.parse_args()
    incremental(a.copies)
    if not a.skip_length:
        length(a.kb)


if __name__ == "__main__":
    main()

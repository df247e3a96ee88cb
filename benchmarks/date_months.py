"""Who reads month words better: ``dateparser`` or the table of ``months.csv``?

    .venv/bin/python benchmarks/date_months.py [CORPUS_DIR]

Scores three month readers behind the same range grammar: the table alone, dateparser
alone, and the shipped order (``extract.dates.normalise.read_month``: dateparser, the
table behind it). Figures: the date tests (tests/dates/test_dates.py, pytest), every
month form of the table in lower, Title and UPPER case after a day, and the visit dates
of the dev reports (share equal to gold, as eval/score.py's "dates").
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "dates"))

from extract.dates import grammar, normalise  # noqa: E402
from extract.dates.lexicon import months  # noqa: E402

READERS = {
    "table": lambda day, word, year=None: normalise.MonthReading(
        int(word) if word.isdigit() else normalise.by_table(word), "table"),
    # (the source only names the rule suffix ":month_by_dateparser": a word the table lacks)
    "dateparser": lambda day, word, year=None: normalise.MonthReading(
        int(word) if word.isdigit() else normalise.by_dateparser(day, word, year),
        "dateparser" if not word.isdigit() and normalise.by_table(word) is None else "table+dateparser"),
    "dateparser+table": normalise.read_month,
}


def forms_score() -> tuple[int, int]:
    ok = n = 0
    m = months()
    for form, month in {**m.after_day, **m.abbr}.items():
        for w in (form, form.title(), form.upper()):
            n += 1
            ok += grammar.read_month(5, w, 2013).month == month
    return ok, n


def main(argv: list[str]) -> None:
    corpus = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus"
    print(f"{'reader':18} {'forms':>10} {'dev dates':>10} {'date tests':>12}")
    for name, reader in READERS.items():
        grammar.read_month = reader
        grammar.rules.cache_clear()
        ok_f, n_f = forms_score()
        dev = "-"
        if (corpus / "gold").is_dir():
            from dev_accuracy import evaluate
            ok, n, _ = evaluate(corpus)
            dev = f"{ok}/{n}"
        code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import extract.dates.grammar as g, "
                f"extract.dates.normalise as n, runpy; "
                f"m = runpy.run_path({str(Path(__file__))!r}, run_name='x')['READERS'][{name!r}]; "
                f"g.read_month = m; import pytest; "
                f"sys.exit(pytest.main(['--tb=no', '-rf', '-p', 'no:cacheprovider', {str(ROOT / 'tests' / 'dates')!r}]))")
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        lines = res.stdout.strip().splitlines()
        failed = [ln.split(" - ")[0].split("::")[-1] for ln in lines if ln.startswith("FAILED")]
        summary = [ln for ln in lines if re.search(r"\d+ (passed|failed)", ln)]
        print(f"{name:18} {ok_f:>4}/{n_f:<5} {dev:>10}   {summary[-1] if summary else ''}")
        for f in failed:
            print(f"{'':20}failed: {f[:90]}")


if __name__ == "__main__":
    main(sys.argv[1:])

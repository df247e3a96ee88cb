"""End to end: the CLI on the bundled corpus, bad files among good ones, the scorer."""
import csv
import shutil
import subprocess
import sys

import pytest

from extract.cli import main
from extract.evaluate import score


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("out")
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(out), "--rules-only", "-q"])
    return rc, out


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_run_writes_the_five_tables(corpus_run, corpus_dir):
    rc, out = corpus_run
    assert rc == 0
    visits = rows(out / "visits.csv")
    assert {v["doc_id"] for v in visits} == {p.stem for p in (corpus_dir / "raw").glob("*.txt")}
    hosts = rows(out / "hosts.csv")
    assert hosts and list(hosts[0])[:11] == ["host_id", "visit_id", "doc_id", "name", "type", "city",
                                             "voivodeship", "operator", "mention", "start_char", "end_char"]


def test_every_row_points_back_at_its_text(corpus_run, corpus_dir):
    _, out = corpus_run
    for table in ("hosts", "people", "places"):
        for row in rows(out / f"{table}.csv"):
            text = (corpus_dir / "raw" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            assert text[int(row["start_char"]):int(row["end_char"])] == row["mention"]
            stored = (out / "texts" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            assert stored == text


def test_base_forms_on_the_seed_report(corpus_run):
    _, out = corpus_run
    hosts = {(h["name"], h["type"], h["city"]) for h in rows(out / "hosts.csv")
             if h["doc_id"] == "000_d76f0b402b4264de"}
    assert ("Zakład Aktywności Zawodowej „Poligrafia”", "ZAZ", "Bydgoszcz") in hosts
    visit = next(v for v in rows(out / "visits.csv") if v["doc_id"] == "000_d76f0b402b4264de")
    assert (visit["start_date"], visit["end_date"]) == ("2011-07-05", "2011-07-08")
    assert (visit["organizer"], visit["organizer_city"]) == ("Regionalny Ośrodek Polityki Społecznej", "Białystok")
    people = {p["name"] for p in rows(out / "people.csv") if p["doc_id"] == "001_cfbf8f470b870f79"}
    assert {"Jarosław Pilecki", "Czesława Żebrowska", "Ewa Żmuda"} <= people


def test_seed_corpus_scores_against_its_gold(corpus_run, corpus_dir):
    _, out = corpus_run
    res = score(corpus_dir / "gold", out)
    assert res["docs"] == 5
    assert res["overall"] >= 0.6
    assert res["people"]["f1"] >= 0.8


def test_bad_files_are_named_and_skipped(tmp_path, corpus_dir, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(corpus_dir / "raw" / "000_d76f0b402b4264de.txt", src)
    (src / "empty.txt").write_bytes(b"")
    (src / "page.txt").write_text("<!DOCTYPE html><html><body><p>Wizyta</p></body></html>", encoding="utf-8")
    (src / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    (src / "stary.txt").write_bytes("Spółdzielnia socjalna w Łomży, ośrodek w Świeciu.".encode("cp1250"))
    out = tmp_path / "out"
    rc = main(["run", str(src), "--out", str(out), "--rules-only", "-q"])
    err = capsys.readouterr().err
    assert rc == 1
    for name in ("empty.txt", "page.txt", "scan.txt"):
        assert name in err
    docs = {v["doc_id"] for v in rows(out / "visits.csv")}
    assert docs == {"000_d76f0b402b4264de", "stary"}


def test_missing_input_path_fails_clearly(tmp_path, capsys):
    rc = main(["run", str(tmp_path / "nie_ma.txt"), "--out", str(tmp_path / "o"), "-q"])
    assert rc == 2
    assert "nie_ma.txt" in capsys.readouterr().err


def test_module_entry_point_help():
    res = subprocess.run([sys.executable, "-m", "extract", "run", "--help"], capture_output=True, text=True)
    assert res.returncode == 0
    assert "--out" in res.stdout and "--rules-only" in res.stdout


def test_python_api_on_raw_text():
    import extract

    tables = extract.extract({"notka": "W dniach 13-16 listopada 2017 roku uczestnicy odwiedzili "
                                       "Spółdzielnię Socjalną „Opoka” w Kluczach."},
                             nlp=extract.load_pipeline(statistical=False))
    assert set(tables) == {"visits", "hosts", "people", "places", "topics"}
    host = tables["hosts"].iloc[0]
    assert host["name"] == "Spółdzielnia Socjalna „Opoka”" and host["city"] == "Klucze"
    assert tables["visits"].iloc[0]["start_date"] == "2017-11-13"


def test_a_report_that_breaks_a_component_is_reported_not_fatal(tmp_path, corpus_dir):
    from spacy.language import Language

    from extract.pipeline import build_pipeline
    from extract.runner import process_reports, read_all

    @Language.component("test_breaks_on_marker")
    def breaks(doc):
        if "ZEPSUTY" in doc.text:
            raise ValueError("broken on purpose")
        return doc

    nlp = build_pipeline(statistical=False)
    nlp.add_pipe("test_breaks_on_marker", first=True)
    bad = tmp_path / "zepsuty.txt"
    bad.write_text("Raport ZEPSUTY w Łomży.", encoding="utf-8")
    reports = read_all([corpus_dir / "raw" / "000_d76f0b402b4264de.txt", bad])
    result = process_reports(nlp, reports)
    assert [e.visit.doc_id for e in result.extractions] == ["000_d76f0b402b4264de"]
    assert len(result.errors) == 1 and "zepsuty.txt" in str(result.errors[0])
    assert "broken on purpose" in str(result.errors[0])


def test_parallel_workers_give_the_same_tables(tmp_path, corpus_dir, corpus_run):
    _, serial = corpus_run
    src = tmp_path / "in"
    src.mkdir()
    for p in (corpus_dir / "raw").glob("*.txt"):
        shutil.copy(p, src)
    (src / "pusty.txt").write_bytes(b"")
    out = tmp_path / "out"
    rc = main(["run", str(src), "--out", str(out), "--rules-only", "-q", "--jobs", "2"])
    assert rc == 1  # the empty file
    for table in ("visits", "hosts", "people", "places", "topics"):
        strip = lambda rows: [{k: v for k, v in r.items() if k != "source_path"} for r in rows]  # noqa: E731
        assert strip(rows(out / f"{table}.csv")) == strip(rows(serial / f"{table}.csv"))


# --------------------------------------------------------------------------- wizyty run: options, exit codes


@pytest.fixture
def previous_out(tmp_path, corpus_dir):
    """An OUT folder with one run's tables in it, and a snapshot of their bytes."""
    out = tmp_path / "out"
    assert main(["run", str(corpus_dir / "raw" / "000_d76f0b402b4264de.txt"), "--out", str(out), "-q"]) == 0
    return out, {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("bad, says", [
    (["--batch-size", "0"], "--batch-size 0"),
    (["--jobs", "-3"], "--jobs -3"),
    (["--format", "csv,xlsx2"], "xlsx2"),
    (["--set", "bez_znaku_rownosci"], "SECTION.KEY=VALUE"),
    (["--set", "components.nie_ma_takiego.x=1"], "nie_ma_takiego"),
    (["--config", "nie_ma.cfg"], "nie_ma.cfg"),
    (["--model", "no_such_model"], "no_such_model"),
    (["--set", "components.wizyty_topics.no_such_setting=1"], "no_such_setting"),
    (["--set", "components.wizyty_topics.no_such_setting=1", "--jobs", "2"], "no_such_setting"),
])
def test_bad_options_exit_2_with_one_line_and_leave_the_tables(previous_out, corpus_dir, capsys, bad, says):
    out, before = previous_out
    capsys.readouterr()
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(out), "-q", *bad])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert len(err) == 1 and err[0].startswith("error:") and says in err[0]
    assert "Traceback" not in "\n".join(err)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")} == before


def test_bad_config_file_is_one_line(tmp_path, corpus_dir, capsys):
    cfg = tmp_path / "zly.cfg"
    cfg.write_text("[nlp\nlang = ", encoding="utf-8")
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(tmp_path / "o"), "--config", str(cfg)])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "zly.cfg" in err[0]


def test_out_that_is_a_file_is_refused_before_work(tmp_path, corpus_dir, capsys):
    f = tmp_path / "plik"
    f.write_text("x", encoding="utf-8")
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(f), "-q"])
    assert rc == 2 and "plik" in capsys.readouterr().err
    assert f.read_text(encoding="utf-8") == "x"


def test_parquet_without_pyarrow_is_refused_before_work(previous_out, corpus_dir, capsys, monkeypatch):
    import builtins

    out, before = previous_out
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("no pyarrow")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(out), "-q", "--format", "csv,parquet"])
    assert rc == 2 and "wizyty[parquet]" in capsys.readouterr().err


@pytest.mark.parametrize("error, code, says", [
    (OSError(28, "No space left on device"), 3, "No space left"),
    (KeyboardInterrupt(), 130, "interrupted"),
])
def test_failures_while_writing_keep_the_previous_tables(previous_out, corpus_dir, capsys, monkeypatch,
                                                         error, code, says):
    from extract import tables

    out, before = previous_out
    real = tables._write_csv

    def failing(df, path):
        if path.name == "places.csv":
            raise error
        real(df, path)

    monkeypatch.setattr(tables, "_write_csv", failing)
    capsys.readouterr()
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(out), "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == code and len(err) == 1 and says in err[0] and "unchanged" in err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")} == before


def test_a_dead_worker_is_one_line(previous_out, corpus_dir, capsys, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from extract import runner

    out, before = previous_out

    def dies(*args, **kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(runner, "_process", dies)
    capsys.readouterr()
    rc = main(["run", str(corpus_dir / "raw"), "--out", str(out), "-q", "--force"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 4 and len(err) == 1 and "worker process died" in err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")} == before


def test_formula_like_names_are_neutralised_in_csv(tmp_path, corpus_dir):
    from extract.tables import read_tables

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(corpus_dir / "raw" / "000_d76f0b402b4264de.txt", src / "=HYPERLINK(1).txt")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "-q"]) == 0
    visit = rows(out / "visits.csv")[0]
    assert visit["doc_id"] == "'=HYPERLINK(1)"  # a spreadsheet shows it as text
    assert read_tables(out)["visits"]["doc_id"].tolist() == ["=HYPERLINK(1)"]


def test_summary_says_processed_reused_failed(tmp_path, corpus_dir, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted((corpus_dir / "raw").glob("*.txt"))[:2]:
        shutil.copy(p, src)
    (src / "obraz.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out)]) == 1
    capsys.readouterr()
    shutil.copy(sorted((corpus_dir / "raw").glob("*.txt"))[2], src)
    assert main(["run", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "obraz.png" in err
    assert "1 processed, 2 reused, 1 failed" in err
    docs = rows(out / "documents.csv")
    assert {d["status"] for d in docs} == {"processed", "reused", "failed"}

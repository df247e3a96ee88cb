"""A whole run: every file read or named, doc ids, texts/, the documents table, and
incremental re-runs that reuse unchanged reports and resume after an interruption."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas.testing as pdt
import pytest

from extract import runner
from extract.runner import RunOptions, run
from extract.tables import read_tables

sys.path.insert(0, str(Path(__file__).parent / "reading"))
from reading_samples import PLAIN, make_docx, make_formats_folder, make_pdf, page_html  # noqa: E402

TABLES = ["visits", "hosts", "people", "places", "topics"]


def opts(inputs, out, **kw) -> RunOptions:
    kw.setdefault("pipeline_args", {"statistical": False})
    return RunOptions(inputs=[str(p) for p in inputs], out=Path(out), **kw)


@pytest.fixture
def formats_folder(tmp_path) -> Path:
    return make_formats_folder(tmp_path)


@pytest.fixture
def seeds(tmp_path, corpus_dir) -> Path:
    d = tmp_path / "seeds"
    d.mkdir()
    for p in sorted((corpus_dir / "raw").glob("*.txt"))[:4]:
        shutil.copy(p, d)
    return d


def test_a_folder_as_analysts_have_it(tmp_path, formats_folder):
    out = tmp_path / "out"
    s = run(opts([formats_folder], out, recursive=True))
    frames = s.frames
    ok = {"RAPORT", "wizyta", "strona", "relacja", "sprawozdanie", "2019/relacja", "2020/relacja"}
    assert set(frames["visits"]["doc_id"]) == ok
    assert frames["visits"]["visit_id"].is_unique
    failed = {e.path.name: e.reason for e in s.errors}
    assert set(failed) == {"zdjecie.jpg", "pusty.txt"}
    assert "jpeg" in failed["zdjecie.jpg"].lower() and "empty" in failed["pusty.txt"]
    documents = frames["documents"].set_index("doc_id")
    assert set(documents.index) == ok | {"zdjecie", "pusty"}
    assert documents.loc["relacja", "format"] == "pdf" and documents.loc["strona", "format"] == "html"
    assert documents.loc["wizyta", "format"] == "txt" and documents.loc["sprawozdanie", "format"] == "docx"
    assert documents.loc["pusty", "status"] == "failed" and documents.loc["pusty", "error"]
    assert (documents.loc[list(ok), "status"] == "processed").all()
    assert s.failed == 2 and s.processed == 7


def test_offsets_point_into_the_stored_texts(tmp_path, formats_folder):
    out = tmp_path / "out"
    s = run(opts([formats_folder], out, recursive=True))
    for table in ("hosts", "people", "places"):
        df = s.frames[table]
        assert len(df) or table == "people"
        for row in df.itertuples():
            with open(out / "texts" / f"{row.doc_id}.txt", encoding="utf-8", newline="") as f:
                text = f.read()
            assert text[row.start_char:row.end_char] == row.mention
    assert (out / "texts" / "2019" / "relacja.txt").exists()


def test_the_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "relacja.txt").write_text(PLAIN, encoding="utf-8")
    s = run(opts([tmp_path / "in"], tmp_path / "out", recursive=True))
    assert sorted(s.frames["visits"]["doc_id"]) == ["a/relacja", "b/relacja"]
    assert s.frames["visits"]["visit_id"].is_unique
    assert s.frames["hosts"]["host_id"].is_unique


def test_rerun_reuses_unchanged_reports(tmp_path, seeds, corpus_dir):
    out = tmp_path / "out"
    first = run(opts([seeds], out))
    assert (first.processed, first.reused) == (4, 0)
    new = sorted((corpus_dir / "raw").glob("*.txt"))[4]
    shutil.copy(new, seeds)
    second = run(opts([seeds], out))
    assert (second.processed, second.reused, second.failed) == (1, 4, 0)
    fresh = run(opts([seeds], tmp_path / "fresh"))
    for t in TABLES:  # the reused rows are the rows a fresh run gives
        pdt.assert_frame_equal(second.frames[t], fresh.frames[t])
    assert set(second.frames["documents"]["status"]) == {"processed", "reused"}


def test_tables_follow_the_current_inputs(tmp_path, seeds):
    out = tmp_path / "out"
    run(opts([seeds], out))
    gone = sorted(seeds.glob("*.txt"))[0]
    gone.unlink()
    changed = sorted(seeds.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUczestnicy odwiedzili Zambrów.\n",
                       encoding="utf-8")
    s = run(opts([seeds], out))
    assert (s.processed, s.reused) == (1, 2)
    assert gone.stem not in set(read_tables(out)["visits"]["doc_id"])
    assert not (out / "texts" / f"{gone.stem}.txt").exists()


def test_force_and_a_changed_config_process_again(tmp_path, seeds):
    out = tmp_path / "out"
    run(opts([seeds], out))
    assert run(opts([seeds], out, force=True)).processed == 4
    changed = {"statistical": False, "overrides": {"components.wizyty_topics.threshold": 0.9}}
    assert run(opts([seeds], out, pipeline_args=changed)).processed == 4


def test_an_interrupted_run_keeps_the_tables_and_resumes(tmp_path, seeds, monkeypatch):
    out = tmp_path / "out"
    run(opts([seeds], out))
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    for p in seeds.glob("*.txt"):  # every report changed: all must be processed again
        p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    real = runner.process_reports
    calls = []

    def interrupted(nlp, chunk, **kw):
        calls.append(len(chunk))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(nlp, chunk, **kw)

    monkeypatch.setattr(runner, "process_reports", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(opts([seeds], out, batch_size=1))  # two reports per chunk
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    s = run(opts([seeds], out, batch_size=1))
    assert (s.processed, s.reused) == (2, 2)


def test_the_output_folder_inside_the_input_is_not_read(tmp_path, seeds):
    out = seeds / "wyniki"
    run(opts([seeds], out, recursive=True))
    s = run(opts([seeds], out, recursive=True))
    assert s.failed == 0 and len(s.frames["visits"]) == 4


def test_a_damaged_cache_entry_is_processed_again(tmp_path, seeds):
    out = tmp_path / "out"
    run(opts([seeds], out))
    entry = next((out / ".wizyty-cache").rglob("*.json"))
    entry.write_text("{broken", encoding="utf-8")
    s = run(opts([seeds], out))
    assert (s.processed, s.reused) == (1, 3)


def test_formats_read_the_same_as_plain_text(tmp_path):
    """The same report as .txt, .html, .docx, .pdf and cp1250 text: the same visit."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(PLAIN, encoding="utf-8")
    (d / "b.html").write_text(page_html(), encoding="utf-8")
    make_docx(d / "c.docx")
    make_pdf(d / "d.pdf", footer=None)
    (d / "e.txt").write_bytes(PLAIN.encode("cp1250"))
    s = run(opts([d], tmp_path / "out"))
    hosts = s.frames["hosts"]
    by_doc = {doc: sorted(hosts[hosts.doc_id == doc]["name"]) for doc in "abcde"}
    assert by_doc["a"]
    for doc in "bcde":
        assert by_doc[doc] == by_doc["a"], doc
    visits = s.frames["visits"].set_index("doc_id")
    assert set(visits["start_date"]) == {"2019-05-14"}

"""The Dask engine on a local cluster of 2 workers: the same tables as a serial run."""
import pandas as pd
import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from extract.engines.dask import (  # noqa: E402
    extract_with_dask, format_info, run_dask, write_partitioned)
from extract.reading import InputError  # noqa: E402
from extract.runner import process_reports, read_all  # noqa: E402
from extract.tables import read_tables, to_frames  # noqa: E402

TABLES = ("visits", "hosts", "people", "places", "topics")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc, distributed.Client(lc) as client:
        yield client


@pytest.fixture(scope="module")
def serial(nlp, corpus_dir):
    return to_frames(process_reports(nlp, read_all([corpus_dir / "raw"])).extractions)


def test_dask_rows_equal_a_serial_run(cluster, serial, corpus_dir, tmp_path):
    reports = read_all([corpus_dir / "raw"]) + [InputError(tmp_path / "x.txt", "broken on purpose")]
    info = {}
    result = run_dask(reports, {"statistical": False}, client=cluster, info=info)
    frames = to_frames(result.extractions)
    for name in TABLES:
        pd.testing.assert_frame_equal(frames[name], serial[name])
    assert [str(e) for e in result.errors] == [str(reports[-1])]
    # every worker loaded the pipeline (once: one pipeline kept per worker process)
    assert len(info["workers"]) == 2
    assert all(w["pipelines"] == 1 and w["peak_rss_mib"] > 50 for w in info["workers"].values())
    assert "2 workers" in format_info(info)


def test_extract_with_dask_writes_tables_and_parquet(cluster, serial, corpus_dir, tmp_path):
    frames = extract_with_dask([corpus_dir / "raw"], tmp_path, client=cluster,
                               pipeline_args={"statistical": False})
    csv = read_tables(tmp_path)
    for name in TABLES:
        pd.testing.assert_frame_equal(frames[name], serial[name])
        assert len(csv[name]) == len(serial[name])
        assert len(pd.read_parquet(tmp_path / "parquet" / name)) == len(serial[name])


def test_parquet_parts_hold_the_rows_in_order_with_one_schema(serial, tmp_path):
    parts = write_partitioned(serial, tmp_path, reports_per_part=2)
    for name in TABLES:
        files = sorted((tmp_path / "parquet" / name).glob("part-*.parquet"))
        assert len(files) == 3  # 5 reports, 2 per part
        schemas = {str(pq.read_schema(f)) for f in files}
        assert len(schemas) == 1  # a column empty in one part keeps its type
        back = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        assert back.astype(str).values.tolist() == serial[name].astype(str).values.tolist()
    assert len(parts) == 3 * len(TABLES)
    write_partitioned({n: serial[n].iloc[:0] for n in TABLES}, tmp_path)  # a new run replaces it
    assert [len(pd.read_parquet(tmp_path / "parquet" / n)) for n in TABLES] == [0] * len(TABLES)


def test_paths_are_read_on_the_workers(cluster, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "zly.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "in" / "dobry.txt").write_text(
        "Wizyta studyjna w Toruniu odbyła się 5 lipca 2011 r. Odwiedziliśmy Miejski Ośrodek "
        "Pomocy Społecznej w Toruniu.", encoding="utf-8")
    result = run_dask([str(p) for p in sorted((tmp_path / "in").glob("*.txt"))],
                      {"statistical": False}, client=cluster)
    assert [e.doc_id for e in (x.visit for x in result.extractions)] == ["dobry"]
    assert len(result.errors) == 1 and "zly.txt" in str(result.errors[0])


def test_wizyty_run_engine_dask_writes_the_serial_tables(corpus_dir, tmp_path):
    from extract.cli import main

    assert main(["run", str(corpus_dir / "raw"), "--out", str(tmp_path / "serial"), "-q"]) == 0
    assert main(["run", str(corpus_dir / "raw"), "--out", str(tmp_path / "dask"), "-q",
                 "--engine", "dask", "--jobs", "2"]) == 0
    serial, dask = read_tables(tmp_path / "serial"), read_tables(tmp_path / "dask")
    for name in TABLES:
        pd.testing.assert_frame_equal(dask[name], serial[name])
        assert len(pd.read_parquet(tmp_path / "dask" / "parquet" / name)) == len(serial[name])
    # a second run reuses every report: the Parquet dataset still holds all rows
    assert main(["run", str(corpus_dir / "raw"), "--out", str(tmp_path / "dask"), "-q",
                 "--engine", "dask", "--jobs", "2"]) == 0
    for name in TABLES:
        assert len(pd.read_parquet(tmp_path / "dask" / "parquet" / name)) == len(serial[name])

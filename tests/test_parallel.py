"""Worker processes (``--jobs``): chunks in input order, each worker's memory reported."""
from extract.reading import InputError
from extract.parallel import chunk_size, format_workers, iter_parallel, process_parallel
from extract.runner import read_all


def test_chunks_come_back_in_input_order_with_worker_memory(corpus_dir, tmp_path):
    reports = read_all([corpus_dir / "raw"])
    reports.insert(2, InputError(tmp_path / "x.txt", "broken on purpose"))
    workers = {}
    result = process_parallel(reports, 2, {"statistical": False}, workers=workers)
    good = [r for r in reports if not isinstance(r, InputError)]
    assert [e.visit.doc_id for e in result.extractions] == [r.doc_id for r in good]
    assert [str(e) for e in result.errors] == [str(reports[2])]
    assert sum(w.reports for w in workers.values()) == len(good)
    assert all(w.peak_rss_mib > 50 for w in workers.values())  # each holds a loaded pipeline
    assert format_workers(workers).startswith(f"{len(workers)} worker")


def test_chunks_are_bounded_and_in_order(corpus_dir):
    reports = read_all([corpus_dir / "raw"])
    chunks = [chunk for chunk, _ in iter_parallel(reports, 2, {"statistical": False}, size=2)]
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert [r.doc_id for c in chunks for r in c] == [r.doc_id for r in reports]


def test_chunk_size_balances_and_caps():
    assert chunk_size(5, 2) == 1
    assert chunk_size(800, 2) == 64
    assert chunk_size(200, 2) == 25


def test_forked_workers_share_the_loaded_pipeline_and_give_the_serial_rows(corpus_dir):
    import extract.parallel as parallel
    from extract.pipeline import build_pipeline
    from extract.runner import process_reports

    reports = read_all([corpus_dir / "raw"])
    nlp = build_pipeline(statistical=False)
    serial = process_reports(nlp, reports)
    parts = [part for _, part in iter_parallel(reports, 2, {"statistical": False}, size=2, preloaded=nlp)]
    forked = [e for part in parts for e in part.extractions]
    assert [e.hosts for e in forked] == [e.hosts for e in serial.extractions]
    assert [e.visit for e in forked] == [e.visit for e in serial.extractions]
    assert parallel._NLP is None  # the parent's reference is dropped after the run


def test_automatic_jobs_use_every_core_only_for_a_run_worth_it(monkeypatch):
    import extract.parallel as parallel
    from extract.runner import AUTO_PARALLEL_REPORTS, auto_jobs

    monkeypatch.setattr(parallel, "default_jobs", lambda: 4)
    plenty = 64 * 2**30
    assert auto_jobs(AUTO_PARALLEL_REPORTS - 1, plenty) == 1
    assert auto_jobs(AUTO_PARALLEL_REPORTS, plenty) == 2   # 16 reports per worker at least
    assert auto_jobs(10 * AUTO_PARALLEL_REPORTS, plenty) == 4  # one per core
    assert auto_jobs(10 * AUTO_PARALLEL_REPORTS, 900 * 2**20) == 2  # what the memory holds
    assert auto_jobs(10 * AUTO_PARALLEL_REPORTS, 100 * 2**20) == 1


def test_without_fork_each_worker_loads_its_own_pipeline(corpus_dir, monkeypatch):
    """Where the platform cannot fork (Windows, macOS' default), workers are spawned and
    load the pipeline themselves; the rows are the same."""
    import multiprocessing

    import extract.parallel as parallel
    from extract.pipeline import build_pipeline

    reports = read_all([corpus_dir / "raw"])[:2]
    nlp = build_pipeline(statistical=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert parallel._context(nlp) is None
    monkeypatch.setattr(parallel, "_context", lambda preloaded: multiprocessing.get_context("spawn"))
    parts = [part for _, part in iter_parallel(reports, 2, {"statistical": False}, size=1, preloaded=nlp)]
    assert [e.visit.doc_id for p in parts for e in p.extractions] == [r.doc_id for r in reports]
    assert all(p.extractions[0].visit.title for p in parts)

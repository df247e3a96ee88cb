"""Worker processes (``--jobs``): chunks in input order, each worker's memory reported."""
from extract.io import InputError
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

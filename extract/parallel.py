"""Process reports in several worker processes (``wizyty run --jobs N``).

spaCy's own ``n_process`` ships Docs between processes, and our Docs carry Python objects
(the visit, topics) that do not serialise; instead each worker has the pipeline once and
returns finished table records for a chunk of reports, which pickle. Where the platform
forks, the workers are forked from the parent's loaded and warmed pipeline (shared
copy-on-write, the loaded objects frozen out of the collector's reach first); elsewhere
each builds its own in the pool initializer.
Chunks are handed out a few at a time (at most ``2 * jobs`` in flight), so neither the
texts waiting to be sent nor the results waiting to be collected grow with the number of
reports, and results come back in input order as soon as their chunk is done.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import resource
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from .reading import InputError, Report
from .runner import RunResult, process_reports

_NLP = None


@dataclass
class WorkerStats:
    """What one worker process reports with every chunk (for ``--jobs`` memory figures)."""

    pid: int
    peak_rss_mib: float
    reports: int = 0


def _init(pipeline_args: dict[str, Any]) -> None:
    global _NLP
    if _NLP is not None:
        return  # forked from a parent that had loaded it: shared copy-on-write, no load
    from .pipeline import build_pipeline

    _NLP = build_pipeline(**pipeline_args)


WARM_UP = ("Wizyta studyjna w Bydgoszczy odbyła się w dniach 5-6 maja 2023 r. Organizatorem był "
           "Regionalny Ośrodek Polityki Społecznej w Toruniu. Odwiedziliśmy Spółdzielnię Socjalną "
           "„Kuźnia” w Chełmnie, gdzie spotkaliśmy się z Panem Janem Kowalskim, prezesem spółdzielni. "
           "Uczestnicy poznali zasady ekonomii społecznej i reintegracji zawodowej.")


def _context(preloaded) -> multiprocessing.context.BaseContext | None:
    """Fork workers from a parent that loaded the pipeline already (where the platform
    forks), so that no worker spends a second loading its own copy; else the default."""
    global _NLP
    if preloaded is None or "fork" not in multiprocessing.get_all_start_methods():
        return None
    # the dictionaries, gazetteer and other lazily built look-ups load on the first
    # document: once here, not per worker (a text that passes through every step)
    preloaded(WARM_UP)
    _NLP = preloaded  # inherited by the forked workers
    # the loaded objects out of the collector's reach: a worker's collections would write to
    # every inherited object's header and so copy the pages it shares with this process
    gc.freeze()
    return multiprocessing.get_context("fork")


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _work(args: tuple[list[Report], int]) -> tuple[RunResult, WorkerStats]:
    chunk, batch_size = args
    result = process_reports(_NLP, chunk, batch_size=batch_size)
    return result, WorkerStats(os.getpid(), _peak_rss_mib(), len(chunk))


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def chunk_size(n_reports: int, jobs: int, largest: int = 64) -> int:
    """About 4 chunks per worker (load balance), at most ``largest`` reports each."""
    return max(1, min(largest, n_reports // (jobs * 4) or 1))


def _chunks(items: Iterable[Report], size: int) -> Iterator[list[Report]]:
    chunk: list[Report] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def iter_parallel(reports: Iterable[Report], jobs: int, pipeline_args: dict[str, Any],
                  batch_size: int = 16, size: int = 16,
                  workers: dict[int, WorkerStats] | None = None, preloaded=None
                  ) -> Iterator[tuple[list[Report], RunResult]]:
    """(chunk, its RunResult) in input order; ``workers`` collects each worker's memory.
    ``preloaded``: the pipeline built from ``pipeline_args`` in this process, which forked
    workers then share instead of loading their own."""
    global _NLP
    context = _context(preloaded)
    try:
        yield from _iter_pool(reports, jobs, pipeline_args, batch_size, size, workers, context)
    finally:
        if context is not None:
            _NLP = None
            gc.unfreeze()


def _iter_pool(reports, jobs, pipeline_args, batch_size, size, workers, context):
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(pipeline_args,),
                             mp_context=context) as pool:
        pending: deque[tuple[list[Report], Future]] = deque()
        todo = _chunks(reports, size)
        for chunk in todo:
            pending.append((chunk, pool.submit(_work, (chunk, batch_size))))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            chunk, future = pending.popleft()
            part, stats = future.result()
            if workers is not None:
                seen = workers.setdefault(stats.pid, WorkerStats(stats.pid, 0.0))
                seen.peak_rss_mib = max(seen.peak_rss_mib, stats.peak_rss_mib)
                seen.reports += stats.reports
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_work, (nxt, batch_size))))
            yield chunk, part


def process_parallel(reports: Sequence[Report | InputError], jobs: int, pipeline_args: dict[str, Any],
                     batch_size: int = 16,
                     progress: Callable[[int, Report], None] | None = None,
                     workers: dict[int, WorkerStats] | None = None) -> RunResult:
    """Same result as ``process_reports`` (input order kept), computed by ``jobs`` workers.

    ``workers``, when given, is filled with each worker process's peak resident memory.
    """
    result = RunResult()
    good = [r for r in reports if isinstance(r, Report)]
    result.errors.extend(r for r in reports if isinstance(r, InputError))
    done = 0
    for chunk, part in iter_parallel(good, jobs, pipeline_args, batch_size,
                                     chunk_size(len(good), jobs), workers):
        result.extractions.extend(part.extractions)
        result.errors.extend(part.errors)
        result.words += part.words
        result.seconds = max(result.seconds, part.seconds)
        for report in chunk:
            done += 1
            if progress:
                progress(done, report)
    return result


def format_workers(workers: dict[int, WorkerStats]) -> str:
    """One line: the peak memory of every worker, e.g. "2 workers, peak RSS 241 / 239 MiB"."""
    peaks = [w.peak_rss_mib for w in sorted(workers.values(), key=lambda w: w.pid)]
    return (f"{len(peaks)} worker{'s' if len(peaks) != 1 else ''}, peak RSS "
            + " / ".join(f"{p:,.0f}" for p in peaks) + f" MiB (sum {sum(peaks):,.0f} MiB)")

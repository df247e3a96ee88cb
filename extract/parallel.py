"""Process reports in several worker processes (``wizyty run --jobs N``).

spaCy's own ``n_process`` ships Docs between processes, and our Docs carry Python objects
(the visit, topics) that do not serialise; instead each worker builds the pipeline once and
returns finished table records, which pickle.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence

from .io import InputError, Report
from .runner import RunResult, process_reports

_NLP = None


def _init(pipeline_args: dict[str, Any]) -> None:
    global _NLP
    from .pipeline import build_pipeline

    _NLP = build_pipeline(**pipeline_args)


def _work(args: tuple[list[Report], int]) -> RunResult:
    chunk, batch_size = args
    return process_reports(_NLP, chunk, batch_size=batch_size)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def process_parallel(reports: Sequence[Report | InputError], jobs: int, pipeline_args: dict[str, Any],
                     batch_size: int = 16,
                     progress: Callable[[int, Report], None] | None = None) -> RunResult:
    """Same result as ``process_reports`` (input order kept), computed by ``jobs`` workers."""
    result = RunResult()
    good = [r for r in reports if isinstance(r, Report)]
    result.errors.extend(r for r in reports if isinstance(r, InputError))
    size = max(1, min(64, len(good) // (jobs * 4) or 1))
    chunks = [good[i:i + size] for i in range(0, len(good), size)]
    done = 0
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(pipeline_args,)) as pool:
        for chunk, part in zip(chunks, pool.map(_work, [(c, batch_size) for c in chunks])):
            result.extractions.extend(part.extractions)
            result.errors.extend(part.errors)
            result.words += part.words
            result.seconds = max(result.seconds, part.seconds)
            for report in chunk:
                done += 1
                if progress:
                    progress(done, report)
    return result

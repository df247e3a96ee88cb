"""Run the pipeline on a Dask cluster: ``wizyty run --engine dask [--scheduler ADDR]``.

Python entry point::

    from extract.engines.dask import extract_with_dask
    frames = extract_with_dask(["reports/"], "out/", scheduler="tcp://10.0.0.5:8786")

Reports are cut into partitions (a few per worker core); every partition is one task
that runs ``extract.runner.process_reports`` – the same per-batch function as a serial
run – on a pipeline that each worker process loads once and keeps. The records come back
in input order, so the tables are the serial run's rows. Besides the usual tables the run
writes them as a partitioned Parquet dataset, ``OUT/parquet/<table>/part-NNNNN.parquet``
(``write_partitioned``: one part per 64 reports, one schema per table, readable with
``pandas.read_parquet`` or ``dask.dataframe.read_parquet``). It is cut from the final
tables – after reused reports, removed inputs and analysts' corrections are accounted
for – so it never disagrees with the CSVs.

Paths handed in are read on the workers (a cluster needs them on a shared filesystem);
reports already read (``extract.reading.Report``) are shipped with the task. Without a
scheduler address a ``LocalCluster`` with one single-threaded worker process per job is
started for the run. Needs the optional extra: ``pip install 'wizyty[dask]'``.
"""
from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, Union

from ..reading import InputError, Report, Source, collect_sources, read_report
from ..runner import RunResult, process_reports

Item = Union[Report, InputError, Source, str, Path]
PARQUET_DIR = "parquet"

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()


class DaskUnavailable(RuntimeError):
    """The dask extra is not installed (or cannot reach the scheduler)."""


def _import_distributed():
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise DaskUnavailable("--engine dask needs the dask extra: pip install 'wizyty[dask]' "
                              f"({err})") from None
    return distributed


def worker_pipeline(pipeline_args: Mapping[str, Any]):
    """The pipeline of this worker process for these arguments, built on first use only."""
    key = json.dumps(pipeline_args, sort_keys=True, default=str)
    with _LOCK:  # a worker with several threads must not build it twice
        nlp = _PIPELINES.get(key)
        if nlp is None:
            from ..pipeline import build_pipeline

            nlp = _PIPELINES[key] = build_pipeline(**pipeline_args)
    return nlp


def _load_on_worker(pipeline_args: Mapping[str, Any]) -> dict:
    t0 = time.perf_counter()
    worker_pipeline(pipeline_args)
    return {"pid": os.getpid(), "load_s": time.perf_counter() - t0}


def _worker_memory() -> dict:
    return {"pid": os.getpid(),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
            "pipelines": len(_PIPELINES)}


def write_partitioned(frames: Mapping[str, Any], out_dir: str | Path,
                      reports_per_part: int = 64) -> list[Path]:
    """``OUT/parquet/<table>/part-NNNNN.parquet`` for every table with a ``doc_id`` column.

    Part k holds the rows of the k-th run of ``reports_per_part`` reports (visits order,
    then reports that only the documents table lists); each table's schema comes from the
    whole table, so a column that is empty in one part keeps its type there. Written into
    a staging folder that replaces ``OUT/parquet`` only when complete.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    order: dict[str, int] = {}
    for name in ("visits", "documents"):
        if name in frames and "doc_id" in frames[name]:
            for doc_id in frames[name]["doc_id"]:
                order.setdefault(doc_id, len(order))
    n_parts = max(1, -(-len(order) // reports_per_part))
    final = Path(out_dir) / PARQUET_DIR
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = final.with_name(f".{PARQUET_DIR}-{uuid.uuid4().hex[:8]}")
    written = []
    try:
        for name, df in frames.items():
            if "doc_id" not in df:
                continue
            folder = staging / name
            folder.mkdir(parents=True)
            schema = pa.Schema.from_pandas(df, preserve_index=False)
            part = df["doc_id"].map(lambda d: order.get(d, 0) // reports_per_part)
            for k in range(n_parts):
                table = pa.Table.from_pandas(df[part == k], schema=schema, preserve_index=False)
                path = folder / f"part-{k:05d}.parquet"
                pq.write_table(table, path)
                written.append(final / name / path.name)
        _publish(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def process_partition(items: Sequence[Item], pipeline_args: Mapping[str, Any],
                      batch_size: int = 16) -> RunResult:
    """One task: read the paths among ``items``, run the pipeline on this worker's copy."""
    reports: list[Report | InputError] = []
    for item in items:
        if isinstance(item, (str, Path, Source)):
            try:
                reports.append(read_report(item.path, doc_id=item.doc_id) if isinstance(item, Source)
                               else read_report(item))
            except InputError as err:
                reports.append(err)
        else:
            reports.append(item)
    return process_reports(worker_pipeline(pipeline_args), reports, batch_size=batch_size)


def partitions(items: Sequence[Item], n_workers: int, largest: int = 64) -> list[list[Item]]:
    """About four partitions per worker, at most ``largest`` reports each."""
    from ..parallel import chunk_size

    size = chunk_size(len(items), max(1, n_workers), largest)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _publish(staging: Path, final: Path) -> None:
    """Replace ``final`` by the finished ``staging`` folder (the old one goes last)."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{uuid.uuid4().hex[:8]}")
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def run_dask(items: Sequence[Item], pipeline_args: Mapping[str, Any],
             scheduler: str | None = None, jobs: int = 0, batch_size: int = 16,
             progress: Callable[[int, Report], None] | None = None,
             client=None, info: dict | None = None) -> RunResult:
    """Process ``items`` on a Dask cluster (``write_partitioned`` writes the Parquet parts).

    ``client``: an existing ``distributed.Client`` (else one for ``scheduler``, else a
    ``LocalCluster`` of ``jobs`` workers, one per core when 0). ``info`` receives the
    workers' load times and peak memory. Records come back in the order of ``items``.
    """
    distributed = _import_distributed()
    from ..parallel import default_jobs

    own_cluster = own_client = None
    if client is None:
        if scheduler:
            try:
                client = own_client = distributed.Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as err:
                raise DaskUnavailable(f"cannot reach the Dask scheduler {scheduler}: {err}") from None
        else:
            if not logging.getLogger().isEnabledFor(logging.DEBUG):  # its INFO lines are noise
                logging.getLogger("distributed").setLevel(logging.ERROR)
            own_cluster = distributed.LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1,
                                                   processes=True, dashboard_address=None,
                                                   silence_logs=logging.ERROR)
            client = own_client = distributed.Client(own_cluster)
    result = RunResult()
    start = time.perf_counter()
    try:
        args = dict(pipeline_args)
        loads = client.run(_load_on_worker, args)  # each worker loads the pipeline once, now
        n_workers = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        readable = [i for i in items if not isinstance(i, InputError)]
        result.errors.extend(i for i in items if isinstance(i, InputError))
        parts = partitions(readable, n_workers)
        futures = [client.submit(process_partition, part, args, batch_size, pure=False) for part in parts]
        index = {f.key: k for k, f in enumerate(futures)}
        done: dict[int, RunResult] = {}
        n_done = 0
        for future in distributed.as_completed(futures):
            k = index[future.key]
            done[k] = future.result()
            future.release()
            for item in parts[k]:
                n_done += 1
                if progress and isinstance(item, Report):
                    progress(n_done, item)
        for k in range(len(parts)):
            part = done.pop(k)
            result.extractions.extend(part.extractions)
            result.errors.extend(part.errors)
            result.words += part.words
            result.words_by_doc.update(getattr(part, "words_by_doc", {}))
        if info is not None:
            info["workers"] = {str(addr): {**loads.get(addr, {}), **mem}
                               for addr, mem in client.run(_worker_memory).items()}
            info["partitions"] = len(parts)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
    result.seconds = time.perf_counter() - start
    return result


def extract_with_dask(inputs: Sequence[str | Path] | str | Path, out_dir: str | Path,
                      scheduler: str | None = None, jobs: int = 0, formats: str = "csv",
                      pipeline_args: Mapping[str, Any] | None = None, recursive: bool = False,
                      client=None) -> dict:
    """Files or folders in, the five tables out (``out_dir``: the usual tables in
    ``formats`` plus ``parquet/<table>/part-*.parquet``); returns the DataFrames. Paths are
    read on the workers, so on a cluster they must be visible there under the same name."""
    from ..tables import to_frames, write_tables

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    sources = collect_sources(inputs, recursive=recursive).sources  # doc ids as `wizyty run` gives
    result = run_dask(sources, dict(pipeline_args or {}), scheduler=scheduler, jobs=jobs, client=client)
    frames = to_frames(result.extractions)
    write_tables(frames, out_dir, formats=formats)
    write_partitioned(frames, out_dir)
    for err in result.errors:
        print(f"warning: {err}")
    return frames


def format_info(info: Mapping[str, Any]) -> str:
    """"dask: 2 workers (load 0.4 / 0.4 s, peak RSS 251 / 249 MiB), 8 partitions"."""
    workers = list(info.get("workers", {}).values())
    loads = " / ".join(f"{w.get('load_s', 0):.1f}" for w in workers)
    peaks = " / ".join(f"{w.get('peak_rss_mib', 0):,.0f}" for w in workers)
    return (f"dask: {len(workers)} workers (pipeline load {loads} s, peak RSS {peaks} MiB), "
            f"{info.get('partitions', 0)} partitions")

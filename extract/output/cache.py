"""The incremental cache: each report's records, kept per pipeline fingerprint in ``OUT``.

A re-run into the same ``--out`` reuses the records of every report whose file has the
same content (sha256) under the same doc id, when the pipeline is the same: the
fingerprint covers the package's code and version, the config and overrides, the model
and every data file under ``models/`` (a file's contents are hashed again only when its size
or modification time changed, remembered by ``extract.disk_cache``). Anything else is
processed again. Entries are written one file per report as soon as its batch is done
(write, rename), so a run that is interrupted or crashes keeps what it finished and the next
run resumes there; an entry a system crash left empty or cut short does not parse and its
report is processed again.
Only the current fingerprint's folder is kept.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Optional

from .. import disk_cache
from ..records import Extraction, Host, Person, Place, Topic, Visit, as_row

CACHE_DIR = ".wizyty-cache"
_SKIP_PARTS = {"__pycache__", "corpus", "training", "logs"}


def _files(root: Path, suffixes: Optional[tuple[str, ...]] = None) -> Iterable[Path]:
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).parts
        if any(part in _SKIP_PARTS or part.startswith(".") for part in rel) or not p.is_file():
            continue
        if suffixes is None or p.suffix in suffixes:
            yield p


def fingerprint(settings: dict[str, Any], extra_paths: Iterable[Path] = ()) -> str:
    """Hash of what decides a report's records: code, version, settings, models/ data."""
    from .. import __version__
    from ..resources import MODELS_DIR, PACKAGE_DIR

    digests = _FileDigests()
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    roots = [(PACKAGE_DIR, (".py", ".cfg", ".json", ".csv", ".txt", ".tsv")), (MODELS_DIR, None)]
    for root, suffixes in roots:
        for p in _files(root, suffixes):
            if root == PACKAGE_DIR and MODELS_DIR in p.parents:
                continue  # packaged models/: hashed below
            h.update(p.relative_to(root).as_posix().encode() + b"\0")
            h.update(digests.of(p))
    for extra in extra_paths:
        for p in ([extra] if extra.is_file() else _files(extra)):
            h.update(str(p).encode() + b"\0" + digests.of(p))
    digests.save()
    return h.hexdigest()


RACY_NS = 2_000_000_000  # files modified this recently are not remembered


class _FileDigests:
    """sha256 of files, remembered on disk by (size, modification time) as git does: the
    fingerprint reads the ~130 MB of model files only when one of them changed."""

    NAME, KEY = "file-digests", "sha256-by-stat-1"

    def __init__(self) -> None:
        stored = disk_cache.load(self.NAME, self.KEY)
        self.known: dict[str, tuple[int, int, bytes]] = stored if isinstance(stored, dict) else {}
        self.changed = False

    def of(self, path: Path) -> bytes:
        st = path.stat()
        key = str(path.resolve())
        hit = self.known.get(key)
        if hit is not None and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        digest = hashlib.sha256(path.read_bytes()).digest()
        if time.time_ns() - st.st_mtime_ns > RACY_NS:
            # (a file changed in the last seconds could change again within the same
            # timestamp tick and keep its size: such files are hashed every time)
            self.known[key] = (st.st_size, st.st_mtime_ns, digest)
            self.changed = True
        return digest

    def save(self) -> None:
        if self.changed:
            disk_cache.save(self.NAME, self.KEY, self.known)
            self.changed = False


def _rebuild(cls, data: dict):
    names = {f.name for f in dataclasses.fields(cls)}
    known = {k: v for k, v in data.items() if k in names}
    obj = cls(**known)
    return obj


def extraction_to_json(ex: Extraction) -> dict:
    """``dataclasses.asdict(ex)`` without its deep copies (records hold plain values)."""
    return {"visit": as_row(ex.visit), "hosts": [as_row(r) for r in ex.hosts],
            "people": [as_row(r) for r in ex.people], "places": [as_row(r) for r in ex.places],
            "topics": [as_row(r) for r in ex.topics]}


def extraction_from_json(data: dict) -> Extraction:
    return Extraction(visit=_rebuild(Visit, data["visit"]),
                      hosts=[_rebuild(Host, d) for d in data.get("hosts", [])],
                      people=[_rebuild(Person, d) for d in data.get("people", [])],
                      places=[_rebuild(Place, d) for d in data.get("places", [])],
                      topics=[_rebuild(Topic, d) for d in data.get("topics", [])])


class ResultCache:
    """``OUT/.wizyty-cache/<fingerprint>/<key>.json``: one report's records and word count."""

    def __init__(self, out: Path, fingerprint: str) -> None:
        self.root = Path(out) / CACHE_DIR
        self.dir = self.root / fingerprint[:24]

    @staticmethod
    def key(doc_id: str, sha256: str) -> str:
        return hashlib.sha256(f"{doc_id}\0{sha256}".encode("utf-8")).hexdigest()[:32]

    def get(self, doc_id: str, sha256: str) -> Optional[tuple[Extraction, int]]:
        path = self.dir / f"{self.key(doc_id, sha256)}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("doc_id") != doc_id or data.get("sha256") != sha256:
                return None
            return extraction_from_json(data["extraction"]), int(data.get("words", 0))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged entry: process the report again

    def put(self, doc_id: str, sha256: str, ex: Extraction, words: int) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        data = {"doc_id": doc_id, "sha256": sha256, "words": words, "extraction": extraction_to_json(ex)}
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".entry-", suffix=".tmp")
        try:
            # no fsync per entry (it cost more than a report's extraction): an entry a crash
            # left empty or cut short fails to parse in ``get`` and the report is redone
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps(data, ensure_ascii=False))  # one write (json.dump: one per chunk)
            os.replace(tmp, self.dir / f"{self.key(doc_id, sha256)}.json")
        except BaseException:
            with_suppress_unlink(tmp)
            raise

    def prune(self) -> None:
        """Drop other fingerprints' folders and half-written entries."""
        if not self.root.is_dir():
            return
        for d in self.root.iterdir():
            if d != self.dir:
                shutil.rmtree(d, ignore_errors=True) if d.is_dir() else with_suppress_unlink(d)
        for tmp in self.dir.glob(".entry-*"):
            with_suppress_unlink(tmp)

    def clear(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def with_suppress_unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass

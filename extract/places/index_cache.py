"""A disk cache for look-up structures that take Morfeusz analyses of every gazetteer name.

Building the gazetteer's first-word index analyses ~3,800 name words: a third of a second
in every new process (each ``--jobs`` or Dask worker, every ``wizyty run``). The index is
kept by ``extract.disk_cache`` (under ``$WIZYTY_CACHE``) with a key over everything it
depends on: the names, the source of the code that builds it and the Morfeusz version and
dictionary.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable

from .. import disk_cache

cache_dir = disk_cache.cache_dir  # where the index is kept (None when switched off)

FORMAT = 1  # bump when the pickled layout changes


def _morfeusz_id() -> str:
    try:
        import morfeusz2

        from ..morph.analyser import morfeusz

        m = morfeusz()
        return f"{getattr(morfeusz2, '__version__', '?')}/{m.dict_id()}/{m.dict_copyright()[:40]}"
    except Exception:  # noqa: BLE001 - an unknown analyser only means a stricter key
        return "?"


def key(*parts: Any, sources: Iterable[Path] = ()) -> str:
    """A hex digest of ``parts`` (their repr), the ``sources``' bytes and the analyser."""
    h = hashlib.sha1(f"{FORMAT}|{_morfeusz_id()}".encode())
    for part in parts:
        h.update(repr(part).encode("utf-8"))
    for path in sources:
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            h.update(str(path).encode())
    return h.hexdigest()


NAME = "gazetteer-index"


def load(digest: str) -> Any | None:
    return disk_cache.load(NAME, digest)


def save(digest: str, value: Any) -> None:
    disk_cache.save(NAME, digest, value)

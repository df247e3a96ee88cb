"""A disk cache for look-up structures that take Morfeusz analyses of every gazetteer name.

Building the gazetteer's first-word index analyses ~3,800 name words: a third of a second
in every new process (each ``--jobs`` or Dask worker, every ``wizyty run``). The index is
pickled under ``$WIZYTY_CACHE`` (default ``$XDG_CACHE_HOME/wizyty`` or ``~/.cache/wizyty``)
with a key over everything it depends on: the names, the source of the code that builds it
and the Morfeusz version and dictionary. Another key simply builds and stores a new file;
an unreadable or unwritable cache is skipped (the index is built in memory as before).
``WIZYTY_CACHE=off`` disables it.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Iterable

log = logging.getLogger(__name__)
FORMAT = 1  # bump when the pickled layout changes


def cache_dir() -> Path | None:
    env = os.environ.get("WIZYTY_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wizyty"


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


def _path(digest: str) -> Path | None:
    folder = cache_dir()
    return folder / f"gazetteer-index-{digest[:20]}.pickle" if folder else None


def load(digest: str) -> Any | None:
    path = _path(digest)
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            stored_key, value = pickle.load(f)
        return value if stored_key == digest else None
    except Exception as err:  # noqa: BLE001 - a broken cache file is rebuilt
        log.debug("ignoring the index cache %s: %s", path, err)
        return None


def save(digest: str, value: Any) -> None:
    """Write atomically (temporary file + rename): a concurrent reader sees all or nothing."""
    path = _path(digest)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-index-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((digest, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as err:
        log.debug("index cache not written (%s)", err)

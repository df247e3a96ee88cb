"""Small on-disk caches of derived data, shared by the processes of a machine.

Look-up structures that take a second to derive (the gazetteer's first-word index, the
month words dateparser has read) are pickled under ``$WIZYTY_CACHE`` (default
``$XDG_CACHE_HOME/wizyty`` or ``~/.cache/wizyty``), one file per ``name`` and key. The
caller's key covers everything the value depends on; another key simply builds and stores
a new file; an unreadable or unwritable cache is skipped (the value is derived in memory
as before). ``WIZYTY_CACHE=off`` disables them.
"""
from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    env = os.environ.get("WIZYTY_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wizyty"


def _path(name: str, digest: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{name}-{digest[:20]}.pickle" if folder else None


def load(name: str, digest: str) -> Any | None:
    """The value stored for ``digest``, or None (absent, broken, or stored for another key)."""
    path = _path(name, digest)
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            stored_key, value = pickle.load(f)
        return value if stored_key == digest else None
    except Exception as err:  # noqa: BLE001 - a broken cache file is rebuilt
        log.debug("ignoring the cache file %s: %s", path, err)
        return None


def save(name: str, digest: str, value: Any) -> None:
    """Write atomically (temporary file + rename): a concurrent reader sees all or nothing."""
    path = _path(name, digest)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((digest, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as err:
        log.debug("cache file not written (%s)", err)

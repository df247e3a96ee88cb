"""All-or-nothing replacement of a run's output files in ``OUT``.

Renaming files one by one is atomic per file only: a failure between two renames would
leave new visits next to old hosts. Here the new files are first written completely into
a staging folder inside ``OUT`` (same file system); then, under a lock, the old entries
are moved into a backup folder with a journal, the new ones moved in, the backup marked
committed and deleted. Any failure (disk full, SIGINT, a crash) before the mark rolls
every entry back; a process killed outright leaves the journal, and the next writer
finishes the rollback (or, past the mark, the cleanup) before it starts. Entries may be
files or folders (``texts/``). Entries the previous run wrote and this one does not (a
format no longer asked for) are removed with the same swap, so ``OUT`` always holds one
run's output.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

STAGE_PREFIX = ".wizyty-tmp-"
BACKUP_PREFIX = ".wizyty-swap-"
LOCK_NAME = ".wizyty-lock"
#: What the last completed swap wrote: the entries the next swap replaces or removes.
MANIFEST = ".wizyty-manifest.json"
_JOURNAL = "journal.json"
_COMMITTED = "COMMITTED"


class OutputBusy(RuntimeError):
    """Another process is writing into the same output folder."""


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT/.wizyty-lock`` (one writer per folder); :class:`OutputBusy` if taken."""
    import fcntl

    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputBusy(f"another wizyty run is writing into {out}") from None
            raise
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _rollback(backup: Path, out: Path) -> None:
    journal = json.loads((backup / _JOURNAL).read_text(encoding="utf-8"))
    had = set(journal["had"])
    for name in journal["names"] + journal.get("remove", []):
        saved, target = backup / name, out / name
        if saved.exists() or saved.is_symlink():
            _remove(target)
            os.replace(saved, target)
        elif name not in had:
            _remove(target)  # new entry with no old one: take it out again
    _fsync_dir(out)
    shutil.rmtree(backup, ignore_errors=True)


def recover(out: Path) -> None:
    """Finish what an interrupted swap left: roll back, or clean up after the mark; remove
    staging folders (called under the lock, so none of them is in use)."""
    for backup in sorted(out.glob(BACKUP_PREFIX + "*")):
        if not backup.is_dir():
            continue
        if (backup / _COMMITTED).exists() or not (backup / _JOURNAL).exists():
            shutil.rmtree(backup, ignore_errors=True)
        else:
            _rollback(backup, out)
    for stage in out.glob(STAGE_PREFIX + "*"):
        shutil.rmtree(stage, ignore_errors=True)


def previous_entries(out: Path) -> list[str]:
    try:
        return list(json.loads((out / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def new_stage(out: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))


def swap_in(stage: Path, out: Path, names: Iterable[str]) -> None:
    """Move the entries ``names`` from ``stage`` into ``out`` together, with the manifest.

    Entries of the previous manifest that are not in ``names`` are removed in the same
    swap. On any exception (``KeyboardInterrupt`` included) every entry is as before.
    """
    names = list(dict.fromkeys(names))
    (stage / MANIFEST).write_text(json.dumps(names), encoding="utf-8")
    names.append(MANIFEST)
    remove = [n for n in previous_entries(out) if n not in names and (out / n).exists()]
    backup = Path(tempfile.mkdtemp(prefix=BACKUP_PREFIX, dir=out))
    had = [n for n in names + remove if (out / n).exists() or (out / n).is_symlink()]
    journal = backup / _JOURNAL
    with open(journal, "w", encoding="utf-8") as f:
        json.dump({"names": names, "remove": remove, "had": had}, f)
        f.flush()
        os.fsync(f.fileno())
    try:
        for name in had:
            os.replace(out / name, backup / name)
        for name in names:
            os.replace(stage / name, out / name)
        _fsync_dir(out)
        (backup / _COMMITTED).touch()
    except BaseException:
        _rollback(backup, out)
        raise
    shutil.rmtree(backup, ignore_errors=True)

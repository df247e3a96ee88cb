"""Which files to read, and the doc id of each: its path relative to the input folder.

A file named on the command line is read whatever its extension; a folder contributes
every file in it (every one is either read or named with its reason, never skipped in
silence), sorted by path so that runs are reproducible. ``doc_id`` is the path relative
to the folder given, without the extension, with ``/`` between folders (``2019/relacja``):
the same file gets the same id on every run, and two ``relacja.txt`` in different
subfolders get different ones. A clash that remains (``r.txt`` and ``r.html`` side by
side, the same relative path under two input folders) is resolved in input order: the
first keeps the plain id, the next gets its extension (``r.html``), then ``~2``, ``~3``.
"""
from __future__ import annotations

import glob as _glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from .report import InputError, PathLike


@dataclass
class Source:
    """One file to read, with its doc id; ``notes`` are said on stderr but are no failure."""

    path: Path
    doc_id: str


@dataclass
class Collected:
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # hidden files, unsearched subfolders


def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def _inside(resolved: Path, folders: Iterable[Path]) -> bool:
    return any(resolved == f or f in resolved.parents for f in folders)


def collect_sources(paths: Union[PathLike, Iterable[PathLike]], recursive: bool = False,
                    exclude: Iterable[PathLike] = (), allow_empty: bool = False) -> Collected:
    """Expand files, folders and glob patterns into :class:`Source` s with unique doc ids.

    ``exclude``: folders never read (the output folder, when it is inside an input
    folder: its ``texts/`` must not come back as reports). A missing path, or a folder
    with nothing in it (unless ``allow_empty``), raises :class:`InputError`: a typo should
    stop the run, not produce empty tables.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    excluded = [Path(e).resolve() for e in exclude]
    out = Collected()
    seen: set[Path] = set()
    taken: set[str] = set()

    def add(p: Path, rel: Path, key: Optional[Path] = None) -> None:
        key = key or p.resolve()
        if key in seen:
            return
        seen.add(key)
        stem = rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()
        doc_id = stem
        if doc_id in taken:
            doc_id = rel.as_posix()
        k = 2
        while doc_id in taken:
            doc_id = f"{stem}~{k}"
            k += 1
        taken.add(doc_id)
        out.sources.append(Source(p, doc_id))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            children = p.rglob("*") if recursive else p.iterdir()
            found = []
            for c in children:
                rel = c.relative_to(p)
                resolved = c.resolve()  # once per file: the exclusion test and the duplicate test
                if _inside(resolved, excluded):
                    continue
                if any(part.startswith(".") for part in rel.parts):
                    if len(rel.parts) == 1 or not any(x.startswith(".") for x in rel.parts[:-1]):
                        out.notes.append(f"{c}: hidden {'folder' if c.is_dir() else 'file'}, not read")
                    continue
                if c.is_dir():
                    if not recursive:
                        out.notes.append(f"{c}: subfolder not read (use -r to read subfolders)")
                    continue
                found.append((rel.parts, c, rel, resolved))
            found.sort(key=lambda t: t[0])
            if not found and not allow_empty:
                raise InputError(p, "folder contains no files"
                                    + ("" if recursive else " (subfolders are not read without -r)"))
            for _, c, rel, resolved in found:
                add(c, rel, resolved)
        elif p.exists() or p.is_symlink():
            add(p, Path(p.name))
        elif _has_magic(str(raw)):
            matches = sorted(Path(m) for m in _glob.glob(str(raw), recursive=recursive))
            files = [m for m in matches if m.is_file()]
            if not files and not allow_empty:
                raise InputError(p, "no files match this pattern")
            for m in files:
                add(m, Path(m.name))
        else:
            raise InputError(p, "no such file or folder")
    return out


def collect_inputs(paths: Union[PathLike, Iterable[PathLike]], pattern: Optional[str] = None,
                   recursive: bool = False, allow_empty: bool = False) -> list[Path]:
    """The files :func:`collect_sources` finds (``pattern``: only names matching it)."""
    import fnmatch

    got = collect_sources(paths, recursive=recursive, allow_empty=True).sources
    files = [s.path for s in got if pattern is None or fnmatch.fnmatch(s.path.name.lower(), pattern.lower())]
    if not files and not allow_empty:
        raise InputError(Path(str(paths if isinstance(paths, (str, os.PathLike)) else next(iter(paths), "."))),
                         f"no files matching {pattern or '*'!r}")
    return files

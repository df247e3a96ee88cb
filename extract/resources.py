"""Locate and read the rule/pattern data files and models kept in ``models/``.

Rules live as data (CSV/JSONL/TXT) so analysts can extend them without touching code.
They are read only from the package itself, never from the current folder: a
``topic_cues.csv`` lying where the user runs ``wizyty`` must not replace the project's.
A regular install (``pip install .``, a wheel) carries them as package data in
``extract/models/`` (copied there by ``setup.py``); a source checkout or an editable
install reads the checkout's ``models/`` next to the package. An absolute path (e.g. a
cue file given with ``--set``) is taken as it is.
"""
from __future__ import annotations

import csv
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _models_dir() -> Path:
    packaged = PACKAGE_DIR / "models"
    if packaged.is_dir():  # installed: package data
        return packaged
    return PACKAGE_DIR.parent / "models"  # source checkout / editable install


MODELS_DIR = _models_dir()
#: The folder that holds ``models/``: ``ROOT / "models/…"`` names a packaged file.
ROOT = MODELS_DIR.parent
RESOURCES_DIR = MODELS_DIR / "resources"


def model_path(name: str | Path) -> Path:
    """A file or folder under ``models/`` ("nkjp_pl/model" or "models/nkjp_pl/model");
    absolute paths pass through. The current folder is never consulted."""
    path = Path(name)
    if path.is_absolute():
        return path
    if path.parts[:1] == ("models",):
        path = Path(*path.parts[1:])
    return MODELS_DIR / path


def resource_path(name: str | Path) -> Path:
    """Resolve a resource name relative to ``models/resources`` (absolute paths pass through)."""
    path = Path(name)
    if path.is_absolute():
        return path
    return RESOURCES_DIR / path


def read_lines(name: str | Path) -> list[str]:
    """Non-empty lines of a text resource, ``#`` comments dropped."""
    out = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


def read_csv(name: str | Path) -> list[dict[str, str]]:
    """Rows of a CSV resource with a header; lines starting with ``#`` are comments."""
    with open(resource_path(name), newline="", encoding="utf-8") as f:
        lines = (ln for ln in f if not ln.startswith("#"))
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]

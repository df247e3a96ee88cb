"""Locate and read the rule/pattern data files kept in ``models/resources``.

Rules live as data (CSV/JSONL/TXT) so analysts can extend them without touching code.
"""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "models"
RESOURCES_DIR = MODELS_DIR / "resources"


def resource_path(name: str | Path) -> Path:
    """Resolve a resource name relative to ``models/resources`` (absolute paths pass through)."""
    path = Path(name)
    if path.is_absolute() or path.exists():
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

"""Shared fixtures: one rules-only pipeline per test session (loading takes ~1 s)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import extract

    return extract.load_pipeline(statistical=False)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seed_frames(nlp):
    """The five seed reports' tables, extracted once (rules only)."""
    import extract

    return extract.extract([CORPUS / "raw"], nlp=nlp)


@pytest.fixture(scope="session")
def seed_out(seed_frames, tmp_path_factory) -> Path:
    """A run's output folder (CSV + SQLite) over the seed reports."""
    from extract.tables import write_tables

    out = tmp_path_factory.mktemp("seed-out")
    write_tables(seed_frames, out, formats=("csv", "sqlite"))
    return out

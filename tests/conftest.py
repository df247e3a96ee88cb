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

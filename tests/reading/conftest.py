"""Fixtures: a folder of reports in every format (see reading_samples.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from reading_samples import make_formats_folder


@pytest.fixture
def formats_folder(tmp_path) -> Path:
    return make_formats_folder(tmp_path)

"""wizyty: Polish study-visit reports in, normalised tables out.

    >>> import extract
    >>> nlp = extract.load_pipeline()
    >>> tables = extract.extract(["corpus/raw"])   # dict of pandas DataFrames
"""
from __future__ import annotations

from .pipeline import build_pipeline, load_pipeline

__all__ = ["load_pipeline", "build_pipeline", "extract"]
__version__ = "0.1.0"


def extract(inputs, **kwargs):
    """Run the pipeline over file paths, folders or raw texts; return the five tables."""
    from .runner import extract_tables

    return extract_tables(inputs, **kwargs)

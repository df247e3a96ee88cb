"""wizyty: Polish study-visit reports in, normalised tables out.

    >>> import extract
    >>> nlp = extract.load_pipeline()
    >>> tables = extract.extract(["corpus/raw"])   # dict of pandas DataFrames
"""
from __future__ import annotations

__all__ = ["load_pipeline", "build_pipeline", "extract"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """spaCy and the pipeline load on first use: ``wizyty query``, ``review`` and ``--help``
    start without them."""
    if name in ("load_pipeline", "build_pipeline"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def extract(inputs, **kwargs):
    """Run the pipeline over file paths, folders or raw texts; return the five tables."""
    from .runner import extract_tables

    return extract_tables(inputs, **kwargs)

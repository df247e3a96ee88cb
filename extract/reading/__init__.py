"""Files in, text out: which files, their formats and encodings, doc ids, the documents table.

Nothing here knows about spaCy; the runner pipes :class:`Report` texts through the pipeline.
"""
from .collect import Collected, Source, collect_inputs, collect_sources
from .documents import Document
from .formats import EXTENSIONS, FORMATS
from .read import read_report
from .report import DEFAULT_MAX_BYTES, InputError, PathLike, Report
from .text import decode_bytes, read_text_input

__all__ = ["Collected", "Source", "collect_inputs", "collect_sources", "Document", "EXTENSIONS",
           "FORMATS", "read_report", "DEFAULT_MAX_BYTES", "InputError", "PathLike", "Report",
           "decode_bytes", "read_text_input"]

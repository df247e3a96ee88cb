"""The ``documents`` table: every input, read or not, with what became of it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

#: status values: processed now, reused from the cache, failed (error says why)
STATUSES = ("processed", "reused", "failed")


@dataclass
class Document:
    doc_id: str
    source_path: Optional[str]
    format: Optional[str]
    sha256: Optional[str]
    chars: Optional[int]
    words: Optional[int]
    status: str
    error: Optional[str] = None


COLUMNS = ["doc_id", "source_path", "format", "sha256", "chars", "words", "status", "error"]

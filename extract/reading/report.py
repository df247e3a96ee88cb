"""What the reading stage hands on: a decoded :class:`Report`, or an :class:`InputError`."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

PathLike = Union[str, "os.PathLike[str]"]
#: Larger files are refused: a mistaken multi-megabyte dump would stall the pipeline.
DEFAULT_MAX_BYTES = 5_000_000


class InputError(Exception):
    """A report that cannot be read; the message names the file and the problem."""

    def __init__(self, path: Optional[PathLike], reason: str, doc_id: Optional[str] = None,
                 fmt: str = "") -> None:
        self.path: Optional[Path] = Path(path) if path is not None else None
        self.reason = reason
        self.doc_id = doc_id
        self.format = fmt
        where = str(path) if path is not None else "<input>"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable for worker processes (``--jobs``)
        return (_rebuild_input_error, (self.path, self.reason, self.args, self.doc_id, self.format))

    @classmethod
    def for_text(cls, doc_id: str, reason: str) -> "InputError":
        """An error about a raw string handed in through the API (no file behind it)."""
        err = cls(None, reason, doc_id=doc_id)
        err.args = (f"text {doc_id!r}: {reason}",)
        return err


def _rebuild_input_error(path, reason, args, doc_id=None, fmt="") -> "InputError":
    err = InputError(path, reason, doc_id=doc_id, fmt=fmt)
    err.args = args
    return err


@dataclass
class Report:
    """One input report, read; :attr:`text` is what all offsets refer to.

    ``format`` is what the file was read as (txt, html, pdf, docx, odt); ``sha256`` is
    the hash of the file's bytes (the incremental cache's key, with the pipeline's).
    """

    path: Optional[Path]
    doc_id: str
    text: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    format: str = "txt"
    sha256: str = ""

"""Reading one report file: checks that name the problem, then the format's reader."""
from __future__ import annotations

import errno
import hashlib
from pathlib import Path
from typing import Optional

from .formats import convert
from .report import DEFAULT_MAX_BYTES, InputError, PathLike, Report


def read_bytes(p: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or an :class:`InputError` saying why they cannot be had."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(p, "no such file (or a broken link)") from None
    except PermissionError:
        raise InputError(p, "permission denied (cannot look at the file)") from None
    except OSError as err:
        raise InputError(p, f"cannot read the file: {err.strerror or err}") from None
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    if not p.is_file():  # a FIFO or device would block or never end
        raise InputError(p, "not a regular file")
    if st.st_size > max_bytes:
        raise InputError(p, f"file too large ({st.st_size:,} bytes; the limit is {max_bytes:,}); "
                            "is it really one report?")
    try:
        with open(p, "rb") as f:
            data = f.read(max_bytes + 1)
    except PermissionError:
        raise InputError(p, "permission denied (cannot open the file for reading)") from None
    except IsADirectoryError:
        raise InputError(p, "is a folder, not a file") from None
    except OSError as err:
        if err.errno == errno.EISDIR:
            raise InputError(p, "is a folder, not a file") from None
        raise InputError(p, f"cannot read the file: {err.strerror or err}") from None
    if len(data) > max_bytes:  # grew since stat
        raise InputError(p, f"file too large (over {max_bytes:,} bytes)")
    if not data:
        raise InputError(p, "empty file")
    return data


def read_report(path: PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                doc_id: Optional[str] = None) -> Report:
    """Read one report (txt, html, pdf, docx, odt), refusing what is none with a clear
    :class:`InputError`. ``doc_id`` defaults to the file name without its extension."""
    p = Path(path)
    doc_id = doc_id or p.stem
    try:
        data = read_bytes(p, max_bytes)
        text, fmt, encoding, warnings = convert(data, p)
    except InputError as err:
        err.doc_id = doc_id
        raise
    return Report(path=p, doc_id=doc_id, text=text, encoding=encoding, warnings=warnings,
                  format=fmt, sha256=hashlib.sha256(data).hexdigest())

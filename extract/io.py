"""Reading reports robustly: which files to read, how to decode them, what to refuse.

Analysts feed the pipeline whatever they saved from the web: UTF-8 text most of the
time, but also Windows-1250 or ISO-8859-2 files from older tools, a PDF or an HTML page
saved by mistake. Everything that cannot be read as text is refused with an
:class:`InputError` that names the file and says what to do, instead of a traceback from
deep inside spaCy or, worse, a table of garbage.

Offsets. ``start_char``/``end_char`` in the output tables are Python string offsets
into :attr:`Report.text`. The text is kept exactly as decoded, so that every span can be
checked against its source: line breaks are *not* normalised (``\\r\\n`` stays two
characters) and nothing is trimmed. The one exception is a leading UTF-8 byte-order mark,
which is removed (and noted in :attr:`Report.warnings`): it is not content, and keeping it
would put an invisible character in front of the first word of every title.
"""
from __future__ import annotations

import codecs
import errno
import glob as _glob
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

__all__ = [
    "InputError",
    "Report",
    "collect_inputs",
    "read_report",
    "read_text_input",
    "decode_bytes",
    "DEFAULT_MAX_BYTES",
]

PathLike = Union[str, "os.PathLike[str]"]
DEFAULT_MAX_BYTES = 5_000_000

# Letters that only Polish text has many of; the signal that tells the 8-bit encodings apart.
POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# Leading bytes of binary formats people save by mistake, with a human name for the message.
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (e.g. a .docx, .odt or .xlsx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)
# C0 control characters that do not occur in text (tab, LF, VT, FF, CR do).
_CONTROL_BYTES = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}
_MAX_CONTROL_SHARE = 0.05  # above this share of control bytes a file is binary
_SAMPLE = 65536            # bytes inspected for the binary test
_TAG = re.compile(r"<(?:!--.*?--|[!/]?[A-Za-z][^<>]{0,500})>", re.S)
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.I | re.S)


class InputError(Exception):
    """A report that cannot be read as text; the message names the file and the problem."""

    def __init__(self, path: Optional[PathLike], reason: str) -> None:
        self.path: Optional[Path] = Path(path) if path is not None else None
        self.reason = reason
        where = str(path) if path is not None else "<input>"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable for worker processes (``--jobs``)
        return (_rebuild_input_error, (self.path, self.reason, self.args))

    @classmethod
    def for_text(cls, doc_id: str, reason: str) -> "InputError":
        """An error about a raw string handed in through the API (no file behind it)."""
        err = cls(None, reason)
        err.args = (f"text {doc_id!r}: {reason}",)
        return err


def _rebuild_input_error(path, reason, args) -> "InputError":
    err = InputError(path, reason)
    err.args = args
    return err


@dataclass
class Report:
    """One input report, decoded; :attr:`text` is what all offsets refer to."""

    path: Optional[Path]
    doc_id: str
    text: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- collecting


def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def collect_inputs(paths: Union[PathLike, Iterable[PathLike]], pattern: str = "*.txt",
                   recursive: bool = False, allow_empty: bool = False) -> list[Path]:
    """Expand the command line's files and folders into the list of reports to read.

    A file is taken as given (whatever its extension: the user named it); a folder
    contributes its files matching ``pattern``, sorted by name so runs are reproducible,
    from subfolders too when ``recursive``. A path with glob characters that does not
    exist as such is expanded. Duplicates are dropped, first occurrence wins. A missing
    path, or a folder with nothing to read (unless ``allow_empty``), raises
    :class:`InputError`: a typo should stop the run, not produce empty tables.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                (c for c in (p.rglob(pattern) if recursive else p.glob(pattern))
                 if c.is_file() and not c.name.startswith(".")),
                key=lambda c: c.relative_to(p).parts,
            )
            if not found and not allow_empty:
                raise InputError(p, f"folder contains no files matching {pattern!r}"
                                    + ("" if recursive else " (subfolders are not searched)"))
            for c in found:
                add(c)
        elif p.exists():
            add(p)
        elif _has_magic(str(raw)):
            matches = sorted(Path(m) for m in _glob.glob(str(raw), recursive=recursive))
            files = [m for m in matches if m.is_file()]
            if not files and not allow_empty:
                raise InputError(p, "no files match this pattern")
            for m in files:
                add(m)
        else:
            raise InputError(p, "no such file or folder")
    return out


# --------------------------------------------------------------------------- decoding


def _polish_score(text: str) -> float:
    """How much a decoding looks like Polish: Polish letters count for it; C1 controls,
    replacement characters and foreign accented letters (typical mojibake) against it."""
    score = 0.0
    for ch in text:
        if ch.isascii():
            continue
        if ch in POLISH_LETTERS:
            score += 2
        elif ch == "\ufffd" or "\x80" <= ch <= "\x9f":
            score -= 5
        elif ch.isalpha():
            score -= 1
        elif unicodedata.category(ch) in ("So", "Sm", "Sk", "Co", "Cn"):
            score -= 1  # ± ¶ ¬ ˇ ¤ ... : what ISO-8859-2 letters look like read as cp1250
    return score


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a report's bytes; return ``(text, encoding, warnings)``.

    UTF-8 (with or without BOM) first; UTF-16 when it starts with a BOM. Otherwise
    the file is from an 8-bit Polish code page: cp1250 and ISO-8859-2 differ exactly
    in ą ś ź Ą Ś Ź (and cp1250 has „ ” – in 0x80-0x9F where ISO-8859-2 has controls), so
    both decodings are scored by Polish letters against controls and mojibake and the
    better one wins (cp1250 on a tie: it is what Windows tools write). A file that is
    mostly UTF-8 with a few broken bytes is read as UTF-8 with U+FFFD in their place.
    """
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        warnings.append("removed a UTF-8 byte-order mark at the start (offsets count from after it)")
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")  # the codec consumes the BOM
        warnings.append("decoded as utf-16 (file had a UTF-16 byte-order mark)")
        return text, "utf-16", warnings
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass

    candidates: list[tuple[float, int, str, str]] = []
    for rank, enc in enumerate(("cp1250", "iso-8859-2")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue  # cp1250 leaves five bytes undefined
        candidates.append((_polish_score(text), -rank, enc, text))
    utf8 = data.decode("utf-8", errors="replace")
    candidates.append((_polish_score(utf8), -2, "utf-8", utf8))
    _, _, enc, text = max(candidates)
    if enc == "utf-8":
        bad = text.count("\ufffd")
        warnings.append(f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced by U+FFFD")
    else:
        warnings.append(f"decoded as {enc} (not valid UTF-8)")
    return text, enc, warnings


# --------------------------------------------------------------------------- checks


def _binary_kind(data: bytes) -> Optional[str]:
    """Name the binary format the bytes are in, or None for text."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    sample = data[:_SAMPLE]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in sample:
        return "a binary file (it contains NUL bytes)"
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"a binary file ({controls / len(sample):.0%} control characters)"
    return None


def _text_problem(text: str) -> Optional[str]:
    """Why a decoded text is no report (empty, HTML, binary), or None if it is fine."""
    if not text.strip():
        return "empty report (the file contains only whitespace)" if text else "empty report"
    if _HTML_START.match(text):
        return ("this is an HTML page, not plain text; extract its text first "
                "(e.g. save the page as text, or `html2text`/`pandoc -t plain`)")
    head = text[:_SAMPLE]
    tags = _TAG.findall(head)
    if len(tags) >= 10 and sum(map(len, tags)) > 0.3 * len(head.strip()):
        return ("this looks like HTML/XML markup (mostly tags), not plain text; "
                "extract its text first (e.g. `html2text` or `pandoc -t plain`)")
    controls = sum(1 for ch in head if (ord(ch) < 0x20 and ch not in "\t\n\x0b\x0c\r") or ch == "\x7f")
    if controls / len(head) > _MAX_CONTROL_SHARE:
        return "not a text file (too many control characters)"
    return None


# --------------------------------------------------------------------------- reading


def read_report(path: PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read one report file, refusing what is no text report with a clear :class:`InputError`.

    ``doc_id`` is the file name without its extension (the key of every table row and
    of the gold file). ``max_bytes`` guards against a mistaken multi-megabyte dump that
    would stall the pipeline for minutes.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except PermissionError:
        raise InputError(p, "permission denied (cannot look at the file)") from None
    except OSError as err:
        raise InputError(p, f"cannot read the file: {err.strerror or err}") from None
    if p.is_dir():
        raise InputError(p, "is a folder, not a file (pass the folder to collect_inputs to read its *.txt)")
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
    if len(data) > max_bytes:  # grew since stat, or a device/pipe
        raise InputError(p, f"file too large (over {max_bytes:,} bytes)")
    if not data:
        raise InputError(p, "empty file")
    kind = _binary_kind(data)
    if kind:
        raise InputError(p, f"not a text file: this is {kind}; convert it to plain text (.txt) first")
    text, encoding, warnings = decode_bytes(data)
    problem = _text_problem(text)
    if problem:
        raise InputError(p, problem)
    return Report(path=p, doc_id=p.stem, text=text, encoding=encoding, warnings=warnings)


def read_text_input(text: str, doc_id: str) -> Report:
    """Wrap a string handed in by an API caller as a :class:`Report`, with the same checks.

    The string is used as is (offsets refer to it), except that a leading BOM character
    is removed, as for files.
    """
    if not isinstance(text, str):
        raise InputError.for_text(str(doc_id), f"expected a str, got {type(text).__name__}"
                                  + (" (decode bytes first, e.g. with extract.io.decode_bytes)"
                                     if isinstance(text, (bytes, bytearray)) else ""))
    if not doc_id or not str(doc_id).strip():
        raise InputError.for_text(str(doc_id), "doc_id must be a non-empty string")
    warnings: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        warnings.append("removed a byte-order mark at the start (offsets count from after it)")
    problem = _text_problem(text)
    if problem:
        raise InputError.for_text(doc_id, problem)
    return Report(path=None, doc_id=str(doc_id), text=text, encoding="str", warnings=warnings)

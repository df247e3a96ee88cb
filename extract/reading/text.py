"""Plain text: the encodings Polish files come in, and what is no text at all.

Offsets. ``start_char``/``end_char`` in the output tables are Python string offsets
into :attr:`Report.text`. Plain text is kept exactly as decoded, so that every span can
be checked against its source: line breaks are *not* normalised (``\\r\\n`` stays two
characters) and nothing is trimmed. The one exception is a leading byte-order mark,
which is removed (and noted in the warnings): it is not content.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

from .report import InputError, Report

# Letters that only Polish text has many of; the signal that tells the 8-bit encodings apart.
POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# C0 control characters that do not occur in text (tab, LF, VT, FF, CR do).
_CONTROL_BYTES = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}
MAX_CONTROL_SHARE = 0.05  # above this share of control bytes a file is binary
SAMPLE = 65536            # bytes inspected for the binary test
_TAG = re.compile(r"<(?:!--.*?--|[!/]?[A-Za-z][^<>]{0,500})>", re.S)
HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                        re.I | re.S)


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
        try:
            text = data.decode("utf-16")  # the codec consumes the BOM
        except UnicodeDecodeError:
            text = data.decode("utf-16", errors="replace")
            warnings.append("broken UTF-16: undecodable bytes replaced by U+FFFD")
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


_CONTROL_BYTE_STRING = bytes(sorted(_CONTROL_BYTES))
# control characters other than tab, line feed, vertical tab, form feed, carriage return
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def binary_share(data: bytes) -> Optional[str]:
    """Why the bytes are binary (NUL bytes, control characters), or None for text."""
    sample = data[:SAMPLE]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in sample:
        return "a binary file (it contains NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTE_STRING))  # bytes deleted
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        return f"a binary file ({controls / len(sample):.0%} control characters)"
    return None


def looks_like_html(text: str) -> bool:
    """A page (doctype/html/body at the start) or text that is mostly tags."""
    if HTML_START.match(text):
        return True
    head = text[:SAMPLE]
    tags = _TAG.findall(head)
    return len(tags) >= 10 and sum(map(len, tags)) > 0.3 * len(head.strip())


def text_problem(text: str) -> Optional[str]:
    """Why a decoded text is no report (empty, control characters), or None if it is fine."""
    if not text.strip():
        return "empty report (the file contains only whitespace)" if text else "empty report"
    head = text[:SAMPLE]
    controls = len(_CONTROL_CHARS.findall(head))
    if controls / len(head) > MAX_CONTROL_SHARE:
        return "not a text file (too many control characters)"
    return None


def read_text_input(text: str, doc_id: str) -> Report:
    """Wrap a string handed in by an API caller as a :class:`Report`, with the same checks.

    The string is used as is (offsets refer to it), except that a leading BOM character
    is removed, as for files. Markup is refused: pass a page's file to read it as HTML.
    """
    if not isinstance(text, str):
        raise InputError.for_text(str(doc_id), f"expected a str, got {type(text).__name__}"
                                  + (" (decode bytes first, e.g. with extract.reading.decode_bytes)"
                                     if isinstance(text, (bytes, bytearray)) else ""))
    if not doc_id or not str(doc_id).strip():
        raise InputError.for_text(str(doc_id), "doc_id must be a non-empty string")
    warnings: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        warnings.append("removed a byte-order mark at the start (offsets count from after it)")
    problem = text_problem(text)
    if not problem and looks_like_html(text):
        problem = "this is HTML markup, not plain text; save it as a .html file and pass the file"
    if problem:
        raise InputError.for_text(doc_id, problem)
    return Report(path=None, doc_id=str(doc_id), text=text, encoding="str", warnings=warnings,
                  format="str")

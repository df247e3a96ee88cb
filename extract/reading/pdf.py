"""PDF: the text layer (pdfplumber), with wrapped lines joined back into paragraphs.

A PDF has lines, not paragraphs: a name wrapped at the right margin ("Spółdzielnia\\n
Socjalna") is two lines to every tool, and sentence and name rules stop at line ends. The
layout says which line ends are wraps: a line was wrapped when the first word of the next
line would not have fitted after it (it stops near the right margin). Those are joined with
a space; other line ends stay, and a vertical gap of n line heights becomes n-1 blank lines,
so a PDF made from a plain-text report gives back that text. A hyphen at a wrap is dropped
when the joined word is a word and the part before it is none (Morfeusz2: "inte-/gracji"),
kept otherwise ("społeczno-/zawodowej", "Kędzierzyn-/Koźle"). Lines repeated at the top or bottom of most pages
(running headers, footers with an address, page numbers), and a line alone in the top or
bottom margin, set apart from the body, are dropped: a footer's address would otherwise
become a host and a place.
"""
from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from .report import InputError

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_PAGE_NUMBER = re.compile(r"^\W*(?:(?:strona|str\.|page)\s*)?\d+(?:\s*(?:z|/|of)\s*\d+)?\W*$", re.I)


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    first_word_width: float
    char_width: float
    page: int
    page_height: float = 0.0


def _lines_of_page(page, number: int) -> list[Line]:
    out = []
    for ln in page.extract_text_lines(layout=False, strip=True, return_chars=True):
        text = ln["text"].translate(_LIGATURES)
        chars = [c for c in ln.get("chars", []) if c.get("text")]
        if not text.strip() or not chars:
            continue
        first = []
        for c in chars:
            if c["text"].isspace():
                break
            first.append(c)
        width = (first[-1]["x1"] - first[0]["x0"]) if first else 0.0
        cw = statistics.median(c["x1"] - c["x0"] for c in chars)
        out.append(Line(text, ln["x0"], ln["x1"], ln["top"], width, cw, number, float(page.height)))
    return out


def _furniture(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page, index) of running headers/footers and page numbers."""
    drop: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for k in {0, len(lines) - 1} if lines else ():
            if _PAGE_NUMBER.match(lines[k].text):
                drop.add((p, k))
    # a line alone in the top or bottom margin, set apart from the body: a running header
    # or footer even on a one-page document
    for p, lines in enumerate(pages):
        if len(lines) < 3 or not lines[0].page_height:
            continue
        steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:]))
        pitch = steps[len(steps) // 2]
        height = lines[0].page_height
        if lines[-1].top > 0.9 * height and lines[-1].top - lines[-2].top > 2.5 * pitch:
            drop.add((p, len(lines) - 1))
        if lines[0].top < 0.08 * height and lines[1].top - lines[0].top > 2.5 * pitch:
            drop.add((p, 0))
    if len(pages) < 2:
        return drop
    norm = lambda s: re.sub(r"\d+", "#", " ".join(s.split()).lower())  # noqa: E731
    for edge in (slice(0, 2), slice(-2, None)):
        counts: dict[str, int] = {}
        for lines in pages:
            for key in {norm(ln.text) for ln in lines[edge]}:
                counts[key] = counts.get(key, 0) + 1
        repeated = {k for k, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}
        for p, lines in enumerate(pages):
            idx = range(len(lines))[edge]
            for k in idx:
                if norm(lines[k].text) in repeated:
                    drop.add((p, k))
    return drop


def _hyphen_is_a_wrap(a: str, b: str) -> bool:
    """``a-`` at a line end and ``b`` next: a word split by hyphenation ("inte-", "gracji")
    rather than a compound ("społeczno-zawodowej", "Kędzierzyn-Koźle"). Morfeusz2 decides:
    the joined form is a word and the part before the hyphen is none."""
    try:
        from ..morph.analyser import morfeusz
        dag = morfeusz().analyse(f"{a}-{b}")
        joined = morfeusz().analyse(a + b)
    except Exception:  # noqa: BLE001 - no Morfeusz: keep hyphens as printed
        return False
    first = [t for i, j, t in dag if i == 0]
    first_known = any(t[2] != "ign" for t in first)
    joined_known = bool(joined) and all(j == 1 for i, j, t in joined) and any(t[2] != "ign" for _, _, t in joined)
    return joined_known and not first_known


def _join_hyphen(left: str, right: str) -> str:
    """``left`` ends with a hyphen at a wrap: drop it when that undoes hyphenation."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    m1, m2 = re.search(r"(\w+)-$", left), re.match(r"(\w+)", right)
    if m1 and m2 and right[:1].islower() and _hyphen_is_a_wrap(m1.group(1), m2.group(1)):
        return left[:-1] + right
    return left + right


def lines_to_text(pages: list[list[Line]]) -> str:
    """Join the lines of all pages into text (see the module docstring)."""
    drop = _furniture(pages)
    lines = [ln for p, page in enumerate(pages) for k, ln in enumerate(page) if (p, k) not in drop]
    if not lines:
        return ""
    right = max(ln.x1 for ln in lines)
    left = min(ln.x0 for ln in lines)
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top]
    pitch = statistics.median(steps) if steps else 0.0
    out = lines[0].text
    for prev, ln in zip(lines, lines[1:]):
        blank = 0
        if pitch and prev.page == ln.page:
            blank = max(0, round((ln.top - prev.top) / pitch) - 1)
        space = prev.char_width
        wrapped = (blank == 0 and ln.x0 - left < 2 * ln.char_width
                   and prev.x1 + space + ln.first_word_width > right - prev.char_width)
        if not wrapped:
            out += "\n" * (blank + 1) + ln.text
        elif out.endswith(("-", "\u00ad")):
            out = _join_hyphen(out, ln.text)
        else:
            out += " " + ln.text
    return out


def read_pdf(data: bytes, path: Path) -> str:
    """The text of a PDF's text layer; a PDF without one (a scan) is refused by name."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_lines_of_page(page, k) for k, page in enumerate(pdf.pages)]
            images = sum(len(page.images) for page in pdf.pages)
    except PDFPasswordIncorrect:
        raise InputError(path, "the PDF is password-protected; save an unprotected copy", fmt="pdf") from None
    except Exception as err:  # noqa: BLE001 - pdfminer raises many kinds (PDFSyntaxError...)
        detail = f": {err}" if str(err) else ""
        raise InputError(path, f"not a readable PDF ({type(err).__name__}{detail})", fmt="pdf") from None
    text = lines_to_text(pages)
    if not text.strip():
        what = "a scanned document: pages are images" if images else "no text on any page"
        raise InputError(path, f"the PDF has no text layer ({what}); OCR is out of scope: run "
                               "an OCR tool (e.g. ocrmypdf) first", fmt="pdf")
    return text

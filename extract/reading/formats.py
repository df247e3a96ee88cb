"""Reports as analysts get them: plain text, web pages, PDF, DOCX and ODT files.

Each reader turns a file into the text extraction runs on, using a library made for the
format: trafilatura for HTML (the article without menus, cookie banners, breadcrumbs,
share and related links, footers), pdfplumber for PDF (``pdf.py``), python-docx for
DOCX, odfpy for ODT (an optional extra). The format is told by the file's content first
(a PDF saved as ``.txt`` is still a PDF) and by its extension, in any case, second.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable, Optional

from .report import InputError
from .text import binary_share, decode_bytes, looks_like_html, text_problem

#: Extensions read as reports (lower case); any other file is named and skipped.
EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".pdf": "pdf", ".docx": "docx", ".odt": "odt"}
FORMATS = ("txt", "html", "pdf", "docx", "odt")
#: A page with fewer words in its main text has none (a menu, an error page).
MIN_HTML_WORDS = 5
# Leading bytes of formats that are no report, with a human name for the message.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)
_NAMES = {".jpg": "a JPEG image", ".jpeg": "a JPEG image", ".png": "a PNG image", ".gif": "a GIF image",
          ".doc": "an old Word document (.doc); save it as .docx", ".rtf": "an RTF document",
          ".xlsx": "a spreadsheet", ".xls": "a spreadsheet", ".zip": "a ZIP archive"}


def sniff(data: bytes, path: Path) -> str:
    """The format of a file: ``txt``, ``html``, ``pdf``, ``docx`` or ``odt``; a file that
    is none of them raises :class:`InputError` naming what it is."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise InputError(path, "a damaged ZIP file (a .docx/.odt that was cut short?)") from None
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names and b"opendocument.text" in data[:200]:
            return "odt"
        raise InputError(path, "a ZIP archive that is neither a .docx nor an .odt document")
    for magic, name in MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"not a report: this is {name}")
    ext = path.suffix.lower()
    kind = EXTENSIONS.get(ext)
    if kind in ("pdf", "docx", "odt"):
        raise InputError(path, f"named {ext} but its content is not a {kind.upper()} file", fmt=kind)
    binary = binary_share(data)
    if binary:
        raise InputError(path, f"not a report: this is {binary}")
    if kind is None and ext in _NAMES:
        raise InputError(path, f"not a report: this is {_NAMES[ext]}")
    if kind == "html":
        return "html"
    head = data[:4096].decode("utf-8", errors="ignore")
    if looks_like_html(head):
        return "html"
    if kind is None:
        raise InputError(path, f"unsupported file type {ext or '(no extension)'}; reports are read from "
                               + ", ".join(sorted(EXTENSIONS)))
    return "txt"


def read_txt(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    return decode_bytes(data)


def read_html(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """The page's main text (trafilatura), its heading as the first line."""
    import trafilatura

    doc = trafilatura.bare_extraction(data, include_comments=False, include_tables=True,
                                      include_links=False, with_metadata=True, deduplicate=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:  # trafilatura falls back to any text, e.g. a menu
        raise InputError(path, "no main text found on the HTML page (only menus/links, or empty)",
                         fmt="html")
    title = (getattr(doc, "title", None) or "").strip()
    if title and title.lower() not in text[: len(title) + 200].lower():
        text = f"{title}\n{text}"
    return text + "\n", "html", []


def read_docx(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Paragraphs (headings included) and table rows in document order, one per line."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - python-docx raises KeyError, ValueError...
        raise InputError(path, f"not a readable DOCX document ({type(err).__name__})", fmt="docx") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if not cells or cells[-1] != cell.text:
                        cells.append(cell.text)
                lines.append("\t".join(c.replace("\n", " ") for c in cells))
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n", "docx", []


def read_odt(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Headings and paragraphs of an OpenDocument text (needs the ``odt`` extra: odfpy)."""
    try:
        from odf import teletype, text as odftext
        from odf.namespaces import TEXTNS
        from odf.opendocument import load
    except ImportError:
        raise InputError(path, "reading .odt needs odfpy (pip install 'wizyty[odt]'), "
                               "or save the file as .docx", fmt="odt") from None
    try:
        document = load(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001
        raise InputError(path, f"not a readable ODT document ({type(err).__name__})", fmt="odt") from None
    lines = []
    for el in document.text.childNodes:
        if el.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            lines.append(teletype.extractText(el))
        else:
            lines.extend(teletype.extractText(p) for p in el.getElementsByType(odftext.P))
    return "\n".join(lines) + "\n", "odt", []


def read_pdf_bytes(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    from .pdf import read_pdf

    return read_pdf(data, path), "pdf", []


READERS: dict[str, Callable[[bytes, Path], tuple[str, str, list[str]]]] = {
    "txt": read_txt, "html": read_html, "pdf": read_pdf_bytes, "docx": read_docx, "odt": read_odt}


def convert(data: bytes, path: Path) -> tuple[str, str, str, list[str]]:
    """``(text, format, encoding, warnings)`` of a file's bytes; :class:`InputError` if no report."""
    fmt = sniff(data, path)
    ext_fmt: Optional[str] = EXTENSIONS.get(path.suffix.lower())
    try:
        text, encoding, warnings = READERS[fmt](data, path)
    except InputError as err:
        err.format = err.format or fmt
        raise
    if ext_fmt and ext_fmt != fmt:
        warnings = [f"read as {fmt} (the content is {fmt}, the name says {path.suffix})"] + warnings
    problem = text_problem(text)
    if problem:
        raise InputError(path, problem if fmt == "txt" else f"{problem} (no text in the {fmt} file)",
                         fmt=fmt)
    return text, fmt, encoding, warnings

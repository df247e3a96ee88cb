"""Fixtures: a folder of reports in every format (see reading_samples.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from reading_samples import PLAIN, make_docx, make_pdf, page_html


@pytest.fixture
def formats_folder(tmp_path) -> Path:
    """A folder as an analyst has it: every format, odd extensions, junk, same names."""
    d = tmp_path / "raporty"
    (d / "2019").mkdir(parents=True)
    (d / "2020").mkdir()
    (d / "RAPORT.TXT").write_text(PLAIN, encoding="utf-8")
    (d / "wizyta.Txt").write_bytes(PLAIN.encode("cp1250"))
    (d / "strona.html").write_text(page_html(), encoding="utf-8")
    make_pdf(d / "relacja.pdf")
    make_docx(d / "sprawozdanie.docx")
    (d / "zdjecie.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    (d / "pusty.txt").write_bytes(b"")
    (d / "2019" / "relacja.txt").write_text(PLAIN, encoding="utf-8")
    (d / "2020" / "relacja.txt").write_text(PLAIN.replace("2019", "2020"), encoding="utf-8")
    return d

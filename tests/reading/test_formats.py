"""Every format an analyst gets gives the report's text: HTML, PDF, DOCX, ODT, any case."""
from __future__ import annotations

import pytest

from extract.reading import InputError, read_report
from extract.reading.pdf import Line, lines_to_text

from reading_samples import PARAGRAPHS, PLAIN, TITLE, make_docx, make_odt, make_pdf, make_scanned_pdf, page_html


def words(text: str) -> list[str]:
    return text.split()


def test_html_main_text_without_site_furniture(tmp_path):
    p = tmp_path / "strona.htm"
    p.write_text(page_html(), encoding="utf-8")
    r = read_report(p)
    assert r.format == "html"
    assert r.text.splitlines()[0] == TITLE  # the page's heading is the first line
    for para in PARAGRAPHS:
        assert para in r.text
    for furniture in ("cookies", "Strona główna", "Aktualności", "Udostępnij", "Zobacz także",
                      "Suwałkach", "Mickiewicza", "prawa zastrzeżone"):
        assert furniture not in r.text


def test_html_in_cp1250_with_its_charset(tmp_path):
    page = page_html().replace('charset="utf-8"', 'charset="windows-1250"')
    p = tmp_path / "STRONA.HTML"
    p.write_bytes(page.replace("©", "(c)").encode("cp1250"))
    r = read_report(p)
    assert PARAGRAPHS[1] in r.text


def test_html_with_no_main_text_is_named(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><nav><a href='/'>Start</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="menu.html.*no main text"):
        read_report(p)


def test_pdf_wrapped_lines_are_joined_into_paragraphs(tmp_path):
    r = read_report(make_pdf(tmp_path / "relacja.pdf"))
    assert r.format == "pdf"
    assert r.text.splitlines()[0] == TITLE
    # the layout wrapped every paragraph over several lines: they come back whole
    assert words(r.text) == words(PLAIN)
    assert "Spółdzielnię Socjalną „Pod Dachem”" in r.text
    assert r.text.count("\n\n") == PLAIN.count("\n\n")


def test_pdf_footer_on_every_page_is_dropped(tmp_path):
    r = read_report(make_pdf(tmp_path / "dwie.pdf", pages=2))
    assert "Mickiewicza" not in r.text and "15-213" not in r.text
    assert r.text.count("Spółdzielnię Socjalną „Pod Dachem”") == 2


def test_pdf_without_text_layer_is_named_as_a_scan(tmp_path):
    with pytest.raises(InputError, match="skan.pdf.*no text layer.*scanned.*OCR is out of scope"):
        read_report(make_scanned_pdf(tmp_path / "skan.pdf"))


def line(text, x0, x1, top, page=0, first=None):
    return Line(text, x0, x1, top, first if first is not None else 6.0 * len(text.split()[0]), 6.0, page)


def test_hyphenation_is_undone_only_where_it_splits_a_word():
    pages = [[line("uczestnicy rozmawiali o inte-", 10, 200, 100),
              line("gracji społeczno-", 10, 199, 112),
              line("zawodowej osób.", 10, 90, 124)]]
    assert lines_to_text(pages) == "uczestnicy rozmawiali o integracji społeczno-zawodowej osób."


def test_short_lines_and_gaps_stay_line_breaks():
    pages = [[line("Wizyta w Łomży", 10, 90, 100),
              line("Program:", 10, 60, 124),  # a blank line before it
              line("Dzień pierwszy", 10, 90, 136),
              line("W dniach 14-15 maja 2019 r. uczestnicy odwiedzili Spółdzielnię", 10, 200, 148),
              line("Socjalną w Łomży.", 10, 95, 160)]]
    assert lines_to_text(pages) == ("Wizyta w Łomży\n\nProgram:\nDzień pierwszy\n"
                                    "W dniach 14-15 maja 2019 r. uczestnicy odwiedzili Spółdzielnię Socjalną w Łomży.")


def test_docx_paragraphs_headings_and_tables(tmp_path):
    r = read_report(make_docx(tmp_path / "sprawozdanie.DOCX"))
    assert r.format == "docx"
    lines = r.text.splitlines()
    assert lines[0] == TITLE and lines[1:3] == PARAGRAPHS
    assert "15 maja\tWarsztat Terapii Zajęciowej w Zambrowie" in lines


def test_odt(tmp_path):
    pytest.importorskip("odf")
    r = read_report(make_odt(tmp_path / "sprawozdanie.odt"))
    assert r.format == "odt"
    assert r.text.splitlines()[:3] == [TITLE, *PARAGRAPHS]


@pytest.mark.parametrize("name", ["RAPORT.TXT", "wizyta.Txt", "notatka.text"])
def test_any_case_of_the_extension(tmp_path, name):
    p = tmp_path / name
    p.write_text(PLAIN, encoding="utf-8")
    assert read_report(p).text == PLAIN


@pytest.mark.parametrize("name, data, why", [
    ("zdjecie.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(50), "jpeg image"),
    ("tabela.xlsx", b"PK\x03\x04" + bytes(50), "damaged zip"),
    ("stary.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50), "old microsoft office"),
    ("notatki.md", "Wizyta w Łomży".encode(), "unsupported file type .md"),
    ("udaje.pdf", "Wizyta w Łomży".encode(), "not a pdf"),
])
def test_what_is_no_report_is_named_with_its_reason(tmp_path, name, data, why):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_report(p)
    assert name in str(info.value) and why in str(info.value).lower()


def test_sha256_is_of_the_file_bytes(tmp_path):
    import hashlib

    p = tmp_path / "r.txt"
    p.write_bytes(PLAIN.encode("cp1250"))
    assert read_report(p).sha256 == hashlib.sha256(p.read_bytes()).hexdigest()

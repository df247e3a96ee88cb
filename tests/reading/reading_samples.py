"""Small report files in every format, made by the tests themselves (no corpus text)."""
from __future__ import annotations

import html
import io
from pathlib import Path

TITLE = "Wizyta studyjna w Łomży i Zambrowie"
PARAGRAPHS = [
    "W dniach 14-15 maja 2019 r. przedstawiciele ośrodków pomocy społecznej z województwa "
    "podlaskiego uczestniczyli w wizycie studyjnej zorganizowanej przez Regionalny Ośrodek "
    "Polityki Społecznej w Białymstoku. Uczestnicy odwiedzili Spółdzielnię Socjalną „Pod Dachem” "
    "w Łomży, gdzie spotkali się z prezes spółdzielni, Panią Ewą Żmudą, która opowiedziała o "
    "reintegracji społeczno-zawodowej osób zagrożonych wykluczeniem społecznym.",
    "Drugiego dnia grupa zwiedziła Środowiskowy Dom Samopomocy w Zambrowie oraz Warsztat Terapii "
    "Zajęciowej prowadzony przez Stowarzyszenie na rzecz Osób Niepełnosprawnych.",
]
PLAIN = TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
FOOTER = "Regionalny Ośrodek Polityki Społecznej, ul. Mickiewicza 3, 15-213 Białystok"


def page_html(title: str = TITLE, paragraphs=PARAGRAPHS) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">
<title>{html.escape(title)} | ROPS Białystok</title></head><body>
<div class="cookies">Ta strona używa plików cookies. <a href="/cookies">Więcej</a> <button>Akceptuję</button></div>
<nav><ul><li><a href="/">Strona główna</a></li><li><a href="/o-nas">O nas</a></li>
<li><a href="/owes">Ośrodki Wsparcia Ekonomii Społecznej</a></li></ul></nav>
<div class="breadcrumbs"><a href="/">Start</a> » <a href="/aktualnosci">Aktualności</a></div>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article>
<div class="share">Udostępnij: <a href="https://facebook.com">Facebook</a> <a href="https://x.com">X</a></div>
<aside><h3>Zobacz także</h3><ul><li><a href="/k">Konferencja w Suwałkach o spółdzielniach socjalnych</a></li>
<li><a href="/z">Zakład Aktywności Zawodowej w Augustowie otwarty</a></li></ul></aside></main>
<footer><p>{html.escape(FOOTER)}</p><p>© 2020 Wszelkie prawa zastrzeżone</p></footer></body></html>"""


def font_path() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def make_pdf(path: Path, paragraphs=(TITLE, *PARAGRAPHS), footer: str | None = FOOTER,
             width: float = 120, pages: int = 1) -> Path:
    """A PDF with a text layer: paragraphs wrapped by the layout at ``width`` mm, one blank
    line between them, and a footer line on every page."""
    from fpdf import FPDF

    class Doc(FPDF):
        def footer(self):
            if footer:
                self.set_y(-15)
                self.set_font("dejavu", size=8)
                self.cell(0, 10, footer)

    pdf = Doc(format="A4")
    pdf.add_font("dejavu", fname=str(font_path()))
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("dejavu", size=11)
        for k, para in enumerate(paragraphs):
            if k:
                pdf.ln(5)  # a blank line (the line height is 5 mm)
            pdf.multi_cell(width, 5, para, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).text((10, 10), "Wizyta studyjna", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buf, x=10, y=10, w=150)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading(TITLE, level=1)
    for para in PARAGRAPHS:
        d.add_paragraph(para)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dzień", "Miejsce"
    table.cell(1, 0).text, table.cell(1, 1).text = "15 maja", "Warsztat Terapii Zajęciowej w Zambrowie"
    d.save(str(path))
    return path


def make_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    d = OpenDocumentText()
    d.text.addElement(H(outlinelevel=1, text=TITLE))
    for para in PARAGRAPHS:
        d.text.addElement(P(text=para))
    d.save(str(path))
    return path


def make_formats_folder(tmp_path: Path) -> Path:
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

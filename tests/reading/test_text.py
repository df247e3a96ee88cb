"""Reading plain text: encodings of Polish text, and clear refusals of what is no report."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from extract.reading import (  # noqa: E402
    InputError,
    Report,
    collect_inputs,
    decode_bytes,
    read_report,
    read_text_input,
)

PANGRAM = "Zażółć gęślą jaźń"
SPOLDZIELNIA = "Spółdzielnia Socjalna w Łomży"
REPORT = (
    "Wizyta studyjna w województwie podlaskim\n"
    "W dniach 14–15 maja 2019 r. uczestnicy odwiedzili Spółdzielnię Socjalną „Pod Dachem” "
    "w Łomży oraz Środowiskowy Dom Samopomocy w Zambrowie. ZAŻÓŁĆ GĘŚLĄ JAŹŃ.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --------------------------------------------------------------------------- encodings


def test_utf8_report(tmp_path):
    p = write(tmp_path, "r001.txt", REPORT.encode("utf-8"))
    r = read_report(p)
    assert isinstance(r, Report)
    assert (r.doc_id, r.text, r.encoding, r.warnings) == ("r001", REPORT, "utf-8", [])
    assert r.path == p


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2"])
@pytest.mark.parametrize("text", [PANGRAM, PANGRAM.upper(), REPORT.replace("–", "-").replace("„", '"')
                                  .replace("”", '"')])
def test_eight_bit_polish_is_detected(tmp_path, encoding, text):
    p = write(tmp_path, "stary.txt", text.encode(encoding))
    r = read_report(p)
    assert r.text == text
    assert r.encoding == encoding
    assert any(f"decoded as {encoding}" in w for w in r.warnings)


def test_cp1250_typographic_quotes_and_dashes(tmp_path):
    # „ ” – live in 0x80-0x9F in cp1250, where ISO-8859-2 has control characters.
    r = read_report(write(tmp_path, "cudzyslow.txt", REPORT.encode("cp1250")))
    assert (r.text, r.encoding) == (REPORT, "cp1250")


def test_spoldzielnia_in_both_code_pages(tmp_path):
    # ó, Ł and ż have the same byte in both code pages, so this sentence is the same file in
    # either: whichever name is reported, the text must come out right.
    assert SPOLDZIELNIA.encode("cp1250") == SPOLDZIELNIA.encode("iso-8859-2")
    r = read_report(write(tmp_path, "lomza.txt", SPOLDZIELNIA.encode("iso-8859-2")))
    assert r.text == SPOLDZIELNIA
    assert r.encoding in ("cp1250", "iso-8859-2")
    # With one telling letter (ś, ą or ź) the code page is pinned down.
    for enc in ("cp1250", "iso-8859-2"):
        text = SPOLDZIELNIA + " prowadzi świetlicę."
        r = read_report(write(tmp_path, f"lomza-{enc}.txt", text.encode(enc)))
        assert (r.text, r.encoding) == (text, enc)


def test_utf8_bom_is_removed_and_noted(tmp_path):
    r = read_report(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + PANGRAM.encode("utf-8")))
    assert r.text == PANGRAM
    assert r.encoding == "utf-8"
    assert any("byte-order mark" in w for w in r.warnings)


def test_utf16_with_bom(tmp_path):
    r = read_report(write(tmp_path, "u16.txt", PANGRAM.encode("utf-16")))
    assert (r.text, r.encoding) == (PANGRAM, "utf-16")


def test_crlf_is_kept_so_offsets_match_the_file(tmp_path):
    text = "Wizyta w Łomży\r\nUczestnicy odwiedzili Zambrów.\r\n"
    r = read_report(write(tmp_path, "crlf.txt", text.encode("utf-8")))
    assert r.text == text
    assert r.text.index("Zambrów") == text.index("Zambrów")


def test_mostly_utf8_with_a_broken_byte(tmp_path):
    data = REPORT.encode("utf-8") + b"\xff koniec."
    r = read_report(write(tmp_path, "zepsuty.txt", data))
    assert r.encoding == "utf-8"
    assert r.text.startswith(REPORT)
    assert "\ufffd" in r.text
    assert any("U+FFFD" in w for w in r.warnings)


def test_decode_bytes_directly():
    assert decode_bytes(PANGRAM.encode("cp1250"))[:2] == (PANGRAM, "cp1250")
    assert decode_bytes(PANGRAM.encode("iso-8859-2"))[:2] == (PANGRAM, "iso-8859-2")
    assert decode_bytes(b"plain ascii") == ("plain ascii", "utf-8", [])


# --------------------------------------------------------------------------- refusals


def assert_refused(path: Path, *words: str, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_report(path, **kwargs)
    msg = str(info.value)
    assert path.name in msg
    assert info.value.path == path
    for w in words:
        assert w in msg.lower()
    return info.value


def test_empty_and_whitespace_only(tmp_path):
    assert_refused(write(tmp_path, "pusty.txt", b""), "empty")
    assert_refused(write(tmp_path, "spacje.txt", b" \n\t\r\n  "), "empty")
    assert_refused(write(tmp_path, "bom-only.txt", b"\xef\xbb\xbf\n"), "empty")


def test_binary_files(tmp_path):
    assert_refused(write(tmp_path, "raport.pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "not a readable pdf")
    assert_refused(write(tmp_path, "zdjecie.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "png")
    assert_refused(write(tmp_path, "nule.txt", b"Wizyta\x00\x00\x01\x02studyjna"), "nul")
    assert_refused(write(tmp_path, "sterujace.txt", bytes(range(1, 9)) * 50 + b"tekst"), "control")


def test_a_zip_that_is_no_document_is_refused(tmp_path):
    p = tmp_path / "archiwum.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("inne.xml", f"<x>{PANGRAM}</x>")
    assert_refused(p, "zip", "neither")


def test_a_broken_docx_is_named(tmp_path):
    p = tmp_path / "sprawozdanie.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", f"<w:document><w:t>{PANGRAM}</w:t></w:document>")
    assert_refused(p, "docx")


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    page = ("<!DOCTYPE html>\n<html lang=\"pl\"><head><title>Wizyta</title></head>"
            f"<body><article><h1>Wizyta w Łomży</h1><p>{REPORT}</p></article></body></html>")
    r = read_report(write(tmp_path, "strona.txt", page.encode("utf-8")))
    assert r.format == "html"
    assert "<" not in r.text and "Spółdzielnię Socjalną „Pod Dachem”" in r.text
    assert any("read as html" in w for w in r.warnings)


def test_text_mentioning_a_tag_is_fine(tmp_path):
    text = "Uczestnicy omówili znacznik <b> w biuletynie oraz relację a < b > c. " + PANGRAM
    assert read_report(write(tmp_path, "ok.txt", text.encode("utf-8"))).text == text


def test_too_large(tmp_path):
    p = write(tmp_path, "duzy.txt", (REPORT * 100).encode("utf-8"))
    err = assert_refused(p, "too large", max_bytes=1000)
    assert "1,000" in str(err)
    assert read_report(p).text == REPORT * 100  # fine under the default limit


def test_missing_file(tmp_path):
    assert_refused(tmp_path / "nie-ma.txt", "no such file")


def test_directory(tmp_path):
    d = tmp_path / "raporty.txt"
    d.mkdir()
    assert_refused(d, "folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable(tmp_path):
    p = write(tmp_path, "tajny.txt", PANGRAM.encode("utf-8"))
    p.chmod(0)
    try:
        assert_refused(p, "permission")
    finally:
        p.chmod(0o644)


def test_unreadable_simulated(tmp_path, monkeypatch):
    p = write(tmp_path, "tajny.txt", PANGRAM.encode("utf-8"))
    real_open = open

    def deny(path, *args, **kwargs):
        if Path(path) == p:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    assert_refused(p, "permission")


# --------------------------------------------------------------------------- raw strings


def test_read_text_input():
    r = read_text_input(REPORT, "api-1")
    assert (r.doc_id, r.text, r.path, r.warnings) == ("api-1", REPORT, None, [])
    r = read_text_input("\ufeff" + PANGRAM, "api-2")
    assert r.text == PANGRAM and r.warnings
    with pytest.raises(InputError, match="api-3"):
        read_text_input("   ", "api-3")
    with pytest.raises(InputError, match="api-4.*html"):
        read_text_input("<html><body>x</body></html>", "api-4")
    with pytest.raises(InputError, match="decode"):
        read_text_input(PANGRAM.encode("utf-8"), "api-5")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="doc_id"):
        read_text_input(PANGRAM, "")


# --------------------------------------------------------------------------- collecting


def test_collect_inputs(tmp_path):
    d = tmp_path / "raporty"
    (d / "stare").mkdir(parents=True)
    for name in ("r002.txt", "r001.TXT", "notatki.md", ".ukryty.txt", "stare/r000.txt"):
        (d / name).write_text(PANGRAM, encoding="utf-8")
    extra = tmp_path / "pojedynczy.md"
    extra.write_text(PANGRAM, encoding="utf-8")

    # every visible file of a folder (the reader then names what it cannot read)
    assert [p.name for p in collect_inputs([d])] == ["notatki.md", "r001.TXT", "r002.txt"]
    assert [p.name for p in collect_inputs([str(d)], recursive=True)] == \
        ["notatki.md", "r001.TXT", "r002.txt", "r000.txt"]
    got = collect_inputs([extra, d, d / "r001.TXT"], pattern="*.txt")
    assert [p.name for p in got] == ["r001.TXT", "r002.txt"]
    assert [p.name for p in collect_inputs(d, pattern="*.md")] == ["notatki.md"]
    assert [p.name for p in collect_inputs([str(d / "r00*.txt")])] == ["r002.txt"]


def test_collect_inputs_errors(tmp_path):
    with pytest.raises(InputError, match="brak-folderu"):
        collect_inputs([tmp_path / "brak-folderu"])
    empty = tmp_path / "pusty-folder"
    empty.mkdir()
    with pytest.raises(InputError, match="pusty-folder"):
        collect_inputs([empty])
    assert collect_inputs([empty], allow_empty=True) == []
    with pytest.raises(InputError, match=r"nic\*\.txt"):
        collect_inputs([str(tmp_path / "nic*.txt")])


def test_corpus_reads_clean():
    raw = ROOT / "corpus" / "raw"
    if not raw.is_dir():
        pytest.skip("no corpus/raw")
    for p in collect_inputs([raw]):
        r = read_report(p)
        assert r.encoding == "utf-8" and r.text.strip(), p


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_not_blocking(tmp_path):
    p = tmp_path / "potok.txt"
    os.mkfifo(p)
    assert_refused(p, "regular file")

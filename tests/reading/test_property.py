"""Property: whatever Polish text a report holds, reading its file gives that text back."""
from __future__ import annotations

import codecs
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from extract.reading import collect_sources, read_report

POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
PANGRAM = " Zażółć gęślą jaźń."  # a file always has some Polish letters among ASCII ones
ALPHABET = string.ascii_letters + string.digits + POLISH + " .,;:!?()-–„”\"'\n\t"
texts = st.text(alphabet=ALPHABET, max_size=400).map(lambda t: t + PANGRAM)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")  # with its byte-order mark
    return text.encode(encoding)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=texts, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1250", "iso-8859-2"]),
       crlf=st.booleans(), ext=st.sampled_from([".txt", ".TXT", ".Txt"]))
def test_plain_text_comes_back_exactly(text, encoding, crlf, ext):
    if crlf:
        text = text.replace("\n", "\r\n")
    if encoding in ("cp1250", "iso-8859-2"):
        text = text.replace("–", "-").replace("„", '"').replace("”", '"')  # not in ISO-8859-2
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"raport{ext}"
        p.write_bytes(encode(text, encoding))
        r = read_report(p)
    assert r.text == text
    assert r.format == "txt"


@given(st.lists(st.lists(st.sampled_from(["a", "b", "Łódź", "2019"]), min_size=1, max_size=3),
                min_size=1, max_size=8, unique_by=tuple),
       st.sampled_from([".txt", ".html", ".TXT"]))
@settings(max_examples=60, deadline=None)
def test_doc_ids_are_unique_and_stable(parts, ext):
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        made = []
        for segs in parts:
            p = root.joinpath(*segs[:-1], segs[-1] + ext)
            if any(q.is_file() for q in [p, *p.parents]) or p.is_dir():
                continue  # a name already used as a file or folder
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text("x", encoding="utf-8")
            made.append(p)
        first = [s.doc_id for s in collect_sources([root], recursive=True).sources]
        again = [s.doc_id for s in collect_sources([root], recursive=True).sources]
    assert len(first) == len(set(first)) == len(made)
    assert first == again

"""``wizyty review OUT``: a static offline site whose pages mark every extracted mention."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.review.marks import Mark, nest, render
from extract.tables import read_tables

# A made-up report (not from any corpus): hosts, a person, places, dates, an organiser.
REPORT = """Wizyta studyjna w Lublinie i Chełmie
W dniach 12-14 maja 2019 r. Regionalny Ośrodek Polityki Społecznej w Rzeszowie zorganizował wizytę studyjną dla 25 osób.
Uczestnicy odwiedzili Centrum Integracji Społecznej w Lublinie, gdzie Pani Anna Nowak, kierownik placówki, przedstawiła zasady reintegracji społecznej i zawodowej.
Następnie grupa zwiedziła Warsztat Terapii Zajęciowej w Chełmie oraz spółdzielnię socjalną „Razem” w Chełmie, która zatrudnia osoby z niepełnosprawnościami.
"""


class MarkCollector(HTMLParser):
    """Text of every <mark> with an id, the page's plain text, and external references."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.in_text = 0
        self.plain: list[str] = []
        self.refs: list[str] = []
        self.marks = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "href"):
            if a.get(name):
                self.refs.append(a[name])
        if tag == "link":
            self.refs.append(a.get("href", ""))
        if tag == "div" and a.get("id") == "text":
            self.in_text = 1
        elif self.in_text and tag == "div":
            self.in_text += 1
        if tag == "mark":
            self.marks += 1
            self.stack.append(a.get("id"))
            if a.get("id"):
                self.texts[a["id"]] = ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()
        elif tag == "div" and self.in_text:
            self.in_text -= 1

    def handle_data(self, data):
        for ident in self.stack:
            if ident:
                self.texts[ident] += data
        if self.in_text:
            self.plain.append(data)


def parse(path: Path) -> MarkCollector:
    p = MarkCollector()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    reports = folder / "reports"
    reports.mkdir()
    (reports / "nowy_raport.txt").write_text(REPORT, encoding="utf-8")
    seed = Path(__file__).resolve().parents[2] / "corpus" / "raw"
    out = folder / "out"
    assert main(["run", str(reports), str(seed), "--out", str(out), "--rules-only", "-q"]) == 0
    assert main(["review", str(out)]) == 0
    return out


def test_index_lists_every_report_with_links(site):
    index = site / "review" / "index.html"
    visits = read_tables(site)["visits"]
    page = index.read_text(encoding="utf-8")
    for doc_id in visits["doc_id"]:
        assert f'href="reports/{doc_id}.html"' in page
        assert (site / "review" / "reports" / f"{doc_id}.html").is_file()
    assert 'id="q"' in page and 'id="status"' in page  # filters
    assert "Regionalny Ośrodek Polityki Społecznej" in page


def test_every_mention_is_inside_its_mark(site):
    tables = read_tables(site)
    checked = exact = 0
    for visit in tables["visits"].itertuples():
        page = parse(site / "review" / "reports" / f"{visit.doc_id}.html")
        for name, key in (("hosts", "host_id"), ("people", "person_id"), ("places", "place_id")):
            rows = tables[name][tables[name]["visit_id"] == visit.visit_id]
            for row in rows.itertuples():
                ident = f"m-{getattr(row, key)}"
                assert ident in page.texts, (visit.doc_id, name, row.mention)
                # the mark's text is the mention (a mention crossing another one is widened)
                assert row.mention in page.texts[ident]
                exact += page.texts[ident] == row.mention
                checked += 1
    assert checked > 30 and exact >= checked - 2


def test_page_text_is_the_report_unchanged(site):
    page = parse(site / "review" / "reports" / "nowy_raport.html")
    assert "".join(page.plain) == REPORT


def test_hover_shows_base_form_type_city_and_rule(site):
    text = (site / "review" / "reports" / "nowy_raport.html").read_text(encoding="utf-8")
    marks = re.findall(r'<mark class="k-host"[^>]*>', text)
    assert marks
    cis = [m for m in marks if 'data-type="CIS"' in m]
    assert cis, marks
    title = html.unescape(re.search(r'title="([^"]*)"', cis[0]).group(1))
    assert "Centrum Integracji Społecznej" in title and "type CIS" in title and "rule" in title
    assert "city Lublin" in title
    # the visit's fields and topic evidence are marked too, and rows link to their spans
    for kind in ("k-dates", "k-organizer", "k-title", "k-participants", "k-topic", "k-person", "k-place"):
        assert f'class="{kind}"' in text, kind
    hosts = read_tables(site)["hosts"]
    for host_id in hosts[hosts["doc_id"] == "nowy_raport"]["host_id"]:
        assert f'href="#m-{host_id}"' in text and f'id="row-{host_id}"' in text


def test_no_network_loads(site):
    for path in (site / "review").rglob("*.html"):
        page = parse(path)
        text = path.read_text(encoding="utf-8")
        assert not [r for r in page.refs if re.match(r"(?i)^(https?:)?//", r)], path
        assert "@import" not in text and "url(" not in text.replace("data:", ""), path
        assert not re.search(r"<script[^>]+src=", text), path


def test_missing_values_are_flagged(site):
    page = (site / "review" / "index.html").read_text(encoding="utf-8")
    visits = read_tables(site)["visits"]
    if visits["organizer"].isna().any():
        assert "no organizer" in page


def test_failed_reports_first(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dobry.txt").write_text(REPORT, encoding="utf-8")
    main(["run", str(tmp_path / "in"), "--out", str(out), "--rules-only", "-q"])
    docs = pd.DataFrame([{"doc_id": "zepsuty", "source_path": "zepsuty.pdf", "status": "failed",
                          "error": "a PDF without text"},
                         {"doc_id": "dobry", "source_path": "dobry.txt", "status": "processed", "error": ""}])
    if not (out / "documents.csv").exists():
        docs.to_csv(out / "documents.csv", index=False)
    else:  # the run wrote its own documents table: add a failure to it
        existing = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
        pd.concat([docs.iloc[:1].astype(str), existing]).to_csv(out / "documents.csv", index=False)
    assert main(["review", str(out)]) == 0
    page = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert page.index("zepsuty") < page.index("dobry") and "a PDF without text" in page


def test_review_of_a_missing_folder_is_a_one_line_error(tmp_path, capsys):
    assert main(["review", str(tmp_path / "nic")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_crossing_spans_nest():
    text = "Centrum Integracji Społecznej w Lublinie"
    marks = [Mark(0, 29, "host", anchor="h"), Mark(8, 40, "topic", anchor="t"),
             Mark(32, 40, "place", anchor="p")]
    pieces = nest(marks, len(text))
    # the topic evidence is cut at the host's edge; host and place stay whole
    assert [(m.kind, m.start, m.end) for m in pieces if m.kind != "topic"] == [("host", 0, 29), ("place", 32, 40)]
    assert sorted((m.start, m.end) for m in pieces if m.kind == "topic") == [(8, 29), (29, 32), (32, 40)]
    out = render(text, marks)
    assert re.sub(r"<[^>]+>", "", out) == text
    assert out.count("<mark") == out.count("</mark>") == 5


def test_crossing_entity_mentions_both_stay_inside_a_mark():
    text = "Zakład Aktywności Zawodowej Fundacji Dialog"
    out = render(text, [Mark(0, 27, "host", anchor="a"), Mark(18, 43, "host", anchor="b")])
    assert re.sub(r"<[^>]+>", "", out) == text
    assert '<mark class="k-host" data-kind="host" id="b"' in out.split("Zakład")[0]  # b is outer
    assert 'data-start="18"' in out and out.count("<mark") == 2


def test_text_found_when_the_source_moved(tmp_path):
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "nowy.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    main(["run", str(reports), "--out", str(out), "--rules-only", "-q"])
    moved = tmp_path / "archive"
    (reports / "nowy.txt").rename(tmp_path / "nowy.txt")
    moved.mkdir()
    (tmp_path / "nowy.txt").rename(moved / "nowy.txt")
    kept = out / "texts" / "nowy.txt"
    assert main(["review", str(out), "--reports", str(moved)]) == 0
    page = parse(out / "review" / "reports" / "nowy.html")
    assert "".join(page.plain) == REPORT
    if not kept.exists():  # without the run's own copy the page says where to look
        assert main(["review", str(out)]) == 0
        assert "--reports" in (out / "review" / "reports" / "nowy.html").read_text(encoding="utf-8")

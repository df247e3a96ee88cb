"""Offsets of the visit's values and of topic evidence (extract/output/provenance.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.output.provenance import locate_evidence, locate_title, parse_offsets

SEED = Path(__file__).resolve().parents[2] / "corpus" / "raw"


def test_title_found_exactly_or_across_line_breaks():
    text = "Aktualności\nWizyta studyjna  w\nBydgoszczy\nW dniach 5-8 lipca..."
    start, end = locate_title(text, "Wizyta studyjna w Bydgoszczy")
    assert text[start:end].split() == ["Wizyta", "studyjna", "w", "Bydgoszczy"]
    assert locate_title(text, "Wizyta studyjna w Toruniu") is None
    heading = "Relacja z wizyty studyjnej 20-23.10.2018 r. woj. małopolskie\n\nW dniach"
    start, end = locate_title(heading, "Relacja z wizyty studyjnej woj. małopolskie")
    assert heading[start:end] == "Relacja z wizyty studyjnej 20-23.10.2018 r. woj. małopolskie"
    assert locate_title(text, None) is None


def test_evidence_offsets_cover_every_whole_word_occurrence():
    text = "Ekonomia społeczna to praca. Ekonomia społeczna i ekonomia społecznaX."
    offs = parse_offsets(locate_evidence(text, "Ekonomia społeczna; praca"))
    assert [text[a:b] for a, b in offs] == ["Ekonomia społeczna", "praca", "Ekonomia społeczna"]


def test_parse_offsets_skips_garbage():
    assert parse_offsets("3-5;x-7;;10-12") == [(3, 5), (10, 12)]
    assert parse_offsets(None) == []


def test_seed_reports_visit_values_point_at_their_text(nlp):
    import extract

    tables = extract.extract([SEED], nlp=nlp)
    visits, topics = tables["visits"], tables["topics"]
    located = 0
    for row in visits.itertuples():
        text = Path(row.source_path).read_text(encoding="utf-8")
        if not pd_na(row.title_start):
            words = text[row.title_start:row.title_end].split()
            assert words[0] == row.title.split()[0] and words[-1] == row.title.split()[-1]
            located += 1
        if not pd_na(row.organizer_start):
            span = text[row.organizer_start:row.organizer_end]
            assert span.split()[0][:4] == row.organizer.split()[0][:4]
        if not pd_na(row.participants_start):
            assert text[row.participants_start:row.participants_end].startswith(
                str(row.participants_count))
        if row.start_date and not pd_na(row.dates_start):
            assert any(ch.isdigit() for ch in text[row.dates_start:row.dates_end])
    assert located >= 3
    assert visits["dates_start"].notna().sum() >= 3
    texts = {r.visit_id: Path(r.source_path).read_text(encoding="utf-8") for r in visits.itertuples()}
    for row in topics.itertuples():
        offs = parse_offsets(row.evidence_offsets)
        assert offs, row
        found = {texts[row.visit_id][a:b] for a, b in offs}
        # every phrase quoted as evidence is at one of the offsets ("host CIS: …" names a host)
        pieces = {p.strip() for p in row.evidence.split(";") if not p.strip().startswith("host ")}
        assert pieces <= found, (row.topic, pieces - found)


def pd_na(value) -> bool:
    import pandas as pd

    return value is None or pd.isna(value)

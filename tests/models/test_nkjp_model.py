"""Smoke tests of the shipped Polish pipeline models/nkjp_pl/model (no accuracy thresholds)."""
from pathlib import Path

import pytest

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "nkjp_pl" / "model"
LABELS = {"persName", "orgName", "placeName", "geogName", "date", "time"}

SENTENCES = [
    ("Spotkaliśmy się z Panem Jarosławem Pileckim w Bydgoszczy.", {"persName", "placeName"}),
    ("W poniedziałek prezydent Andrzej Duda przyjechał do Krakowa.", {"persName", "placeName"}),
    ("Delegacja z Gdańska rozmawiała z Janem Kowalskim o współpracy.", {"persName", "placeName"}),
]


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip(f"model not present: {MODEL_DIR}")
    spacy = pytest.importorskip("spacy")
    return spacy.load(MODEL_DIR)


def test_loads_with_expected_components(nlp):
    assert nlp.lang == "pl"
    for name in ("tok2vec", "tagger", "attribute_ruler", "ner"):
        assert name in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == LABELS


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_entities(nlp, text, expected):
    doc = nlp(text)
    labels = {e.label_ for e in doc.ents}
    assert labels <= LABELS
    assert expected <= labels, [(e.text, e.label_) for e in doc.ents]


def test_person_and_place_spans(nlp):
    doc = nlp(SENTENCES[0][0])
    ents = {(e.text, e.label_) for e in doc.ents}
    assert any(lab == "persName" and "Pileck" in txt for txt, lab in ents), ents
    assert any(lab == "placeName" and "Bydgoszcz" in txt for txt, lab in ents), ents


def test_tags_pos_lemmas_sentences(nlp):
    doc = nlp("Delegacja odwiedziła szkołę w Toruniu. Uczniowie pokazali nam laboratorium.")
    assert all(t.tag_ for t in doc)
    assert all(t.pos_ for t in doc)
    assert all(t.lemma_ for t in doc)
    assert len(list(doc.sents)) >= 1
    szkole = [t for t in doc if t.text == "szkołę"][0]
    assert szkole.tag_.split(":")[0] == "subst"
    assert szkole.pos_ == "NOUN"

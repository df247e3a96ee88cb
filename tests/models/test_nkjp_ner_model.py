"""Smoke tests of models/nkjp_pl/ner_model, the NER with Morfeusz2 token features."""
from pathlib import Path

import pytest

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "nkjp_pl" / "ner_model"
needs_model = pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(),
                                 reason=f"model not present: {MODEL_DIR}")


@pytest.fixture(scope="module")
def nlp():
    from extract.pipeline import build_pipeline

    return build_pipeline(overrides={"wizyty.statistical_model": "models/nkjp_pl/ner_model"},
                          require_model=True)


@needs_model
def test_sourced_before_the_rules(nlp):
    assert nlp.pipe_names[:2] == ["tok2vec", "ner"]
    cfg = nlp.get_pipe_config("tok2vec")
    assert cfg["model"]["embed"]["@architectures"] == "wizyty.MorfeuszHashEmbed.v2"


@needs_model
@pytest.mark.parametrize("text,expected", [
    ("Spotkaliśmy się z Panem Jarosławem Pileckim w Bydgoszczy.",
     {("Jarosławem Pileckim", "persName"), ("Bydgoszczy", "placeName")}),
    ("Delegacja z Gdańska rozmawiała z Janem Kowalskim o współpracy.",
     {("Gdańska", "placeName"), ("Janem Kowalskim", "persName")}),
])
def test_entities(nlp, text, expected):
    doc = nlp(text)
    assert expected <= {(e.text, e.label_) for e in doc.ents}, [(e.text, e.label_) for e in doc.ents]

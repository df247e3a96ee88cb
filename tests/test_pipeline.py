"""Assembling the pipeline: config, statistical layer sourcing, fallback."""
import logging

import spacy

from extract.pipeline import build_pipeline


def test_rule_components_in_config_order():
    nlp = build_pipeline(statistical=False)
    assert nlp.pipe_names[:2] == ["wizyty_sentences", "wizyty_morfeusz"]
    # topics weigh the kinds of the visited hosts, so they follow the visit step
    assert nlp.pipe_names[-2:] == ["wizyty_visit", "wizyty_topics"]
    assert "ner" not in nlp.pipe_names


def test_statistical_layer_is_sourced_in_front(tmp_path):
    # a stand-in for pl_core_news_sm or the NKJP model: any spaCy Polish pipeline with NER
    stat = spacy.blank("pl")
    ner = stat.add_pipe("ner")
    for label in ("persName", "orgName", "placeName"):
        ner.add_label(label)
    stat.initialize()
    stat.to_disk(tmp_path / "stat")
    nlp = build_pipeline(overrides={"wizyty.statistical_model": str(tmp_path / "stat")})
    assert nlp.pipe_names[0] == "ner"
    assert nlp.meta["wizyty_statistical"]["components"] == ["ner"]
    doc = nlp("Uczestnicy odwiedzili Fundację „Wiatrak” w Bydgoszczy.")
    assert [h.name for h in doc._.visit.hosts] == ["Fundacja „Wiatrak”"]


def test_missing_model_falls_back_to_rules(caplog):
    with caplog.at_level(logging.WARNING):
        nlp = build_pipeline(overrides={"wizyty.statistical_model": "pl_model_that_is_not_installed"})
    assert "ner" not in nlp.pipe_names
    assert "not available" in caplog.text


def test_config_values_reach_components():
    nlp = build_pipeline(overrides={"components.wizyty_topics.threshold": 0.99}, statistical=False)
    doc = nlp("Uczestnicy poznali podmioty ekonomii społecznej i spółdzielnie socjalne.")
    assert all(t.score >= 0.99 for t in doc._.topics)

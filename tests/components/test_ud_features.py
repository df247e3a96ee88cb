"""Morfeusz2 features of the embedding layers (extract/components/ud_features.py)."""
import pytest
import spacy

from extract.components.ud_features import FEATURES, morfeusz_hash_embed, morfeusz_hash_embed_v2


def test_ambiguity_classes_and_name_labels():
    assert FEATURES["classes"]("Kowalski") == "adj|subst"
    assert FEATURES["names"]("Kowalski") == "nazwisko"
    assert "imię" in FEATURES["names"]("Jan").split("|")
    assert FEATURES["names"]("fundacja") == "nazwa_pospolita"
    assert FEATURES["classes"]("Qwxzyk") == "ign"  # unknown to Morfeusz


def test_gazetteer_membership_needs_a_capital_and_a_locality_lemma():
    assert FEATURES["gazetteer"]("Bydgoszczy") == "yes"
    assert FEATURES["gazetteer"]("bydgoszczy") == "no"
    assert FEATURES["gazetteer"]("Fundacja") == "no"


def test_lemmas_join_the_inflected_forms_of_a_word():
    assert FEATURES["lemmas"]("Urzędu") == FEATURES["lemmas"]("urzędzie") == "urząd"
    assert FEATURES["lemmas"]("Qwxzyk") == "qwxzyk"  # unknown to Morfeusz: the form itself


def test_institution_heads_are_one_feature_value():
    assert FEATURES["institution"]("Fundacji") == FEATURES["institution"]("spółdzielni") == "yes"
    assert FEATURES["institution"]("Kowalski") == "no"


def test_embeddings_give_one_row_per_token():
    nlp = spacy.blank("pl")
    docs = [nlp("Delegacja z Gdańska odwiedziła Bydgoszcz."), nlp("Jan Kowalski")]
    for model in (morfeusz_hash_embed(32, ["NORM", "SHAPE"], [500, 50], 500),
                  morfeusz_hash_embed_v2(32, ["NORM", "SHAPE"], [500, 50],
                                         ["classes", "names", "gazetteer"], 500),
                  morfeusz_hash_embed_v2(32, ["NORM"], [500], ["lemmas", "tags"], [800, 300])):
        model.initialize(X=docs)
        assert [y.shape for y in model.predict(docs)] == [(6, 32), (2, 32)]


def test_unknown_feature_is_refused():
    with pytest.raises(ValueError, match="unknown Morfeusz features"):
        morfeusz_hash_embed_v2(32, ["NORM"], [500], ["names", "colour"], 500)


def test_one_table_size_per_feature():
    with pytest.raises(ValueError, match="2 sizes for 3 features"):
        morfeusz_hash_embed_v2(32, ["NORM"], [500], ["names", "tags", "lemmas"], [500, 500])

"""The optional UD tagger: Morfeusz readings chosen in context (extract/components/ud_tagger.py)."""
from pathlib import Path

import pytest

from extract.components.ud_tagger import default_upos, expand_tag

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "ud_pl" / "model"
needs_model = pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(),
                                 reason=f"UD tagger model not present: {MODEL_DIR}")


def test_expand_tag():
    assert expand_tag("subst:sg:nom.acc:m3") == ["subst:sg:nom:m3", "subst:sg:acc:m3"]
    assert expand_tag("adj:pl:acc:m2.m3:pos") == ["adj:pl:acc:m2:pos", "adj:pl:acc:m3:pos"]
    assert expand_tag("conj") == ["conj"]


def test_default_upos():
    assert default_upos("Warszawa", "subst:sg:gen:f", {"subst:sg:gen:f": "NOUN"}) == "PROPN"
    assert default_upos("ściana", "subst:sg:gen:f", {"subst:sg:gen:f": "NOUN"}) == "NOUN"
    assert default_upos("w", "prep:loc:nwok", {}) == "ADP"  # class fallback


@pytest.fixture(scope="module")
def nlp():
    from extract.pipeline import build_pipeline

    nlp = build_pipeline(statistical=True, overrides={"wizyty.statistical_model": "",
                                                      "wizyty.ud_tagger": "models/ud_pl/model"})
    nlp.select_pipes(enable=["wizyty_sentences", "wizyty_morfeusz", "wizyty_ud_tagger"])
    return nlp


def test_default_pipeline_has_no_ud_tagger():
    from extract.pipeline import build_pipeline

    assert "wizyty_ud_tagger" not in build_pipeline(statistical=False).pipe_names


@needs_model
def test_follows_the_morfeusz_step(nlp):
    names = nlp.pipe_names
    assert names.index("wizyty_ud_tagger") == names.index("wizyty_morfeusz") + 1


@needs_model
def test_every_token_gets_tag_pos_lemma(nlp):
    doc = nlp("Mężczyzna w czapce kuca na chodniku pod ścianą budynku, a koło niego jest pięć kotów.")
    for tok in doc:
        assert tok.tag_ and tok.pos_ and tok.lemma_, tok.text
        assert tok._.nkjp_tag == tok.tag_
    by_text = {t.text: t for t in doc}
    assert (by_text["czapce"].lemma_, by_text["czapce"].tag_) == ("czapka", "subst:sg:loc:f")
    assert by_text["czapce"].morph.get("Case") == ["Loc"]
    assert by_text["ścianą"].lemma_ == "ściana" and by_text["ścianą"].pos_ == "NOUN"
    assert (by_text["niego"].lemma_, by_text["niego"].pos_) == ("on", "PRON")
    assert by_text[","].pos_ == "PUNCT"


@needs_model
def test_context_chooses_the_reading(nlp):
    # "od" is a preposition here, not the genitive plural of "oda" (frequency tie-break)
    doc = nlp("Od poniedziałku pracujemy w Krakowie, a potem jedziemy do Bydgoszczy.")
    by_text = {t.text: t for t in doc}
    assert (by_text["Od"].lemma_, by_text["Od"].pos_) == ("od", "ADP")
    assert (by_text["potem"].lemma_, by_text["potem"].pos_) == ("potem", "ADV")
    assert by_text["Bydgoszczy"].lemma_ == "Bydgoszcz"
    assert by_text["Bydgoszczy"].pos_ == "PROPN"
    assert by_text["Krakowie"].lemma_ == "Kraków"


@needs_model
def test_numbers_and_unknown_words_keep_their_form(nlp):
    doc = nlp("W 2019 roku odwiedziliśmy Cooperativa Sicomoro.")
    assert doc[1].lemma_ == "2019" and doc[1].pos_ in {"ADJ", "NUM"}
    assert doc[2].lemma_ == "rok"
    assert doc[5].lemma_ == "Sicomoro"


def test_common_nouns_are_never_propn_by_default():
    # "subst:sg:nom:m1" is PROPN more often than not in the treebanks (person names), but a
    # lower-case lemma is always NOUN there: "zastępca", "wójt" are not names
    by_tag = {"subst:sg:nom:m1": "PROPN", "subst:sg:nom:n:ncol": "PRON"}
    assert default_upos("zastępca", "subst:sg:nom:m1", by_tag) == "NOUN"
    assert default_upos("Kowalski", "subst:sg:nom:m1", by_tag) == "PROPN"
    assert default_upos("spotkanie", "subst:sg:nom:n:ncol", by_tag) == "NOUN"


def test_treebank_readings_missing_from_morfeusz():
    from extract.components.ud_tagger import Tables, readings

    tables = Tables(upos={}, upos_by_tag={}, feats={}, feats_by_tag={}, lemma={}, upos_open=[],
                    extra={"niż": [["comp", "niż"]]})
    assert "comp" not in {r.tag for r in readings("niż")}  # Morfeusz: conj, prep, subst…
    assert [(r.tag, r.analysis.lemma) for r in tables.extra_readings("Niż")] == [("comp", "niż")]
    assert tables.extra_readings("jak") == ()


@needs_model
def test_pdb_conventions_for_function_words(nlp):
    # PDB: "niż" is a complementiser (SCONJ, tag "comp", which Morfeusz does not offer);
    # a common noun is NOUN even in a tag that names dominate ("zastępca")
    doc = nlp("Na spotkanie przyszło więcej osób niż w zeszłym roku, "
              "a gości przywitał zastępca wójta.")
    by_text = {t.text: t for t in doc}
    assert (by_text["niż"].tag_, by_text["niż"].pos_) == ("comp", "SCONJ")
    assert (by_text["zastępca"].lemma_, by_text["zastępca"].pos_) == ("zastępca", "NOUN")
    assert by_text["wójta"].pos_ == "NOUN"


def test_unseen_lemma_tag_pair_takes_the_lemmas_upos():
    from extract.components.ud_tagger import Tables

    # "swojemu" (adj:sg:dat:m1:pos) missing from the treebanks: "swój" is DET in all its cases
    tables = Tables(upos={}, upos_by_tag={"adj:sg:dat:m1:pos": "ADJ"}, feats={}, feats_by_tag={},
                    lemma={}, upos_open=[], upos_by_lemma={"swój\tadj": "DET"})
    assert tables.upos_of("swój", "adj:sg:dat:m1:pos") == "DET"
    assert tables.upos_of("nowy", "adj:sg:dat:m1:pos") == "ADJ"
    assert default_upos("10", "num:pl:nom:f:rec", {"num:pl:nom:f:rec": "DET"}) == "NUM"


@needs_model
def test_numbers_in_digits_get_a_number_tag(nlp):
    doc = nlp("Na szkolenie przyjechało 10 osób z trzech gmin, 0 z powiatu.")
    by_text = {t.text: t for t in doc}
    assert by_text["10"].tag_.split(":", 1)[0] in {"dig", "num", "adj"}
    assert by_text["0"].tag_.split(":", 1)[0] in {"dig", "num", "adj"}
    assert by_text["10"].lemma_ == "10"

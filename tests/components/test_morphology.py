"""Morfeusz2 component: analyses, lemmas and SGJP name labels on Polish text."""


def test_lemmas_and_name_labels(nlp):
    doc = nlp("Spotkaliśmy się z Panem Jarosławem Pileckim w Bydgoszczy.")
    by_text = {t.text: t for t in doc}
    assert by_text["Jarosławem"].lemma_ == "Jarosław"
    assert "imię" in by_text["Jarosławem"]._.name_labels
    assert "nazwisko" in by_text["Pileckim"]._.name_labels
    assert by_text["Bydgoszczy"].lemma_ == "Bydgoszcz"
    assert "nazwa_geograficzna" in by_text["Bydgoszczy"]._.name_labels
    assert by_text["Spotkaliśmy"].lemma_ == "spotkać"


def test_every_analysis_is_kept(nlp):
    doc = nlp("Brodnicy")
    lemmas = {a.lemma for a in doc[0]._.morf}
    tags = {a.tag for a in doc[0]._.morf}
    assert "Brodnica" in lemmas
    assert any(":gen:" in t for t in tags) and any("loc" in t for t in tags)


def test_hyphenated_compound_lemma(nlp):
    doc = nlp("Aktywizacji Społeczno-Zawodowej")
    assert doc[1].lemma_.lower() == "społeczno-zawodowy"


def test_unknown_word_keeps_its_text(nlp):
    doc = nlp("Cooperativa Sicomoro")
    assert doc[1].lemma_ == "Sicomoro"

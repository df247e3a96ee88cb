"""The per-report tables the rule steps read instead of spaCy Token objects."""
from extract.extensions import lemma_sets, nkjp_tags, sentences, text_of, token_table

REPORT = ("Wizyta studyjna w Bydgoszczy, 12 maja 2023 r.\n\n"
          "Spotkaliśmy się z Panem Jarosławem Pileckim, prezesem Spółdzielni Socjalnej „Kuźnia”. "
          "Uczestnicy odwiedzili też ZAZ w Toruniu  i CIS.")


def test_token_table_matches_the_tokens(nlp):
    doc = nlp(REPORT)
    t = token_table(doc)
    assert len(t) == len(doc)
    for i, tok in enumerate(doc):
        assert (t.text[i], t.lower[i], t.ws[i], t.idx[i]) == (tok.text, tok.lower_, tok.whitespace_, tok.idx)
        assert (t.is_title[i], t.is_upper[i], t.is_alpha[i], t.is_punct[i], t.is_space[i], t.like_num[i]) == (
            tok.is_title, tok.is_upper, tok.is_alpha, tok.is_punct, tok.is_space, tok.like_num)
        assert t.sent_start[i] == bool(tok.is_sent_start)
    assert text_of(doc) == doc.text == REPORT


def test_sentence_step_writes_the_tables_sentence_starts(nlp):
    doc = nlp.make_doc(REPORT)
    before = token_table(doc)  # built before any boundary is set
    nlp.get_pipe("wizyty_sentences")(doc)
    after = token_table(doc)
    assert after is before
    assert after.sent_start == [bool(tok.is_sent_start) for tok in doc]
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]
    assert sum(after.sent_start) >= 3  # heading line, two sentences


def test_lemma_table_holds_form_and_readings(nlp):
    doc = nlp(REPORT)
    sets = lemma_sets(doc)
    i = next(k for k, tok in enumerate(doc) if tok.text == "Bydgoszczy")
    assert {"bydgoszczy", "bydgoszcz"} <= sets[i]
    j = next(k for k, tok in enumerate(doc) if tok.text == "odwiedzili")
    assert "odwiedzić" in sets[j]


def test_nkjp_tags_are_one_list_per_doc(nlp):
    doc = nlp(REPORT)
    tags = nkjp_tags(doc)
    assert [tok._.nkjp_tag for tok in doc] == tags
    k = next(k for k, tok in enumerate(doc) if tok.text == "odwiedzili")
    assert tags[k].startswith("praet:pl")
    doc[k]._.nkjp_tag = "fin:pl:ter:perf"  # the setter writes the same list
    assert nkjp_tags(doc)[k] == "fin:pl:ter:perf"
    blank = nlp.make_doc("Bez tagów.")  # no Morfeusz step: empty tags
    assert [tok._.nkjp_tag for tok in blank] == ["", "", ""]

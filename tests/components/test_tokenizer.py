"""Tokenizer and sentence boundaries on real report sentences."""


def texts(doc):
    return [t.text for t in doc]


def test_abbreviations_stay_single_tokens(nlp):
    doc = nlp.make_doc("Spotkanie m.in. z z-cą dyr. ks. Janem przy ul. Długiej odbyło się w 2011 r.")
    toks = texts(doc)
    for abbr in ("m.in.", "z-cą", "dyr.", "ks.", "ul.", "r."):
        assert abbr in toks


def test_numeric_date_range_is_one_analysable_token(nlp):
    toks = texts(nlp.make_doc("W dniach 22-25.08.2016 r. odbyła się wizyta."))
    assert "22-25.08.2016" in toks
    toks = texts(nlp.make_doc("w dniach 5-8 lipca 2011 r."))
    assert toks[2:5] == ["5", "-", "8"]


def test_hyphenated_names_stay_whole(nlp):
    toks = texts(nlp.make_doc("Pani Barbara Stańska-Mackiewicz z województwa kujawsko-pomorskiego"))
    assert "Stańska-Mackiewicz" in toks and "kujawsko-pomorskiego" in toks


def test_abbreviations_do_not_end_sentences(nlp):
    doc = nlp("Uczestnicy odwiedzili m.in. Centrum Rehabilitacji pod wezwaniem św. Rocha. Następnie udali się do Łomży.")
    sents = [s.text for s in doc.sents]
    assert len(sents) == 2
    assert sents[0].endswith("Rocha.")


def test_year_abbreviation_can_end_a_sentence(nlp):
    doc = nlp("Wizyta odbyła się w dniach 5-8 lipca 2011 r. Wzięło w niej udział 30 osób.")
    assert len(list(doc.sents)) == 2


def test_line_breaks_end_headings(nlp):
    doc = nlp("Wizyta studyjna w Bydgoszczy\nW dniach 5-8 lipca uczestnicy odwiedzili ZAZ.")
    assert list(doc.sents)[0].text.strip() == "Wizyta studyjna w Bydgoszczy"


def test_wrapped_prose_lines_stay_one_sentence(nlp):
    line = ("Uczestnicy spotkali się z przedstawicielami Regionalnego Ośrodka Polityki Społecznej w Olsztynie, "
            "Warmińsko-Mazurskiego Sejmiku")
    doc = nlp(line + "\nOsób Niepełnosprawnych oraz Powiatowego Centrum Pomocy Rodzinie.")
    assert len(list(doc.sents)) == 1
    names = [s._.base for s in doc.spans["institutions"]]
    assert "Warmińsko-Mazurski Sejmik Osób Niepełnosprawnych" in names


def test_list_lines_without_full_stops_are_separate(nlp):
    doc = nlp("Wśród punktów wizyty znalazły się:\nWizyta w Fundacji Pomocy Wzajemnej Barka\n"
              "Spotkania z przedstawicielami Wielkopolskiego Centrum Ekonomii Solidarnej")
    names = [s._.base for s in doc.spans["institutions"]]
    assert names == ["Fundacja Pomocy Wzajemnej Barka", "Wielkopolskie Centrum Ekonomii Solidarnej"]

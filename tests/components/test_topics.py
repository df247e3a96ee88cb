"""Topics from lemma cue lists: evidence-backed codes with scores in [0, 1]."""


def topics(nlp, text):
    return {t.topic: t for t in nlp(text)._.topics}


def test_repeated_evidence_makes_a_topic(nlp):
    found = topics(nlp, "Uczestnicy poznali podmioty ekonomii społecznej. Spółdzielnie socjalne to ważna "
                        "część ekonomii społecznej w regionie.")
    assert "ekonomia_spoleczna" in found
    t = found["ekonomia_spoleczna"]
    assert 0 < t.score <= 1
    assert "ekonomii społecznej" in t.evidence


def test_inflected_cues_are_matched_by_lemma(nlp):
    found = topics(nlp, "Ośrodek wsparcia dla osób bezdomnych i zagrożonych bezdomnością prowadzi noclegownię.")
    assert "bezdomnosc" in found


def test_word_in_passing_is_not_a_topic(nlp):
    assert "seniorzy" not in topics(nlp, "Wizyta odbyła się w Łomży, a wśród gości był jeden senior.")


def test_overlapping_cues_count_once(nlp):
    found = topics(nlp, "W strukturach fundacji działają mieszkania chronione.")
    assert "mieszkalnictwo" not in found  # one mention, counted once, is a word in passing

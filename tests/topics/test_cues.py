"""Topic cue words: lemmas, and stems for words Morfeusz does not know."""
import pytest

from extract.topics.cues import TopicCues


@pytest.fixture(scope="module")
def cues():
    return TopicCues("topic_cues.csv")


def matched(nlp, cues, text):
    doc = nlp.make_doc(text)
    for name in ("wizyty_sentences", "wizyty_morfeusz"):
        doc = nlp.get_pipe(name)(doc)
    return {(m.topic, m.cue) for m in cues.matches(doc)}


def test_word_unknown_to_morfeusz_matches_by_stem(nlp, cues):
    # "deinstytucjonalizacji" is not in Morfeusz's dictionary: its form is its only lemma
    found = matched(nlp, cues, "Rozmawiano o deinstytucjonalizacji opieki.")
    assert ("deinstytucjonalizacja", "deinstytucjonalizacja") in found


def test_inflected_acronym_matches(nlp, cues):
    found = matched(nlp, cues, "Pracownicy OWES-u doradzali grupom inicjatywnym.")
    assert ("ekonomia_spoleczna", "owes") in found


def test_stem_needs_a_short_ending(nlp, cues):
    # a longer unknown word sharing the first letters is another word
    found = matched(nlp, cues, "Mówiono o deinstytucjonalizacjonizmowaniu.")
    assert not any(t == "deinstytucjonalizacja" for t, _ in found)


def test_longest_cue_counts_once(nlp, cues):
    found = matched(nlp, cues, "Zwiedzono mieszkania chronione.")
    assert ("mieszkalnictwo", "mieszkanie chronić") in found
    assert ("mieszkalnictwo", "mieszkanie") not in found

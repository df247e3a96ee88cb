"""Sentence boundaries: Polish abbreviations, line breaks, and a cost linear in the length."""
from __future__ import annotations

import sys

from spacy.tokens import Doc

REPORT = (
    "Wizyta studyjna w Łomży\n"
    "W dniach 14-15 maja 2019 r. uczestnicy odwiedzili m.in. Spółdzielnię Socjalną przy "
    "ul. Długiej. Grupę przyjął dyr. Jan Kowalski! Potem zwiedzono kościół św. Rocha.\n"
    "Uczestnicy wrócili do Białegostoku.\n\n"
)


class CountingDoc(Doc):
    """A Doc that counts the tokens spaCy scans when it checks for annotation.

    ``Token.is_sent_start = …`` calls ``doc.has_annotation("DEP")``, which walks the
    whole Doc: set per token, that is quadratic work, invisible to a Python profiler.
    """

    scanned = 0

    def has_annotation(self, attr, **kwargs):
        CountingDoc.scanned += len(self)
        return super().has_annotation(attr, **kwargs)


def counting_copy(doc: Doc) -> CountingDoc:
    return CountingDoc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def work(nlp, text: str) -> int:
    """Python calls made plus tokens rescanned while the sentence step runs on ``text``."""
    doc = counting_copy(nlp.make_doc(text))
    step = nlp.get_pipe("wizyty_sentences")
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    CountingDoc.scanned = 0
    sys.setprofile(count)
    try:
        step(doc)
    finally:
        sys.setprofile(None)
    return calls + CountingDoc.scanned


def sentences(nlp, text):
    doc = nlp.get_pipe("wizyty_sentences")(nlp.make_doc(text))
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_abbreviations_and_line_breaks(nlp):
    got = sentences(nlp, REPORT)
    assert got == [
        "Wizyta studyjna w Łomży",
        "W dniach 14-15 maja 2019 r. uczestnicy odwiedzili m.in. Spółdzielnię Socjalną przy "
        "ul. Długiej.",
        "Grupę przyjął dyr. Jan Kowalski!",
        "Potem zwiedzono kościół św. Rocha.",
        "Uczestnicy wrócili do Białegostoku.",
    ]


def test_boundaries_are_written_not_guessed(nlp):
    doc = nlp.get_pipe("wizyty_sentences")(nlp.make_doc(REPORT))
    assert doc.has_annotation("SENT_START", require_complete=True)
    assert doc[0].is_sent_start is True


def test_empty_and_one_token(nlp):
    assert len(nlp.get_pipe("wizyty_sentences")(nlp.make_doc(""))) == 0
    doc = nlp.get_pipe("wizyty_sentences")(nlp.make_doc("Łomża"))
    assert [t.is_sent_start for t in doc] == [True]


def test_work_grows_linearly_with_the_report(nlp):
    """Ten times the text costs about ten times the work, not a hundred times."""
    small, large = work(nlp, REPORT * 20), work(nlp, REPORT * 200)
    assert small > 0
    assert large / small < 13, (small, large)

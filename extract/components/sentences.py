"""Rule-based sentence boundaries that know Polish abbreviations.

spaCy's sentencizer breaks after every full stop; "ul. Długa", "św. Rocha" or
"m.in. Fundacja" must stay in one sentence, while "... 2011 r. Wizyta ..." breaks.
Line breaks always end a sentence: reports put headings on their own lines.

Cost is linear in the length of the report: the boundaries are decided in one pass and
written with one ``Doc.from_array`` call. Setting ``Token.is_sent_start`` token by token
is quadratic, because spaCy's setter rescans the whole Doc (``has_annotation("DEP")``) on
every assignment (a 400 KB report took 108 s).
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import TokenTable, text_of, token_table
from ..resources import read_lines

END_PUNCT = {".", "!", "?", "…", "..."}
CLOSERS = {"”", '"', "’", "'", ")", "»"}


class ReportSentencizer:
    def __init__(self, abbreviations: set[str], final_abbreviations: set[str]):
        self.abbreviations = {a.lower() for a in abbreviations}
        self.final = {a.lower() for a in final_abbreviations}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = [False] * len(doc)
        starts[0] = True
        doc_text = text_of(doc)
        t = token_table(doc)  # its sentence starts are rewritten below
        text, lower, n = t.text, t.lower, len(doc)
        for i in range(n - 1):
            if t.is_space[i] and "\n" in text[i]:
                if self._line_ends_sentence(doc_text, t, i):
                    starts[i + 1] = True
                continue
            low = lower[i]
            if low in END_PUNCT:
                j = i + 1
                while j < n and text[j] in CLOSERS:
                    j += 1
                if j < n and (t.is_title[j] or t.is_upper[j] or not t.is_alpha[j]):
                    starts[j] = True
            elif low in self.final and (t.is_title[i + 1] or t.is_upper[i + 1]) and t.is_alpha[i + 1]:
                starts[i + 1] = True
            elif low.endswith(".") and low not in self.abbreviations and len(low) > 2 and t.is_title[i + 1]:
                starts[i + 1] = True
        set_sentence_starts(doc, starts)
        t.sent_start[:] = starts
        return doc

    @staticmethod
    def _line_ends_sentence(text: str, t: TokenTable, i: int) -> bool:
        """A line break ends a sentence after end punctuation, before a blank line, a list
        item or a capital after a short line; a line broken mid-sentence goes on (the next
        line in lower case, or a long prose line: "…Sejmiku\\nOsób Niepełnosprawnych")."""
        space = t.text[i]
        if space.count("\n") > 1 or i == 0 or i + 1 >= len(t):
            return True
        prev, nxt = t.text[i - 1], t.text[i + 1]
        if prev[-1:] in ".!?:;…”\"" or not nxt[:1].isalnum():
            return True
        if nxt[:1].isdigit():
            return True
        if nxt[:1].islower():
            return False  # the sentence goes on
        # a capital after a line without end punctuation: a list item or heading, unless the
        # line is as long as wrapped prose lines are
        line_start = text.rfind("\n", 0, t.idx[i]) + 1
        return t.idx[i] - line_start < 90


def set_sentence_starts(doc: Doc, starts: list[bool]) -> None:
    """Write all sentence starts at once (1 = starts a sentence, -1 = does not)."""
    values = numpy.where(numpy.asarray(starts, dtype=bool), 1, -1).astype("int64")
    doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))


@Language.factory(
    "wizyty_sentences",
    default_config={
        "abbreviations": "abbreviations.txt",
        "final_abbreviations": "sentence_final_abbreviations.txt",
    },
)
def make_sentencizer(nlp: Language, name: str, abbreviations: str, final_abbreviations: str):
    return ReportSentencizer(set(read_lines(abbreviations)), set(read_lines(final_abbreviations)))

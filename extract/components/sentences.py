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
        doc_text = doc.text
        for i, tok in enumerate(doc[:-1]):
            nxt = doc[i + 1]
            if tok.is_space and "\n" in tok.text:
                if self._line_ends_sentence(doc_text, doc, i):
                    starts[i + 1] = True
                continue
            text = tok.text.lower()
            if text in END_PUNCT:
                j = i + 1
                while j < len(doc) and doc[j].text in CLOSERS:
                    j += 1
                if j < len(doc) and (doc[j].is_title or doc[j].is_upper or not doc[j].is_alpha):
                    starts[j] = True
            elif text in self.final and (nxt.is_title or nxt.is_upper) and nxt.is_alpha:
                starts[i + 1] = True
            elif text.endswith(".") and text not in self.abbreviations and len(text) > 2 and nxt.is_title:
                starts[i + 1] = True
        set_sentence_starts(doc, starts)
        doc.user_data.pop("wizyty_token_table", None)  # its sentence starts are stale
        return doc

    @staticmethod
    def _line_ends_sentence(text: str, doc: Doc, i: int) -> bool:
        """A line break ends a sentence after end punctuation, before a blank line, a list
        item or a capital after a short line; a line broken mid-sentence goes on (the next
        line in lower case, or a long prose line: "…Sejmiku\\nOsób Niepełnosprawnych")."""
        space = doc[i]
        if space.text.count("\n") > 1 or i == 0 or i + 1 >= len(doc):
            return True
        prev, nxt = doc[i - 1], doc[i + 1]
        if prev.text[-1:] in ".!?:;…”\"" or not nxt.text[:1].isalnum():
            return True
        if nxt.text[:1].isdigit():
            return True
        if nxt.text[:1].islower():
            return False  # the sentence goes on
        # a capital after a line without end punctuation: a list item or heading, unless the
        # line is as long as wrapped prose lines are
        line_start = text.rfind("\n", 0, space.idx) + 1
        return space.idx - line_start < 90


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

"""Date mentions and the visit's dates (STUB: owned by the dates helper, to be replaced).

Contract: factory "wizyty_dates" adds every date mention to ``doc.spans["dates"]`` with
``span._.attrs = {"start": "YYYY-MM-DD"|None, "end": "YYYY-MM-DD"|None}``, ``span._.base``
= ISO text and ``span._.rule``; and sets ``doc._.visit`` fields? No: it exposes
``visit_dates(doc) -> (start, end, span, rule)`` used by the visit assembler.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


class DateFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans["dates"] = []
        return doc


def visit_dates(doc: Doc) -> tuple[str | None, str | None, Span | None, str]:
    return None, None, None, ""


@Language.factory("wizyty_dates", default_config={})
def make_dates(nlp: Language, name: str):
    return DateFinder()

"""Date mentions and the visit's own dates, for the spaCy pipeline.

Factory ``wizyty_dates`` runs the pure-Python grammar of this package over
``doc.text`` (no model needed, so it works before or without the statistical layer) and
adds every date mention to ``doc.spans["dates"]``:

* ``span._.base``: ISO "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD" ("--MM-DD" when the year
  is unknowable);
* ``span._.attrs``: ``{"start": iso|None, "end": iso|None, "year_inferred": bool}``;
* ``span._.rule``: the grammar rule ("range_day_day_month_year", "numeric_day_month_year").

``visit_dates(doc)`` gives the visit assembler the dates of the visit itself.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import add_span, annotate, text_of
from .resolve import resolve
from .select import choose

KEY = "dates"


RESOLVED_KEY = "wizyty_dates_resolved"


class DateFinder:
    """Adds every date mention of the text to ``doc.spans["dates"]``."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[KEY] = []
        found = resolve(text_of(doc))
        # kept for ``visit_dates`` (the visit step), which takes it off the Doc again
        doc.user_data[RESOLVED_KEY] = (len(doc), found)
        for dm in found:
            span = doc.char_span(dm.start_char, dm.end_char, alignment_mode="expand")
            if span is None:
                continue
            annotate(span, dm.base, dm.rule, **dm.attrs)
            add_span(doc, KEY, span)
        return doc


def visit_dates(doc: Doc) -> tuple[str | None, str | None, Span | None, str]:
    """(start ISO, end ISO, the mention's span, rule) of the visit itself.

    Publication dates, agreement dates, planned trips and programme periods are passed
    over (see ``extract.dates.select``); a one-day visit has start == end; a date whose
    year the report does not give anywhere yields (None, None, span, "year_unknown...").
    Works from ``doc.text`` so it does not depend on the component having run.
    """
    text = text_of(doc)
    kept = doc.user_data.pop(RESOLVED_KEY, None)  # the dates step's mentions
    mentions = kept[1] if kept is not None and kept[0] == len(doc) else resolve(text)
    choice = choose(text, mentions)
    if choice.mention is None:
        return None, None, None, choice.rule
    span = None
    for s in doc.spans[KEY] if KEY in doc.spans else []:
        if s.start_char <= choice.mention.start_char < s.end_char:
            span = s
            break
    if span is None:
        span = doc.char_span(choice.mention.start_char, choice.mention.end_char, alignment_mode="expand")
        if span is not None:
            annotate(span, choice.mention.base, choice.mention.rule, **choice.mention.attrs)
    return choice.start, choice.end, span, choice.rule


@Language.factory("wizyty_dates", default_config={})
def make_dates(nlp: Language, name: str) -> DateFinder:
    return DateFinder()

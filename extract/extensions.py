"""Custom attributes shared by the pipeline components.

Conventions (every component writes only these):

* ``Token._.morf``: all Morfeusz2 analyses of the token, a tuple of ``Analysis``.
* ``Token._.name_labels``: SGJP name labels over all analyses (``imię``, ``nazwisko``,
  ``nazwa_geograficzna`` ...).
* ``Token._.nkjp_tag``: the disambiguated NKJP tag (``token.lemma_`` holds its lemma).
* ``doc.spans[KEY]`` for KEY in ``dates``, ``places``, ``institutions``, ``people``:
  every span has ``span._.base`` (base form), ``span._.attrs`` (a dict of the
  key's fields) and ``span._.rule`` (which rule or model produced it: Presidio-style
  explanation).
* ``Doc._.topics``: list of ``records.Topic``; ``Doc._.visit``: ``records.Visit``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SPAN_KEYS = ("dates", "places", "institutions", "people")


def register() -> None:
    """Idempotently declare the extension attributes."""
    for name, default in (("morf", ()), ("name_labels", frozenset()), ("nkjp_tag", "")):
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    for name in ("base", "rule"):
        if not Span.has_extension(name):
            Span.set_extension(name, default="")
    if not Span.has_extension("attrs"):
        Span.set_extension("attrs", default=None)
    for name in ("topics", "visit", "doc_id", "default_year"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()


def annotate(span: Span, base: str, rule: str, **attrs) -> Span:
    """Fill a span's base form, explanation and fields in one call."""
    span._.base = base
    span._.rule = rule
    span._.attrs = dict(attrs)
    return span


def add_span(doc: Doc, key: str, span: Span) -> None:
    """Append to ``doc.spans[key]``, creating the group on first use."""
    if key not in doc.spans:
        doc.spans[key] = []
    doc.spans[key].append(span)

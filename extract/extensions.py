"""Custom attributes shared by the pipeline components.

Conventions (every component writes only these):

* ``Token._.morf``: all Morfeusz2 analyses of the token, a tuple of ``Analysis`` (a getter:
  readings depend on the form only, cached per form).
* ``Token._.name_labels``: SGJP name labels over all analyses (``imię``, ``nazwisko``,
  ``nazwa_geograficzna`` ...), also a cached getter.
* ``Token._.nkjp_tag``: the disambiguated NKJP tag (``token.lemma_`` holds its lemma); a
  getter/setter over one list per Doc (``nkjp_tags(doc)``).
* ``doc.spans[KEY]`` for KEY in ``dates``, ``places``, ``institutions``, ``people``:
  every span has ``span._.base`` (base form), ``span._.attrs`` (a dict of the
  key's fields) and ``span._.rule`` (which rule or model produced it: Presidio-style
  explanation).
* ``Doc._.topics``: list of ``records.Topic``; ``Doc._.visit``: ``records.Visit``.

Per-report tables that the rule steps read instead of ``doc[i]`` (a Token object per
access): ``token_table``, ``lemma_sets``, ``nkjp_tags``, ``sentence_of``/``sentences``,
``sentence_lemmas``, ``text_of``; per-step values go through ``step_cached``.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, Callable

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span, Token

SPAN_KEYS = ("dates", "places", "institutions", "people")


def register() -> None:
    """Idempotently declare the extension attributes."""
    # Morfeusz readings depend on the word form only: computed (and cached) on access
    from .morph.analyser import analyse, name_labels

    if not Token.has_extension("morf"):
        Token.set_extension("morf", getter=lambda t: analyse(t.text))
    if not Token.has_extension("name_labels"):
        Token.set_extension("name_labels", getter=lambda t: name_labels(t.text))
    if not Token.has_extension("nkjp_tag"):
        Token.set_extension("nkjp_tag", getter=_get_tag, setter=_set_tag)
    for name in ("base", "rule"):
        if not Span.has_extension(name):
            Span.set_extension(name, default="")
    if not Span.has_extension("attrs"):
        Span.set_extension("attrs", default=None)
    for name in ("topics", "visit", "doc_id", "default_year"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


#: the NKJP tag of every token, one list per Doc (``Token._.nkjp_tag`` reads and writes it):
#: the Morfeusz step writes all tags at once instead of one ``user_data`` entry per token
TAGS_KEY = "wizyty_nkjp_tags"


def _get_tag(token: Token) -> str:
    tags = token.doc.user_data.get(TAGS_KEY)
    return tags[token.i] if tags is not None and len(tags) == len(token.doc) else ""


def _set_tag(token: Token, value: str) -> None:
    doc = token.doc
    tags = doc.user_data.get(TAGS_KEY)
    if tags is None or len(tags) != len(doc):
        tags = doc.user_data[TAGS_KEY] = [""] * len(doc)
    tags[token.i] = value


def nkjp_tags(doc: Doc) -> list[str]:
    """Every token's NKJP tag ("" where none was chosen; a Doc without the Morfeusz step
    gets an empty list once, not one per call: rules call this per token)."""
    tags = doc.user_data.get(TAGS_KEY)
    if tags is None or len(tags) != len(doc):
        tags = doc.user_data[TAGS_KEY] = [""] * len(doc)
    return tags


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


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence of token i, from a per-doc table: ``span.sent`` rescans the whole doc
    on every call, which dominated the rule components' time."""
    table = doc.user_data.get("wizyty_sent_table")
    if table is None:
        # from the SENT_START array: ``doc.sents`` builds a Token object per token
        flags = doc.to_array("SENT_START").tolist() if len(doc) else []
        starts = [k for k, f in enumerate(flags) if f == 1 or k == 0]
        bounds = list(zip(starts, starts[1:] + [len(doc)]))
        sents = [doc[a:b] for a, b in bounds]
        index = [0] * len(doc)
        for k, (a, b) in enumerate(bounds):
            index[a:b] = [k] * (b - a)
        table = doc.user_data["wizyty_sent_table"] = (sents, index)
    sents, index = table
    return sents[index[i]]


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences in order, from the same per-doc table as ``sentence_of``
    (``doc.sents`` builds a Token object per token on every pass)."""
    if not len(doc):
        return []
    sentence_of(doc, 0)
    return doc.user_data["wizyty_sent_table"][0]


def lemma_sets(doc: Doc) -> list[frozenset]:
    """Per token: lower-case form, chosen lemma and every Morfeusz lemma (the Morfeusz step
    fills this table; built here when it did not run). Loops over every token index this
    list instead of calling ``lemma_set`` per token."""
    cache = doc.user_data.get("wizyty_lemma_sets")
    if cache is None or len(cache) != len(doc):
        cache = doc.user_data["wizyty_lemma_sets"] = [
            frozenset({t.lower_, t.lemma_.lower()} | {a.lemma.lower() for a in t._.morf}) for t in doc]
    return cache


def lemma_set(doc: Doc, i: int) -> frozenset:
    """Lower-case form, chosen lemma and every Morfeusz lemma of token i (cached per doc)."""
    return lemma_sets(doc)[i]


TABLE_KEY = "wizyty_token_table"
_TABLE_ATTRS = (ORTH, LOWER, IS_TITLE, IS_UPPER, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, SENT_START, SPACY,
                IDX)


@dataclass(frozen=True)
class TokenTable:
    """The token attributes the rule steps test, as plain lists read with one
    ``Doc.to_array`` call: ``doc[i].text`` builds a Token object on every access, and the
    rule steps' loops over every token did that millions of times per thousand reports.
    The sentence step writes the ``sent_start`` column when it sets the boundaries; a step
    that changed them afterwards would have to do the same."""
    text: list[str]
    lower: list[str]
    ws: list[str]           # trailing whitespace: " " or ""
    is_title: list[bool]
    is_upper: list[bool]
    is_alpha: list[bool]
    is_punct: list[bool]
    is_space: list[bool]
    like_num: list[bool]
    sent_start: list[bool]
    idx: list[int]          # character offset of each token

    def __len__(self) -> int:
        return len(self.text)


def token_table(doc: Doc) -> TokenTable:
    """The Doc's ``TokenTable``, built once per Doc (kept in ``doc.user_data`` until the
    last rule step drops it with the other per-doc caches)."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None or len(table.text) != len(doc):
        strings = doc.vocab.strings
        n = len(doc)
        arr = doc.to_array(list(_TABLE_ATTRS)) if n else numpy.zeros((0, len(_TABLE_ATTRS)), dtype="uint64")
        flags = arr[:, 2:8].astype(bool).T.tolist()  # IS_TITLE … LIKE_NUM as Python bools
        title, upper, alpha, punct, space, num = flags
        sent = (arr[:, 8].astype("int64") == 1)
        sent[:1] = True
        table = doc.user_data[TABLE_KEY] = TokenTable(
            text=[strings[h] for h in arr[:, 0].tolist()], lower=[strings[h] for h in arr[:, 1].tolist()],
            ws=[" " if f else "" for f in arr[:, 9].tolist()], is_title=title, is_upper=upper,
            is_alpha=alpha, is_punct=punct, is_space=space, like_num=num,
            sent_start=sent.tolist(), idx=arr[:, 10].astype("int64").tolist())
    return table


def span_lemmas(span: Span) -> set:
    """Every lemma (and lower-case form) of the span's tokens."""
    return set().union(*lemma_sets(span.doc)[span.start:span.end])


def sentence_lemmas(doc: Doc, i: int) -> frozenset:
    """Every lemma of the sentence of token i (cached per sentence: several steps ask it
    for every name in the sentence)."""
    sent = sentence_of(doc, i)
    cache = doc.user_data.setdefault("wizyty_sentence_lemmas", {})
    found = cache.get(sent.start)
    if found is None:
        found = cache[sent.start] = frozenset(span_lemmas(sent))
    return found


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("wizyty_text")
    if text is None:
        # from two array columns: ``doc.text`` builds a Token object per token
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, SPACY]).tolist() if len(doc) else []
        text = doc.user_data["wizyty_text"] = "".join(
            [strings[orth] + " " if space else strings[orth] for orth, space in rows])
    return text


# --------------------------------------------------------------------------- per-step caches
STEP_CACHE = "wizyty_step_cache"


def step_cached(doc: Doc, key: Any, build: Callable[[], Any]) -> Any:
    """A value derived once per step from the Doc (indexes over its spans, line offsets):
    rules asked for every name must not rescan the report. The step that fills the cache
    drops it (``drop_step_cache``) before the Doc leaves it, so the Doc stays serialisable."""
    cache = doc.user_data.setdefault(STEP_CACHE, {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def drop_step_cache(doc: Doc) -> None:
    doc.user_data.pop(STEP_CACHE, None)


@dataclass(frozen=True)
class SpanIndex:
    """A span group indexed by start and end token."""
    starts: list[int]
    spans: list[Span]
    by_start: dict[int, Span]
    by_end: dict[int, Span]

    def starting_in(self, start: int, end: int) -> list[Span]:
        """The spans starting in tokens [start, end)."""
        return self.spans[bisect_left(self.starts, start):bisect_left(self.starts, end)]


def span_list(doc: Doc, key: str) -> list[Span]:
    """``list(doc.spans[key])`` in the group's own order, built once per step (iterating a
    span group builds a new Span object per member on every pass; the group must not
    change within the step)."""
    return step_cached(doc, ("span_list", key), lambda: list(doc.spans.get(key, [])))


def span_index(doc: Doc, key: str) -> SpanIndex:
    """``doc.spans[key]`` indexed once per step (the group must not change within the step)."""
    def build() -> SpanIndex:
        spans = sorted(doc.spans.get(key, []), key=lambda s: s.start)
        return SpanIndex([s.start for s in spans], spans, {s.start: s for s in spans},
                         {s.end: s for s in spans})
    return step_cached(doc, ("span_index", key), build)

"""Resolve a place string from anywhere in the pipeline (a host's "w <city>" phrase, an
organiser city) to its nominative, voivodeship and coordinates, using the same matching
and the same report context as the places component."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .gazetteer import PlaceContext, city_from_adjective, gazetteer

_PREPOSITIONS = {"w", "we", "do", "z", "ze", "koło", "k.", "pod", "na", "od", "przy"}


@dataclass(frozen=True)
class ResolvedPlace:
    name: str                    # nominative ("Bystrzyca Kłodzka"); a district gives its city
    voivodeship: str | None      # "dolnośląskie"; None abroad or when unknown
    latitude: float | None
    longitude: float | None
    country: str | None          # "PL", "LT", ...
    rule: str                    # how it was resolved (gazetteer, morfeusz_geo, adjective, span...)


def voivodeship_mentions(doc: Doc):
    """Explicit voivodeship / region mentions of a doc (``VoivodeshipMention`` list)."""
    from .candidates import voivodeship_mentions as _vm

    return _vm(doc)


def place_context(doc: Doc) -> PlaceContext:
    """What the doc says about where it happens: voivodeship mentions (x2) and the
    voivodeships of its unambiguous place mentions (x1); countries of foreign places."""
    ctx = PlaceContext()
    for vm in voivodeship_mentions(doc):
        ctx.add_voivodeship(vm.voivodeship, 2.0)
    for span in doc.spans.get("places", []):
        attrs = span._.attrs or {}
        if attrs.get("country") and attrs["country"] != "PL":
            ctx.countries[attrs["country"]] += 1.0
        elif attrs.get("voivodeship") and attrs.get("voivodeship_source") == "gazetteer" \
                and "+context" not in span._.rule:
            ctx.add_voivodeship(attrs["voivodeship"], 1.0)
    return ctx


def _clean(text: str) -> list[str]:
    text = re.sub(r"[„”\"“()«»,;:.!?]+$", "", text.strip())
    text = re.sub(r"^[„”\"“(«»]+", "", text)
    words = text.split()
    while words and words[0].lower() in _PREPOSITIONS:
        words = words[1:]
    return words


def resolve_city(text: str, doc: Doc | None = None, context: PlaceContext | None = None,
                 allow_adjective: bool = True) -> ResolvedPlace | None:
    """Nominative, voivodeship and coordinates of a place string in any case.

    "Bydgoszczy" -> Bydgoszcz (kujawsko-pomorskie); "w Polance Wielkiej" -> Polanka Wielka;
    "Wrocław-Tarnogaj" -> Wrocław; "Kownatach" -> Kownaty (not in the gazetteer: Morfeusz);
    "Elbląskie" -> Elbląg (city-derived adjective, when ``allow_adjective``). With ``doc``,
    a mention of the same text found by the places component is reused (it saw the local
    cues: "koło Lubaczowa", "w powiecie tucholskim"), and ambiguous names are resolved by
    the doc's context. None when nothing place-like is found.
    """
    words = _clean(text)
    if not words:
        return None
    if doc is not None:
        joined = " ".join(words)
        for span in doc.spans.get("places", []):
            if span.text == joined or span._.base == joined:
                a = span._.attrs or {}
                return ResolvedPlace(span._.base, a.get("voivodeship"), a.get("latitude"), a.get("longitude"),
                                     a.get("country"), "span:" + span._.rule)
        if context is None:
            context = place_context(doc)
    from .candidates import _excluded_name, _gazetteer_candidates, _morfeusz_candidates, _rank_guesses

    gaz = gazetteer()
    cands = [c for c in _gazetteer_candidates(gaz, words) if c.length == len(words)]
    if not cands and "-" in words[0] and len(words) == 1:
        cands = [c for c in _gazetteer_candidates(gaz, [words[0].split("-")[0]]) if c.kind == "gazetteer"]
    if cands:
        c = cands[0]
        p = gaz.resolve(c.places, context)
        if p is not None:
            return ResolvedPlace(p.city, p.voivodeship, p.latitude, p.longitude, p.country, c.kind)
        return ResolvedPlace(c.base, None, None, None, None, c.kind)
    if allow_adjective and len(words) == 1:
        city = city_from_adjective(words[0])
        if city:
            r = resolve_city(city, context=context, allow_adjective=False)
            if r is not None:
                return ResolvedPlace(r.name, r.voivodeship, r.latitude, r.longitude, r.country, "adjective")
    morf = [c for c in _rank_guesses(gaz, _morfeusz_candidates(words))
            if c.length == len(words) and not _excluded_name(gaz, c.base)]
    if morf:
        c = morf[0]
        v = context.strong() if context is not None else None
        return ResolvedPlace(c.base, v, None, None, "PL", c.kind + ("+context" if v else ""))
    return None

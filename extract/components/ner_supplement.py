"""Statistical NER for what the rules miss: places and organisations.

Runs after the places rules and before the institution rules. A ``placeName`` the places
rules missed is kept when it follows a locative preposition and the gazetteer knows it;
``orgName`` entities are left in ``doc.spans["ner_organisations"]`` for the institutions
component, which keeps those no rule matched as INNE candidates flagged ``ner=True``, so
the visit step takes them as hosts only with strong evidence. Without a statistical layer (no
``doc.ents``) the component does nothing.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import add_span, annotate
from ..places import resolve_city

LOCATIVE = {"w", "we", "do", "z", "ze"}
ORG_KEY = "ner_organisations"


class NerSupplement:
    def __init__(self, places: bool, organisations: bool, max_org_tokens: int):
        self.places = places
        self.organisations = organisations
        self.max_org_tokens = max_org_tokens

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        if self.places:
            self._add_places(doc)
        if self.organisations:
            self._add_organisations(doc)
        return doc

    @staticmethod
    def _free(doc: Doc, key: str, ent: Span) -> bool:
        return not any(s.start < ent.end and ent.start < s.end for s in doc.spans.get(key, []))

    def _add_places(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ not in {"placeName", "geogName"} or not self._free(doc, "places", ent):
                continue
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev not in LOCATIVE or not ent.text[:1].isupper():
                continue
            place = resolve_city(ent.text, doc)
            if place is None or place.rule not in {"gazetteer", "foreign"} or place.latitude is None:
                continue
            span = doc[ent.start:ent.end]
            add_span(doc, "places", annotate(
                span, place.name, f"ner:{ent.label_}+{place.rule}", voivodeship=place.voivodeship,
                latitude=place.latitude, longitude=place.longitude, country=place.country, cue=prev))

    def _add_organisations(self, doc: Doc) -> None:
        """Candidates only: the institutions component types them and finds their city."""
        doc.spans[ORG_KEY] = [
            doc[ent.start:ent.end] for ent in doc.ents
            if ent.label_ == "orgName" and len(ent) <= self.max_org_tokens and ent.text[:1].isupper()]


@Language.factory(
    "wizyty_ner_supplement",
    default_config={"places": True, "organisations": True, "max_org_tokens": 8},
)
def make_ner_supplement(nlp: Language, name: str, places: bool, organisations: bool, max_org_tokens: int):
    return NerSupplement(places, organisations, max_org_tokens)

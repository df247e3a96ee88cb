"""Visited places: the hosts' localities and the places the group went to."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extensions import sentence_lemmas, span_list, step_cached
from ..places import resolve_city
from .choices import HostChoice, PlaceChoice
from .cues import Cues
from .visited_names import SKIP_WORDS, visit_verbs


def visited_objects(doc: Doc, strong: set[str]) -> set[int]:
    """Start tokens of places that are the objects of a visiting verb, with the places
    coordinated with them: "Grupa odwiedziła m.in. Białystok, Korycin i Supraśl"."""
    starts = {p.start: p for p in span_list(doc, "places")}
    out: set[int] = set()
    for i in visit_verbs(doc, strong):
        k = i + 1
        while k < len(doc) and doc[k].lower_ in SKIP_WORDS:
            k += 1
        while k in starts:
            out.add(k)
            k = starts[k].end
            if k < len(doc) and doc[k].text in {",", "i", "oraz"}:
                k += 1
    return out


def visited_places(doc: Doc, hosts: list[HostChoice], organizer: Span | None, cues: Cues) -> list[PlaceChoice]:
    """Localities the group went to: the hosts' localities, and places the group went
    "do"/"w" in a visiting sentence, unless the phrase belongs to an institution that is no
    host (the organiser's seat, the visitors' home, a partner's address)."""
    host_cities = {h.city for h in hosts if h.city}
    org_city = organizer._.attrs.get("city") if organizer is not None else None
    host_spans = {h.span.start for h in hosts}
    not_host_places = {tuple(i._.attrs["city_span"]) for i in span_list(doc, "institutions")
                       if i._.attrs.get("city_span") and i.start not in host_spans}
    visitors = step_cached(doc, "visitor_tokens", set)
    objects = visited_objects(doc, cues["visit_strong"])
    out: list[PlaceChoice] = []
    seen: set[str] = set()
    for p in span_list(doc, "places"):
        name = p._.base
        if name in seen:
            continue
        attrs = p._.attrs or {}
        cue = attrs.get("cue", "")
        in_visit = bool(sentence_lemmas(doc, p.start) & cues["visit"])
        if name in host_cities:
            rule = "host_city"
        elif p.start in objects:
            rule = "object_of_visit_verb"
        elif (cue in {"do", "w", "we"} and in_visit and name != org_city and p.start not in visitors
              and (p.start_char, p.end_char) not in not_host_places):
            rule = f"{cue}+visit_sentence"
        else:
            continue
        seen.add(name)
        out.append(PlaceChoice(p, name, attrs.get("voivodeship"), attrs.get("latitude"),
                               attrs.get("longitude"), f"{p._.rule}; {rule}"))
    # a host locality known only from a city-derived name ("Koszalińska Agencja…")
    for h in hosts:
        if h.city and h.city not in seen and h.city_rule == "city_adjective":
            place = resolve_city(h.city)
            seen.add(h.city)
            out.append(PlaceChoice(h.span, h.city, place.voivodeship if place else h.voivodeship,
                                   place.latitude if place else None,
                                   place.longitude if place else None, "host_city:city_adjective"))
    return out

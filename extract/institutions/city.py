"""Where an institution is: the locality its name, its "w <place>" phrase or the
narrative gives (``span._.attrs`` city, voivodeship, city_rule, city_span)."""
from __future__ import annotations


from spacy.tokens import Doc, Span

from ..extensions import sentence_lemmas, sentence_of, span_index, step_cached, text_of, token_table
from ..places import qualifies_previous_place, resolve_city
from ..places.gazetteer import city_from_adjective
from .words import CITY_PREPS, CONTEXT_CUES, OPEN_QUOTES


class CityAttachment:
    """The city half of the institution finder (a mixin: it needs ``visit_lemmas``)."""

    visit_lemmas: set[str]

    def _attach_city(self, doc: Doc, span: Span) -> None:
        """The host's locality, most explicit evidence first: a following "w/we <place>"
        (with city lists), a place inside the name ("Gmina Płużnica"), a city-derived
        adjective ("Elbląskie Centrum…"), else the locality the text was last at."""
        index = span_index(doc, "places")
        by_start = index.by_start
        attrs = span._.attrs
        end = span.end
        if end < len(doc) and doc[end].lower_ in CITY_PREPS | {"z", "ze"} and end + 1 in by_start:
            # "… w Toruniu"; "Stowarzyszenie … z Jasła" (its seat)
            p = by_start[end + 1]
            self._set_city(span, p._.base, (p._.attrs or {}).get("voivodeship"), "w+place")
            attrs["city_span"] = (p.start_char, p.end_char)
            _attached_so_far(doc).add(attrs["city_span"])
            # "w Centrach … we Wrocławiu, Bystrzycy Kłodzkiej i Kamieńcu Ząbkowickim"
            cities = [p]
            k = p.end
            while k + 1 < len(doc) and doc[k].text in {",", "i", "oraz"}:
                nxt = by_start.get(k + 1)
                if nxt is None and doc[k + 1].lower_ in CITY_PREPS:
                    nxt = by_start.get(k + 2)
                if nxt is None:
                    break
                cities.append(nxt)
                k = nxt.end
            attrs["cities"] = [(c._.base, (c._.attrs or {}).get("voivodeship")) for c in cities]
            return
        if end < len(doc) and end in by_start and not doc[end].is_sent_start:
            # "Spółdzielnia Socjalna Black Horse MMA Łomża", "ROPS Kraków": the seat follows
            p = by_start[end]
            self._set_city(span, p._.base, (p._.attrs or {}).get("voivodeship"), "name+place")
            return
        inside = [p for p in index.starting_in(span.start, span.end) if p.end <= span.end]
        if inside:
            p = inside[-1]
            self._set_city(span, p._.base, (p._.attrs or {}).get("voivodeship"), "place_in_name")
            return
        for tok in span:
            if tok.text in OPEN_QUOTES:
                break
            if tok.is_title and tok.i != attrs.get("head") and (
                    any(a.pos == "adj" for a in tok._.morf) or all(a.pos == "ign" or "nazwisko" in a.labels
                                                                   for a in tok._.morf)):
                city = city_from_adjective(tok.text)
                if city:
                    place = resolve_city(city, doc)
                    self._set_city(span, city, place.voivodeship if place else None, "city_adjective")
                    return
        parent = self._parent_in_parentheses(doc, span)
        if parent is not None and parent._.attrs.get("city"):
            self._set_city(span, parent._.attrs["city"], parent._.attrs.get("voivodeship"),
                           "parent_in_parentheses")
            return
        candidates = self._context_places(doc, span)
        if candidates:
            context = candidates[0]
            self._set_city(span, context._.base, (context._.attrs or {}).get("voivodeship"),
                           "context_place")
            attrs["context_candidates"] = [
                ((c.start_char, c.end_char), c._.base, (c._.attrs or {}).get("voivodeship")) for c in candidates]

    @staticmethod
    def _clause_between(doc: Doc, place: Span, span: Span) -> bool:
        """ "…Caritas w Brodnicy, tam zwiedzili Ośrodek…": a verb or "tam/gdzie" between the
        place and the name makes the place the scene, not a sibling list item's address."""
        for tok in doc[place.end:span.start]:
            if tok.lower_ in {"tam", "gdzie", "tu", "tutaj"}:
                return True
            if any(a.pos in {"fin", "praet", "impt", "imps", "inf", "pcon", "pant"} for a in tok._.morf):
                return True
        return False

    @staticmethod
    def _parent_in_parentheses(doc: Doc, span: Span) -> Span | None:
        """ "Stowarzyszenie … w Kluczach (Warsztaty Terapii Zajęciowej, …)": units listed in
        parentheses belong to the institution before them."""
        k = span.start - 1
        words = token_table(doc).text
        sent_start = sentence_of(doc, span.start).start
        while k >= sent_start and words[k] not in {"(", ")"}:
            k -= 1
        if k < sent_start or words[k] != "(":
            return None
        for inst in reversed(list(doc.spans.get("institutions", []))):
            if inst.end <= k and (inst.end == k or (inst._.attrs.get("city_span") or (0, 0))[1] == doc[k - 1].idx + len(doc[k - 1])):
                return inst
            if inst.end < k - 6:
                break
        return None

    @staticmethod
    def _set_city(span: Span, city: str, voivodeship: str | None, rule: str) -> None:
        span._.attrs.update(city=city, voivodeship=voivodeship, city_rule=rule)

    def _context_places(self, doc: Doc, span: Span) -> list[Span]:
        """Where the narrative is, best first: places with a locative cue ("w", "do", "na
        terenie gminy") before the name in its sentence; else, in earlier sentences of the
        paragraph that were about visiting ("wizyta w Konarach"), not lodging or travel.
        The visit step takes the first one not belonging to the organiser or the visitors."""
        index = span_index(doc, "places")
        here = sentence_of(doc, span.start)
        text = text_of(doc)
        words = token_table(doc).text
        before = []  # cued places before the name, back to the paragraph start (reversed below)
        for p in reversed(index.starting_in(0, span.start)):
            if p.end > span.start or qualifies_previous_place(doc, p):
                continue
            if ((p._.attrs or {}).get("cue") or "").lower() in CONTEXT_CUES or (
                    p.end < len(doc) and words[p.end] == ":"):  # "Dzień 2 – Sopot: …"
                before.append(p)
                if "\n" in text[p.end_char:span.start_char]:
                    break  # nothing before a paragraph break is used below
        before.reverse()
        if not before:
            return []
        attached = _attached_so_far(doc) - {span._.attrs.get("city_span")}
        in_sentence = [q for q in before if sentence_of(doc, q.start) == here]
        if in_sentence:
            # a locality phrase attached to another name in the same list describes that
            # name only ("… SDS w Kolbarku oraz Spółdzielnię „MAŁOPOLANIN”")
            return [q for q in reversed(in_sentence)
                    if (q.start_char, q.end_char) not in attached or self._clause_between(doc, q, span)]
        out = []
        for p in reversed(before):
            between = text_of(doc)[p.end_char:span.start_char]
            if "\n" in between:
                if between.split("\n", 1)[0].rstrip().endswith(":") and not out:
                    out.append(p)  # the place introduced a list: "… placówki w Olsztynie:\n- …"
                break  # a new paragraph
            if sentence_lemmas(doc, p.start) & self.visit_lemmas:
                out.append(p)
        return out


def _attached_so_far(doc: Doc) -> set:
    """Character spans of the "w <place>" phrases attached to the names found so far."""
    return step_cached(doc, "attached_so_far", set)

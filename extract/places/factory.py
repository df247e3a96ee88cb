"""Locality mentions with their nominative, voivodeship and coordinates.

Factory "wizyty_places" adds every locality mention to ``doc.spans["places"]`` with
``span._.base`` = nominative name ("w Bystrzycy Kłodzkiej" -> "Bystrzyca Kłodzka"),
``span._.attrs`` = {"voivodeship", "latitude", "longitude", "country", "cue"} (plus
"district" and "context_voivodeship" when relevant) and ``span._.rule``.

Why it is built this way:

* Names are found by morphology, not by lists of forms: a run of capitalised tokens
  matches a gazetteer name when the words share lemmas and agree in case
  (``extract.places.gazetteer``), so any case of any of ~3,900 Polish localities works.
* Villages missing from the gazetteer are still found when Morfeusz labels the word a
  geographic name (or, for words it does not know, a suffix rule proposes a nominative)
  *and* a locative cue ("w", "do", "koło", "gminy ...") stands before it.
* Capitalised common words ("Klucze do sukcesu", "Wola", "Dobre") and words at the start
  of a sentence or inside quoted institution names need stronger evidence: a
  prepositional cue whose case the name agrees with.
* Ambiguous names (Brodnica, Dąbrowa, Piaski) are resolved after the whole report is
  read: an explicit voivodeship or "koło X" / "w powiecie X-im" next to the mention first,
  then the voivodeships the report mentions and its unambiguous places, then population.
* Voivodeship names ("województwa kujawsko-pomorskiego", "w Wielkopolsce") are not
  localities; they are listed by :func:`voivodeship_mentions` as context.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import add_span, annotate, drop_step_cache, token_table
from .candidates import (LINKERS, MAX_WORDS, NEAR_PREPS, PREP_CASES, SPAN_KEY, STRONG_PREPS,
                         USER_DATA_KEY, Candidate, Mention, VoivodeshipMention, _big_city,
                         _blocked, _cue_before, _excluded_name, _gazetteer_candidates, _is_common,
                         _is_name_token, _lemmas, _morfeusz_candidates, _name_continues,
                         _name_prior, _name_run, _person_like, _quoted_positions, _rank_guesses,
                         _readings_have, _sentence_initial, find_voivodeship_mentions, name_flags)
from ..morph.analyser import analyse
from .gazetteer import (Gazetteer, Place, PlaceContext, city_from_adjective, gazetteer,
                        normalise_voivodeship)
from .nominative import readings


class PlaceFinder:
    """Finds locality mentions and resolves them against the gazetteer."""

    def __init__(self, gaz: Gazetteer | None = None):
        self._gaz = gaz

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        vms = find_voivodeship_mentions(doc)
        doc.user_data[USER_DATA_KEY] = [
            (m.start, m.end, m.start_char, m.end_char, m.voivodeship, m.kind) for m in vms]
        mentions = self.find(doc, vms)
        context = self.context(doc, vms, mentions)
        doc.spans[SPAN_KEY] = []
        for m in mentions:
            self.resolve(m, context)
        # A name resolved by a local cue ("w Pile koło Gostycyna") means the same place
        # wherever else the report repeats it without one.
        anchored = {m.base: m for m in mentions if m.near or m.hint and m.voivodeship_source != "context"}
        for m in mentions:
            a = anchored.get(m.base)
            if a is not None and a is not m and not (m.near or m.hint):
                m.resolved, m.hint, m.voivodeship_source = a.resolved, a.hint, a.voivodeship_source
                m.rule += "+same_name"
        for m in mentions:
            span = Span(doc, m.start, m.end)
            p = m.resolved
            attrs = {
                "voivodeship": p.voivodeship if p else m.hint,
                "voivodeship_source": m.voivodeship_source if (p or m.hint) else None,
                "latitude": p.latitude if p else None,
                "longitude": p.longitude if p else None,
                "country": (p.country if p else m.country),
                "cue": m.cue,
            }
            base = m.base
            if p is not None and p.district_of:
                attrs["district"] = p.name
                base = p.district_of
            if attrs["voivodeship"] is None and attrs["country"] == "PL":
                attrs["context_voivodeship"] = context.dominant()
            add_span(doc, SPAN_KEY, annotate(span, base, m.rule, **attrs))
        drop_step_cache(doc)
        return doc

    # finding ---------------------------------------------------------------------------
    def find(self, doc: Doc, vms: list[VoivodeshipMention]) -> list[Mention]:
        taken = {k for m in vms for k in range(m.start, m.end)}
        quoted = _quoted_positions(doc)
        mentions: list[Mention] = []
        last_cue: tuple[str, frozenset[str], str] | None = None
        last_end = -10
        table = token_table(doc)
        text, lower, upper, alpha = table.text, table.lower, table.is_upper, table.is_alpha
        names = name_flags(doc)
        i = 0
        n = len(doc)
        while i < n:
            if i not in taken and upper[i] and len(text[i]) > 2 and alpha[i] and i > 0 \
                    and lower[i - 1] in PREP_CASES and upper[i - 1]:
                m = self._upper_case(doc, i)  # a heading: "WIZYTA W BYDGOSZCZY"
                if m is not None:
                    mentions.append(m)
                    i = m.end
                    continue
            if i in taken or not names[i] or _blocked(doc, i):
                i += 1
                continue
            cue = _cue_before(doc, i)
            if cue is not None and i in quoted and i - 1 in quoted:
                cue = None  # "„Pod Jaworem”": a preposition inside a quoted name
            if cue is None and last_cue is not None and last_cue[2] == "prep" and i > last_end and \
                    all(w in LINKERS for w in lower[last_end:i]) and i - last_end <= 2:
                cue = last_cue  # "we Wrocławiu, Bystrzycy Kłodzkiej i Kamieńcu Ząbkowickim"
            strict = _sentence_initial(doc, i) or i in quoted
            words = _name_run(doc, i)
            # "odwiedziła Białystok, Korycin, Augustów i Supraśl": an item of a list of places
            listed = cue is None and bool(mentions) and mentions[-1].end == last_end and \
                i > last_end and i - last_end <= 2 and all(w in LINKERS for w in lower[last_end:i])
            m = self._best(doc, i, words, cue, strict, listed)
            if m is None:
                i += 1
                continue
            mentions.append(m)
            last_cue = cue if cue is not None and cue[2] == "prep" and m.cue else None
            last_end = m.end
            i = m.end
        return mentions

    def _best(self, doc: Doc, i: int, words: list[str], cue, strict: bool,
              listed: bool = False) -> Mention | None:
        gaz = self.gaz
        cands, morf = _name_candidates(gaz, tuple(words))
        ordered = sorted(cands + morf, key=lambda c: (
            -c.length, c.kind not in ("gazetteer", "foreign", "district"),
            cue is not None and not self._cue_agrees(c, cue), -_name_prior(c, words)))
        if self._country_word(words[0], cue):
            ordered = [c for c in ordered if c.length > 1]  # "do Niemiec": Germany, not Niemce
        for c in ordered:
            if self._accept(doc, i, c, cue, strict) or (
                    listed and c.kind == "gazetteer" and not _person_like(doc, i, c.length)):
                cue_text = cue[0] if cue and self._cue_agrees(c, cue) else ""
                rule = {"gazetteer": "gazetteer", "foreign": "foreign_exonym", "district": "gazetteer+district",
                        "morfeusz_geo": "morfeusz_geo", "guess": "suffix_guess"}[c.kind]
                if cue_text:
                    rule += "+prep" if cue[2] == "prep" else "+admin_noun"
                country = "PL"
                if c.places and all(p.country != "PL" for p in c.places):
                    country = c.places[0].country
                m = Mention(i, i + c.length, c.base, rule, cue_text, list(c.places), country)
                m.alternatives = [o.base for o in morf if o.length == c.length and o.base != c.base]
                self._local_cues(doc, m)
                return m
        return None

    def _upper_case(self, doc: Doc, i: int) -> Mention | None:
        """A listed locality written in capitals after a capitalised preposition."""
        words = []
        for tok in doc[i: i + MAX_WORDS]:
            if not (tok.is_upper and tok.is_alpha):
                break
            words.append(tok.text[:1] + tok.text[1:].lower())
        prep = doc[i - 1].text.lower()
        for c in _gazetteer_candidates(self.gaz, words):
            if c.kind == "gazetteer" and c.cases & PREP_CASES[prep]:
                m = Mention(i, i + c.length, c.base, "gazetteer+prep+upper", prep, list(c.places))
                self._local_cues(doc, m)
                return m
        return None

    def _country_word(self, word: str, cue) -> bool:
        """The word reads as a country or region name in a case the cue allows."""
        for r in readings(word):
            if r.proper and self.gaz.is_non_locality(r.lemma) and (cue is None or r.cases & cue[1]):
                return True
        return False

    @staticmethod
    def _cue_agrees(c: Candidate, cue) -> bool:
        return "*" in c.cases or bool(c.cases & cue[1])

    def _accept(self, doc: Doc, i: int, c: Candidate, cue, strict: bool) -> bool:
        words = [t.text for t in doc[i: i + c.length]]
        has_cue = cue is not None and self._cue_agrees(c, cue)
        if has_cue and cue[2] != "prep" and _person_like(doc, i, c.length):
            return False  # "Sekretarzem Miasta Izabelą Zarzycką": a first name and surname
        if c.kind in ("morfeusz_geo", "guess") and c.length == 1 and _name_continues(doc, i + 1) and (
                c.kind == "guess" or _readings_have(doc[i], "nazwa_pospolita")):
            return False  # "w Dziale Pomocy Środowiskowej", "w Olenderskim Parku": a longer name
        if c.kind == "guess":
            return has_cue and cue[2] == "prep" and cue[0] in STRONG_PREPS and "*" not in c.cases
        if c.kind == "morfeusz_geo":
            if not has_cue:
                return False
            if cue[2] == "prep" and cue[0] not in STRONG_PREPS and cue[1] != frozenset({"gen"}):
                return False
            return not (c.length == 1 and _is_common(words) and cue[0] not in STRONG_PREPS | {"gminy", "gmina"})
        common = _is_common(words, c.base, foreign=c.kind == "foreign")
        if common and not strict and _big_city(c, words):
            common = False
        if has_cue:
            if common and cue[2] == "prep" and cue[0] not in STRONG_PREPS and cue[1] != frozenset({"gen"}):
                return False
            return True
        if common or strict:
            if strict and not common and c.kind in ("gazetteer", "foreign", "district"):
                # "Bydgoszcz jest ..." at a sentence start: only unambiguous proper names
                return all(_readings_have(t, "nazwa_geograficzna") or analyse(t.text)[0].pos == "ign"
                           for t in doc[i: i + c.length]) and not _person_like(doc, i, c.length)
            return False
        if _person_like(doc, i, c.length):
            return False
        return c.kind in ("gazetteer", "foreign", "district")

    def _local_cues(self, doc: Doc, m: Mention) -> None:
        """"X koło Y", "X w powiecie tucholskim", "X (woj. podlaskie)" right after a mention."""
        gaz = self.gaz
        j = m.end
        limit = min(len(doc), m.end + 7)
        while j < limit:
            tok = doc[j]
            low = tok.text.lower()
            if tok.text in {".", ";", "!", "?"} or "\n" in tok.whitespace_ and j > m.end:
                break
            if low in NEAR_PREPS and j + 1 < len(doc) and _is_name_token(doc[j + 1]):
                words = _name_run(doc, j + 1)
                near = [c for c in _gazetteer_candidates(gaz, words) if c.kind == "gazetteer"]
                if near:
                    m.near = near[0].places
                    return
            lem = _lemmas(tok)
            if lem & {"powiat", "pow.", "gmina", "gm."}:
                k = j + 1
                if k < len(doc) and doc[k].text == ".":
                    k += 1
                if k < len(doc):
                    city = city_from_adjective(doc[k].text)
                    if city is None and _is_name_token(doc[k]):
                        cs = [c for c in _gazetteer_candidates(gaz, _name_run(doc, k)) if c.kind == "gazetteer"]
                        if cs and lem & {"gmina", "gm."}:
                            m.near = cs[0].places
                            return
                    if city:
                        places = gaz.lookup(city)
                        if places:
                            m.hint = places[0].voivodeship
                            m.near = places
                            return
            if low.startswith("województw") or low in {"woj.", "woj"}:
                text = " ".join(t.text for t in doc[j: j + 4])
                v = normalise_voivodeship(re.sub(r"[()]", "", text)) or normalise_voivodeship(
                    " ".join(t.text for t in doc[j: j + 2]))
                if v:
                    m.hint = v
                    return
            if _is_name_token(tok) and low not in {"i", "oraz"} and j > m.end + 1:
                break
            j += 1

    # context and resolution --------------------------------------------------------------------
    def context(self, doc: Doc, vms: list[VoivodeshipMention], mentions: list[Mention]) -> PlaceContext:
        """Voivodeships named in the report (x2) and those of its unambiguous places (x1)."""
        ctx = PlaceContext()
        for vm in vms:
            ctx.add_voivodeship(vm.voivodeship, 2.0)
        for m in mentions:
            if m.hint:
                ctx.add_voivodeship(m.hint, 1.0)
            pl = [p for p in m.places if p.country == "PL"]
            if pl and len({p.voivodeship for p in pl}) == 1 and len(pl) == len(m.places):
                ctx.add_voivodeship(pl[0].voivodeship, 1.0)
            elif m.places and all(p.country != "PL" for p in m.places):
                ctx.countries[m.places[0].country] += 1.0
        for word, is_name in zip(token_table(doc).text, name_flags(doc)):
            if is_name:
                for r in readings(word):
                    country = self.gaz.country_of(r.lemma)
                    if r.proper and country:
                        ctx.countries[country] += 1.0
                        break
        return ctx

    def resolve(self, m: Mention, context: PlaceContext) -> None:
        """Choose the gazetteer entry (or, for unlisted places, the voivodeship) of a mention."""
        gaz = self.gaz
        strong = context.strong()
        if not m.places:
            if m.near and not m.hint:
                m.hint = m.near[0].voivodeship
            if m.hint:
                m.voivodeship_source = "cue"
            elif strong and m.country == "PL":
                m.hint, m.voivodeship_source = strong, "context"
            return
        near = m.near
        if near:
            close = [p for p in m.places if min(_dist(p, n) for n in near) <= 40.0]
            if not close:
                # "Piła koło Gostycyna": not the Piła of the gazetteer but a village near Gostycyn
                m.hint = m.hint or near[0].voivodeship
                hinted = [p for p in m.places if p.voivodeship == m.hint]
                if not hinted:
                    m.rule += "+near_unlisted"
                    m.voivodeship_source = "cue"
                    return
                m.resolved = gaz.resolve(hinted, context)
                m.voivodeship_source = "gazetteer"
                return
        if m.hint:
            hinted = [p for p in m.places if p.voivodeship == m.hint]
            if not hinted and any(p.country == "PL" for p in m.places):
                m.rule += "+hint_unlisted"
                m.voivodeship_source = "cue"
                return
        m.resolved = gaz.resolve(m.places, context, near=near, voivodeship_hint=m.hint)
        m.voivodeship_source = "gazetteer"
        if len({p.voivodeship for p in m.places}) > 1:
            m.rule += "+context"
        p = m.resolved
        if (p is not None and p.country == "PL" and not near and not m.hint and strong
                and p.voivodeship != strong and p.population < 5000
                and context.voivodeships.get(p.voivodeship, 0) <= 1):
            # A small village far from everything else the report talks about: most likely
            # an unlisted namesake ("Marianowo" near Łomża, not the one in Pomerania).
            m.resolved = None
            m.hint, m.voivodeship_source = strong, "context"
            m.rule += "+context_unlisted"


@lru_cache(maxsize=50_000)
def _name_candidates(gaz: Gazetteer, words: tuple[str, ...]) -> tuple[list[Candidate], list[Candidate]]:
    """(gazetteer candidates, Morfeusz candidates) of a run of capitalised words: a function
    of the words, cached (a report repeats its names; callers do not change the lists)."""
    cands = _gazetteer_candidates(gaz, list(words))
    # "Wrocław-Tarnogaj": a city with a district after a hyphen goes to the city
    if not cands and "-" in words[0]:
        head = words[0].split("-")[0]
        for c in _gazetteer_candidates(gaz, [head]):
            if c.kind == "gazetteer" and any(p.population >= 5000 for p in c.places):
                cands.append(Candidate(1, c.base, c.cases, "district", c.places))
    morf = [c for c in _morfeusz_candidates(list(words)) if not _excluded_name(gaz, c.base)]
    return cands, _rank_guesses(gaz, morf)  # "Leonowie": Leonów before Leonowo


def _dist(a: Place, b: Place) -> float:
    from .gazetteer import distance_km

    return distance_km(a, b)


@Language.factory("wizyty_places", default_config={})
def make_places(nlp: Language, name: str):
    return PlaceFinder()

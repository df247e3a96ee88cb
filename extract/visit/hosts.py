"""Which institutions were hosts: visited or met, not organisers, funders, operators,
partners or the visitors' own organisations."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..institutions import InstitutionFinder
from ..institutions.words import ORDINALS
from ..extensions import (lemma_set, lemma_sets, sentence_lemmas, sentence_of, span_index, span_list,
                          step_cached, text_of, token_table)
from ..morph.analyser import analyse
from ..places import resolve_city
from .choices import HostChoice, fold
from .cues import Cues
from .zones import ZoneCues, find_zones
from .visited_names import listed_item_starts, visited_names
from .host_city import VERB_CLASSES, CityModel, city_candidates, explain, only_verb_readings

EXPLICIT_CITY = {"w+place", "place_in_name"}


class HostSelector:
    def __init__(self, cues: Cues, city_model: str | None = None,
                 zones_file: str = "topic_zones.csv"):
        self.cues = cues
        self.zones = ZoneCues.load(zones_file)
        self.city_model = CityModel.load(city_model) if city_model else None
        self._names_visitors = lru_cache(maxsize=100_000)(self._visitor_noun)

    def __call__(self, doc: Doc, organizer: Span | None) -> list[HostChoice]:
        hosts = self.select(doc, organizer)
        hosts.extend(self.municipal_hosts(doc, hosts))
        return hosts

    def select(self, doc: Doc, organizer: Span | None) -> list[HostChoice]:
        out: list[HostChoice] = []
        # localities of the organiser and of the visitors' own institutions are not scenes
        banned: set[tuple[int, int]] = set()
        if organizer is not None and organizer._.attrs.get("city_span"):
            banned.add(tuple(organizer._.attrs["city_span"]))
        visitors = find_zones(doc, self.zones).visitor
        step_cached(doc, "visitor_tokens", lambda: visitors)
        for span in span_list(doc, "institutions"):
            attrs = span._.attrs
            reason = self.excluded(doc, span, organizer, out)
            if not reason and span.start in visitors:
                reason = "visitors_organisation"  # in the description of the visiting group
            if reason == "visitors_organisation" and attrs.get("city_span"):
                banned.add(tuple(attrs["city_span"]))
            if reason:
                attrs["host_rule"] = f"excluded:{reason}"
                continue
            in_visit = bool(sentence_lemmas(doc, span.start) & self.cues["visit"])
            rule = "visit_sentence" if in_visit else "mentioned"
            strong = bool(sentence_lemmas(doc, span.start) & self.cues["visit_strong"])
            if attrs.get("ner") and not (strong and attrs.get("city_rule") == "w+place"):
                attrs["host_rule"] = "excluded:ner_without_visit_and_locality"
                continue
            self._place(doc, span, banned)
            if attrs.get("cities") and (attrs.get("plural") or len(attrs["cities"]) > 1):
                # one institution per locality: "Warsztaty Terapii Zajęciowej w Dębicy i Bobrowej Woli"
                name = attrs.get("singular") or InstitutionFinder.singular(span)
                choices = [(name, city, voiv) for city, voiv in attrs["cities"]]
                rule += "; split_by_city"
            elif attrs.get("plural"):
                attrs["host_rule"] = "excluded:plural_without_city"
                continue
            else:
                choices = [(display_name(doc, span), attrs.get("city"), attrs.get("voivodeship"))]
            org_key = fold(organizer._.base) if organizer is not None else None
            for name, city, voiv in choices:
                if fold(name) == org_key and (city is None or city == organizer._.attrs.get("city")):
                    continue
                if not _merge(out, name, city, attrs):
                    out.append(HostChoice(span, name, attrs.get("type"), city, voiv, rule,
                                          city_rule=attrs.get("city_rule", "")))
            attrs["host_rule"] = rule
        org_key = fold(organizer._.base) if organizer is not None else None
        for span in visited_names(doc, self.cues["visit"], self.cues["visit_strong"]):
            # names the document structure presents as visited, without a kind word
            attrs = span._.attrs
            if span.start in visitors or fold(span._.base) == org_key:
                continue
            self._place(doc, span, banned)
            if not _merge(out, span._.base, attrs.get("city"), attrs):
                out.append(HostChoice(span, span._.base, attrs["type"], attrs.get("city"),
                                      attrs.get("voivodeship"), "presented_as_visited",
                                      city_rule=attrs.get("city_rule", "")))
        return _drop_repeats(out)

    def _place(self, doc: Doc, span: Span, banned: set[tuple[int, int]]) -> None:
        """The host's city: the city model's choice among the text's candidate localities
        (``host_city.py``); a list of localities ("w X i Y") keeps one host per locality.
        Without a model, the rules' narrative guess skips the banned localities."""
        attrs = span._.attrs
        if attrs.get("cities") and len(attrs["cities"]) > 1:
            return
        candidates = city_candidates(doc, span, banned, self.cues["visit"])
        attrs["city_candidates"] = candidates
        if self.city_model is None:
            if attrs.get("city_rule") == "context_place":
                _scene_without(attrs, banned)
            return
        best = self.city_model.choose(candidates)
        attrs["rules_city"] = attrs.get("city")
        if best is None:
            attrs["city"] = attrs["voivodeship"] = None
            attrs["city_rule"] = "model:none"
        else:
            attrs["city"], attrs["voivodeship"] = best.name, best.voivodeship
            attrs["city_rule"] = explain(best, self.city_model)
        if attrs.get("cities"):
            attrs["cities"] = [(attrs["city"], attrs["voivodeship"])] if attrs["city"] else None

    # -- exclusions -------------------------------------------------------------------
    def excluded(self, doc: Doc, span: Span, organizer: Span | None, hosts: list[HostChoice]) -> str:
        """Why this institution is no host ("" when it may be one)."""
        attrs = span._.attrs
        if organizer is not None and span.start == organizer.start:
            return "organizer"
        if self._organised_by(doc, span):
            return "organiser_of_an_event"
        if self._funded_by(doc, span):
            return "funder"
        if span.start >= 2 and doc[span.start - 1].text in {"–", "-", "—"} and doc[span.start - 2].text in {
                "”", '"', "’’"}:
            return "apposition"  # "Zakładów Spożywczych „Bona” – Zakładu Pracy Chronionej"
        if self._visitors_from(doc, span) or self._travelling_subject(doc, span) or \
                self._people_from(doc, span):
            return "visitors_organisation"
        if self._founding_subject(doc, span):
            return "founder"
        inherited = self._coordinated_role(doc, span)
        if inherited:
            return inherited
        if self._operator_of(doc, span, hosts) or self._parent_of_unit(doc, span, hosts):
            return "operator"
        # the lemmas of the four words before the name (``near``: the last three of them)
        window = [lemma_set(doc, k) for k in range(max(sentence_of(doc, span.start).start,
                                                       span.start - 4), span.start)]
        before = set().union(*window)
        near = set().union(*window[-3:])
        if near & self.cues["own"] or lemma_set(doc, span.start) & self.cues["own"]:
            return "visitors_organisation"  # the writers' own institution
        if near & self.cues["home_before"]:
            return "visitors_home"
        if any(doc[k].is_title and lemma_set(doc, k) & self.cues["programme_name"]
               for k in range(max(0, span.start - 3), span.start)):
            return "programme_name"  # "Regionalnego Programu Operacyjnego Województwa …"
        if _furniture_line(doc, span):
            return "page_furniture"
        if near & self.cues["founder_before"]:
            return "founder"
        if near & self.cues["document_of"]:
            return "document_issuer"  # "na mocy Uchwały … Rady Miejskiej"
        if self._person_function(doc, span):
            return "function_of_a_person"
        if self._run_by_host(doc, span, hosts):
            return "run_by_a_host"
        if before & self.cues["partner_before"]:
            return "partner"
        if near & self.cues["lodging_before"]:
            return "lodging"
        if _credit_line(doc, span):
            return "credit_line"
        sent_lem = sentence_lemmas(doc, span.start)
        if sent_lem & self.cues["exclude"] and not sent_lem & self.cues["visit"] and \
                span.start not in listed_item_starts(doc, self.cues["visit"]):
            return "funder_founder_or_partner"  # (an item of a visited list is visited)
        if attrs.get("bare"):
            return "bare_generic_word"
        if not attrs.get("proper") and span.start and lemma_set(doc, span.start - 1) & ORDINALS:
            return "unnamed_kind"  # "z kolejną Spółdzielnią Socjalną": a kind counted, no name
        if (attrs.get("lowercase") and not attrs.get("proper") and "„" not in span._.base
                and attrs.get("city_rule") != "w+place"):
            return "common_noun_phrase"  # "spółdzielni socjalnej": a kind, not a name
        return ""

    def _organised_by(self, doc: Doc, span: Span) -> bool:
        """ "w konkursie organizowanym przez ROPS Kraków", "organizowanej przez biuro UNDP w
        Mińsku oraz Fundację X": an organiser (also the second of coordinated agents)."""
        i = span.start
        named = _named_tokens(doc)
        t = token_table(doc)
        k = i - 1
        sent_start = sentence_of(doc, i).start
        while k > sent_start and i - k < 16 and (k in named or t.lower[k] in {
                "oraz", "i", ",", "w", "we", "z", "(", ")"} or t.is_upper[k] or t.is_title[k]):
            k -= 1
        return k >= 1 and t.lower[k] == "przez" and bool(lemma_set(doc, k - 1) & self.cues["organize"])

    def _funded_by(self, doc: Doc, span: Span) -> bool:
        """ "dzięki wsparciu Fundacji …", "z dofinansowania Urzędu Marszałkowskiego",
        "Sponsorem wyjazdu była X", "sfinansowała X": a funder."""
        return any(lemma_set(doc, k) & self.cues["funder"] for k in range(max(0, span.start - 3), span.start))

    def _visitors_from(self, doc: Doc, span: Span) -> bool:
        """ "przedstawiciele OWES w Kielcach … gościli w Krakowie", "25 przedstawicieli domów
        pomocy, placówek …, ROPS w Krakowie": an institution in the list that names the
        travelling group is where the visitors come from. "Spotkali się z przedstawicielami
        X" (after "z") names a host."""
        sent = sentence_of(doc, span.start)
        table, sets = token_table(doc), lemma_sets(doc)
        visit = self.cues["visit"]
        for k in range(span.start - 1, max(sent.start, span.start - 25) - 1, -1):
            word = table.text[k]
            if only_verb_readings(word) and not table.is_title[k]:
                return False  # a verb (only verb readings): a clause boundary, the list ended
            if not sets[k].isdisjoint(visit):
                return False  # "pracownikom wizytowanych placówek, tj. …": the visited ones
            if self._names_visitors(word):
                return not (k > 0 and table.lower[k - 1] in {"z", "ze"})
        return False

    def _visitor_noun(self, word: str) -> bool:
        """A plural noun for the visiting group ("przedstawiciele", "pracowników", "kadra")
        in the nominative, genitive or accusative (``_names_visitors`` memoises it per form)."""
        visitor = self.cues["visitor"]
        readings = [a for a in analyse(word) if a.lemma.lower() in visitor
                    and (a.has("nom") or a.has("gen") or a.has("acc"))]
        return bool(readings) and any(":pl:" in a.tag or a.lemma in {"kadra", "delegacja"} for a in readings)

    def _people_from(self, doc: Doc, span: Span) -> bool:
        """ "dla osób niepełnosprawnych z Warsztatów …", "seniorów z Caritasu": where people
        come from (not "spotkanie z przedstawicielami z X": they were met)."""
        i = span.start
        table = token_table(doc)
        if i < 2 or table.lower[i - 1] not in {"z", "ze"}:
            return False
        for k in range(i - 2, max(sentence_of(doc, i).start, i - 4) - 1, -1):
            readings = [a for a in analyse(table.text[k]) if a.lemma.lower() in self.cues["person"]]
            if readings and any(":pl:" in a.tag for a in readings):
                return not (k and table.lower[k - 1] in {"z", "ze"})
        return False

    def _founding_subject(self, doc: Doc, span: Span) -> bool:
        """ "Stowarzyszenie BUKO utworzyło wieś tematyczną …": the subject of a founding verb
        founded something; it is no host of its own."""
        sent_end = sentence_of(doc, span.start).end
        for k in range(span.end, min(sent_end, span.end + 3)):
            if lemma_set(doc, k) & FOUNDING_VERBS and doc[k]._.nkjp_tag.split(":", 1)[0] in {"praet", "fin"}:
                return True
            if doc[k].is_punct:
                return False
        return False

    def _coordinated_role(self, doc: Doc, span: Span) -> str:
        """ "którą utworzyły Stowarzyszenie X oraz Stowarzyszenie Y": a name coordinated with
        the one right before it shares its role (founder, partner, funder, organiser…)."""
        k = span.start - 1
        if k < 1 or doc[k].lower_ not in {"oraz", "i", ","}:
            return ""
        prev = span_index(doc, "institutions").by_end.get(k)
        rule = ((prev._.attrs or {}).get("host_rule") or "") if prev is not None else ""
        reason = rule.split(":", 1)[1] if rule.startswith("excluded:") else ""
        if reason == "operator" and doc[k].text == ",":
            return ""  # "…, prowadzony przez X, Centrum Integracji …": the visited list goes on
        return reason if reason in SHARED_ROLES else ""

    def _person_function(self, doc: Doc, span: Span) -> bool:
        """ "… jest Prezesem Zarządu Ogólnopolskiego Związku …", "jest rewidentem X": another
        function of a person the text describes, not an institution the group met."""
        window = range(max(sentence_of(doc, span.start).start, span.start - 4), span.start)
        return any(doc[k].lower_ in COPULA_FORMS for k in window) and any(
            lemma_set(doc, k) & self.cues["function"] for k in window)

    def _run_by_host(self, doc: Doc, span: Span, hosts: list[HostChoice]) -> bool:
        """ "Dobra Spółdzielnia Socjalna, prowadząca Dobrą Kawiarnię", "zadaniem Spółdzielni
        jest prowadzenie Domu Dziennego Pobytu": a business or facility a named host runs is
        part of that host."""
        i = span.start
        if span._.attrs.get("type") not in {"PRZEDSIEBIORSTWO", "INNE"}:
            return False  # a unit of its own kind (ZAZ, WTZ, CIS …) is a host of its own
        if not any(lemma_set(doc, k) & {"prowadzić", "prowadzenie", "prowadzący"}
                   and not doc[k].lower_.startswith("prowadzon") for k in range(max(0, i - 2), i)):
            return False
        sent_start = sentence_of(doc, i).start
        for h in reversed(hosts):  # the hosts so far, in text order: look back a little only
            if h.span.start < sent_start - 40:
                return False
            if h.span.end <= i and (h.span._.attrs or {}).get("proper"):
                return True
        return False

    def _travelling_subject(self, doc: Doc, span: Span) -> bool:
        """ "Zespół Szkół nr 5 w Ełku udał się na wizytę", "Stowarzyszenie X wzięło udział w
        wyjeździe": the subject of a travelling or taking-part verb is the visiting group."""
        words = token_table(doc).text
        if not any(a.has("nom") for a in analyse(words[span.start])):
            return False
        sent = sentence_of(doc, span.start)
        end = span.end
        chars = span._.attrs.get("city_span")
        if chars:  # skip its "w <city>" phrase
            while end < sent.end and doc[end].idx < chars[1]:
                end += 1
        for k in range(end, min(sent.end, end + 3)):
            classes = {a.pos for a in analyse(words[k])}
            if lemma_set(doc, k) & self.cues["travel"] and classes & {"fin", "praet"}:
                return True
            if doc[k].lower_ in {"wzięło", "wziął", "wzięła", "wzięli", "wzięły"}:
                return bool(k + 1 < sent.end and "udział" in lemma_set(doc, k + 1))
            if classes & VERB_CLASSES or doc[k].is_punct:
                return False
        return False

    def _parent_of_unit(self, doc: Doc, span: Span, hosts: list[HostChoice]) -> bool:
        """ "Warsztaty Terapii Zajęciowej przy Domu Pomocy Społecznej …", "Klub … znajdujący się
        w strukturach Ośrodka …", "Zakład Aktywności Zawodowej Fundacji Dialog": the parent of
        the unit named just before is its operator, no host of its own (annotation)."""
        i = span.start
        unit = next((h for h in reversed(hosts) if i - 5 <= h.span.end <= i), None)
        if unit is None:
            return False
        between = doc[unit.span.end:i]
        linked = any(lemma_set(doc, t.i) & self.cues["unit_link"] for t in between)
        genitive = unit.span.end == i and any(a.has("gen") for a in doc[i]._.morf) and \
            not any(a.has("nom") for a in doc[i]._.morf if a.pos == "subst")
        if not (linked or genitive) or any(t.text in {".", ";", ":"} for t in between):
            return False
        unit.operator = unit.operator or span._.base
        return True

    def _operator_of(self, doc: Doc, span: Span, hosts: list[HostChoice]) -> bool:
        """ "…CISTOR w Toruniu, prowadzonym przez Stowarzyszenie …", "Placówka prowadzona jest
        przez Fundację …", "organem prowadzącym jest Fundacja …": the institution runs the
        host named just before; it fills that host's operator column instead."""
        i = span.start
        agent = i >= 2 and doc[i - 1].lower_ == "przez" and any(
            lemma_set(doc, k) & self.cues["operator"] for k in range(max(0, i - 3), i - 1))
        nominal = i >= 2 and doc[i - 1].lower_ in {"jest", "był", "była", "są", "byli"} and (
            doc[i - 2].lower_.startswith("prowadząc"))
        if not (agent or nominal):
            return False
        sent_start = sentence_of(doc, span.start).start
        for h in reversed(hosts):
            if h.span.end <= span.start and sentence_of(doc, h.span.start).start >= sent_start - 60:
                h.operator = h.operator or span._.base
                break
        return True

    # -- inferred hosts ---------------------------------------------------------------
    def municipal_hosts(self, doc: Doc, hosts: list[HostChoice]) -> list[HostChoice]:
        """ "z gośćmi spotkał się Burmistrz Dobiegniewa": meeting a gmina's head is meeting
        the gmina (annotation: local governments the group met are hosts)."""
        out: list[HostChoice] = []
        for person in span_list(doc, "people"):
            attrs = person._.attrs
            role, rspan = attrs.get("role") or "", attrs.get("role_span")
            if not rspan or role.split(" ", 1)[0] not in self.cues["municipal_head"]:
                continue
            if not sentence_lemmas(doc, person.start) & self.cues["visit"]:
                continue
            role_span = doc.char_span(rspan[0], rspan[1], alignment_mode="expand")
            if role_span is None:
                continue
            place = next((resolve_city(t.text, doc) for t in role_span[1:] if t.is_title), None)
            if place is None or place.rule == "adjective":
                continue
            existing = [h for h in hosts + out if h.type == "JST" and h.city == place.name]
            attrs["organization"] = existing[0].name if existing else f"Gmina {place.name}"
            if not existing:
                out.append(HostChoice(role_span, f"Gmina {place.name}", "JST", place.name,
                                      place.voivodeship, "municipal_head_met", city_rule="role_place"))
        # the head met without a name: "spotkanie z … wójtem gminy Brzuze", "Wójt Przerośli"
        heads = tuple(self.cues["municipal_head"])
        for i in [k for k, w in enumerate(token_table(doc).lower) if w.startswith(heads)]:
            t = doc[i]
            if not lemma_set(doc, t.i) & self.cues["municipal_head"]:
                continue
            if not sentence_lemmas(doc, t.i) & self.cues["visit"]:
                continue
            k = t.i + 1
            while k < len(doc) and doc[k].lower_ in {"gminy", "miasta", "i", "gminy-miasta"}:
                k += 1
            if k >= len(doc) or not doc[k].is_title or doc[k].is_sent_start:
                continue
            place = resolve_city(doc[k].text, doc)
            if place is None or place.rule == "adjective":
                continue
            if any(h.type == "JST" and h.city == place.name for h in hosts + out):
                continue
            out.append(HostChoice(doc[t.i:k + 1], f"Gmina {place.name}", "JST", place.name,
                                  place.voivodeship, "municipal_head_met", city_rule="role_place"))
        return out


#: roles a coordinated name shares with the one before it
SHARED_ROLES = {"founder", "partner", "funder", "organiser_of_an_event", "document_issuer", "operator",
                "visitors_organisation", "funder_founder_or_partner"}
FOUNDING_VERBS = {"utworzyć", "założyć", "powołać", "stworzyć", "zainicjować"}
COPULA_FORMS = {"jest", "był", "była", "są", "byli", "będąc", "pełni", "pełniąc", "został", "została"}
CREDIT_WORDS = {"tekst", "zdjęcia", "zdjęcie", "fot", "foto", "autor", "opracowanie", "źródło"}


def _named_tokens(doc: Doc) -> set[int]:
    """Tokens inside institution or place names (computed once per document)."""
    return step_cached(doc, "named_tokens", lambda: {
        k for key in ("institutions", "places") for s in doc.spans.get(key, [])
        for k in range(s.start, s.end)})


CAPTION_STARTS = ("zdjęcie", "zdjęcia", "fotografia", "fot.", "fot:", "foto")


def _furniture_line(doc: Doc, span: Span) -> bool:
    """A breadcrumb line ("Fundacja X > Aktualności > …"), a photo caption ("Zdjęcie
    przedstawia …"), the site's name above the report or a signature below it: page
    furniture, not the report (annotation: furniture and captions are no content)."""
    text = text_of(doc)
    a = text.rfind("\n", 0, span.start_char) + 1
    b = text.find("\n", span.end_char)
    line = text[a:b if b >= 0 else len(text)].strip()
    if " > " in line or " » " in line or line.lower().startswith(CAPTION_STARTS):
        return True
    # a line that is just the name, at the top (the site's name) or at the end of the page
    # (a signature: "Pedagog i pracownik socjalny / Centrum Integracji Społecznej …")
    if line.strip(" .„”\"") != text[span.start_char:span.end_char].strip(" .„”\""):
        return False
    starts = step_cached(doc, "line_starts", lambda: _non_empty_line_starts(text))
    k = bisect_left(starts, a)  # non-empty lines before this one
    if k and text[starts[k - 1]:a].rstrip().endswith(":"):
        return False  # an item of a list
    return k < 2 or len(starts) - k - 1 < 3


def _non_empty_line_starts(text: str) -> list[int]:
    offsets = [0] + [m.end() for m in re.finditer("\n", text)]
    return [o for o, nxt in zip(offsets, offsets[1:] + [len(text)]) if text[o:nxt].strip()]


def _credit_line(doc: Doc, span: Span) -> bool:
    """ "Tekst: Stowarzyszenie …", "Zdjęcia: …": the report's credits name its authors."""
    k = span.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k >= 1 and doc[k].text == ":" and doc[k - 1].lower_.rstrip(".") in CREDIT_WORDS


def display_name(doc: Doc, span: Span) -> str:
    """An abbreviation ("CUS w Jarocinie") takes its full name when the report spells that
    name out somewhere; otherwise it stays as written (annotation rule)."""
    attrs = span._.attrs
    if not attrs.get("abbreviation") or not attrs.get("full"):
        return span._.base
    rest = span[1:].text if len(span) > 1 else ""
    full = fold(f"{attrs['full']} {rest}")
    for other in span_list(doc, "institutions"):
        if other._.attrs.get("abbreviation") or other._.attrs.get("type") != attrs.get("type"):
            continue
        if full in {fold(other._.base), fold(other._.attrs.get("singular"))}:
            return f"{attrs['full']} {rest}".strip()
    return span._.base


def _scene_without(attrs: dict, banned: set[tuple[int, int]]) -> None:
    """Re-pick a narrative locality skipping the banned ones (organiser's, visitors')."""
    for chars, name, voiv in attrs.get("context_candidates", []):
        if tuple(chars) not in banned:
            attrs["city"], attrs["voivodeship"] = name, voiv
            return
    attrs["city"] = attrs["voivodeship"] = None
    attrs["city_rule"] = "context_place_banned"


def _merge(out: list[HostChoice], name: str, city: str | None, attrs: dict) -> bool:
    """Same name again: one host, whose city is the first one the text gives."""
    explicit = attrs.get("city_rule") in EXPLICIT_CITY
    for h in out:
        if not same_institution(h.name, name, h.type == attrs.get("type")):
            continue
        if len(name) > len(h.name) and "„" in name:
            h.name = name  # "Stowarzyszenie „Być Razem”" -> "Stowarzyszenie Pomocy Wzajemnej „Być Razem”"
        if explicit and h.city_rule == "context_place" and h.city != city:
            # the text names the locality now; the narrative guess gives way
            h.city, h.voivodeship, h.city_rule = city, attrs.get("voivodeship"), attrs.get("city_rule")
            return True
        weak = attrs.get("city_rule") == "context_place" and (attrs.get("proper") or attrs.get("abbreviation"))
        # a generic name ("Warsztaty Terapii Zajęciowej") in another locality is another host
        if h.city is None or city is None or h.city == city or weak:
            if h.city is None and city is not None:
                h.city, h.voivodeship = city, attrs.get("voivodeship")
            if "„" in name and "„" not in h.name:
                h.name = name
            return True
    return False


QUOTED_NAME = re.compile(r"„([^”]+)”")


def same_institution(a: str, b: str, same_type: bool) -> bool:
    """One institution named twice: the same words ("Górnicza Wioska" / "Wioska Górnicza"),
    or, for one type, the same quoted proper name ("Stowarzyszenie „Być Razem”" /
    "Stowarzyszenie Pomocy Wzajemnej „Być Razem”")."""
    ka, kb = _name_keys(a), _name_keys(b)
    if ka[0] == kb[0] or ka[1] == kb[1]:
        return True
    return same_type and ka[2] is not None and ka[2] == kb[2]


@lru_cache(maxsize=8192)
def _name_keys(name: str) -> tuple[str, tuple[str, ...], str | None]:
    """Folded name, its sorted words and its folded quoted part (compared often: cached)."""
    folded = fold(name)
    quoted = QUOTED_NAME.search(name)
    return folded, tuple(sorted(folded.split())), fold(quoted.group(1)) if quoted else None


def _drop_repeats(hosts: list[HostChoice]) -> list[HostChoice]:
    """A summary list ("w Centrach Integracji Społecznej we Wrocławiu…") or a bare
    abbreviation ("GOPS", "WSS") repeats hosts the text names specifically."""
    specific = [h for h in hosts if "split_by_city" not in h.rule]
    hosts = [h for h in hosts if "split_by_city" not in h.rule or not any(
        f.type == h.type and f.city == h.city for f in specific)]

    def bare_abbreviation(h: HostChoice) -> bool:
        return bool(h.span._.attrs.get("abbreviation")) and len(h.span) == 1

    def same_kind(f: HostChoice, h: HostChoice) -> bool:
        if f.type != h.type:
            return False  # INNE gathers many kinds: "GOK" is no "Zespół „Przeroślaki”"
        return f.type != "INNE" or fold(h.span._.attrs.get("full")) in fold(f.name)

    full = [h for h in hosts if not bare_abbreviation(h)]
    return [h for h in hosts if not bare_abbreviation(h) or not any(
        same_kind(f, h) and (h.city is None or f.city == h.city) for f in full)]

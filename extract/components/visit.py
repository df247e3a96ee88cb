"""Assemble one report's visit: title, dates, organiser, participants, hosts, places.

The entity components find every institution, place and person; this step decides their
roles in the visit: the organiser (subject of "zorganizował", "organizatorem"), the hosts
(institutions the group went to or met), the places visited (host cities and localities
the group went to). Each decision records its rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import lemma_set, sentence_of, span_lemmas
from ..places import resolve_city
from ..resources import read_csv
from .institutions import InstitutionFinder as InstitutionNames
from . import dates as dates_component

TITLE_CUES = re.compile(r"wizyt|wyjazd|study|studyj|dobr\w+ praktyk|wizytowali|relacja|transfer", re.I)
# "w wizycie studyjnej pn. „Dobre praktyki…”", "wyjazd studyjny pt. "…"": the visit's name
VISIT_NAME = re.compile(
    r"(?:wizyt\w*|wyjazd\w*)(?:\s+[^\s„\"“.]+){0,4}?\s+(?:pn\.|pt\.|pod\s+hasłem|pod\s+nazwą|"
    r"pod\s+tytułem|zatytułowan\w*)\s*[„\"“]([^„\"“”\n]{6,200})[”\"“]", re.I)
INNER_DATE = re.compile(r"\s\d{1,2}(?:[.\-–]\d{1,2})*[.\-–]\d{1,2}[.\-–]\d{2,4}\s*(?:r\.)?\s")
QUOTED = re.compile(r"[„\"“”]([^„\"“”\n]{6,200})[”\"“]")
TRAILING_DATE = re.compile(r"\s*[-–,]?\s*(w dniu |w dniach )?\d{1,2}([.\-–]\d{1,2})*([.\-–]\d{2,4})?\s*(r\.?|roku)?\s*$")


VERB_CLASSES = {"fin", "praet", "impt", "imps", "inf", "pcon", "pant", "bedzie", "winien"}


@dataclass
class HostChoice:
    """An institution taken as a host; one span can give several ("w CIS w X i Y")."""
    span: Span
    name: str
    type: str
    city: str | None
    voivodeship: str | None
    rule: str
    operator: str | None = None
    city_rule: str = ""


def fold(text: str | None) -> str:
    """Compare names case-, quote- and punctuation-blind (as the scorer does)."""
    if not text:
        return ""
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    return " ".join(text.split())


@dataclass
class PlaceChoice:
    """A visited locality and the span it was read from."""
    span: Span
    name: str
    voivodeship: str | None
    latitude: float | None
    longitude: float | None
    rule: str


@dataclass
class VisitAssembly:
    title: str | None = None
    title_rule: str = ""
    start_date: str | None = None
    end_date: str | None = None
    dates_rule: str = ""
    organizer: Span | None = None
    organizer_rule: str = ""
    participants: int | None = None
    participants_rule: str = ""
    hosts: list[HostChoice] = field(default_factory=list)
    places: list[PlaceChoice] = field(default_factory=list)
    people: list[Span] = field(default_factory=list)


def _lemmas(span: Span) -> set[str]:
    return span_lemmas(span)


class VisitAssembler:
    def __init__(self, cues_file: str, participants_file: str = "participants.csv"):
        rows = read_csv(participants_file)
        self.participant_person = {r["lemma"] for r in rows if r["kind"] == "person"}
        self.participant_event = {r["lemma"] for r in rows if r["kind"] == "event"}
        self.cues: dict[str, set[str]] = {}
        for row in read_csv(cues_file):
            self.cues.setdefault(row["kind"], set()).add(row["lemma"])

    def __call__(self, doc: Doc) -> Doc:
        v = VisitAssembly()
        v.title, v.title_rule = self.title(doc)
        v.start_date, v.end_date, _span, v.dates_rule = dates_component.visit_dates(doc)
        v.organizer, v.organizer_rule = self.organizer(doc)
        v.participants, v.participants_rule = self.participants(doc)
        v.hosts = self.hosts(doc, v.organizer)
        v.hosts.extend(self.municipal_hosts(doc, v.hosts))
        v.places = self.places(doc, v.hosts, v.organizer)
        v.people = list(doc.spans["people"]) if "people" in doc.spans else []
        doc._.visit = v
        # per-doc caches hold spans: drop them so the Doc stays serialisable
        doc.user_data.pop("wizyty_sent_table", None)
        doc.user_data.pop("wizyty_lemma_sets", None)
        return doc

    # -- title ---------------------------------------------------------------------
    def title(self, doc: Doc) -> tuple[str | None, str]:
        """The visit's own name when the text gives one ("wizyta studyjna pn. „…”"), else
        the report's heading (without a trailing date or full stop)."""
        named = VISIT_NAME.search(doc.text)
        if named:
            return named.group(1).strip().rstrip("."), "visit_name_in_text"
        lines = [ln.strip() for ln in doc.text.splitlines() if ln.strip()]
        for line in lines[:8]:
            short = len(line.split()) <= 14
            if len(line) > 220 or (line.endswith((".", ":")) and not short) or line.endswith(":"):
                continue
            if not TITLE_CUES.search(line):
                continue
            quoted = QUOTED.search(line)
            if quoted and not line.strip().startswith(("„", '"', "“")):
                return quoted.group(1).strip().rstrip("."), "heading:quoted_name"
            title = line.strip().strip("„”\"“").strip()
            title = TRAILING_DATE.sub("", title).strip(" -–,").rstrip(".").strip("„”\"“").strip()
            title = INNER_DATE.sub(" ", title).strip()
            return title or None, "heading"
        return None, ""

    # -- organiser -----------------------------------------------------------------
    def organizer(self, doc: Doc) -> tuple[Span | None, str]:
        """The institution that is the subject of an organising verb ("ROPS … zorganizował"),
        its agent ("zorganizowana przez …") or named organiser ("organizatorem był …")."""
        cues = self.cues.get("organize", set())
        usable = [s for s in doc.spans.get("institutions", [])
                  if not (s._.attrs.get("bare") or s._.attrs.get("plural") or s._.attrs.get("lowercase"))]
        for sent in doc.sents:
            cue_idx = [t.i for t in sent if ({t.lemma_.lower()} | {a.lemma.lower() for a in t._.morf}) & cues]
            if not cue_idx:
                continue
            cue = cue_idx[0]
            cands = [s for s in usable if sentence_of(doc, s.start) == sent]
            if doc[cue].lower_.startswith("organizator"):
                # noun: "…Ośrodka Polityki Społecznej w Krakowie, organizatora wizyty" or
                # "organizatorem wizyty był …"
                near = [s for s in cands if s.end <= cue and cue - self._city_end(doc, s) <= 2]
                if near:
                    return near[-1], "organizer:apposition"
                after = [s for s in cands if s.start > cue and s.start - cue <= 5 and any(
                    t.lower_ in {"był", "była", "było", "byli", "jest", "są"} for t in doc[cue:s.start])]
                if after:
                    return after[0], "organizer:named_organizer"
                continue
            after = [s for s in cands if s.start > cue and s.start - cue <= 8
                     and any(t.lower_ == "przez" for t in doc[cue:s.start])]
            if after:
                return after[0], "organizer:agent_after_cue"
            inverted = [s for s in cands if 0 < s.start - cue <= 2 and doc[cue]._.nkjp_tag.startswith("praet")
                        and any(a.has("nom") for a in s[0]._.morf)]
            if inverted:  # "Wizytę przygotował Regionalny Ośrodek …"
                return inverted[0], "organizer:subject_after_verb"
            before = [s for s in cands if s.end <= cue]
            if before:
                # the sentence subject: the first institution before the verb
                return before[0], "organizer:subject_before_cue"
        return None, ""

    @staticmethod
    def _city_end(doc: Doc, span: Span) -> int:
        """Token index after the name and its "w <city>" phrase."""
        span_chars = span._.attrs.get("city_span")
        if span._.attrs.get("city_rule") == "w+place" and span_chars:
            city = doc.char_span(*span_chars, alignment_mode="expand")
            if city is not None:
                return city.end + (1 if city.end < len(doc) and doc[city.end].text == "," else 0)
        return span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)

    # -- participants ---------------------------------------------------------------
    def participants(self, doc: Doc) -> tuple[int | None, str]:
        """ "wzięło udział łącznie 30 osób", "grupa 40 uczestników", "dla 20 seniorek": a
        number before a person noun, in a sentence about the trip; a number right after
        another number ("3 grupy liczące 5 osób") is a part, not the total."""
        for sent in doc.sents:
            lemmas = {a.lemma.lower() for t in sent for a in t._.morf}
            if not lemmas & self.participant_event:
                continue
            for tok in sent[:-1]:
                if not (tok.is_digit and 2 <= int(tok.text) <= 500):
                    continue
                nxt = doc[tok.i + 1]
                if not {a.lemma.lower() for a in nxt._.morf} & self.participant_person:
                    continue
                if any(t.like_num and doc[t.i + 1].lemma_.lower() in {"grupa", "zespół"}
                       for t in doc[max(sent.start, tok.i - 3):tok.i]):
                    continue
                return int(tok.text), f"participants:number+{nxt.lemma_}"
        return None, ""

    # -- hosts ----------------------------------------------------------------------
    def hosts(self, doc: Doc, organizer: Span | None) -> list[HostChoice]:
        out: list[HostChoice] = []
        exclude = self.cues.get("exclude", set())
        visit = self.cues.get("visit", set())
        # localities of the organiser and of the visitors' own institutions are not scenes
        banned_places: set[tuple[int, int]] = set()
        if organizer is not None and organizer._.attrs.get("city_span"):
            banned_places.add(tuple(organizer._.attrs["city_span"]))
        for span in doc.spans.get("institutions", []):
            attrs = span._.attrs
            if organizer is not None and span.start == organizer.start:
                attrs["host_rule"] = "excluded:organizer"
                continue
            if self._organised_by(doc, span):
                attrs["host_rule"] = "excluded:organiser_of_an_event"
                continue
            if self._funded_by(doc, span):
                attrs["host_rule"] = "excluded:funder"
                continue
            if self._visitors_from(doc, span):
                attrs["host_rule"] = "excluded:visitors_organisation"
                if attrs.get("city_span"):
                    banned_places.add(tuple(attrs["city_span"]))
                continue
            if self._operator_of(doc, span, out):
                attrs["host_rule"] = "excluded:operator"
                continue
            sent_lem = _lemmas(sentence_of(doc, span.start))
            if sent_lem & exclude and not sent_lem & visit:
                attrs["host_rule"] = "excluded:funder_or_founder"
                continue
            if attrs.get("bare"):
                attrs["host_rule"] = "excluded:bare_generic_word"
                continue
            if attrs.get("lowercase") and "„" not in span._.base and not attrs.get("city_rule") == "w+place":
                # "spółdzielni socjalnej", "ośrodków pomocy społecznej": a kind, not a name
                attrs["host_rule"] = "excluded:common_noun_phrase"
                continue
            rule = "visit_sentence" if sent_lem & visit else "mentioned"
            if attrs.get("ner") and not (rule == "visit_sentence" and attrs.get("city_rule") == "w+place"):
                attrs["host_rule"] = "excluded:ner_without_visit_and_locality"
                continue
            if attrs.get("city_rule") == "context_place":
                self._scene_without(attrs, banned_places)
            choices: list[tuple[str, str | None, str | None]] = []
            if attrs.get("cities") and (attrs.get("plural") or len(attrs["cities"]) > 1):
                # one institution per locality: "Warsztaty Terapii Zajęciowej w Dębicy i Bobrowej Woli"
                name = attrs.get("singular") or InstitutionNames.singular(span)
                for city, voiv in attrs["cities"]:
                    choices.append((name, city, voiv))
                rule += "; split_by_city"
            elif attrs.get("plural"):
                attrs["host_rule"] = "excluded:plural_without_city"
                continue
            else:
                choices.append((self._display_name(doc, span), attrs.get("city"), attrs.get("voivodeship")))
            org_key = fold(organizer._.base) if organizer is not None else None
            for name, city, voiv in choices:
                if fold(name) == org_key and (city is None or city == organizer._.attrs.get("city")):
                    continue
                merged = self._merge(out, name, city, attrs)
                if merged:
                    continue
                out.append(HostChoice(span, name, attrs.get("type"), city, voiv, rule,
                                      city_rule=attrs.get("city_rule", "")))
            attrs["host_rule"] = rule
        # a summary list ("w Centrach Integracji Społecznej we Wrocławiu…") repeats hosts
        # that the text names specifically: keep the specific ones
        specific = [h for h in out if "split_by_city" not in h.rule]
        out = [h for h in out if "split_by_city" not in h.rule or not any(
            f.type == h.type and f.city == h.city for f in specific)]
        # an abbreviation ("GOPS", "WSS") names a host already given in full
        full = [h for h in out if not (h.span._.attrs.get("abbreviation") and len(h.span) == 1)]
        out = [h for h in out if not (h.span._.attrs.get("abbreviation") and len(h.span) == 1) or not any(
            f.type == h.type and (h.city is None or f.city == h.city) for f in full)]
        return out

    def municipal_hosts(self, doc: Doc, hosts: list[HostChoice]) -> list[HostChoice]:
        """ "z gośćmi spotkał się Burmistrz Dobiegniewa": meeting a gmina's head is meeting
        the gmina (annotation: local governments the group met are hosts)."""
        out: list[HostChoice] = []
        have = {h.city for h in hosts if h.type == "JST"}
        for person in doc.spans.get("people", []):
            attrs = person._.attrs
            role, rspan = attrs.get("role") or "", attrs.get("role_span")
            if not rspan or role.split(" ", 1)[0] not in self.cues.get("municipal_head", set()):
                continue
            if not _lemmas(sentence_of(doc, person.start)) & self.cues.get("visit", set()):
                continue
            role_span = doc.char_span(rspan[0], rspan[1], alignment_mode="expand")
            if role_span is None:
                continue
            place = next((resolve_city(t.text, doc) for t in role_span[1:] if t.is_title), None)
            if place is None or place.rule == "adjective":
                continue
            existing = [h for h in hosts + out if h.type == "JST" and h.city == place.name]
            attrs["organization"] = existing[0].name if existing else f"Gmina {place.name}"
            if existing:
                continue
            have.add(place.name)
            out.append(HostChoice(role_span, f"Gmina {place.name}", "JST", place.name,
                                  place.voivodeship, "municipal_head_met", city_rule="role_place"))
        return out

    @staticmethod
    def _scene_without(attrs: dict, banned: set[tuple[int, int]]) -> None:
        """Re-pick a narrative locality skipping the banned ones (organiser's, visitors')."""
        for chars, name, voiv in attrs.get("context_candidates", []):
            if tuple(chars) not in banned:
                attrs["city"], attrs["voivodeship"] = name, voiv
                return
        attrs["city"] = attrs["voivodeship"] = None
        attrs["city_rule"] = "context_place_banned"

    def _organised_by(self, doc: Doc, span: Span) -> bool:
        """ "w konkursie organizowanym przez ROPS Kraków": the organiser of something."""
        i = span.start
        return i >= 2 and doc[i - 1].lower_ == "przez" and bool(
            lemma_set(doc, i - 2) & self.cues.get("organize", set()))

    def _funded_by(self, doc: Doc, span: Span) -> bool:
        """ "dzięki wsparciu Fundacji …", "ze środków Urzędu Marszałkowskiego": a funder."""
        funder = self.cues.get("funder", set())
        return any(lemma_set(doc, k) & funder for k in range(max(0, span.start - 2), span.start))

    def _visitors_from(self, doc: Doc, span: Span) -> bool:
        """ "przedstawiciele OWES w Kielcach … gościli w Krakowie", "25 przedstawicieli domów
        pomocy, placówek …, ROPS w Krakowie": an institution in the list that names the
        travelling group is where the visitors come from. "Spotkali się z przedstawicielami
        X" (after "z") names a host."""
        sent = sentence_of(doc, span.start)
        visitors = self.cues.get("visitor", set())
        for k in range(span.start - 1, max(sent.start, span.start - 25) - 1, -1):
            tok = doc[k]
            if tok._.nkjp_tag.split(":", 1)[0] in VERB_CLASSES and not tok.is_title:
                return False  # a clause boundary: the list ended
            if lemma_set(doc, k) & self.cues.get("visit", set()):
                return False  # "pracownikom wizytowanych placówek, tj. …": the visited ones
            readings = [a for a in tok._.morf if a.lemma.lower() in visitors
                        and (a.has("nom") or a.has("gen") or a.has("acc"))]
            if readings and any(":pl:" in a.tag or a.lemma in {"kadra", "delegacja"} for a in readings):
                return not (k > 0 and doc[k - 1].lower_ in {"z", "ze"})
        return False

    def _operator_of(self, doc: Doc, span: Span, hosts: list[HostChoice]) -> bool:
        """ "…CISTOR w Toruniu, prowadzonym przez Stowarzyszenie …", "Placówka prowadzona jest
        przez Fundację …", "organem prowadzącym jest Fundacja …": the institution runs the
        host named just before; it fills the host's operator column instead of being a host."""
        operator_lemmas = self.cues.get("operator", set())
        i = span.start
        # A: "<prowadzony> [jest] przez X"; B: "[organem] prowadzącym jest X"
        agent = i >= 2 and doc[i - 1].lower_ == "przez" and any(
            lemma_set(doc, k) & operator_lemmas for k in range(max(0, i - 3), i - 1))
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

    @staticmethod
    def _display_name(doc: Doc, span: Span) -> str:
        """An abbreviation ("CUS w Jarocinie") takes its full name when the report spells
        that name out somewhere; otherwise it stays as written (annotation rule)."""
        attrs = span._.attrs
        if not attrs.get("abbreviation") or not attrs.get("full"):
            return span._.base
        rest = span[1:].text if len(span) > 1 else ""
        full = fold(f"{attrs['full']} {rest}")
        for other in doc.spans.get("institutions", []):
            if other._.attrs.get("abbreviation") or other._.attrs.get("type") != attrs.get("type"):
                continue
            if full in {fold(other._.base), fold(other._.attrs.get("singular"))}:
                return f"{attrs['full']} {rest}".strip()
        return span._.base

    @staticmethod
    def _merge(out: list[HostChoice], name: str, city: str | None, attrs: dict) -> bool:
        """Same name again: one host, whose city is the first one the text gives."""
        explicit = attrs.get("city_rule") in {"w+place", "place_in_name"}
        for h in out:
            if fold(h.name) != fold(name):
                continue
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

    # -- places ---------------------------------------------------------------------
    def places(self, doc: Doc, hosts: list[HostChoice], organizer: Span | None) -> list[PlaceChoice]:
        """Localities the group went to: the hosts' localities, and places the group went
        "do"/"w" in a visiting sentence, unless the phrase belongs to an institution that
        is no host (the organiser's seat, the visitors' home, a partner's address)."""
        host_cities = {h.city for h in hosts if h.city}
        org_city = organizer._.attrs.get("city") if organizer is not None else None
        host_spans = {h.span.start for h in hosts}
        not_host_places = {tuple(i._.attrs["city_span"]) for i in doc.spans.get("institutions", [])
                           if i._.attrs.get("city_span") and i.start not in host_spans}
        visit = self.cues.get("visit", set())
        out: list[PlaceChoice] = []
        seen: set[str] = set()
        for p in doc.spans.get("places", []):
            name = p._.base
            if name in seen:
                continue
            attrs = p._.attrs or {}
            cue = attrs.get("cue", "")
            in_visit = bool(_lemmas(sentence_of(doc, p.start)) & visit)
            if name in host_cities:
                rule = "host_city"
            elif (cue in {"do", "w", "we"} and in_visit and name != org_city
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


@Language.factory("wizyty_visit", default_config={"cues_file": "visit_cues.csv",
                                                  "participants_file": "participants.csv"})
def make_visit(nlp: Language, name: str, cues_file: str, participants_file: str):
    return VisitAssembler(cues_file, participants_file)

"""The organiser: subject, agent or named organiser of an organising cue."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..extensions import lemma_set, lemma_sets, sentence_of, sentences, span_list, text_of, token_table
from ..institutions.words import agrees
from .choices import fold
from .cues import Cues

COPULA = {"był", "była", "było", "byli", "jest", "są"}
FINITE = {"praet", "fin", "bedzie"}  # "ROPS … zorganizował": the subject comes before


def find_organizer(doc: Doc, cues: Cues) -> tuple[Span | None, str]:
    """ "ROPS … zorganizował", "zorganizowana przez …", "…, organizatora wizyty",
    "organizatorem był …", "Wizytę przygotował ROPS": the first sentence with an
    organising cue and an institution in one of those positions."""
    organize = cues["organize"]
    usable = [s for s in span_list(doc, "institutions")
              if not (s._.attrs.get("bare") or s._.attrs.get("plural") or s._.attrs.get("lowercase")
                      or s._.attrs.get("ner"))]
    by_sentence: dict[int, list[Span]] = {}
    for s in usable:
        by_sentence.setdefault(sentence_of(doc, s.start).start, []).append(s)
    sets = lemma_sets(doc)
    for sent in sentences(doc):
        cands = by_sentence.get(sent.start)
        if not cands:
            continue
        for cue in (i for i in range(sent.start, sent.end) if not sets[i].isdisjoint(organize)):
            found = _organizer_at(doc, cue, cands)
            if found[0] is not None:
                return found
    found = _project_owner(doc, usable)
    return found if found[0] is not None else _first_person_author(doc, usable)


FRAME_NOUNS = {"projekt", "program", "wsparcie", "działanie", "przedsięwzięcie", "inicjatywa"}
FRAME_VERBS = {"realizować", "realizowany", "prowadzić", "prowadzony", "oferować", "organizować"}


def _project_owner(doc: Doc, usable: list[Span]) -> tuple[Span | None, str]:
    """ "w ramach projektu [pozakonkursowego] Regionalnego Ośrodka …", "w ramach projektu
    realizowanego przez X", "w ramach wsparcia, jakie oferuje X": the institution whose
    project the visit was part of (the annotation's second choice, when no predicate names
    who arranged it)."""
    for s in usable:
        sent_start = sentence_of(doc, s.start).start
        frame = next((k for k in range(s.start - 1, max(sent_start, s.start - 9) - 1, -1)
                      if lemma_set(doc, k) & FRAME_NOUNS and k >= 2
                      and doc[k - 2].lower_ == "w" and doc[k - 1].lower_ == "ramach"), None)
        if frame is None:
            continue
        between = doc[frame + 1:s.start]
        if any(t.text in {".", ";", ":"} for t in between):
            continue
        if not between or all(t.is_title or not t.is_alpha for t in between) or len(between) <= 2:
            if any(a.has("gen") for a in s[0]._.morf):
                return s, "organizer:project_owner"  # "w ramach projektu [pozakonkursowego] X-gen"
        if any(lemma_set(doc, t.i) & FRAME_VERBS for t in between):
            return s, "organizer:project_owner"  # "… realizowanego przez X", "jakie oferuje X"
    return None, ""


TRAVEL_FORMS = ("wzię", "wyjecha", "pojecha", "udał", "wybrał", "uczestniczy")


FIRST_PERSON = re.compile(r"\b(?:\w+(?:liśmy|łyśmy|łiśmy)|nasz\w*|nas|my)\b", re.IGNORECASE)
PRESENT_1PL = re.compile(r"\b\w+(?:emy|imy|ymy|amy)\b", re.IGNORECASE)


def _first_person(doc: Doc) -> bool:
    """The report speaks of "we": "pojechaliśmy", "odwiedzamy", "nasz", "nas" (a regular
    expression over the text first; the tag only for a present-tense form's candidates)."""
    text = text_of(doc)
    if FIRST_PERSON.search(text):
        return True
    candidates = {m.start() for m in PRESENT_1PL.finditer(text)}
    return any(doc[i]._.nkjp_tag.startswith("fin:pl:pri")
               for i, idx in enumerate(token_table(doc).idx) if idx in candidates)


def _first_person_author(doc: Doc, usable: list[Span]) -> tuple[Span | None, str]:
    """The annotation's third choice: the named institution that wrote, in the first person,
    about its own trip: the one that "took part" or travelled ("Stowarzyszenie X wzięło
    udział w wyjeździe"), "nasze/naszego X", or whose project it was ("do projektu X")."""
    if not _first_person(doc):
        return None, ""
    for s in usable:
        after = [t.lower_ for t in doc[s.end:s.end + 3]]
        if any(a.has("nom") for a in s[0]._.morf) and any(w.startswith(TRAVEL_FORMS) for w in after):
            return s, "organizer:first_person_author"
        if s.start and doc[s.start - 1].lower_.startswith("nasz") and not s._.attrs.get("abbreviation"):
            return s, "organizer:first_person_author"  # named, not "naszego WTZ"
        if s.start and "projekt" in lemma_set(doc, s.start - 1) and any(a.has("gen") for a in s[0]._.morf):
            return s, "organizer:first_person_author"
    return None, ""


def _organizer_at(doc: Doc, cue: int, cands: list[Span]) -> tuple[Span | None, str]:
    if doc[cue].lower_ == "zaproszenie":
        # "na zaproszenie X": X arranged the programme
        after = [s for s in cands if 0 < s.start - cue <= 2] if cue and doc[cue - 1].lower_ == "na" else []
        return (after[0], "organizer:invitation") if after else (None, "")
    if doc[cue].lower_.startswith("organizator"):
        near = [s for s in cands if s.end <= cue and cue - _end_with_city(doc, s) <= 2]
        if near:
            return near[-1], "organizer:apposition"
        after = [s for s in cands if 0 < s.start - cue <= 5
                 and any(t.lower_ in COPULA for t in doc[cue:s.start])]
        if after:
            return after[0], "organizer:named_organizer"
        return None, ""
    if _modifies_other_noun(doc, cue):
        return None, ""  # "kolacji przygotowanej przez X": X arranged the dinner, not the visit
    after = [s for s in cands if 0 < s.start - cue <= 8 and _agent(doc, s)]
    if after:
        return after[0], "organizer:agent_after_cue"
    inverted = [s for s in cands if 0 < s.start - cue <= 2 and doc[cue]._.nkjp_tag.startswith("praet")
                and any(a.has("nom") for a in s[0]._.morf)]
    if inverted:
        return inverted[0], "organizer:subject_after_verb"
    before = [s for s in cands if s.end <= cue and doc[cue]._.nkjp_tag.split(":", 1)[0] in FINITE]
    # the subject, not the agent of another participle ("ogłoszonym przez Urząd …"): the
    # nominative name nearest the verb, else the first one
    subjects = [s for s in before if not (s.start and doc[s.start - 1].lower_ == "przez")
                and any(a.has("nom") for a in s[0]._.morf)]
    if subjects:
        return subjects[-1], "organizer:subject_before_cue"
    if before:
        return before[0], "organizer:subject_before_cue"
    return None, ""


VISIT_NOUNS = {"wizyta", "wyjazd", "wycieczka", "pobyt", "program", "spotkanie", "podróż",
               "przedsięwzięcie", "wydarzenie", "szkolenie", "seminarium", "konferencja"}


def _modifies_other_noun(doc: Doc, cue: int) -> bool:
    """A participle cue right after a noun it agrees with that is not the visit ("kolacji
    przygotowanej przez …") describes that noun's organiser."""
    if cue == 0 or not doc[cue]._.nkjp_tag.startswith("ppas"):
        return False
    prev = doc[cue - 1]  # the noun right before, when the participle agrees with it
    if prev._.nkjp_tag.startswith("subst") and agrees(doc[cue].text, prev.text):
        return not ({a.lemma.lower() for a in prev._.morf} & VISIT_NOUNS)
    return False


def _agent(doc: Doc, span: Span) -> bool:
    """ "przez ROPS", "przez partnerów projektu: Stowarzyszenie …" (not "przez członków X")."""
    prev = doc[span.start - 1] if span.start else None
    if prev is None:
        return False
    if prev.lower_ == "przez":
        return True
    return prev.text == ":" and any(t.lower_ == "przez" for t in doc[max(0, span.start - 5):span.start])


def _end_with_city(doc: Doc, span: Span) -> int:
    """Token index after the name, its "w <city>" phrase and a comma."""
    chars = span._.attrs.get("city_span")
    end = span.end
    if span._.attrs.get("city_rule") == "w+place" and chars:
        city = doc.char_span(*chars, alignment_mode="expand")
        if city is not None:
            end = city.end
    return end + (1 if end < len(doc) and doc[end].text == "," else 0)


def fill_city_from_other_mentions(doc: Doc, organizer: Span) -> None:
    """The organiser's seat from another mention of it ("… Mazowiecki Ośrodek Doradztwa
    Rolniczego …" and later "MODR Warszawa")."""
    name = fold(organizer._.base)
    for other in span_list(doc, "institutions"):
        a = other._.attrs
        if other.start == organizer.start or a.get("city_rule") not in {"w+place", "name+place"}:
            continue
        if name in {fold(other._.base), fold(a.get("full"))}:
            organizer._.attrs.update(city=a["city"], voivodeship=a.get("voivodeship"),
                                     city_rule="other_mention")
            return

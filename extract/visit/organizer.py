"""The organiser: subject, agent or named organiser of an organising cue."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extensions import lemma_set, sentence_of
from .choices import fold
from .cues import Cues

COPULA = {"był", "była", "było", "byli", "jest", "są"}
FINITE = {"praet", "fin", "bedzie"}  # "ROPS … zorganizował": the subject comes before


def find_organizer(doc: Doc, cues: Cues) -> tuple[Span | None, str]:
    """ "ROPS … zorganizował", "zorganizowana przez …", "…, organizatora wizyty",
    "organizatorem był …", "Wizytę przygotował ROPS": the first sentence with an
    organising cue and an institution in one of those positions."""
    organize = cues["organize"]
    usable = [s for s in doc.spans.get("institutions", [])
              if not (s._.attrs.get("bare") or s._.attrs.get("plural") or s._.attrs.get("lowercase")
                      or s._.attrs.get("ner"))]
    for sent in doc.sents:
        cands = [s for s in usable if sentence_of(doc, s.start) == sent]
        if not cands:
            continue
        for cue in (t.i for t in sent if lemma_set(doc, t.i) & organize):
            found = _organizer_at(doc, cue, cands)
            if found[0] is not None:
                return found
    return _project_owner(doc, usable)


def _project_owner(doc: Doc, usable: list[Span]) -> tuple[Span | None, str]:
    """ "w ramach projektu [pozakonkursowego] Regionalnego Ośrodka …", "projektu realizowanego
    przez X": the institution whose named project the visit was part of (the annotation's
    second choice, when no predicate names who arranged it)."""
    for s in usable:
        k = s.start - 1
        while k >= 0 and s.start - k <= 4 and not doc[k].is_punct:
            lem = lemma_set(doc, k)
            if "projekt" in lem and k >= 2 and doc[k - 2].lower_ == "w" and doc[k - 1].lower_ == "ramach":
                if any(a.has("gen") for a in s[0]._.morf):
                    return s, "organizer:project_owner"
            if lem & {"realizować", "realizowany", "prowadzić", "prowadzony"} and doc[s.start - 1].lower_ == "przez":
                if any("projekt" in lemma_set(doc, j) for j in range(max(0, k - 6), k)):
                    return s, "organizer:project_owner"
            k -= 1
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
    after = [s for s in cands if 0 < s.start - cue <= 8 and _agent(doc, s)]
    if after:
        return after[0], "organizer:agent_after_cue"
    inverted = [s for s in cands if 0 < s.start - cue <= 2 and doc[cue]._.nkjp_tag.startswith("praet")
                and any(a.has("nom") for a in s[0]._.morf)]
    if inverted:
        return inverted[0], "organizer:subject_after_verb"
    before = [s for s in cands if s.end <= cue and doc[cue]._.nkjp_tag.split(":", 1)[0] in FINITE]
    if before:
        return before[0], "organizer:subject_before_cue"
    return None, ""


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
    for other in doc.spans.get("institutions", []):
        a = other._.attrs
        if other.start == organizer.start or a.get("city_rule") not in {"w+place", "name+place"}:
            continue
        if name in {fold(other._.base), fold(a.get("full"))}:
            organizer._.attrs.update(city=a["city"], voivodeship=a.get("voivodeship"),
                                     city_rule="other_mention")
            return

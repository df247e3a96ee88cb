"""Which locality is a host's city: every place the text offers, weighed by a small model.

Where a report places an institution is decided by many weak signals at once: a "w <city>"
phrase right after the name, a locality inside or derived from the name, a place earlier
in the sentence ("w Krakowie odwiedzili X"), a passage set in a locality ("Dzień 2 –
Sopot:", "Pobyt w Warszawie…"), a reference back ("tam", "na miejscu"), against places that
are someone's origin ("z Legnicy"), the organiser's seat, another list item's address or a
locality several sentences back. Ordering such signals by hand fitted the reports they
were tuned on; here every candidate locality gets grammatical and structural features and a
logistic model trained on the annotated reports (``models/host_city/``, recipe
``models/host_city/train.py``) weighs them. The best candidate becomes the city when its
probability passes the model's threshold; otherwise the host has no city ("never guess").
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from ..evaluate import fold
from ..extensions import (sentence_lemmas, sentence_of, span_index, span_lemmas, span_list, step_cached,
                          text_of, token_table)
from ..morph.analyser import analyse
from ..places import qualifies_previous_place
from ..resources import MODELS_DIR

MODEL_FILE = MODELS_DIR / "host_city" / "weights.json"
LOCATIVE_PREPS = {"w", "we"}
ORIGIN_PREPS = {"z", "ze"}
FOREIGN_LOCATIVES = {"a", "in", "à", "en"}
CONTEXT_CUES = {"w", "we", "do", "gminy", "gminie", "gmina", "miasta", "mieście", "na"}
BACK_REFERENCES = {"tam", "tu", "tutaj", "miejsce", "miejscowy", "ten", "również", "także"}
VERB_CLASSES = {"fin", "praet", "impt", "imps", "inf", "pcon", "pant", "bedzie", "winien"}
CLAUSE_CLASSES = VERB_CLASSES | {"aglt", "qub"}  # a word with only these readings ends a phrase
MAX_SENTENCES_BACK = 6
#: words of a sentence that refer back to a host named before ("W swoich strukturach
#: posiada …", "Jest to miejsce, w którym …", "tam", "na miejscu")
REFERRING = {"tam", "tu", "tutaj", "swój", "on", "który", "ten", "miejsce"}
CLOSERS = {"”", '"', "»", "’", ")"}
RELATIVE = {"który", "która", "które", "którzy"}
LOCATED = {"znajdować", "mieścić", "działać", "funkcjonować", "siedziba", "mieć"}
#: candidates from another mention of the same institution, placed explicitly earlier
REFERS_BACK = "refers_back"
#: features of a locality the text ties to this very name
EXPLICIT = {"w_place_after", "z_place_after", "name_place", "in_name", "paren_after", "parent_city",
            "located_in",
            "city_adjective", "parent_in_parentheses"}


@dataclass
class CityCandidate:
    """One locality the text offers for a host, with the features the model weighs."""
    name: str
    voivodeship: str | None
    chars: tuple[int, int] | None
    source: str
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0


_fold = lru_cache(maxsize=50_000)(fold)  # names repeat within and across reports


def _place_attrs(p: Span) -> dict:
    return p._.attrs or {}


def _verb_between(doc: Doc, a: int, b: int) -> bool:
    return any(only_verb_readings(word) for word in token_table(doc).text[a:b])


@lru_cache(maxsize=100_000)
def only_verb_readings(word: str) -> bool:
    """Every reading of the form is a verb form (or agglutinate/particle): a clause boundary."""
    classes = {a.pos for a in analyse(word)}
    return bool(classes) and classes <= CLAUSE_CLASSES


#: words between a unit and its parent or a coordinated name: "WTZ przy Domu Pomocy …",
#: "KIS w strukturach Ośrodka …", "OWES prowadzonym przez Fundację …", "X oraz Y"
PARENT_LINKS = {",", "i", "oraz", "a", "także", "przez", "przy", "w", "we", "strukturach",
                "ramach", "się", "–", "-"}
PARENT_LINK_STEMS = ("prowadz", "działając", "znajdując", "funkcjonując", "mieszcząc")


def _parent_place_start(doc: Doc, span: Span) -> int | None:
    """Token where the locality of the unit's parent (or of the name coordinated with it)
    starts: "Warsztatów Terapii Zajęciowej przy Domu Pomocy Społecznej … w Zebrzydowicach",
    "Zakład Aktywności Zawodowej Fundacji Dialog (Łomża)". The locality closes both names."""
    starts = span_index(doc, "institutions").by_start
    k = span.end
    while k < len(doc) and k - span.end < 6 and k not in starts and (
            doc[k].lower_ in PARENT_LINKS or doc[k].lower_.startswith(PARENT_LINK_STEMS)):
        k += 1
    if k > span.end and doc[k - 1].text == ",":
        return None  # "ZAZ, Chrześcijańskie Stowarzyszenie … w Kluczach": the next list item
    if sentence_of(doc, k if k < len(doc) else len(doc) - 1).start != sentence_of(doc, span.start).start:
        return None
    parent = starts.get(k)
    if parent is not None:
        j = parent.end
    elif k > span.end and doc[k - 1].lower_ in {"oraz", "i"} and k < len(doc) and doc[k].text in {"„", '"'}:
        # "Izby Tradycji oraz „eksmuzeum” w Byczynie": a quoted name coordinated with it
        j = next((q + 1 for q in range(k + 1, min(len(doc), k + 8)) if doc[q].text in CLOSERS), None)
        if j is None:
            return None
    else:
        return None
    if j + 1 < len(doc) and doc[j].lower_ in {"w", "we", "z", "ze", "("}:
        return j + 1
    return None


def _line_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a:b if b >= 0 else len(text)]


def city_candidates(doc: Doc, span: Span, banned: set[tuple[int, int]],
                    visit: set[str] | frozenset[str] = frozenset()) -> list[CityCandidate]:
    """Every locality that could be this host's city, with features (see module doc)."""
    attrs = span._.attrs
    rules_city = attrs.get("city")
    text = text_of(doc)
    here = sentence_of(doc, span.start)
    sents_before = _sentence_starts(doc, span.start)
    # only the places of the window (six sentences back to the end of this sentence):
    # the cost stays linear in the length of the report
    places = span_index(doc, "places").starting_in(min(sents_before), here.end)
    own = tuple(attrs["city_span"]) if attrs.get("city_span") else None
    all_attached = _attached_places(doc)
    host_lemmas = span_lemmas(here)
    backref = bool(host_lemmas & BACK_REFERENCES) or (
        "miejscu" in host_lemmas and "na miejscu" in text[here.start_char:here.end_char].lower())
    out: list[CityCandidate] = []
    before_rank = 0
    parent_place = _parent_place_start(doc, span)

    def attached(p: Span) -> bool:
        """The place is another name's "w <place>" (this host's own one aside)."""
        key = (p.start_char, p.end_char)
        return key != own and key in all_attached

    table = token_table(doc)
    words, lower = table.text, table.lower
    for p in sorted(places, key=lambda q: -q.start):
        base = p._.base
        if not base:
            continue
        f: dict[str, float] = {}
        pa = _place_attrs(p)
        cue = (pa.get("cue") or "").lower()
        if qualifies_previous_place(doc, p):
            continue  # "do Kwapinki w Gminie Raciechowice": the gmina of the village before
        if cue:
            f[f"cue_{cue if cue in CONTEXT_CUES | ORIGIN_PREPS | {'koło', 'k.'} else 'other'}"] = 1
        if span.start <= p.start and p.end <= span.end:
            if p.end - p.start >= len(span) - 1 and p.start == span.start:
                continue  # "Wioska Garncarska": the name itself read as a locality
            f["in_name"] = 1
        elif p.start >= span.end:
            end = span.end
            while end < p.start and words[end] in CLOSERS:
                end += 1  # 'EKO „Szkoła Życia”' + ' w Wandzinie'
            gap = p.start - end
            prev = lower[p.start - 1] if p.start else ""
            if sentence_of(doc, p.start).start != here.start:
                if p.start - span.end > 3 or doc[span.end:p.start].text.strip(" ()") != "":
                    continue  # a later sentence: only "(City)" right after the name counts
            if gap == 0:
                f["name_place"] = 1
            elif gap == 1 and (prev in LOCATIVE_PREPS or (
                    prev in FOREIGN_LOCATIVES and pa.get("country") not in (None, "", "PL"))):
                f["w_place_after"] = 1  # also "Strada Facendo a Padova", "… in Bologna"
            elif gap == 1 and prev in ORIGIN_PREPS:
                f["z_place_after"] = 1
            elif gap <= 2 and words[end] == "(":
                f["paren_after"] = 1
            elif _located_in(doc, end, p.start):
                f["located_in"] = 1  # "…, która znajduje się w Pile"
            else:
                f["later_in_sentence"] = 1
                if p.start == parent_place:
                    f["parent_city"] = 1  # "X przy / prowadzony przez / oraz Y w Z"
                f["later_distance"] = min(gap, 30) / 30
                if _verb_between(doc, span.end, p.start):
                    f["later_after_verb"] = 1
        else:
            k = sents_before.get(sentence_of(doc, p.start).start)
            if k is None:
                continue  # too far back
            between = text[p.end_char:span.start_char]
            if k == 0:
                f["same_sentence_before"] = 1
                if _verb_between(doc, p.end, span.start) or {"tam", "gdzie"} & set(lower[p.end:span.start]):
                    f["clause_between"] = 1
            else:
                if attached(p) and not (host_lemmas & REFERRING):
                    continue  # another host's locality is not carried on (annotation)
                f[f"sentences_back_{min(k, 3)}"] = 1
            if "\n" in between:
                f["paragraph_between"] = 1
                if between.count("\n") > 1 or "\n\n" in between:
                    f["blank_line_between"] = 1
            line = _line_of(text, p.start_char, p.end_char).strip()
            if line.endswith(":") or (p.end < len(doc) and words[p.end] == ":"):
                f["introduces_list"] = 1
            if len(line.split()) <= 8 and "\n" in between:
                f["heading_line"] = 1
            if sentence_lemmas(doc, p.start) & visit:
                f["visit_sentence"] = 1
            if sentence_of(doc, p.start).start == p.start or (
                    p.start >= 1 and sentence_of(doc, p.start).start == p.start - 1):
                f["sentence_initial"] = 1  # "W Krakowie uczestnicy…", "Dzień 2 – Sopot"
            f["rank_before"] = 1.0 / (1 + before_rank)
            before_rank += 1
            if backref and k > 0:
                f["back_reference"] = 1
        if attached(p):
            f["attached_to_other"] = 1
        if (p.start_char, p.end_char) in banned:
            f["banned"] = 1
        if pa.get("country") not in (None, "", "PL"):
            f["foreign"] = 1
        if rules_city is not None and base == rules_city:
            f["rules_choice"] = 1  # the hand-written attachment rules agree
        out.append(CityCandidate(base, pa.get("voivodeship"), (p.start_char, p.end_char),
                                 "place", f))
    # "… w Miejskim Ośrodku Pomocy Społecznej w Sanoku …" and later "dyrektor MOPS": the
    # same institution again, placed where the text first placed it
    placed = _placed_names(doc)
    for name in {_fold(span._.base), _fold(attrs.get("full"))} - {""}:
        first = placed.get(name)
        if first is not None and first[0] < span.start:
            out.append(CityCandidate(first[1], first[2], None, REFERS_BACK,
                                     {"same_institution_placed_earlier": 1}))
            break
    # "Gości przywitał dyrektor MOPS, który omówił działalność Klubu …": the sentence names
    # again an institution placed earlier; it refers back to that locality
    for other in span_index(doc, "institutions").starting_in(here.start, here.end):
        oa = other._.attrs or {}
        if other.start < span.start:
            back = [c for c in oa.get("city_candidates") or [] if c.source == REFERS_BACK]
            if back and oa.get("city") == back[0].name:
                out.append(CityCandidate(back[0].name, back[0].voivodeship, None, REFERS_BACK,
                                         {"sentence_refers_back": 1}))
                break
    if attrs.get("city_rule") == "city_adjective" and attrs.get("city"):
        out.append(CityCandidate(attrs["city"], attrs.get("voivodeship"), None, "adjective",
                                 {"city_adjective": 1, "rules_choice": 1}))
    if attrs.get("city_rule") == "parent_in_parentheses" and attrs.get("city"):
        out.append(CityCandidate(attrs["city"], attrs.get("voivodeship"), None, "parent",
                                 {"parent_in_parentheses": 1, "rules_choice": 1}))
    return out


def _located_in(doc: Doc, a: int, b: int) -> bool:
    """", która znajduje się w", "mieszczącej się w", "z siedzibą w" between the name and
    the place: a relative clause or phrase placing that very institution."""
    words = [t for t in doc[a:b - 1] if not t.is_punct]
    if not words or len(words) > 5 or doc[b - 1].lower_ not in {"w", "we"}:
        return False
    lemmas = set()
    for t in words:
        lemmas |= {t.lower_} | {r.lemma.lower() for r in t._.morf}
    return bool(lemmas & LOCATED) and (bool(lemmas & RELATIVE) or words[0].lower_.startswith(
        ("mieszcząc", "znajdując", "działając", "funkcjonując")) or "siedziba" in lemmas)


def _placed_names(doc: Doc) -> dict[str, tuple[int, str, str | None]]:
    """Folded name (and full form) -> (start, city, voivodeship) of its first mention whose
    "w <place>" phrase the rules found (city_span), computed once per document."""
    def build() -> dict[str, tuple[int, str, str | None]]:
        out: dict[str, tuple[int, str, str | None]] = {}
        for inst in span_list(doc, "institutions"):
            a = inst._.attrs or {}
            if a.get("city_span") and a.get("city"):
                for name in {_fold(inst._.base), _fold(a.get("full"))} - {""}:
                    out.setdefault(name, (inst.start, a.get("rules_city", a["city"]), a.get("voivodeship")))
        return out
    return step_cached(doc, "placed_names", build)


def _attached_places(doc: Doc) -> set[tuple[int, int]]:
    """Character spans of the "w <place>" phrases attached to institution names."""
    return step_cached(doc, "attached_places", lambda: {
        tuple(i._.attrs["city_span"]) for i in span_list(doc, "institutions")
        if i._.attrs.get("city_span")})


def _sentence_starts(doc: Doc, i: int) -> dict[int, int]:
    """Start token of the sentence k sentences back (k = 0 .. MAX) -> k."""
    out = {}
    s = sentence_of(doc, i)
    for k in range(MAX_SENTENCES_BACK + 1):
        out[s.start] = k
        if s.start == 0:
            break
        s = sentence_of(doc, s.start - 1)
    return out




class CityModel:
    """Logistic weights over candidate features (``models/host_city/weights.json``)."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float):
        self.weights, self.bias, self.threshold = weights, bias, threshold

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, path: str = str(MODEL_FILE)) -> "CityModel | None":
        p = Path(path)
        if not p.exists():
            return None
        data = json.loads(p.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"])

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def choose(self, candidates: list[CityCandidate]) -> CityCandidate | None:
        """The annotation's explicit placements first ("X w/z <city>", "(City)", a locality in
        or derived from the name, the parent's "w <city>"): the likeliest of those. Else a
        reference back to the same institution placed earlier. Else the likeliest narrative
        locality when it passes the threshold; otherwise no city."""
        for c in candidates:
            c.probability = self.probability(c.features)
        explicit = [c for c in candidates if EXPLICIT & c.features.keys()]
        if explicit:
            return max(explicit, key=lambda c: c.probability)
        # the annotated reports hold too few references back for weights: a rule decides
        back = next((c for c in candidates if c.source == REFERS_BACK), None)
        if back is not None:
            return back
        best = max(candidates, key=lambda c: c.probability, default=None)
        return best if best is not None and best.probability >= self.threshold else None


def explain(c: CityCandidate, model: CityModel) -> str:
    """The features that weighed most for the chosen city, for the row's rule."""
    top = sorted(c.features, key=lambda k: -abs(model.weights.get(k, 0.0) * c.features[k]))[:2]
    return "model(" + "+".join(top) + f";p={c.probability:.2f})"


__all__ = ["CityCandidate", "CityModel", "city_candidates", "explain"]

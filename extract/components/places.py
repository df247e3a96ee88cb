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

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import extensions  # noqa: F401 - registers the attributes
from ..extensions import add_span, annotate
from ..morph.analyser import analyse, lemma_forms
from ..places.gazetteer import (
    Gazetteer,
    Place,
    PlaceContext,
    city_from_adjective,
    gazetteer,
    normalise_voivodeship,
    voivodeships,
)
from ..places.nominative import (
    ANY_CASE,
    CASES,
    adjective_form,
    guess_readings,
    nominative_gender,
    readings,
    restore_case,
)

SPAN_KEY = "places"
USER_DATA_KEY = "wizyty_voivodeship_mentions"

# Prepositions that put a locality after them, with the cases they govern.
PREP_CASES: dict[str, frozenset[str]] = {
    "w": frozenset({"loc"}), "we": frozenset({"loc"}),
    "do": frozenset({"gen"}), "z": frozenset({"gen"}), "ze": frozenset({"gen"}),
    "koło": frozenset({"gen"}), "k.": frozenset({"gen"}), "od": frozenset({"gen"}),
    "spod": frozenset({"gen"}), "obok": frozenset({"gen"}), "niedaleko": frozenset({"gen"}),
    "nieopodal": frozenset({"gen"}), "pod": frozenset({"inst", "acc"}), "przez": frozenset({"acc"}),
    "dla": frozenset({"gen"}), "po": frozenset({"loc"}),
}
STRONG_PREPS = {"w", "we", "do", "z", "ze", "koło", "k.", "pod", "spod", "niedaleko", "nieopodal", "obok"}
NEAR_PREPS = {"koło", "k.", "pod", "obok", "niedaleko", "nieopodal"}
# "na terenie gminy X", "terenie X": a locality in the genitive.
AREA_NOUNS = {"teren", "obszar", "okolica", "rejon"}
# Administrative nouns followed by a locality name (apposition or agreement).
ADMIN_NOUNS = {"gmina", "miasto", "wieś", "miejscowość", "sołectwo", "osada", "miasteczko", "gm.", "m."}
# After these a capitalised word is a street, patron or saint, not a locality.
BLOCKERS = {"ul", "ul.", "ulica", "al", "al.", "aleja", "pl.", "plac", "os.", "osiedle", "im", "im.",
            "imienia", "św.", "bł.", "święty", "pan", "pani", "państwo", "dr", "ks.", "prof.", "mgr"}
OPEN_QUOTES = {"„", "“", "«", "»", "‚"}
CLOSE_QUOTES = {"”", "’", "»", "«", "’’", "''", "”’"}
LINKERS = {",", "i", "oraz", "a", "lub", "albo", "–", "-"}
MAX_WORDS = 4


@dataclass
class Mention:
    start: int
    end: int
    base: str
    rule: str
    cue: str
    places: list[Place] = field(default_factory=list)
    country: str | None = "PL"
    near: list[Place] = field(default_factory=list)
    hint: str | None = None          # voivodeship stated next to the mention
    resolved: Place | None = None
    alternatives: list[str] = field(default_factory=list)  # other Morfeusz nominatives
    voivodeship_source: str | None = None


# -- token tests ------------------------------------------------------------------------
def _is_name_token(tok: Token) -> bool:
    """A capitalised word (possibly hyphenated: "Bielsku-Białej"), not an acronym."""
    t = tok.text
    if len(t) < 2 or not t[0].isupper():
        return False
    parts = t.split("-")
    if not all(p.isalpha() for p in parts if p) or not t.replace("-", "").isalpha():
        return False
    if len(parts) > 1 and not all(p[:1].isupper() and (len(p) == 1 or not p[1:].isupper()) for p in parts):
        return False  # "PES-u", "Społeczno-kulturalne"
    return not (t.isupper() and len(t) > 1)


VERBAL = {"fin", "impt", "praet", "inf", "pcon", "pant", "imps", "bedzie", "aglt", "winien", "pred"}


def _is_common(words: list[str], base: str = "", foreign: bool = False) -> bool:
    """True when every word also reads as an ordinary (lower-case) word:
    "Klucze" (klucz), "Wola" (wola), "Dobre" (dobry), "Wiele" (wiele).

    Verb forms ("Przemyśl": impt of przemyśleć) and relational adjectives of the place
    itself ("Olecka": olecki, of Olecko) do not make a name common. For a curated foreign
    exonym only a common noun of the very same lemma counts ("Kolonia", not "Berlin"/berlina).
    """
    for w in words:
        parts = w.split("-")
        common = False
        for p in parts:
            for a in analyse(p):
                if a.pos == "ign" or a.pos in VERBAL or not a.lemma[:1].islower():
                    continue
                if foreign and a.lemma != p.lower() and a.lemma != base.lower():
                    continue
                if a.pos == "adj" and base and city_from_adjective(a.lemma) == base:
                    continue
                common = True
                break
            if common:
                break
        if not common:
            return False
    return True


def _readings_have(tok: Token, label: str) -> bool:
    return any(label in a.labels for a in analyse(tok.text))


def _sentence_initial(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.is_sent_start:
        return True
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].is_punct or doc[j].text in {"•", "-", "–", "*", "·"}
                      or doc[j].like_num):
        if "\n" in doc[j].text or doc[j].is_sent_start or doc[j].text in {".", "!", "?", "•"}:
            return True
        j -= 1
    return j < 0 or "\n" in doc[j].whitespace_


def _quoted_positions(doc: Doc) -> set[int]:
    """Token indices inside quotation marks (quoted institution names are strict ground)."""
    inside: set[int] = set()
    open_at = None
    for i, tok in enumerate(doc):
        t = tok.text
        if tok.is_sent_start:
            open_at = None
        double_comma = (t == "," and i > 0 and doc[i - 1].text == "," and not doc[i - 1].whitespace_
                        and not tok.whitespace_)  # ",,Pod Jaworem’’"
        if (t in OPEN_QUOTES or double_comma) and open_at is None:
            open_at = i
        elif t == '"':
            open_at = i if open_at is None else None
        elif t in CLOSE_QUOTES and open_at is not None:
            open_at = None
        elif open_at is not None and i - open_at <= 8:
            inside.add(i)
    return inside


# -- cues ---------------------------------------------------------------------------------
def _lemmas(tok: Token) -> frozenset[str]:
    return lemma_forms(tok.text)


def _cue_before(doc: Doc, i: int) -> tuple[str, frozenset[str], str] | None:
    """(cue text, cases governed, kind) for the word before position ``i``."""
    if i == 0:
        return None
    prev = doc[i - 1]
    low = prev.text.lower()
    if low in PREP_CASES:
        return low, PREP_CASES[low], "prep"
    lem = _lemmas(prev)
    if lem & ADMIN_NOUNS:
        return prev.text, CASES, "admin"
    if lem & AREA_NOUNS:
        return prev.text, frozenset({"gen"}), "prep"
    return None


def _blocked(doc: Doc, i: int) -> bool:
    if i == 0:
        return False
    prev = doc[i - 1]
    low = prev.text.lower()
    if low in BLOCKERS or low.rstrip(".") in BLOCKERS:
        return True
    if low[:1].isalpha() and {a.lemma.lower() for a in analyse(prev.text)} & {"ulica", "aleja", "plac", "osiedle"}:
        return True  # "przy ulicy Toruńskiej", "na placu Wolności"
    if low == "." and i >= 2 and doc[i - 2].text.lower() in {"ul", "al", "pl", "os", "im", "św"}:
        return True
    return False


def _name_continues(doc: Doc, j: int) -> bool:
    """A capitalised word (not a new sentence) follows: the name goes on."""
    return j < len(doc) and doc[j].is_title and not doc[j].is_sent_start and doc[j].is_alpha


def _person_like(doc: Doc, i: int, n: int) -> bool:
    """A first name + surname pair ("Jarosław Pilecki", "Anna Kowal") is not a place."""
    tok = doc[i]
    nxt = doc[i + n] if i + n < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if n == 1 and _readings_have(tok, "imię") and nxt is not None and _is_name_token(nxt):
        if any({"nazwisko"} & set(a.labels) or a.pos == "ign" for a in analyse(nxt.text)):
            return True
    if prev is not None and _is_name_token(prev) and _readings_have(prev, "imię") and \
            _readings_have(tok, "nazwisko"):
        return True
    return False


# -- candidate spans ------------------------------------------------------------------------
@dataclass
class Candidate:
    length: int
    base: str
    cases: frozenset[str]
    kind: str                    # gazetteer | foreign | morfeusz_geo | guess | district
    places: list[Place] = field(default_factory=list)


def _name_run(doc: Doc, i: int) -> list[str]:
    words = []
    for tok in doc[i: i + MAX_WORDS]:
        if not _is_name_token(tok) or (words and doc[tok.i - 1].whitespace_ == ""):
            break
        words.append(tok.text)
    return words


def _gazetteer_candidates(gaz: Gazetteer, words: list[str]) -> list[Candidate]:
    out = []
    for m in gaz.match_at(words):
        places = [p for p in m.places]
        foreign = all(p.country != "PL" for p in places) if places else True
        name = m.names[0]
        if gaz.is_non_locality(name):
            continue
        out.append(Candidate(m.length, name, m.cases, "foreign" if foreign else "gazetteer", places))
    return out


def _excluded_name(gaz: Gazetteer, name: str) -> bool:
    """Countries, regions and voivodeship names are not localities."""
    if gaz.is_non_locality(name):
        return True
    low = name.lower()
    for v in voivodeships():
        if low == v.name or low in (r.lower() for r in v.regions):
            return True
    return False


def _name_prior(c: Candidate, words: list[str]) -> float:
    """Among same-length names: bigger places, and the name written exactly as in the text
    ("Gminy Dobre" -> Dobre, not Dobra), are likelier."""
    pop = max((p.population for p in c.places), default=0)
    exact = " ".join(words[: c.length]).lower() == c.base.lower()
    return math.log10(pop + 10) + (1.5 if exact else 0.0)


def _big_city(c: Candidate, words: list[str]) -> bool:
    """A large town whose name is also a common noun of the same lemma ("Warszawa" the car,
    "Piła" the saw): the town reading wins even without a cue."""
    if c.kind != "gazetteer" or c.length != len(words[: c.length]):
        return False
    big = [p for p in c.places if p.population >= 50_000 and not p.district_of]
    if not big:
        return False
    base = c.base.lower()
    for w in words[: c.length]:
        for a in analyse(w):
            if a.lemma[:1].islower() and a.pos not in VERBAL and a.lemma.lower() != base.split()[0]:
                if a.pos != "adj" or city_from_adjective(a.lemma) != c.base:
                    return False
    return True


def _morfeusz_candidates(words: list[str]) -> list[Candidate]:
    """Geographic names Morfeusz knows (or suffix guesses), re-inflected to the nominative."""
    out: list[Candidate] = []
    rs = [readings(w) for w in words[:2]]
    if len(words) >= 2:
        a_rs, b_rs = rs[0], rs[1]
        # noun + agreeing adjective: "Bystrzycy Kłodzkiej", "Woli Żyrakowskiej"
        for n in a_rs:
            if n.cls != "n" or not (n.geo or n.geo_part) or not n.proper:
                continue
            for adj in b_rs:
                cases = n.cases & adj.cases
                if not cases:
                    continue
                if adj.cls == "a" and adj.agrees(n):
                    num, gen = nominative_gender(n)
                    form = adjective_form(adj.lemma, num, gen)
                elif adj.cls == "g" and adj.lemma.endswith(("ska", "cka", "dzka", "ski", "cki", "skie", "ckie")):
                    form = adj.lemma  # "Wólce Dobryńskiej": an adjective Morfeusz does not know
                else:
                    form = None
                if form:
                    out.append(Candidate(2, f"{restore_case(n.lemma, words[0])} {restore_case(form, words[1])}",
                                         cases, "morfeusz_geo"))
        # adjective (or unknown adjective-like word) + noun: "Nowym Miszewie", "Janiej Górze"
        for n in b_rs:
            if n.cls != "n" or not (n.geo or n.geo_part) or not n.proper:
                continue
            for adj in a_rs:
                cases = n.cases & adj.cases if "*" not in adj.cases else n.cases
                if not cases:
                    continue
                if adj.cls == "a" and adj.agrees(n):
                    num, gen = nominative_gender(n)
                    form = adjective_form(adj.lemma, num, gen)
                elif adj.cls == "g" and adj.cases != ANY_CASE and adj.lemma.endswith(("a", "e", "y", "i")):
                    form = adj.lemma
                else:
                    continue
                if form:
                    out.append(Candidate(2, f"{restore_case(form, words[0])} {restore_case(n.lemma, words[1])}",
                                         cases, "morfeusz_geo"))
    for n in rs[0]:
        if n.cls == "n" and n.geo and n.proper:
            out.append(Candidate(1, restore_case(n.lemma, words[0]), n.cases, "morfeusz_geo"))
    if not out and all(r.cls == "g" for r in rs[0]):
        for g in guess_readings(words[0])[1:]:
            out.append(Candidate(1, restore_case(g.lemma, words[0]), g.cases, "guess"))
    return out


def _rank_guesses(gaz: Gazetteer, cands: list[Candidate]) -> list[Candidate]:
    """Order suffix guesses by how common their ending is among gazetteer names."""
    counts = _ending_counts(gaz)
    return sorted(cands, key=lambda c: -(counts.get(c.base.lower()[-3:], 0) + 0.5 * counts.get(c.base.lower()[-2:], 0)))


_ENDINGS: dict[int, Counter] = {}


def _ending_counts(gaz: Gazetteer) -> Counter:
    key = id(gaz)
    if key not in _ENDINGS:
        c: Counter = Counter()
        for p in gaz.places:
            if p.country == "PL":
                c[p.name.lower()[-3:]] += 1
                c[p.name.lower()[-2:]] += 1
        _ENDINGS[key] = c
    return _ENDINGS[key]


# -- voivodeship mentions -----------------------------------------------------------------
@dataclass(frozen=True)
class VoivodeshipMention:
    start: int            # token offsets
    end: int
    start_char: int
    end_char: int
    voivodeship: str
    kind: str             # "explicit" (województwo/woj. + adjective) | "region" (Wielkopolska)


def find_voivodeship_mentions(doc: Doc) -> list[VoivodeshipMention]:
    """ "województwa kujawsko – pomorskiego", "woj. podlaskiego", "Wielkopolsce", "Dolny Śląsk"."""
    out: list[VoivodeshipMention] = []
    region_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for v in voivodeships():
        for region in v.regions:
            ws = tuple(region.split())
            region_first.setdefault(ws[0].lower(), []).append((ws, v.name))
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        low = tok.text.lower()
        if low.startswith("województw") or low in {"woj.", "woj"}:
            j = i + 1
            if j < n and doc[j].text == ".":
                j += 1
            # adjective possibly split around a dash: "kujawsko – pomorskiego"
            text = ""
            k = j
            while k < n and k < j + 3:
                t = doc[k].text
                if t in {"-", "–", "—"} or (t.replace("-", "").isalpha() and (k == j or text.endswith(("-", "–", "—")))):
                    text += t
                    k += 1
                else:
                    break
            v = normalise_voivodeship(text) if text else None
            if v:
                out.append(VoivodeshipMention(i, k, tok.idx, doc[k - 1].idx + len(doc[k - 1].text), v, "explicit"))
                i = k
                continue
        if _is_name_token(tok) and tok.text.lower() not in region_first:
            lem = {r.lemma for r in readings(tok.text) if r.proper}
            for first in lem & set(region_first):
                for ws, v in region_first[first]:
                    k = i + len(ws)
                    if k > n:
                        continue
                    text = " ".join(t.text for t in doc[i:k])
                    if normalise_voivodeship(text) == v:
                        out.append(VoivodeshipMention(i, k, tok.idx, doc[k - 1].idx + len(doc[k - 1].text), v, "region"))
                        break
        elif _is_name_token(tok):
            for ws, v in region_first[tok.text.lower()]:
                k = i + len(ws)
                if k <= n and normalise_voivodeship(" ".join(t.text for t in doc[i:k])) == v:
                    out.append(VoivodeshipMention(i, k, tok.idx, doc[k - 1].idx + len(doc[k - 1].text), v, "region"))
                    break
        i += 1
    # longest wins on overlaps ("Pomorze Zachodnie" over "Pomorze")
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[VoivodeshipMention] = []
    for m in out:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def voivodeship_mentions(doc: Doc) -> list[VoivodeshipMention]:
    """Voivodeship mentions of a processed doc (computed on demand for other docs)."""
    stored = doc.user_data.get(USER_DATA_KEY)
    if stored is not None:
        return [VoivodeshipMention(*row) for row in stored]
    return find_voivodeship_mentions(doc)


# -- the component -------------------------------------------------------------------------
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
        return doc

    # finding ---------------------------------------------------------------------------
    def find(self, doc: Doc, vms: list[VoivodeshipMention]) -> list[Mention]:
        taken = {k for m in vms for k in range(m.start, m.end)}
        quoted = _quoted_positions(doc)
        mentions: list[Mention] = []
        last_cue: tuple[str, frozenset[str], str] | None = None
        last_end = -10
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i not in taken and tok.is_upper and len(tok.text) > 2 and tok.is_alpha and i > 0 \
                    and doc[i - 1].text.lower() in PREP_CASES and doc[i - 1].is_upper:
                m = self._upper_case(doc, i)  # a heading: "WIZYTA W BYDGOSZCZY"
                if m is not None:
                    mentions.append(m)
                    i = m.end
                    continue
            if i in taken or not _is_name_token(tok) or _blocked(doc, i):
                i += 1
                continue
            cue = _cue_before(doc, i)
            if cue is not None and i in quoted and i - 1 in quoted:
                cue = None  # "„Pod Jaworem”": a preposition inside a quoted name
            if cue is None and last_cue is not None and last_cue[2] == "prep" and i > last_end and \
                    all(t.text.lower() in LINKERS for t in doc[last_end:i]) and i - last_end <= 2:
                cue = last_cue  # "we Wrocławiu, Bystrzycy Kłodzkiej i Kamieńcu Ząbkowickim"
            strict = _sentence_initial(doc, i) or i in quoted
            words = _name_run(doc, i)
            # "odwiedziła Białystok, Korycin, Augustów i Supraśl": an item of a list of places
            listed = cue is None and bool(mentions) and mentions[-1].end == last_end and \
                i > last_end and i - last_end <= 2 and all(t.text.lower() in LINKERS for t in doc[last_end:i])
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
        cands = _gazetteer_candidates(gaz, words)
        # "Wrocław-Tarnogaj": a city with a district after a hyphen goes to the city
        if not cands and "-" in words[0]:
            head = words[0].split("-")[0]
            for c in _gazetteer_candidates(gaz, [head]):
                if c.kind == "gazetteer" and any(p.population >= 5000 for p in c.places):
                    cands.append(Candidate(1, c.base, c.cases, "district", c.places))
        morf = [c for c in _morfeusz_candidates(words) if not _excluded_name(gaz, c.base)]
        morf = _rank_guesses(gaz, morf)  # "Leonowie": Leonów before Leonowo
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
        for tok in doc:
            if _is_name_token(tok):
                for r in readings(tok.text):
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


def _dist(a: Place, b: Place) -> float:
    from ..places.gazetteer import distance_km

    return distance_km(a, b)


@Language.factory("wizyty_places", default_config={})
def make_places(nlp: Language, name: str):
    return PlaceFinder()

"""Candidate locality names in a report: token tests, cues before a name, gazetteer and
Morfeusz candidates with their nominatives, explicit voivodeship mentions.

The spaCy component (``factory``) decides among these candidates; ``resolve`` reuses them
for a single name.
"""
from __future__ import annotations

import math
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import extensions  # noqa: F401 - registers the attributes
from ..extensions import span_index, step_cached, token_table
from ..morph.analyser import analyse, lemma_forms
from .gazetteer import (
    Gazetteer,
    Place,
    city_from_adjective,
    normalise_voivodeship,
    voivodeships,
)
from .nominative import (
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
    return is_name_text(tok.text)


@lru_cache(maxsize=200_000)
def is_name_text(t: str) -> bool:
    """``_is_name_token`` of a word form (the test depends on the form only)."""
    if len(t) < 2 or not t[0].isupper():
        return False
    parts = t.split("-")
    if not all(p.isalpha() for p in parts if p) or not t.replace("-", "").isalpha():
        return False
    if len(parts) > 1 and not all(p[:1].isupper() and (len(p) == 1 or not p[1:].isupper()) for p in parts):
        return False  # "PES-u", "Społeczno-kulturalne"
    return not (t.isupper() and len(t) > 1)


def name_flags(doc: Doc) -> list[bool]:
    """``_is_name_token`` of every token, once per step."""
    return step_cached(doc, "place_name_flags", lambda: [is_name_text(t) for t in token_table(doc).text])


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
    t = token_table(doc)
    if t.sent_start[i]:
        return True
    j = i - 1
    while j >= 0 and (t.is_space[j] or t.is_punct[j] or t.text[j] in {"•", "-", "–", "*", "·"}
                      or t.like_num[j]):
        if "\n" in t.text[j] or t.sent_start[j] or t.text[j] in {".", "!", "?", "•"}:
            return True
        j -= 1
    return j < 0 or "\n" in t.ws[j]


def _quoted_positions(doc: Doc) -> set[int]:
    """Token indices inside quotation marks (quoted institution names are strict ground)."""
    inside: set[int] = set()
    open_at = None
    table = token_table(doc)
    text, ws, sent_start = table.text, table.ws, table.sent_start
    for i, t in enumerate(text):
        if sent_start[i]:
            open_at = None
        double_comma = (t == "," and i > 0 and text[i - 1] == "," and not ws[i - 1]
                        and not ws[i])  # ",,Pod Jaworem’’"
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
    prev = token_table(doc).text[i - 1]
    low = prev.lower()
    if low in PREP_CASES:
        return low, PREP_CASES[low], "prep"
    lem = lemma_forms(prev)
    if lem & ADMIN_NOUNS:
        return prev, CASES, "admin"
    if lem & AREA_NOUNS:
        return prev, frozenset({"gen"}), "prep"
    return None


def _blocked(doc: Doc, i: int) -> bool:
    if i == 0:
        return False
    text = token_table(doc).text
    prev = text[i - 1]
    low = prev.lower()
    if low in BLOCKERS or low.rstrip(".") in BLOCKERS:
        return True
    if low[:1].isalpha() and {a.lemma.lower() for a in analyse(prev)} & {"ulica", "aleja", "plac", "osiedle"}:
        return True  # "przy ulicy Toruńskiej", "na placu Wolności"
    if low == "." and i >= 2 and text[i - 2].lower() in {"ul", "al", "pl", "os", "im", "św"}:
        return True
    return False


def _name_continues(doc: Doc, j: int) -> bool:
    """A capitalised word (not a new sentence) follows: the name goes on."""
    t = token_table(doc)
    return j < len(t) and t.is_title[j] and not t.sent_start[j] and t.is_alpha[j]


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
    t = token_table(doc)
    words: list[str] = []
    for j in range(i, min(i + MAX_WORDS, len(t))):
        if not is_name_text(t.text[j]) or (words and t.ws[j - 1] == ""):
            break
        words.append(t.text[j])
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
    return name.lower() in _region_names()


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    """Voivodeship names and their regions' names, lower-cased."""
    return frozenset({v.name for v in voivodeships()} | {r.lower() for v in voivodeships() for r in v.regions})


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
    table = token_table(doc)
    text, lower = table.text, table.lower
    names = name_flags(doc)
    region_words = frozenset(region_first)

    def mention(i: int, k: int, v: str, kind: str) -> VoivodeshipMention:
        return VoivodeshipMention(i, k, doc[i].idx, doc[k - 1].idx + len(text[k - 1]), v, kind)

    i = 0
    n = len(doc)
    while i < n:
        low = lower[i]
        if not names[i] and not (low.startswith("województw") or low in {"woj.", "woj"}):
            i += 1  # neither a voivodeship noun nor a capitalised word (most tokens)
            continue
        if low.startswith("województw") or low in {"woj.", "woj"}:
            j = i + 1
            if j < n and text[j] == ".":
                j += 1
            # adjective possibly split around a dash: "kujawsko – pomorskiego"
            joined = ""
            k = j
            while k < n and k < j + 3:
                t = text[k]
                if t in {"-", "–", "—"} or (t.replace("-", "").isalpha() and (k == j or joined.endswith(("-", "–", "—")))):
                    joined += t
                    k += 1
                else:
                    break
            v = normalise_voivodeship(joined) if joined else None
            if v:
                out.append(mention(i, k, v, "explicit"))
                i = k
                continue
        if names[i] and text[i].lower() not in region_first:
            for first in _proper_lemmas(text[i]) & region_words:
                for ws, v in region_first[first]:
                    k = i + len(ws)
                    if k > n:
                        continue
                    if normalise_voivodeship(" ".join(text[i:k])) == v:
                        out.append(mention(i, k, v, "region"))
                        break
        elif names[i]:
            for ws, v in region_first[text[i].lower()]:
                k = i + len(ws)
                if k <= n and normalise_voivodeship(" ".join(text[i:k])) == v:
                    out.append(mention(i, k, v, "region"))
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


@lru_cache(maxsize=100_000)
def _proper_lemmas(word: str) -> frozenset[str]:
    """Lemmas of the word's proper-name readings."""
    return frozenset(r.lemma for r in readings(word) if r.proper)


def voivodeship_mentions(doc: Doc) -> list[VoivodeshipMention]:
    """Voivodeship mentions of a processed doc (computed on demand for other docs)."""
    stored = doc.user_data.get(USER_DATA_KEY)
    if stored is not None:
        return [VoivodeshipMention(*row) for row in stored]
    return find_voivodeship_mentions(doc)


# -- the component -------------------------------------------------------------------------


def qualifies_previous_place(doc: Doc, p) -> bool:
    """ "do Kwapinki w Gminie Raciechowice", "w Gulbinach w gminie Brzuze": an administrative
    unit right after another locality only says where that locality lies; it is not where
    the group went (the place ends are indexed once per step)."""
    k = p.start - 1
    if k < 2 or token_table(doc).lower[k - 1] not in {"w", "we", "na"}:
        return False
    if not {a.lemma.lower() for a in analyse(token_table(doc).text[k])} & {"gmina", "powiat", "województwo"}:
        return False
    return (k - 1) in span_index(doc, "places").by_end

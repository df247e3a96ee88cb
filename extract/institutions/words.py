"""The words of institution names: quotes, connectors, triggers, agreement.

Shared by the name finder (``factory``) and its city attachment (``city``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..extensions import token_table
from ..morph.analyser import tag_categories
from ..resources import read_csv

OPEN_QUOTES = {"„", '"', "“", "«", "‚", ",,"}
CLOSE_QUOTES = {"”", '"', "“", "»", "’", "''", "‘", "’’"}
PATRON_WORDS = {"im.", "św.", "pw.", "bł."}
COMPANY_SUFFIXES = (("sp.", "z", "o.o."), ("sp.", "z", "o", ".", "o", "."), ("s.a.",), ("sp.j.",), ("s.c.",))
CONNECTORS = {"dla", "na", "rzecz", "i", "nad", "pod", "wezwaniem", "im.", "św.", "nr", "ds.",
              "z", "–", "-", "de", "di", "del", "il", "la", "le"}
CITY_PREPS = {"w", "we"}
#: adjectives that count visits or hosts, never part of a name ("Pierwsza Spółdzielnia …",
#: "z kolejną Spółdzielnią Socjalną")
ORDINALS = {"pierwszy", "drugi", "trzeci", "czwarty", "piąty", "kolejny", "następny", "ostatni"}
CONTEXT_CUES = {"w", "we", "do", "gminy", "gminie", "gmina", "miasta", "mieście"}


@dataclass(frozen=True)
class Trigger:
    lemmas: tuple[str, ...]
    type: str
    generic: bool
    anywhere: bool
    not_after: frozenset[str] = frozenset()


def tag_has(tag: str, *cases: str) -> bool:
    return bool(tag_categories(tag) & set(cases))


def is_wordlike(token: Token) -> bool:
    """Letters only, hyphenated compounds included ("Warmińsko-Mazurskiego")."""
    return all(part.isalpha() for part in token.text.split("-")) and token.text.strip("-") != ""


def is_cap(token: Token) -> bool:
    return token.text[:1].isupper()


NAMING = (("o", "nazwie"), ("pod", "nazwą"), ("pn", "."), ("pn.",), ("p.n.",), ("a", "mianowicie"),
          ("tj", "."), ("tj.",))
NAMING_FIRST = frozenset(words[0] for words in NAMING)


def _naming_words(doc: Doc, j: int) -> int:
    """Length of "o nazwie", "pn.", "a mianowicie" at j when a name (capitalised or quoted)
    follows; 0 otherwise."""
    t = token_table(doc)
    if j >= len(t) or t.lower[j] not in NAMING_FIRST:
        return 0
    for words in NAMING:
        k = j + len(words)
        if k < len(t) and tuple(t.lower[j:k]) == words and (
                t.text[k][:1].isupper() or t.text[k] in OPEN_QUOTES or t.text[k] == '"'):
            return len(words)
    return 0


def shares_case(a: Token, b: Token) -> bool:
    """Coordinated name parts stand in one case: "Miasta i Gminy", not "Współpracę i Mobilnych"."""
    from ..morph.inflect import CASES

    ca = {c for x in a._.morf for c in tag_categories(x.tag) if c in CASES}
    cb = {c for x in b._.morf for c in tag_categories(x.tag) if c in CASES}
    return not ca or not cb or bool(ca & cb)


def agrees(adjective: str, noun: str) -> bool:
    """Does ``adjective`` agree in case, number and gender with the name's first word?"""
    from ..morph.inflect import ADJ_CLASSES, NOUN_CLASSES, _readings

    adj = set().union(*(f for _, f in _readings(adjective, ADJ_CLASSES)))
    nxt = set().union(*(f for _, f in _readings(noun, NOUN_CLASSES | ADJ_CLASSES)))
    return bool(adj & nxt)


def normalise_quotes(text: str) -> str:
    """Polish typographic quotes: „Name”."""
    text = re.sub(r'(?:,,|„|"|“)\s*([^"„”“]+?)\s*(?:”|"|“|\'\'|’’)', r"„\1”", text)
    return text


def load_triggers(types_file: str = "institution_types.csv") -> tuple[Trigger, ...]:
    """The kind triggers of ``institution_types.csv``, longest lemma sequence first (read once:
    the institution finder and the visit step's visited names both match them)."""
    return _load_triggers(types_file)


@lru_cache(maxsize=4)
def _load_triggers(types_file: str) -> tuple[Trigger, ...]:
    # (cached on the file name: a call with and one without the default argument share it)
    triggers = [
        Trigger(tuple(r["pattern"].split()), r["type"], r["generic"] == "1", r["anywhere"] == "1",
                frozenset(w for w in (r.get("not_after") or "").split("|") if w))
        for r in read_csv(types_file)
    ]
    return tuple(sorted(triggers, key=lambda t: -len(t.lemmas)))

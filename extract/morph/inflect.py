"""Re-inflect multi-word names to the nominative with agreement (Morfeusz2 generator).

A Polish institution name is a head noun with agreeing adjectives around it and
uninflected genitive modifiers after it: "Regionalnego Ośrodka | Polityki Społecznej".
Only the agreeing part changes case: we find the (case, number, gender) that the head and
its adjectives share, then generate each of those words in the nominative.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .analyser import Analysis, analyse, generate, lemma_frequency, tag_categories

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
NUMBERS = ("sg", "pl")
GENDERS = ("m1", "m2", "m3", "f", "n")
NOUN_CLASSES = {"subst", "depr", "ger"}
ADJ_CLASSES = {"adj", "pact", "ppas"}
# Oblique case preference when several readings fit ("Ośrodka" is only gen anyway).
CASE_ORDER = ("gen", "loc", "inst", "dat", "acc", "nom", "voc")


@dataclass(frozen=True)
class Feats:
    case: str
    number: str
    gender: str


def _feats(a: Analysis) -> frozenset[Feats]:
    return _tag_feats(a.tag)


@lru_cache(maxsize=20_000)
def _tag_feats(tag: str) -> frozenset[Feats]:
    """(case, number, gender) combinations of a tag (a function of the tag: cached)."""
    cats = tag_categories(tag)
    out = set()
    for c in CASES:
        if c not in cats:
            continue
        for n in NUMBERS:
            if n not in cats:
                continue
            for g in GENDERS:
                if g in cats:
                    out.add(Feats(c, n, g))
    return frozenset(out)


def _readings(word: str, classes: set[str]) -> list[tuple[Analysis, set[Feats]]]:
    return [(a, _feats(a)) for a in analyse(word) if a.pos in classes]


def match_case(word: str, text_case: str) -> str:
    """Copy the capitalisation pattern of ``text_case`` onto ``word``."""
    if text_case.isupper() and len(text_case) > 1:
        return word.upper()
    if text_case[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def nominative_form(word: str, lemma: str, feats: Feats, classes: set[str]) -> str | None:
    """The nominative of ``lemma`` with the number/gender of ``feats``."""
    forms = [f for f in generate(lemma) if f[1] != "ign"]
    if not forms and "-" in lemma and "-" in word:
        # "Miejsko-Gminnego": SGJP generates the last part, the prefix stays as written.
        prefix = word.rsplit("-", 1)[0] + "-"
        last = nominative_form(word.rsplit("-", 1)[1], lemma.rsplit("-", 1)[1], feats, classes)
        return prefix + last if last else None
    best = None
    for form, tag, _labels in forms:
        cats = tag_categories(tag)
        if tag.split(":", 1)[0] not in classes:
            continue
        if "nom" not in cats or feats.number not in cats or "neg" in cats:
            continue
        if classes & ADJ_CLASSES and feats.gender not in cats:
            continue
        if "adj" in classes and "pos" not in cats and "com" not in cats and "sup" not in cats:
            continue
        if best is None or ("pos" in cats):
            best = form
            if classes & NOUN_CLASSES:
                break
    return match_case(best, word) if best else None


def agreeing_span(words: Sequence[str]) -> tuple[int, int, Feats | None, list[Analysis | None]]:
    """Find the inflecting part of a name: leading adjectives, the head noun and the
    adjectives right after it that agree with it. Returns (start, end, feats, chosen)."""
    n = len(words)
    head = None
    for i, w in enumerate(words):
        adj_here = set().union(*(f for _, f in _readings(w, ADJ_CLASSES)))
        if adj_here and i + 1 < n:
            # "Wrocławskiego Zakładu": an adjective agreeing with the next noun is not the
            # head even when SGJP also knows it as a surname.
            nxt = set().union(*(f for _, f in _readings(words[i + 1], NOUN_CLASSES | ADJ_CLASSES)))
            if adj_here & nxt:
                continue
        if _readings(w, NOUN_CLASSES):
            head = i
            break
        if not adj_here:
            return 0, 0, None, [None] * n
    if head is None:
        return 0, 0, None, [None] * n
    head_reads = _readings(words[head], NOUN_CLASSES)
    candidates: set[Feats] = set().union(*(f for _, f in head_reads))
    for i in range(head):
        adj = set().union(*(f for _, f in _readings(words[i], ADJ_CLASSES)))
        candidates &= adj
    if not candidates:
        return 0, 0, None, [None] * n
    end = head + 1
    while end < n:
        adj_f = set().union(*(f for _, f in _readings(words[end], ADJ_CLASSES)))
        shared = candidates & adj_f
        if not shared:
            break
        candidates = shared
        end += 1
    def frequency(f: Feats) -> int:
        """NKJP1M frequency of the head's lemma read with these features: "Centrach" is
        centrum (230), not centra (3) or center (5)."""
        return max((lemma_frequency(a) for a, fs in head_reads if f in fs), default=0)

    feats = sorted(candidates, key=lambda f: (CASE_ORDER.index(f.case), NUMBERS.index(f.number),
                                              -frequency(f), GENDERS.index(f.gender)))[0]
    chosen: list[Analysis | None] = [None] * n
    for i in range(0, end):
        classes = NOUN_CLASSES if i == head else ADJ_CLASSES
        for a, f in _readings(words[i], classes):
            if feats in f:
                chosen[i] = a
                break
    return 0, end, feats, chosen


# Unknown adjectives after the head ("Kalwarię Wielewską"): oblique ending -> nominative,
# by the head's gender (singular only).
UNKNOWN_ADJ_ENDINGS = {
    "f": (("skiej", "ska"), ("ską", "ska"), ("ckiej", "cka"), ("cką", "cka"), ("iej", "a"),
          ("ej", "a"), ("ą", "a")),
    "n": (("skiego", "skie"), ("skiemu", "skie"), ("skim", "skie"), ("ego", "e"), ("emu", "e"),
          ("ym", "e")),
    "m": (("skiego", "ski"), ("skiemu", "ski"), ("skim", "ski"), ("ckiego", "cki"), ("ego", "y"),
          ("emu", "y"), ("ym", "y")),
}


def _unknown_adjective(word: str, feats: Feats) -> str | None:
    if feats.number != "sg" or any(a.pos in ADJ_CLASSES for a in analyse(word)) or not word[:1].isupper():
        return None
    gender = "f" if feats.gender == "f" else "n" if feats.gender == "n" else "m"
    for end, repl in UNKNOWN_ADJ_ENDINGS[gender]:
        if word.endswith(end) and len(word) > len(end) + 2:
            return word[: -len(end)] + repl
    return None


def to_nominative(words: Sequence[str], number: str | None = None) -> list[str]:
    """Nominative of a name given as words; words outside the agreeing part stay as they are.

    ``number="sg"`` also turns a plural name singular ("Centrach Integracji" -> "Centrum
    Integracji"), for lists such as "w Centrach Integracji Społecznej w X i Y".
    """
    return list(_to_nominative(tuple(words), number))


@lru_cache(maxsize=50_000)
def _to_nominative(words: tuple[str, ...], number: str | None) -> tuple[str, ...]:
    """``to_nominative`` of one word sequence (a function of the words: cached per process,
    as reports name the same institutions again and again)."""
    return tuple(_inflect(list(words), number))


def _inflect(words: list[str], number: str | None) -> list[str]:
    start, end, feats, chosen = agreeing_span(words)
    if feats is None or (feats.case == "nom" and (number is None or feats.number == number)):
        return words
    if number:
        feats_out = Feats(feats.case, number, feats.gender)
    else:
        feats_out = feats
    out = list(words)
    if end < len(words) and feats.case != "nom":
        adj = _unknown_adjective(words[end], feats)
        if adj:
            out[end] = adj
    for i in range(start, end):
        a = chosen[i]
        if a is None:
            continue
        classes = NOUN_CLASSES if a.pos in NOUN_CLASSES else ADJ_CLASSES
        form = nominative_form(words[i], a.lemma, feats_out, {a.pos} | (classes & {a.pos}))
        if form is None and feats_out is not feats:
            form = nominative_form(words[i], a.lemma, feats, {a.pos})
        if form:
            out[i] = form
    return out

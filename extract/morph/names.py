"""Base forms of personal names: "Panem Jarosławem Pileckim" -> "Jarosław Pilecki".

The given name fixes gender and the candidate cases (SGJP label ``imię``); the surname
takes the SGJP reading (label ``nazwisko``) that agrees with them. Surnames SGJP does not
know fall back to Polish declension endings ("-skiego" -> "-ski", "-ską" -> "-ska").
"""
from __future__ import annotations

from .analyser import Analysis, analyse, tag_categories

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")

# (ending in an oblique case, replacement in the nominative), longest first, per gender.
MASC_ENDINGS = [
    ("skiego", "ski"), ("skiemu", "ski"), ("skim", "ski"), ("ckiego", "cki"), ("ckiemu", "cki"),
    ("ckim", "cki"), ("dzkiego", "dzki"), ("dzkim", "dzki"), ("iem", ""), ("em", ""),
    ("owi", ""), ("ego", "y"), ("emu", "y"),
]
FEM_ENDINGS = [("ską", "ska"), ("skiej", "ska"), ("cką", "cka"), ("ckiej", "cka"),
               ("dzką", "dzka"), ("dzkiej", "dzka"), ("ową", "owa"), ("owej", "owa")]


def given_name_readings(word: str) -> list[Analysis]:
    return [a for a in analyse(word)
            if "imię" in a.labels and a.pos == "subst" and "sg" in tag_categories(a.tag)]


def gender_of(a: Analysis) -> str:
    cats = tag_categories(a.tag)
    return "f" if "f" in cats else "m"


def cases_of(a: Analysis) -> set[str]:
    return set(CASES) & tag_categories(a.tag)


def is_given_name(word: str) -> bool:
    return bool(given_name_readings(word))


def _surname_base(word: str, gender: str, cases: set[str]) -> str:
    parts = word.split("-")
    if len(parts) > 1:  # "Stańskiej-Mackiewicz": each part declines on its own
        return "-".join(_surname_base(p, gender, cases) for p in parts)
    readings = [a for a in analyse(word) if "nazwisko" in a.labels]
    best = None
    for a in readings:
        g = gender_of(a)
        if g != gender:
            continue
        if cases and not (cases & cases_of(a)):
            continue
        if "sg" not in tag_categories(a.tag):
            continue
        best = a
        break
    if best is not None:
        return best.lemma
    if "nom" in cases and len(cases) == 1:
        return word
    endings = FEM_ENDINGS if gender == "f" else MASC_ENDINGS
    low = word.lower()
    for end, repl in endings:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: len(word) - len(end)] + repl
    return word


def _pick_gender(reads: list[Analysis], surname: str) -> str:
    """Gender of a given name that the surname agrees with ("Roberta Błasika" is m)."""
    sur = [a for a in analyse(surname) if "nazwisko" in a.labels]

    def score(a: Analysis) -> float:
        g = gender_of(a)
        agree = any(gender_of(b) == g and cases_of(a) & cases_of(b) for b in sur)
        return 2 * agree + (a.lemma == surname or a.lemma.lower() == reads[0].lemma.lower()) * 0 + (
            1 if "nom" in cases_of(a) else 0) * (0 if sur else 1)

    return gender_of(max(reads, key=score))


def person_base(words: list[str]) -> str:
    """Nominative of "Given [Given2] Surname" (titles already removed)."""
    if not words:
        return ""
    firsts = []
    gender, cases = None, set(CASES)
    k = 0
    while k < len(words) - 1 and given_name_readings(words[k]):
        reads = given_name_readings(words[k])
        if gender is None:
            gender = _pick_gender(reads, words[-1])
        reads = [a for a in reads if gender_of(a) == gender] or reads
        shared = cases & set().union(*(cases_of(a) for a in reads))
        cases = shared or cases
        firsts.append(reads[0].lemma)
        k += 1
    if not firsts:
        # an initial ("B. Komorowski") or an unknown given name
        firsts = [words[0]]
        k = 1
        gender = "f" if words[0].endswith("a") else "m"
    surnames = [_surname_base(w, gender or "m", cases) for w in words[k:]]
    return " ".join(firsts + surnames)

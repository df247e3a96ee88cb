"""Hosts the type-word rules cannot see: names the text presents as visited.

Many hosts carry no Polish kind word ("Comitato d'Intensa di Belluno", "Dolomiti Hub",
"„La Piccola Carovana”", "Cafe Równik"). The document structure still says they were
visited: they are items of a list introduced as visited ("Odwiedziliśmy:" followed by
bulleted lines, "Odwiedzone instytucje:"), or the object of a visiting verb
("grupa odwiedziła „La Casatra Nuvole”", "odwiedzając trzy spółdzielnie socjalne: A, B
oraz C"). Each such name becomes an institution span (``rule`` says which structure gave
it); its type comes from a kind word in the name or before the list, else INNE.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..cue_index import FirstWordIndex
from ..extensions import (annotate, lemma_set, lemma_sets, sentence_of, span_lemmas, step_cached,
                          text_of, token_table)
from ..institutions.words import ORDINALS, load_triggers
from ..morph.analyser import analyse, tag_categories
from ..morph.inflect import to_nominative
from ..places.nominative import adjective_form

BULLETS = {"•", "-", "–", "—", "*", "·", "▪", "◦"}
NAME_END = {"–", "—", "(", ":", ";", ",", "."}
SKIP_WORDS = {"jeszcze", "również", "także", "też", "m.in.", "m.in", "kolejno", "następnie",
              "ponadto", "między", "innymi"}
OPEN_Q = {"„", '"', "“", "«"}
CLOSE_Q = {"”", '"', "“", "»"}
CONNECT = {"di", "de", "del", "della", "la", "il", "le", "i", "e", "et", "and", "of", "nr", "–", "-"}
MAX_NAME = 10


def kind_patterns() -> list[tuple[tuple[str, ...], str]]:
    """Kind lemma sequences of the institution triggers -> type code, longest first."""
    return [(t.lemmas, t.type) for t in load_triggers()]


def _kind_in(doc: Doc, start: int, end: int) -> str | None:
    """The type of the first kind word sequence in tokens [start, end) ("spółdzielnie
    socjalne" -> SPOLDZIELNIA_SOCJALNA)."""
    index = _kind_index()
    sets = lemma_sets(doc)
    for k in range(start, end):
        for lemmas, code in index.candidates(sets[k]):  # in the triggers' order, as listed
            if k + len(lemmas) <= end and all(lem in sets[k + n] for n, lem in enumerate(lemmas)):
                return code
    return None


@lru_cache(maxsize=1)
def _kind_index() -> FirstWordIndex[tuple[tuple[str, ...], str]]:
    """``kind_patterns`` by first lemma: a token tries only the kinds that can start with it."""
    return FirstWordIndex((lemmas[0], (lemmas, code)) for lemmas, code in kind_patterns())


def _line_starts(doc: Doc) -> list[int]:
    # a line break is a space token of its own (a token's trailing whitespace is " " or "")
    text = token_table(doc).text
    return ([0] if text else []) + [i + 1 for i, t in enumerate(text[:-1]) if "\n" in t]


def _name_run(doc: Doc, i: int, limit: int) -> int:
    """End of a name starting at i: a quoted run, or capitalised words with connectors."""
    if doc[i].text in OPEN_Q:
        for k in range(i + 1, min(limit, i + MAX_NAME + 2)):
            if doc[k].text in CLOSE_Q:
                return k + 1
        return i
    k = i
    while k < limit and k - i < MAX_NAME and not ("\n" in doc[k].text):
        tok = doc[k]
        if tok.is_space and "\n" not in tok.text:
            k += 1  # a double space inside a name
            continue
        if tok.text in NAME_END or (tok.is_punct and tok.text not in {"'", "’", "&"}):
            break
        if not (tok.is_title or tok.is_upper or tok.like_num or tok.lower_ in CONNECT
                or "'" in tok.text or "’" in tok.text):
            break
        k += 1
        if "\n" in tok.whitespace_:
            break
    while k > i and doc[k - 1].lower_ in CONNECT:
        k -= 1
    return k


@dataclass(frozen=True)
class NameHit:
    """A name the structure presents as visited: tokens [start, end), the rule that found
    it, the kind stated before a list (type code) and that kind's noun (elliptic lists)."""
    start: int
    end: int
    rule: str
    kind: str | None = None
    head: str | None = None


def _listed_items(doc: Doc, visit: set[str]) -> list[NameHit]:
    """Bulleted lines after a line ending with ':' that speaks of visiting."""
    out = []
    starts = _line_starts(doc)
    ends = starts[1:] + [len(doc)]
    in_list = False
    items = 0
    doc_text, idx = text_of(doc), token_table(doc).idx
    for a, b in zip(starts, ends):
        text = doc_text[idx[a]:idx[b] if b < len(idx) else len(doc_text)].strip()
        if not text:
            if items:
                in_list = False  # a blank line after the items ends the list
            continue
        if text.endswith(":"):
            in_list = bool(span_lemmas(doc[a:b]) & visit)
            items = 0
            continue
        if not in_list:
            continue
        k = a
        while k < b and (doc[k].text in BULLETS or (doc[k].like_num and k + 1 < b and doc[k + 1].text in {".", ")"})
                         or doc[k].text in {".", ")"}):
            k += 1
        if k == a:
            if not items:
                in_list = False  # no list after the line
            continue  # an item wrapped onto the next line
        items += 1
        if k < b and (doc[k].is_title or doc[k].is_upper or doc[k].text in OPEN_Q):
            e = _name_run(doc, k, b)
            if e > k:
                out.append(NameHit(k, e, "visited_list_item"))
    return out


def listed_item_starts(doc: Doc, visit: set[str]) -> set[int]:
    """First tokens of the items of lists introduced as visited (cached per document)."""
    return step_cached(doc, "listed_items", lambda: {h.start for h in _listed_items(doc, visit)})


def visit_verbs(doc: Doc, strong: set[str]) -> list[int]:
    """Tokens that are verb forms (not nouns) of a visiting lemma: "odwiedzili", "odwiedzając",
    "odwiedzono" (found once per document)."""
    text = token_table(doc).text
    return step_cached(doc, "visit_verbs", lambda: [
        i for i, lemmas in enumerate(lemma_sets(doc)) if not lemmas.isdisjoint(strong) and any(
            a.pos in {"fin", "praet", "imps", "pcon", "pant", "inf"} for a in analyse(text[i]))])


def _kind_head(doc: Doc, start: int, end: int) -> str | None:
    """The lemma of a plural kind noun before a colon ("w trzech wioskach tematycznych:")."""
    kinds = {lemmas[0] for lemmas, _ in kind_patterns() if len(lemmas) == 1}
    for k in range(start, end):
        for a in doc[k]._.morf:
            if a.pos == "subst" and a.lemma.lower() in kinds and ":pl:" in a.tag:
                return a.lemma.lower()
    return None


def _elliptic_name(head: str, item: Token) -> str | None:
    """ "wioskach tematycznych: Chlebowej, Jabłoni …" -> "Wioska Chlebowa", "Wioska Jabłoni":
    an item of a list after a plural kind names one such institution, the kind left out."""
    genders = [tag_categories(a.tag) for a in analyse(head) if a.pos == "subst" and ":sg:" in a.tag]
    if not genders:
        return None
    gender = next((g for g in ("f", "n", "m3", "m2", "m1") if g in genders[0]), "f")
    kind = head[:1].upper() + head[1:]
    adjectives = [a for a in item._.morf if a.pos == "adj"]
    if adjectives:
        form = adjective_form(adjectives[0].lemma.lower(), "sg", gender)
        return f"{kind} {form[:1].upper() + form[1:]}" if form else None
    if any(a.pos == "subst" and a.lemma[:1].islower() and ":gen:" in a.tag for a in item._.morf):
        return f"{kind} {item.text}"  # a common noun in the genitive: "Wioska Jabłoni"
    return None  # a proper name stands alone: "spółdzielnie socjalne: Alpi oraz Alisei"


def _verb_objects(doc: Doc, strong: set[str]) -> list[NameHit]:
    """Names right after a visiting verb, or listed after a colon that follows it."""
    out = []
    for i in visit_verbs(doc, strong):
        t = doc[i]
        sent = sentence_of(doc, t.i)
        k = t.i + 1
        while k < sent.end and doc[k].lower_ in SKIP_WORDS:
            k += 1
        if k < sent.end and (doc[k].text in OPEN_Q or (doc[k].is_title and not doc[k].is_sent_start)):
            e = _name_run(doc, k, sent.end)
            if e > k:
                out.append(NameHit(k, e, "visit_verb_object"))
                continue
        colon = next((j for j in range(t.i + 1, min(sent.end, t.i + 16)) if doc[j].text == ":"), None)
        if colon is None:
            continue
        kind = _kind_in(doc, t.i + 1, colon)
        head = _kind_head(doc, t.i + 1, colon)
        j = colon + 1
        while j < sent.end:
            if doc[j].text in {",", "oraz", "i"} or (doc[j].lower_ in {"w", "we"} and doc[j - 1].text in {
                    ",", "oraz", "i"}):
                j += 1  # a separator, or the preposition repeated ("… oraz w Owocowej")
                continue
            if not (doc[j].is_title or doc[j].text in OPEN_Q):
                break
            e = _name_run(doc, j, sent.end)
            if e <= j:
                break
            out.append(NameHit(j, e, "visit_verb_list", kind, head if e - j == 1 else None))
            j = e
            # the item's own qualifiers ("w Janiej Górze w powiecie Tucholskim") up to the next one
            while j < sent.end and doc[j].text not in {",", ";"} and doc[j].lower_ not in {"oraz", "i"}:
                j += 1
    return out


POINT_NOUNS = {"miejsce", "punkt", "przystanek", "etap", "podmiot", "cel"}
COPULA = {"był", "była", "było", "jest", "została", "został"}
SCENE_NOUNS = {"wizyta", "spotkanie", "pobyt", "odbyć"}


def _programme_points(doc: Doc) -> list[NameHit]:
    """ "Pierwszym miejscem docelowym była „Farma 69” w Kopańcu", "Kolejna wizyta odbyła
    się w Olenderskim Parku Etnograficznym": the name a programme point introduces."""
    out = []
    lower = token_table(doc).lower
    for i in [k for k, w in enumerate(lower) if w in COPULA or w in {"w", "we"}]:
        t = doc[i]
        k = None
        if t.lower_ in COPULA and t.i >= 2:
            window = set()
            for j in range(max(sentence_of(doc, t.i).start, t.i - 4), t.i):
                window |= lemma_set(doc, j)
            if window & POINT_NOUNS and window & ORDINALS:
                k = t.i + 1
        elif t.lower_ in {"w", "we"} and t.i >= 1 and t.i + 2 < len(doc):
            window = set()
            for j in range(max(sentence_of(doc, t.i).start, t.i - 3), t.i):
                window |= lemma_set(doc, j)
            if window & SCENE_NOUNS and doc[t.i + 1].is_title and doc[t.i + 2].is_title:
                k = t.i + 1  # two capitalised words at least: a name, not a town
        if k is None or k >= len(doc):
            continue
        if doc[k].text in OPEN_Q or (doc[k].is_title and not doc[k].is_sent_start):
            e = _name_run(doc, k, sentence_of(doc, t.i).end)
            if e > k:
                out.append(NameHit(k, e, "programme_point"))
    return out


def visited_names(doc: Doc, visit: set[str], strong: set[str]) -> list[Span]:
    """Institution spans for names presented as visited, not covered by other entities."""
    covered: set[int] = set()
    for key in ("institutions", "places", "people"):
        for s in doc.spans.get(key, []):
            if not (s._.attrs or {}).get("bare"):  # a lone kind word ("„Farma 69”") is no name
                covered.update(range(s.start, s.end))
    out: list[Span] = []
    seen: set[int] = set()
    for hit in _listed_items(doc, visit) + _verb_objects(doc, strong) + _programme_points(doc):
        start, end, rule = hit.start, hit.end, hit.rule
        if start in seen or any(k in covered for k in range(start, end)):
            continue
        seen.add(start)
        span = doc[start:end]
        kind = hit.kind or _kind_in(doc, start, end)
        name = " ".join(text_of(doc)[span.start_char:span.end_char].split())
        if hit.head:
            name = _elliptic_name(hit.head, doc[start]) or name
        if rule in {"visit_verb_object", "programme_point"} and doc[start].text not in OPEN_Q:
            name = " ".join(to_nominative(name.split()))  # "odwiedzili Snow Arenę"
        if len(name) < 3 or (len(name.split()) == 1 and _kind_in(doc, start, end)):
            continue  # a kind word alone ("Gospodarstwo") names nothing
        annotate(span, name, rule, type=kind or "INNE", proper=True,
                 abbreviation=False, plural=False, lowercase=False, bare=False)
        out.append(span)
    return out

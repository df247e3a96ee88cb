"""Cached access to Morfeusz2: one analyser/generator per process, analyses per word form.

Morfeusz splits hyphenated words and agglutinates into segments; for a spaCy token we
keep the analyses of its inflecting (last) segment and glue the uninflected prefix back
on, so "Społeczno-Zawodowej" reads as lemma "społeczno-zawodowy", tag adj:sg:gen:f.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import morfeusz2


@dataclass(frozen=True)
class Analysis:
    lemma: str          # base form with the SGJP homonym suffix removed ("Jarosław")
    tag: str            # NKJP tag, e.g. "subst:sg:inst:m1"
    labels: tuple[str, ...] = ()  # SGJP name labels: imię, nazwisko, nazwa_geograficzna...

    @property
    def pos(self) -> str:
        return self.tag.split(":", 1)[0]

    def has(self, *values: str) -> bool:
        """True if every value is one of the tag's (dot-expanded) categories."""
        cats = tag_categories(self.tag)
        return all(v in cats for v in values)


def tag_categories(tag: str) -> frozenset[str]:
    """All values of a tag, dotted alternatives expanded: "sg:gen.acc:m1" -> {sg, gen, acc, m1}."""
    return _tag_categories(tag)


@lru_cache(maxsize=4096)
def _tag_categories(tag: str) -> frozenset[str]:
    out = set()
    for part in tag.split(":"):
        out.update(part.split("."))
    return frozenset(out)


def clean_lemma(lemma: str) -> str:
    """Drop SGJP's homonym marks: "Jarosław:Sm1" -> "Jarosław"."""
    return lemma.split(":", 1)[0] if ":" in lemma and lemma != ":" else lemma


@lru_cache(maxsize=1)
def _lemma_counts() -> dict[tuple[str, str], int]:
    from ..resources import MODELS_DIR

    path = MODELS_DIR / "lexicon" / "lemma_freq.tsv"
    out: dict[tuple[str, str], int] = {}
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            lemma, cls, n = line.rstrip("\n").split("\t")
            out[(lemma, cls)] = int(n)
    return out


def lemma_frequency(a: Analysis) -> int:
    """How often NKJP1M uses this lemma in this class: the tie-breaker between readings."""
    return _lemma_counts().get((a.lemma.lower(), a.pos), 0)


@lru_cache(maxsize=1)
def morfeusz() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz(expand_tags=False, generate=True)


class _Resolver:
    """``Morfeusz.analyse`` without its per-reading cost: the wrapper asks the dictionary
    for every reading's tag, name class and labels by id; these are looked up once per id
    here (same tuples as ``morfeusz2.Morfeusz.analyse`` with unexpanded tags and DAG)."""

    def __init__(self, morf: morfeusz2.Morfeusz):
        self.morf = morf
        self.obj = getattr(morf, "_morfeusz_obj", None)
        self.tags: dict[int, str] = {}
        self.names: dict[int, list] = {}
        self.labels: dict[int, list] = {}

    def analyse(self, word: str) -> list:
        obj = self.obj
        if obj is None or self.morf.expand_tags or self.morf.expand_dag:
            return self.morf.analyse(word)
        out = []
        tags, names, labels = self.tags, self.names, self.labels
        for i in obj.analyse(word):
            tag = tags.get(i.tagId)
            if tag is None:
                tag = tags[i.tagId] = i.getTag(obj)
            name = names.get(i.nameId)
            if name is None:
                name = names[i.nameId] = i.getName(obj)
            lab = labels.get(i.labelsId)
            if lab is None:
                lab = labels[i.labelsId] = i.getLabels(obj)
            out.append((i.startNode, i.endNode, (i.orth, i.lemma, tag, name, lab)))
        return out


@lru_cache(maxsize=1)
def _resolver() -> _Resolver:
    return _Resolver(morfeusz())


def _raw_analyse(word: str) -> list:
    return _resolver().analyse(word)


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Analyses of the inflecting segment of ``word``; unknown words get tag ``ign``."""
    if not word or word.isspace():
        return ()
    if len(word) > 1 and word.endswith(".") and word[-2].isalpha():
        # An abbreviation token such as "r." or "ul.": analyse the letters.
        return tuple(a for a in analyse(word[:-1])) or (Analysis(word, "brev"),)
    try:
        dag = _raw_analyse(word)
    except Exception:  # noqa: BLE001 - Morfeusz raises on odd input; treat as unknown
        return (Analysis(word, "ign"),)
    if not dag:
        return (Analysis(word, "ign"),)
    last_node = max(end for _, end, _ in dag)
    # Single-segment readings covering the whole word are preferred.
    whole = [a for s, e, a in dag if s == 0 and e == last_node]
    if whole:
        items = whole
        prefix = ""
    else:
        # Hyphenated compound or agglutinate: last segment inflects, the rest is a prefix.
        lastseg = [a for s, e, a in dag if e == last_node]
        start_of_last = min(s for s, e, a in dag if e == last_node)
        prefix_forms = {}
        for s, e, a in dag:
            if e <= start_of_last and s not in prefix_forms:
                prefix_forms[s] = a[0]
        prefix = "".join(prefix_forms[k] for k in sorted(prefix_forms))
        if lastseg and lastseg[0][2].startswith("aglt"):
            # "zrobiłem": the verb is in the first segment.
            items = [a for s, e, a in dag if s == 0]
            prefix = ""
        else:
            items = lastseg
    out = []
    seen = set()
    for orth, lemma, tag, labels, _quals in items:
        lem = clean_lemma(lemma)
        if prefix:
            lem = prefix + lem
        key = (lem, tag)
        if key in seen:
            continue
        seen.add(key)
        out.append(Analysis(lem, tag, tuple(labels or ())))
    return tuple(out)


@lru_cache(maxsize=50_000)
def generate(lemma: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """All (form, tag, labels) of a lemma, ``()`` when Morfeusz does not know it."""
    try:
        forms = morfeusz().generate(lemma)
    except Exception:  # noqa: BLE001
        return ()
    return tuple((f[0], f[2], tuple(f[3] or ())) for f in forms)


@lru_cache(maxsize=200_000)
def name_labels(word: str) -> frozenset[str]:
    """SGJP name labels over all readings of ``word``."""
    return frozenset(label for a in analyse(word) for label in a.labels)


@lru_cache(maxsize=200_000)
def lemma_forms(word: str) -> frozenset[str]:
    """The word lower-cased and every reading's lemma lower-cased."""
    return frozenset({word.lower()} | {a.lemma.lower() for a in analyse(word)})

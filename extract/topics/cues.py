"""Topic cue words: lemma sequences from ``models/resources/topic_cues.csv``.

A cue word matches a token when it is one of the token's lemmas (Morfeusz readings, the
chosen lemma, the lower-case form). Words Morfeusz does not know ("deinstytucjonalizacji",
"wytchnieniowej", "CUS-ie") have their form as lemma; they still match a cue word whose
stem (the word less its final vowels) begins the form with a short inflectional ending
after it, and a hyphenated acronym's inflection ("OWES-u") is cut off.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from ..extensions import lemma_sets, token_table
from ..morph.analyser import analyse
from ..resources import read_csv

VOWELS = "aeiouyąęó"
MAX_ENDING = 4  # "-ami", "-ego", "-owej"... longest endings added after a stem
MIN_STEM = 5
ACRONYM_INFLECTION = re.compile(r"^([^\W\d_]{2,})-([^\W\d_]{1,3})$")


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    topic: str
    weight: float
    cue: str


def stem(word: str) -> str:
    return word.rstrip(VOWELS)


class TopicCues:
    """Cue lists indexed by their first word (and by its stem, for unknown words)."""

    def __init__(self, cues_file: str):
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, float]]] = defaultdict(list)
        self.by_stem: dict[str, set[str]] = defaultdict(set)
        self.words: set[str] = set()
        for row in read_csv(cues_file):
            lemmas = tuple(row["cue"].split())
            self.by_first[lemmas[0]].append((lemmas, row["topic"], float(row["weight"])))
            self.words.update(lemmas)
        for w in self.words:
            s = stem(w)
            if len(s) >= MIN_STEM:
                self.by_stem[s[:MIN_STEM]].add(w)

    def token_words(self, doc: Doc, i: int) -> frozenset:
        """The cue words token i can stand for."""
        return self.doc_words(doc)[i]

    def doc_words(self, doc: Doc) -> list[frozenset]:
        """The cue words of every token, computed once per Doc; a function of the token's
        form and lemma set only, so memoised per process."""
        cache = doc.user_data.get("wizyty_topic_words")
        if cache is None or len(cache) != len(doc):
            table = token_table(doc)
            memo = self.__dict__.setdefault("_words_memo", {})
            cache = []
            for k, known in enumerate(lemma_sets(doc)):
                key = (table.text[k], known)
                hit = memo.get(key)
                if hit is None:
                    if len(memo) >= 200_000:
                        memo.clear()
                    hit = memo[key] = self._words_of(table.text[k], table.is_alpha[k], known)
                cache.append(hit)
            doc.user_data["wizyty_topic_words"] = cache
        return cache

    def _words_of(self, text: str, is_alpha: bool, known: frozenset) -> frozenset:
        lemmas = set(known)
        m = ACRONYM_INFLECTION.match(text)
        if m:
            lemmas.add(m.group(1).lower())
        readings = analyse(text)
        unknown = all(a.tag == "ign" for a in readings) or not readings
        if unknown and is_alpha:
            form = text.lower()
            for w in self.by_stem.get(form[:MIN_STEM], ()):
                s = stem(w)
                if form.startswith(s) and len(form) - len(s) <= MAX_ENDING:
                    lemmas.add(w)
        return frozenset(lemmas & self.words)

    def matches(self, doc: Doc) -> list[CueMatch]:
        """Every cue occurrence; of overlapping cues of one topic, the longest counts."""
        found = []
        n_tok = len(doc)
        words = self.doc_words(doc)
        for i in range(n_tok):
            for first in words[i]:
                for lemmas, topic, w in self.by_first.get(first, ()):
                    n = len(lemmas)
                    if i + n <= n_tok and all(lemmas[k] in words[i + k] for k in range(1, n)):
                        found.append(CueMatch(i, i + n, topic, w, " ".join(lemmas)))
        out: list[CueMatch] = []
        used: dict[str, set[int]] = defaultdict(set)
        for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
            span = set(range(m.start, m.end))
            if used[m.topic] & span:
                continue
            used[m.topic] |= span
            out.append(m)
        return sorted(out, key=lambda m: m.start)

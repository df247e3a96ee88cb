"""The report's zones: the visiting group's description, the aim or programme.

Document structure shared by the visit step (no host or visited place comes from the
visiting group's description) and the topics step (where a cue stands). A cue inside the description of who came ("udział wzięli przedstawiciele OPS i PCPR",
"z ramienia Gminy", "uczestnikami byli …") speaks of the visitors, not of what they saw:
such stretches run from the opening cue to the next predicate or the sentence end. A
sentence stating the aim, theme or programme ("Celem wizyty było…", "Program obejmował…")
or the report's heading, and one telling what was presented or discussed ("Prezes
opowiedział o…"), may carry more weight than a word elsewhere.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..extensions import lemma_sets, nkjp_tags, sentence_of, token_table
from ..cue_index import FirstWordIndex
from ..resources import read_csv

PREDICATES = {"fin", "praet", "impt", "imps", "bedzie", "winien"}
MET_WITH = {"z", "ze"}


@dataclass
class ZoneCues:
    by_kind: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def load(cls, name: str) -> "ZoneCues":
        out: dict[str, list[tuple[str, ...]]] = {}
        for row in read_csv(name):
            out.setdefault(row["kind"], []).append(tuple(row["cue"].split()))
        return cls(out)

    def at(self, doc: Doc, i: int, kind: str) -> int:
        """Length of the cue of ``kind`` starting at token i (0 if none)."""
        return self.at_in(lemma_sets(doc), i, kind)

    def at_in(self, sets: list[frozenset], i: int, kind: str) -> int:
        """``at`` over the Doc's lemma table (``extensions.lemma_sets``): loops over every
        token pass the table instead of looking it up per token."""
        if i >= len(sets):
            return 0
        n_tokens = len(sets)  # the first listed cue of this kind that matches wins
        for cue in self._index(kind).candidates(sets[i]):
            n = len(cue)
            if i + n <= n_tokens and all(cue[k] in sets[i + k] for k in range(1, n)):
                return n
        return 0

    def _index(self, kind: str) -> FirstWordIndex[tuple[str, ...]]:
        """The cues of ``kind`` by first word."""
        cache = self.__dict__.setdefault("_index_cache", {})
        index = cache.get(kind)
        if index is None:
            index = cache[kind] = FirstWordIndex((cue[0], cue) for cue in self.by_kind.get(kind, ()) if cue)
        return index

    def starts(self, sets: list[frozenset], kind: str, among: list[int]) -> list[int]:
        """The token indices of ``among`` where a cue of ``kind`` may start (its first word
        matches)."""
        first = self._index(kind).firsts
        return [i for i in among if not first.isdisjoint(sets[i])]

    def any_starts(self, sets: list[frozenset]) -> list[int]:
        """Token indices where a cue of any kind may start: one pass over the report's
        lemma table for all kinds (``starts`` then looks at these only)."""
        every = self.__dict__.get("_every_first")
        if every is None:
            every = self.__dict__["_every_first"] = frozenset(
                cue[0] for cues in self.by_kind.values() for cue in cues if cue)
        return [i for i, lemmas in enumerate(sets) if not every.isdisjoint(lemmas)]


def is_predicate(doc: Doc, i: int) -> bool:
    tag = nkjp_tags(doc)[i]
    if tag:
        return tag.split(":", 1)[0] in PREDICATES
    return any(a.pos in PREDICATES for a in doc[i]._.morf)


@dataclass
class Zones:
    visitor: set[int]
    aim: set[int]
    programme: set[int] = field(default_factory=set)


def find_zones(doc: Doc, cues: ZoneCues) -> Zones:
    """The zones of a report, found once: the visit step (hosts) and the topics step both
    ask; kept in ``doc.user_data`` as lists, so the Doc stays serialisable."""
    cached = doc.user_data.get(ZONES_KEY)
    if cached is None or cached.get("n") != len(doc):
        zones = _find_zones(doc, cues)
        doc.user_data[ZONES_KEY] = {"n": len(doc), "visitor": sorted(zones.visitor),
                                    "aim": sorted(zones.aim), "programme": sorted(zones.programme)}
        return zones
    return Zones(set(cached["visitor"]), set(cached["aim"]), set(cached["programme"]))


ZONES_KEY = "wizyty_zones"


def _find_zones(doc: Doc, cues: ZoneCues) -> Zones:
    visitor: set[int] = set()
    aim: set[int] = set()
    programme: set[int] = set()
    sets = lemma_sets(doc)
    lower = token_table(doc).lower
    anywhere = cues.any_starts(sets)

    def found(kind: str) -> list[int]:
        return [i for i in cues.starts(sets, kind, anywhere) if cues.at_in(sets, i, kind)]

    # where a participation cue stands (asked for every "visitor_if" cue's sentence)
    participations = found("participation")
    # only tokens whose lemmas can open a cue are tried (one set test per token)
    for i in sorted(set(cues.starts(sets, "visitor", anywhere)) | set(cues.starts(sets, "visitor_if", anywhere))):
        sent = sentence_of(doc, i)
        n = cues.at_in(sets, i, "visitor")
        if not n and cues.at_in(sets, i, "visitor_if"):
            before = {lower[k] for k in range(max(sent.start, i - 2), i)}
            k = bisect_left(participations, sent.start)
            participation = k < len(participations) and participations[k] < sent.end
            if participation and not before & MET_WITH:
                n = 1
        if n:
            k = i + n
            # up to the next predicate; right after the cue only a copula continues it
            # ("wśród uczestników byli …"), another verb ends it ("beneficjenci mieli okazję …")
            while k < sent.end and not (is_predicate(doc, k) and (
                    k > i + n or not sets[k] & {"być", "znaleźć"})):
                visitor.add(k)
                k += 1
    aim_sents = {sentence_of(doc, i).start: sentence_of(doc, i) for i in found("aim")}
    programme_sents = {sentence_of(doc, i).start: sentence_of(doc, i) for i in found("programme")}
    for start, sent in aim_sents.items():
        aim.update(range(sent.start, sent.end))
    for start, sent in programme_sents.items():
        if start not in aim_sents:
            programme.update(range(sent.start, sent.end))
    aim.update(heading(doc))
    return Zones(visitor=visitor, aim=aim, programme=programme - aim)


def heading(doc: Doc, max_tokens: int = 25) -> range:
    """Tokens of the report's first line when it is short enough to be its heading."""
    text = token_table(doc).text
    end = 0
    while end < len(text) and "\n" not in text[end]:  # (trailing whitespace is " " or "")
        end += 1
    if end >= len(doc):  # one line: no heading
        return range(0)
    return range(0, end + 1) if end + 1 <= max_tokens else range(0)

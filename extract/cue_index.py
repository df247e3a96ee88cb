"""Lemma sequences (cues, kind triggers) indexed by their first word.

Rule lists are tried in file order (the first listed entry wins); a token only needs the
entries whose first word is among its lemmas, so each list is indexed once by first word,
each entry with its rank, and a token's candidates come back in the file's order.
"""
from __future__ import annotations

from typing import Generic, Iterable, TypeVar

T = TypeVar("T")


class FirstWordIndex(Generic[T]):
    """``(first word, item)`` pairs in rank order, looked up by a token's set of words."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self.by_first: dict[str, list[tuple[int, T]]] = {}
        for rank, (first, item) in enumerate(entries):
            self.by_first.setdefault(first, []).append((rank, item))
        self.firsts = frozenset(self.by_first)

    def candidates(self, words: frozenset[str]) -> list[T]:
        """The items whose first word is in ``words``, in rank order ([] for most tokens)."""
        found = self.firsts & words
        if not found:
            return []
        if len(found) == 1:
            return [item for _, item in self.by_first[next(iter(found))]]
        return [item for _, item in sorted((c for w in found for c in self.by_first[w]), key=lambda c: c[0])]

"""Lemma cue lists of the visit step (``models/resources/visit_cues.csv``, ``participants.csv``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..resources import read_csv


@dataclass
class Cues:
    """Lemma sets by kind: visit, organize, exclude, operator, visitor, funder,
    municipal_head (visit_cues.csv); person, event (participants.csv)."""
    kinds: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, cues_file: str, participants_file: str) -> "Cues":
        kinds: dict[str, set[str]] = {}
        for name in (cues_file, participants_file):
            for row in read_csv(name):
                kinds.setdefault(row["kind"], set()).add(row["lemma"])
        return cls(kinds)

    def __getitem__(self, kind: str) -> set[str]:
        return self.kinds.get(kind, set())

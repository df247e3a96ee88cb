"""What the visit step decides: hosts, visited places and the visit block."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span


@dataclass
class HostChoice:
    """An institution taken as a host; one span can give several ("w CIS w X i Y")."""
    span: Span
    name: str
    type: str
    city: str | None
    voivodeship: str | None
    rule: str
    operator: str | None = None
    city_rule: str = ""


def fold(text: str | None) -> str:
    """Compare names case-, quote- and punctuation-blind (as the scorer does)."""
    if not text:
        return ""
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    return " ".join(text.split())


@dataclass
class PlaceChoice:
    """A visited locality and the span it was read from."""
    span: Span
    name: str
    voivodeship: str | None
    latitude: float | None
    longitude: float | None
    rule: str


@dataclass
class VisitAssembly:
    title: str | None = None
    title_rule: str = ""
    start_date: str | None = None
    end_date: str | None = None
    dates_rule: str = ""
    organizer: Span | None = None
    organizer_rule: str = ""
    participants: int | None = None
    participants_rule: str = ""
    hosts: list[HostChoice] = field(default_factory=list)
    places: list[PlaceChoice] = field(default_factory=list)
    people: list[Span] = field(default_factory=list)

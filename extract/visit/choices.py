"""What the visit step decides: hosts, visited places and the visit block."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..evaluate import fold  # noqa: F401 - names compare as the scorer compares them


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

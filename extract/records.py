"""Records of the output tables (``spec/tables.md``), one dataclass per row kind."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Optional


@dataclass
class Visit:
    visit_id: str
    doc_id: str
    title: Optional[str] = None
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    organizer: Optional[str] = None
    organizer_city: Optional[str] = None
    participants_count: Optional[int] = None
    source_path: Optional[str] = None
    title_rule: str = ""
    dates_rule: str = ""
    organizer_rule: str = ""
    participants_rule: str = ""
    # provenance: offsets of the text each value was read from (None = not from a span)
    title_start: Optional[int] = None
    title_end: Optional[int] = None
    dates_start: Optional[int] = None
    dates_end: Optional[int] = None
    organizer_start: Optional[int] = None
    organizer_end: Optional[int] = None
    participants_start: Optional[int] = None
    participants_end: Optional[int] = None


@dataclass
class Host:
    host_id: str
    visit_id: str
    doc_id: str
    name: str
    type: str
    city: Optional[str] = None
    voivodeship: Optional[str] = None
    operator: Optional[str] = None
    mention: str = ""
    start_char: int = 0
    end_char: int = 0
    rule: str = ""
    latitude: Optional[float] = None  # the city's coordinates (gazetteer)
    longitude: Optional[float] = None


@dataclass
class Person:
    person_id: str
    visit_id: str
    doc_id: str
    name: str
    role: Optional[str] = None
    organization: Optional[str] = None
    mention: str = ""
    start_char: int = 0
    end_char: int = 0
    rule: str = ""


@dataclass
class Place:
    visit_id: str
    doc_id: str
    name: str
    voivodeship: Optional[str] = None
    mention: str = ""
    start_char: int = 0
    end_char: int = 0
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    rule: str = ""
    place_id: str = ""


@dataclass
class Topic:
    visit_id: str
    doc_id: str
    topic: str
    score: float
    evidence: str = ""
    rule: str = ""
    # every cue occurrence counted for the topic: "start-end;start-end" (text offsets)
    evidence_offsets: str = ""
    topic_id: str = ""


@dataclass
class Extraction:
    """Everything extracted from one report."""
    visit: Visit
    hosts: list[Host] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)


TABLES = {"visits": Visit, "hosts": Host, "people": Person, "places": Place, "topics": Topic}


def columns(record_type: type) -> list[str]:
    """Column order of a table: the dataclass field order."""
    return [f.name for f in fields(record_type)]


@lru_cache(maxsize=None)
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def as_row(record) -> dict:
    """The record as a dict (``dataclasses.asdict`` without its deep copy: every field of a
    record is a plain value)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}

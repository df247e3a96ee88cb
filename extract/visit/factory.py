"""Assemble one report's visit: title, dates, organiser, participants, hosts, places.

The entity components find every institution, place and person; this step decides their
roles in the visit (``extract/visit/``): the organiser, the hosts (institutions the group
went to or met), the places visited. Each decision records its rule.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import (Cues, HostSelector, VisitAssembly, fill_city_from_other_mentions, find_organizer,
               find_participants, find_title, visited_places)
from ..dates import factory as dates_component
from ..extensions import drop_step_cache
from ..resources import MODELS_DIR


class VisitAssembler:
    def __init__(self, cues_file: str, participants_file: str = "participants.csv",
                 city_model: str = ""):
        self.cues = Cues.load(cues_file, participants_file)
        self.hosts = HostSelector(self.cues, str(MODELS_DIR / city_model) if city_model else None)

    def __call__(self, doc: Doc) -> Doc:
        v = VisitAssembly()
        v.title, v.title_rule = find_title(doc)
        v.start_date, v.end_date, _span, v.dates_rule = dates_component.visit_dates(doc)
        v.organizer, v.organizer_rule = find_organizer(doc, self.cues)
        if v.organizer is not None and not v.organizer._.attrs.get("city"):
            fill_city_from_other_mentions(doc, v.organizer)
        v.participants, v.participants_rule = find_participants(doc, self.cues)
        v.hosts = self.hosts(doc, v.organizer)
        v.places = visited_places(doc, v.hosts, v.organizer, self.cues)
        v.people = list(doc.spans["people"]) if "people" in doc.spans else []
        doc._.visit = v
        # per-doc caches that hold spans: drop them so the Doc stays serialisable (the lemma
        # table and the text are plain data that the topics step after this one reuses; it
        # clears them)
        doc.user_data.pop("wizyty_sent_table", None)
        drop_step_cache(doc)
        return doc


@Language.factory("wizyty_visit", default_config={"cues_file": "visit_cues.csv",
                                                  "participants_file": "participants.csv",
                                                  "city_model": ""})
def make_visit(nlp: Language, name: str, cues_file: str, participants_file: str,
               city_model: str):
    return VisitAssembler(cues_file, participants_file, city_model)

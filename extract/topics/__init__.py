"""Topics of a visit: which subjects of ``spec/annotation.md`` the programme covered.

``cues`` finds topic cue words (lemmas, with a stem fallback for words Morfeusz does not
know), ``zones`` marks where in the report a cue stands (the visiting group's
description, the aim or programme, institution names), ``hosts`` maps the kinds of the
visited hosts to topics, ``model`` turns these signals into a score with weights learnt
from the annotated reports (``models/topics/``), ``factory`` is the spaCy component.
"""
from __future__ import annotations

from .cues import CueMatch, TopicCues
from .model import FEATURES, TopicModel, topic_features

__all__ = ["CueMatch", "TopicCues", "TopicModel", "FEATURES", "topic_features"]

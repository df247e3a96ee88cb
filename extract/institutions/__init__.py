"""The institutions stage: typed institution names in base form, with their city.

``factory`` is the spaCy component (trigger lemmas, name extent, base forms, abbreviations,
initialisms, statistical candidates); ``city`` attaches localities; ``words`` holds the
shared word classes. Data: ``models/resources/institution_types.csv``,
``institution_abbreviations.csv``.
"""
from .factory import InstitutionFinder
from .words import normalise_quotes

__all__ = ["InstitutionFinder", "normalise_quotes"]

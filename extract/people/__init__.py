"""People of a report: personal names, their roles and the organisations they represent.

``candidates`` finds name spans (titles, SGJP given names and surnames, initials, the
statistical NER's persName checked against the dictionary); ``roles`` reads the function
around a name ("dyrektor PCPR Anna Nowak", "Anna Nowak – prezes spółdzielni", a role
stated once for a listed group); ``organisations`` picks the institution the person
represents or heads; ``factory`` is the spaCy component. Base forms of the names come
from ``extract.morph.names``.
"""
from __future__ import annotations

from .candidates import NameFinder
from .organisations import OrgLinker
from .roles import Role, RoleReader

__all__ = ["NameFinder", "OrgLinker", "Role", "RoleReader"]

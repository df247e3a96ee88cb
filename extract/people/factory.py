"""The ``wizyty_people`` spaCy component: ``doc.spans["people"]`` with base-form names,
roles and organisations (``span._.attrs``: role, role_span, role_rule, organization,
organization_span, organization_rule)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import add_span, annotate
from ..morph.names import person_base
from ..resources import read_csv, read_lines
from .candidates import NameFinder
from .organisations import OrgLinker
from .roles import RoleReader


class PeopleFinder:
    def __init__(self, roles_file: str, titles_file: str, exclusion_file: str, use_ner: bool = True,
                 expansions_file: str = "role_expansions.csv",
                 name_context_file: str = "name_context_cues.txt",
                 org_heads_file: str = "person_org_heads.txt"):
        titles = set(read_lines(titles_file))
        self.roles = RoleReader({r["lemma"]: r["role"] for r in read_csv(roles_file)},
                                {r["abbr"]: r["expansion"] for r in read_csv(expansions_file)},
                                {w.lower() for w in read_lines(org_heads_file)}, titles)
        self.names = NameFinder(titles, {w.lower() for w in read_lines(name_context_file)},
                                set(read_lines(exclusion_file)), self.roles.is_role, use_ner)
        self.orgs = OrgLinker()

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["people"] = []
        taken: set[int] = set()
        for start, end, rule in self.names(doc):
            if any(k in taken for k in range(start, end)) or self.names.credit(doc, start):
                continue
            span = doc[start:end]
            annotate(span, person_base([t.text for t in span]), rule, organization=None)
            add_span(doc, "people", span)
            taken.update(range(start, end))
        # roles once every name is known: a role is never read across another person
        roles = {}
        for span in doc.spans["people"]:
            others = taken - set(range(span.start, span.end))
            role = self.roles.find(doc, span, others)
            span._.attrs.update(role=role.text if role else None, role_span=role.chars if role else None,
                                role_rule=role.rule if role else None)
            roles[span.start] = role
        for span in doc.spans["people"]:
            org, chars, rule = self.orgs(doc, span, roles.get(span.start))
            if org:
                span._.attrs.update(organization=org, organization_span=chars, organization_rule=rule)
        return doc


@Language.factory(
    "wizyty_people",
    default_config={"roles_file": "roles.csv", "titles_file": "person_titles.txt",
                    "exclusion_file": "person_exclusion_cues.txt", "use_ner": True,
                    "org_heads_file": "person_org_heads.txt"},
)
def make_people(nlp: Language, name: str, roles_file: str, titles_file: str, exclusion_file: str,
                use_ner: bool, org_heads_file: str):
    return PeopleFinder(roles_file, titles_file, exclusion_file, use_ner, org_heads_file=org_heads_file)

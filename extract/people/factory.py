"""The ``wizyty_people`` spaCy component: ``doc.spans["people"]`` with base-form names,
roles and organisations (``span._.attrs``: role, role_span, role_rule, organization,
organization_span, organization_rule)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import add_span, annotate
from ..morph.names import gender_of, given_name_readings, person_base
from ..resources import read_csv, read_lines
from . import index
from .candidates import COVER_KEY, NameFinder, plural_surname
from .organisations import OrgLinker
from .roles import RoleReader


class _Others:
    """Tokens of the other people: every person's tokens but this one's (no set copy)."""

    def __init__(self, taken: set[int], start: int, end: int):
        self.taken, self.start, self.end = taken, start, end

    def __contains__(self, i: int) -> bool:
        return i in self.taken and not self.start <= i < self.end


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
            annotate(span, self._base(doc, span, rule), rule, organization=None)
            add_span(doc, "people", span)
            taken.update(range(start, end))
        # roles once every name is known: a role is never read across another person
        index.build(doc)
        roles = {}
        for span in doc.spans["people"]:
            role = self.roles.find(doc, span, _Others(taken, span.start, span.end))
            span._.attrs.update(role=role.text if role else None, role_span=role.chars if role else None,
                                role_rule=role.rule if role else None)
            roles[span.start] = role
        for span in doc.spans["people"]:
            org, chars, rule = self.orgs(doc, span, roles.get(span.start))
            if org:
                span._.attrs.update(organization=org, organization_span=chars, organization_rule=rule)
        self._share_within_couples(doc)
        doc.user_data.pop(index.KEY, None)
        doc.user_data.pop(COVER_KEY, None)
        return doc

    @staticmethod
    def _base(doc: Doc, span, rule: str) -> str:
        words = [t.text for t in span]
        if rule == "couple":
            sur = doc[span.start + 3] if len(span) == 1 else span[-1]
            single = plural_surname(sur.text) or sur.text
            reads = sorted(given_name_readings(span[0].text), key=lambda a: "nom" not in a.tag)
            given = reads[0].lemma if reads else span[0].text
            if reads and gender_of(reads[0]) == "f" and single.endswith(("ski", "cki", "dzki")):
                single = single[:-1] + "a"  # "Maria" of "Kowalscy" is Kowalska
            return f"{given} {single}"
        return person_base(words)

    @staticmethod
    def _share_within_couples(doc: Doc) -> None:
        """"Krzysztof i Barbara Margolowie, założyciele …": the role after the pair is both's."""
        people = list(doc.spans["people"])
        for first, second in zip(people, people[1:]):
            if first._.rule == second._.rule == "couple" and second.start == first.end + 1:
                for key in ("role", "role_span", "role_rule", "organization", "organization_span",
                            "organization_rule"):
                    if first._.attrs.get(key) is None and second._.attrs.get(key) is not None:
                        first._.attrs[key] = second._.attrs[key]


@Language.factory(
    "wizyty_people",
    default_config={"roles_file": "roles.csv", "titles_file": "person_titles.txt",
                    "exclusion_file": "person_exclusion_cues.txt", "use_ner": True,
                    "org_heads_file": "person_org_heads.txt"},
)
def make_people(nlp: Language, name: str, roles_file: str, titles_file: str, exclusion_file: str,
                use_ner: bool, org_heads_file: str):
    return PeopleFinder(roles_file, titles_file, exclusion_file, use_ner, org_heads_file=org_heads_file)

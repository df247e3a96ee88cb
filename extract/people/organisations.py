"""The organisation a person represents or heads, in base form.

In this order: the institution right after the name ("Jagoda Jóźwik z PCPR"); the one
named after the person's role ("Wójt Gminy Raciechowice", "dyrektor Centrum Usług
Społecznych"); for a bare organisation noun after the role ("prezes spółdzielni") the
nearest institution of that kind the text names before; otherwise the nearest
institution in the person's sentence, or for a person with a role the last one of the
sentence before (the head or staff of the place just described).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extensions import lemma_set, sentence_of
from ..morph.inflect import to_nominative
from .roles import Role


def _usable(s: Span) -> bool:
    a = s._.attrs or {}
    return not (a.get("bare") or a.get("plural") or a.get("ner"))


def _base(s: Span) -> str:
    return (s._.attrs or {}).get("full") or s._.base


def named_phrase(doc: Doc, start: int, end: int) -> str:
    """Nominative of an organisation named in the genitive ("Gminy Raciechowice")."""
    forms = to_nominative([t.text for t in doc[start:end]])
    if forms:
        forms[0] = forms[0][:1].upper() + forms[0][1:]
    out = ""
    for tok, form in zip(doc[start:end], forms):
        out += form + (tok.whitespace_ if tok.i < end - 1 else "")
    return out


class OrgLinker:
    def __call__(self, doc: Doc, person: Span, role: Role | None) -> tuple[str | None, tuple[int, int] | None, str]:
        """(organisation, its character span, rule); of several mentions the fullest name."""
        insts = [s for s in doc.spans.get("institutions", []) if _usable(s)]
        org, chars, rule = self._find(doc, person, role, insts)
        if org:
            fuller = [_base(s) for s in insts if len(_base(s)) > len(org) and _base(s).startswith(org + " ")]
            if fuller:  # "Gorzowskiego Centrum" after "Gorzowskie Centrum Pomocy Rodzinie"
                org, rule = max(fuller, key=len), rule + "+fullest_mention"
        return org, chars, rule

    def _find(self, doc: Doc, person: Span, role: Role | None, insts: list[Span]):
        k = person.end
        if k + 1 < len(doc) and doc[k].lower_ in {"z", "ze"}:
            inst = next((s for s in insts if s.start == k + 1), None)
            if inst is not None:
                return _base(inst), (inst.start_char, inst.end_char), "org_z_after_name"
        if role is not None and role.org_span is not None and _usable(role.org_span):
            s = role.org_span
            return _base(s), (s.start_char, s.end_char), "org_after_role"
        if role is not None and role.org is not None:
            a, b = role.org
            return named_phrase(doc, a, b), (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])), "org_named_after_role"
        if role is not None and role.org_head:
            found = self._of_kind(doc, person, role.org_head, insts)
            if found is not None:
                return _base(found), (found.start_char, found.end_char), "org_of_kind_in_context"
        if role is not None and role.rule == "role_after_name":
            # "A – koordynator projektu, B – dyrektor Departamentu X": an institution further
            # on in the list is the next person's
            return None, None, ""
        org = self._nearest(doc, person, role, insts)
        if org[0] is None and role is not None:
            # the head or staff of the institution the previous sentence is about:
            # "… w spółdzielni „Nie jesteś sam”. Wiceprezes Michał Wójcik opowiedział …"
            sent = sentence_of(doc, person.start)
            if sent.start > 0:
                prev = sentence_of(doc, sent.start - 1)
                inside = [s for s in insts if prev.start <= s.start and s.end <= prev.end]
                if inside:
                    s = inside[-1]
                    return _base(s), (s.start_char, s.end_char), "org_of_previous_sentence"
        return org

    @staticmethod
    def _of_kind(doc: Doc, person: Span, head: str, insts: list[Span]) -> Span | None:
        """The nearest institution whose name has the lemma ``head`` before the person (the
        noun refers back to it), else after them in their sentence."""
        sent = sentence_of(doc, person.start)
        # a named institution, not another generic mention ("spółdzielni socjalnej")
        kind = [s for s in insts if any(head in lemma_set(doc, i) for i in range(s.start, s.end))
                and any(t.text[:1].isupper() or t.text in {"„", '"'} for t in s)]
        before = [s for s in kind if s.end <= person.start]
        if before:
            return max(before, key=lambda s: s.start)
        after = [s for s in kind if s.start >= person.end and s.end <= sent.end]
        return min(after, key=lambda s: s.start) if after else None

    @staticmethod
    def _nearest(doc: Doc, person: Span, role: Role | None, insts: list[Span]):
        sent = sentence_of(doc, person.start)
        rspan = role.chars if role is not None else None
        best, best_dist = None, 10**9
        for inst in insts:
            if sentence_of(doc, inst.start) != sent:
                continue
            if rspan and inst.start_char >= rspan[0]:
                dist = abs(inst.start_char - rspan[1])
            else:
                dist = min(abs(inst.start_char - person.end_char), abs(person.start_char - inst.end_char)) + 40
            if dist < best_dist:
                best, best_dist = inst, dist
        if best is None:
            return None, None, ""
        return _base(best), (best.start_char, best.end_char), "org_nearest_in_sentence"

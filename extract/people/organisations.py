"""The organisation a person represents or heads, in base form.

In this order: the institution right after the name ("Jagoda Jóźwik z PCPR"); the one
named after the person's role ("Wójt Gminy Raciechowice", "dyrektor Centrum Usług
Społecznych"); for a bare organisation noun after the role ("prezes spółdzielni") the
nearest institution of that kind the text names before; otherwise the nearest
institution in the person's sentence, or for a person with a role the last one of the
sentence before (the head or staff of the place just described).
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from ..extensions import sentence_of
from ..morph.inflect import to_nominative
from . import index
from .roles import Role


def _base(s: Span) -> str:
    return (s._.attrs or {}).get("full") or s._.base


def lemma_of_head(tok) -> str:
    return next((a.lemma.lower() for a in tok._.morf if a.pos == "subst"), tok.lower_)


def named_phrase(doc: Doc, start: int, end: int) -> str:
    """Nominative of an organisation named in the genitive ("Gminy Raciechowice"; each
    conjunct of "Miasta i Gminy Pleszew")."""
    cut = next((k for k in range(start + 1, end - 1) if doc[k].lower_ in {"i", "oraz"}
                and doc[k + 1].text[:1].isupper()), None)
    if cut is not None:
        return f"{named_phrase(doc, start, cut)} {doc[cut].text} {named_phrase(doc, cut + 1, end)}"
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
        idx = index.get(doc)
        org, chars, rule = self._find(doc, person, role, idx)
        if org:
            fuller = [b for b in idx.base.values() if len(b) > len(org) and b.startswith(org + " ")]
            if fuller:  # "Gorzowskiego Centrum" after "Gorzowskie Centrum Pomocy Rodzinie"
                org, rule = max(fuller, key=len), rule + "+fullest_mention"
        return org, chars, rule

    def _find(self, doc: Doc, person: Span, role: Role | None, idx: index.PeopleIndex):
        k = person.end
        if k + 1 < len(doc) and doc[k].lower_ in {"z", "ze"}:
            inst = idx.usable_by_start.get(k + 1)
            if inst is not None:
                return _base(inst), (inst.start_char, inst.end_char), "org_z_after_name"
        if role is not None and role.org_span is not None and index.usable(role.org_span):
            s = role.org_span
            return _base(s), (s.start_char, s.end_char), "org_after_role"
        if role is not None and role.org is not None:
            a, b = role.org
            name = named_phrase(doc, a, b)
            idx.named_orgs.append((a, lemma_of_head(doc[a]), name))
            return name, (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])), "org_named_after_role"
        if role is not None and role.org_head:
            found = self._of_kind(doc, person, role.org_head, idx)
            if found is not None:
                return _base(found), (found.start_char, found.end_char), "org_of_kind_in_context"
            # "wicestarosta Powiatu Proszowickiego, …, Skarbnik Powiatu": named in a role before
            named = [n for n in idx.named_orgs if n[1] == role.org_head and n[0] < person.start]
            if named:
                return named[-1][2], None, "org_of_kind_named_in_a_role"
        if role is not None and role.rule == "role_after_name":
            # "prezesem nagradzanej za swoją pracę, Spółdzielni X": the institution after the
            # role, but not past the next person ("A – koordynator, B – dyrektor Departamentu X")
            sent = sentence_of(doc, person.start)
            nxt = min((p for p in idx.people_starts if person.end <= p < sent.end), default=sent.end)
            after = [s for s in idx.usable_by_sentence.get(sent.start, [])
                     if s.start_char >= role.chars[1] and s.end <= nxt]
            if after:
                s = min(after, key=lambda x: x.start)
                return idx.base[(s.start, s.end)], (s.start_char, s.end_char), "org_after_role_in_clause"
            return None, None, ""
        org = self._nearest(doc, person, role, idx)
        if org[0] is None and role is not None:
            # the head or staff of the institution the previous sentence is about:
            # "… w spółdzielni „Nie jesteś sam”. Wiceprezes Michał Wójcik opowiedział …"
            sent = sentence_of(doc, person.start)
            if sent.start > 0:
                prev = sentence_of(doc, sent.start - 1)
                inside = [s for s in idx.usable_by_sentence.get(prev.start, []) if s.end <= prev.end]
                if inside:
                    s = inside[0]  # the sentence's subject, not a body named in passing
                    return _base(s), (s.start_char, s.end_char), "org_of_previous_sentence"
        return org

    @staticmethod
    def _of_kind(doc: Doc, person: Span, head: str, idx: index.PeopleIndex) -> Span | None:
        """The nearest institution whose name has the lemma ``head`` before the person (the
        noun refers back to it), else after them in their sentence."""
        sent = sentence_of(doc, person.start)
        # a named institution, not another generic mention ("spółdzielni socjalnej")
        kind = idx.of_kind(doc, head)
        pos = bisect_left([s.end for s in kind], person.start + 1)  # kind is in reading order
        before = [s for s in kind[:pos] if s.end <= person.start]
        if before:
            return max(before, key=lambda s: s.start)
        after = [s for s in kind if s.start >= person.end and s.end <= sent.end]
        return min(after, key=lambda s: s.start) if after else None

    @staticmethod
    def _nearest(doc: Doc, person: Span, role: Role | None, idx: index.PeopleIndex):
        sent = sentence_of(doc, person.start)
        rspan = role.chars if role is not None else None
        best, best_dist = None, 10**9
        for inst in idx.usable_by_sentence.get(sent.start, []):
            if rspan and inst.start_char >= rspan[0]:
                dist = abs(inst.start_char - rspan[1])
            else:
                dist = min(abs(inst.start_char - person.end_char), abs(person.start_char - inst.end_char)) + 40
            if dist < best_dist:
                best, best_dist = inst, dist
        if best is None:
            return None, None, ""
        return _base(best), (best.start_char, best.end_char), "org_nearest_in_sentence"

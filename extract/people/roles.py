"""A person's role: the function only, in base form and lower case, abbreviations
expanded ("z-ca dyrektora" -> "zastępca dyrektora").

A role phrase is a role noun (``roles.csv``) with its agreeing adjectives and genitive
complements ("zastępca dyrektora", "kierownik projektu", "wicestarosta łomżyński",
"burmistrz Dobiegniewa"). An organisation named after the function ("Wójt Gminy
Raciechowice", "prezes spółdzielni", "pracownik starachowickiej Noclegowni") is no part
of it: the phrase stops at an institution span or an organisation noun
(``person_org_heads.txt``) and hands that over as the person's organisation. The role is
looked for in brackets after the name, right after it ("Anna Nowak – prezes …",
"Anna Nowak, dyrektor …"), before it ("dyrektor PCPR Anna Nowak"), and for a listed group
under one plural role ("przedstawiciele LGD: A, B i C").
"""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..extensions import sentence_of
from ..morph.analyser import tag_categories
from ..morph.inflect import to_nominative
from ..morph.names import given_name_readings
from . import index
from .candidates import is_name_word

STOP_IN_ROLE = {",", ".", ";", ":", "(", ")", "w", "we", "z", "ze", "oraz", "i", "a", "–", "-"}
SEPARATORS = {",", "–", "-", "—", "("}
LIST_INTRODUCERS = {":", "–", "-", "—"}
RELATIVE = {"który", "która", "które", "którzy"}
BE_FORMS = {"jest", "był", "była", "są", "byli", "były", "pełni"}
OPENING_QUOTES = {"„", "\"", "“", "«"}
CLOSING_QUOTES = {"”", "\"", "“", "»"}
STOP_LEMMAS = {"jeden", "który", "swój", "nasz", "wasz", "mój", "twój"}
NOUNS = {"subst", "depr", "ger"}
CASES = {"nom", "gen", "dat", "acc", "inst", "loc", "voc"}
NUMBERS = {"sg", "pl"}
GENDERS = {"m1", "m2", "m3", "f", "n"}


@dataclass
class Role:
    """A role phrase and what it says about the person's organisation: ``org`` is a
    token range (start, end) naming it, ``org_head`` the lemma of a bare organisation
    noun ("spółdzielni") to be found in the text, ``org_span`` an institution span."""
    text: str
    chars: tuple[int, int]
    rule: str
    org: tuple[int, int] | None = None
    org_head: str | None = None
    org_span: Span | None = None


def _feats(tok: Token, pos: set[str], lemmas: set[str] | dict | None = None) -> set[tuple[str, str, str]]:
    out = set()
    for a in tok._.morf:
        if a.pos in pos and (lemmas is None or a.lemma.lower() in lemmas):
            cats = tag_categories(a.tag)
            for c in cats & CASES:
                for nb in cats & NUMBERS:
                    for g in cats & GENDERS:
                        out.add((c, nb, g))
    return out


def agrees(adj: Token, noun: Token, lemmas: set[str] | dict | None = None) -> bool:
    """The adjective can agree with the noun (read as one of ``lemmas`` when given)."""
    return bool(_feats(adj, {"adj"}) & _feats(noun, NOUNS, lemmas))


ADJ_ENDINGS = ("kiego", "kiej", "kim", "ką", "nego", "nej", "nym", "ną")


def _unknown_adjective(tok: Token) -> bool:
    """A lower-case word Morfeusz does not know with an oblique adjective ending: a
    city adjective of the organisation ("starachowickiej Noclegowni", "pieszyckiego CUS")."""
    return (tok.is_lower and all(a.pos == "ign" for a in tok._.morf)
            and tok.lower_.endswith(ADJ_ENDINGS))


class RoleReader:
    def __init__(self, roles: dict[str, str], expansions: dict[str, str], org_heads: set[str], titles: set[str]):
        self.roles = roles
        self.expansions = expansions
        self.org_heads = org_heads
        self.titles = titles

    # -- words ----------------------------------------------------------------------
    def is_role(self, doc: Doc, i: int) -> bool:
        tok = doc[i]
        return tok.lower_ in self.roles or any(a.lemma.lower() in self.roles for a in tok._.morf
                                               if a.pos in {"subst", "depr"})

    def _role_word(self, tok: Token) -> bool:
        return tok.lower_ in self.roles or any(a.lemma.lower() in self.roles for a in tok._.morf)

    def org_head(self, tok: Token) -> str | None:
        """The lemma of an organisation noun (not a role noun), or None."""
        if self._role_word(tok):
            return None
        for a in tok._.morf:
            if a.pos in NOUNS and a.lemma.lower() in self.org_heads:
                return a.lemma.lower()
        return None

    def _acronym(self, tok: Token) -> bool:
        """An institution's initialism after a role ("dyrektor PCPR"); not an abbreviation
        the role keeps ("prezydent RP")."""
        return tok.is_upper and tok.is_alpha and len(tok.text) >= 2 and tok.text not in self.expansions

    def _is_title(self, tok: Token) -> bool:
        return tok.lower_ in self.titles or tok.is_alpha and any(
            a.lemma.lower() in self.titles for a in tok._.morf if a.pos == "subst")

    # -- the phrase -----------------------------------------------------------------
    def phrase(self, doc: Doc, i: int, limit: int, rule: str) -> Role:
        """Role noun at i with its agreeing adjectives and genitive complements; an
        organisation after it is handed over, not kept in the role."""
        idx = index.get(doc)
        insts, people_starts = idx.named_by_start, idx.people_starts
        j = i + 1
        org_at = None
        affairs = False  # inside "ds. …"/"do spraw …", where "i" joins two matters
        while j < limit and j - i < 12:
            t = doc[j]
            if t.lower_ == "w" and j + 1 < limit and doc[j + 1].lower_ == "zakresie":
                j += 2  # "ekspert w zakresie ekonomii społecznej"
                continue
            if t.lower_ == "za" and any(a.lemma == "odpowiedzialny" for a in doc[j - 1]._.morf):
                j += 1  # "pracownik odpowiedzialny za promocję i informację"
                affairs = True
                continue
            if t.text in OPENING_QUOTES and j > i + 1:
                close = next((k for k in range(j + 1, min(limit, j + 15)) if doc[k].text in CLOSING_QUOTES), None)
                if close is not None:  # "koordynator projektu „Zdrowy Styl Życia”"
                    j = close + 1
                    break
            affairs |= t.lower_ in {"ds.", "spraw"}
            if (affairs and t.lower_ in {"i", "oraz"} and j + 1 < limit
                    and any(a.pos in NOUNS for a in doc[j + 1]._.morf) and not is_name_word(doc[j + 1])):
                j += 1  # "ds. programowania współpracy i promocji"
                continue
            if t.text in STOP_IN_ROLE or t.is_punct or j in people_starts:
                break
            if j in insts or self.org_head(t) or self._acronym(t):
                org_at = j
                break
            if any(a.lemma.lower() in STOP_LEMMAS for a in t._.morf):
                break  # "Prezesem jednej z pierwszych spółdzielni", "swojej fundacji"
            if self._is_title(t) or given_name_readings(t.text) and j + 1 < limit and is_name_word(doc[j + 1]):
                break
            if not any(a.pos in {"subst", "adj", "ger", "depr"} for a in t._.morf) and t.lower_ not in {"i", "ds."}:
                break
            j += 1
        if org_at is not None:
            # "pracownik starachowickiej Noclegowni": adjectives agreeing with the
            # organisation, not with the role noun, belong to the organisation
            while j - 1 > i and not self._role_word(doc[j - 1]) and (
                    agrees(doc[j - 1], doc[org_at]) or _unknown_adjective(doc[j - 1])
                    or _feats(doc[j - 1], {"adj"}) and not agrees(doc[j - 1], doc[i], self.roles)):
                j -= 1  # "dyrektorka pieszyckiego CUS": not agreeing with the role noun
        role = Role(self._text(doc, i, j, plural=rule == "role_of_listed_group"),
                    (doc[i].idx, doc[j - 1].idx + len(doc[j - 1])), rule)
        if org_at is not None:
            self._organisation(doc, j, org_at, limit, insts, people_starts, role)
        return role

    def _text(self, doc: Doc, i: int, j: int, plural: bool = False) -> str:
        words = [t.text for t in doc[i:j]]
        forms = to_nominative(words)
        head = doc[i]
        # a listed group's plural names its members: "pracownicy" -> pracownik (not pracownica)
        readings = sorted(head._.morf, key=lambda a: not (plural and "pl" in tag_categories(a.tag)))
        lemma = head.lower_ if head.lower_ in self.roles else next(
            (a.lemma.lower() for a in readings if a.lemma.lower() in self.roles), head.lower_)
        forms[0] = self.roles.get(lemma, forms[0])
        forms = [self.expansions.get(f, f) for f in forms]
        # role nouns and adjectives in lower case ("Wicestarosty Łomżyńskiego" -> "wicestarosta
        # łomżyński"); proper nouns inside the role ("burmistrz Dobiegniewa") keep their
        # capitals, a quoted name stays as written
        out, quoted = "", False
        for k, f in enumerate(forms):
            tok = doc[i + k]
            if tok.text in OPENING_QUOTES and not quoted:
                quoted = True
            elif tok.text in CLOSING_QUOTES and quoted:
                quoted = False
            elif quoted:
                f = tok.text
            elif (k == 0 or self._role_word(tok) or not f[:1].isupper() or self._adjective(tok)
                  or self._common_noun(tok)):
                f = f.lower()  # "Prezes Zarządu" -> "prezes zarządu"
            out += f + (" " if tok.whitespace_ and k < len(forms) - 1 else "")  # "„Zdrowy Styl”" stays glued
        return " ".join(out.split())

    @staticmethod
    def _common_noun(tok: Token) -> bool:
        """A noun SGJP knows only as a common noun (no place or personal name reading)."""
        nouns = [a for a in tok._.morf if a.pos in NOUNS]
        return bool(nouns) and all("nazwa_pospolita" in a.labels for a in nouns)

    @staticmethod
    def _adjective(tok: Token) -> bool:
        return bool(tok._.morf) and all(a.pos == "adj" for a in tok._.morf if a.pos != "ign") and any(
            a.pos == "adj" for a in tok._.morf)

    def _organisation(self, doc: Doc, start: int, head_at: int, limit: int, insts: dict,
                      people_starts: set[int], role: Role) -> None:
        """The organisation after a role: an institution span (the last of a chain of
        genitives: "Wydziału … Urzędu Wojewódzkiego" -> the Urząd), a named phrase
        ("Gminy Raciechowice"), or a bare noun to be resolved in the text ("spółdzielni")."""
        span = insts.get(start) or insts.get(head_at)
        if span is not None:
            while span.end in insts and span.end < limit:  # a parent in the genitive
                span = insts[span.end]
            role.org_span = span
            return
        k = head_at + 1
        segment_start = start
        while k < limit and k - start < 8:
            t = doc[k]
            if t.text in STOP_IN_ROLE - {"i"} or k in people_starts:
                break
            if k in insts:  # "kierownik Referatu Organizacyjnego Urzędu Miasta Lublin"
                span = insts[k]
                if doc[k - 1].lower_ in {"i", "oraz"} and self.org_head(doc[k]) and segment_start < k - 1:
                    role.org = (segment_start, span.end)  # "Miasta i Gminy Pleszew": one body
                    return
                while span.end in insts and span.end < limit:
                    span = insts[span.end]
                role.org_span = span
                return
            if self._is_title(t) or given_name_readings(t.text) and k + 1 < limit and is_name_word(doc[k + 1]):
                break  # "Wójt Gminy Pan Grzegorz …"
            if self.org_head(t) and is_name_word(t) and doc[k - 1].lower_ not in {"i", "oraz"}:
                segment_start = k  # a parent organisation: "Wydziału … Urzędu …" (not "Miasta i Gminy X")
            elif t.lower_ == "dla" and k + 1 < limit and is_name_word(doc[k + 1]):
                pass  # "Domów dla Dzieci"
            elif (t.lower_ in {"i", "oraz"} and k + 1 < limit and is_name_word(doc[k + 1])
                  and self.org_head(doc[k + 1])):
                pass  # "Miasta i Gminy Pleszew"
            elif not (is_name_word(t) or t.text in {"„", "”", '"', "nr"} or t.like_num
                      or any(a.pos == "adj" for a in t._.morf) and t.text[:1].isupper()):
                break
            k += 1
        words = doc[segment_start:k]
        named = [t for t in words[1:] if t.text[:1].isupper() or t.like_num]
        if not named:
            role.org_head = self.org_head(doc[max(head_at, segment_start)])
            return
        role.org = (segment_start, k)

    # -- where the role stands ------------------------------------------------------
    def find(self, doc: Doc, span: Span, other_people: Container[int]) -> Role | None:
        """The role of a person; not looked for across another person (other_people)."""
        sent = sentence_of(doc, span.start)
        k = span.end
        # in brackets right after the name: "Zofia Kot (skarbnik)"
        if k + 1 < sent.end and doc[k].text == "(" and self.is_role(doc, k + 1):
            return self.phrase(doc, k + 1, sent.end, "role_in_brackets")
        # right after it: "Anna Nowak – dyrektor CUS", "Jarosław Pilecki, prezesem …"
        after = self._after(doc, span, sent)
        if after is not None and (doc[span.end].text in SEPARATORS or doc[span.end].is_lower):
            return after  # "Anna Nowak – prezes …", "Iwona Lis pracownik projektu …"
        before = self._before(doc, span, sent, other_people)
        if before is not None:
            return before
        group = self._group(doc, span, sent)
        if group is not None:
            return group
        return after

    def _after(self, doc: Doc, span: Span, sent: Span) -> Role | None:
        k = span.end
        if k + 1 < sent.end and doc[k].lower_ in {"z", "ze"}:
            # "Jagoda Jóźwik z PCPR w Płocku, kierownik …"
            inst = index.get(doc).by_start.get(k + 1)
            if inst is not None:
                k = inst.end
                if k + 1 < sent.end and doc[k].lower_ in {"w", "we"}:
                    k += 2
        while k < sent.end and doc[k].text in SEPARATORS:
            k += 1
        # "Marcin Juszczyk, który jest Prezesem …", "…, która była kierownikiem …"
        if k + 2 < sent.end and doc[k].lower_ in RELATIVE and doc[k + 1].lower_ in BE_FORMS:
            k += 2
        if k < sent.end and self.is_role(doc, k) and (k > span.end or self._capital_role(doc, k)):
            role = self.phrase(doc, k, sent.end, "role_after_name")
            end = next((t.i for t in doc[k:sent.end] if t.idx >= role.chars[1]), sent.end)
            if end < sent.end and doc[end].text == ":":
                return None  # "Dyrektor: Anna …, Zastępca Dyrektora: Katarzyna …": the next one's label
            return role
        return None

    def _capital_role(self, doc: Doc, k: int) -> bool:
        """A capitalised role right after a name ("Kozickiego Wicestarosty"): a role noun
        SGJP reads as no personal name."""
        return not ({"imię", "nazwisko"} & set(doc[k]._.name_labels))

    def _before(self, doc: Doc, span: Span, sent: Span, other_people: Container[int]) -> Role | None:
        """"dyrektor PCPR Małgorzata Lewandowska", "kierownik, Pan Robert Błasik"."""
        first = sent.start
        if first > 0 and doc[first - 1].is_space:
            first -= 1
        if first > 0 and doc[first - 1].text == ",":  # a line break inside a sentence
            first = sentence_of(doc, first - 1).start
        k = span.start - 1
        introduced = False
        while k >= first and (doc[k].lower_ in self.titles or doc[k].text in {",", "–", "-", ":"} or doc[k].is_space):
            introduced |= doc[k].text in LIST_INTRODUCERS
            k -= 1  # "Dyrektor: Anna …", "kierownik, Pan Robert …"
        sent = doc[first:sent.end]
        for back in range(k, max(sent.start - 1, k - 7), -1):
            if self.is_role(doc, back):
                # "Zastępca Burmistrza Sylwia …": the role starts at the first role noun
                while back - 1 >= sent.start and self.is_role(doc, back - 1):
                    back -= 1
                plural = introduced and any(a.lemma.lower() in self.roles and "pl" in tag_categories(a.tag)
                                            and a.pos in NOUNS for a in doc[back]._.morf)
                return self.phrase(doc, back, span.start, "role_of_listed_group" if plural else "role_before_name")
            if doc[back].text in {".", ";", ")", ":", ","} or back in other_people:
                break  # another person's role or a new clause
        return None

    def _group(self, doc: Doc, span: Span, sent: Span) -> Role | None:
        """A list under a plural role: "pracownicy Zakładu Pracy Socjalnej: dr Kinga …, Artur …",
        "przedstawicieli Lokalnej Grupy Działania Ziemia Lubawska: Dominikę … i Joannę …",
        "czterech nauczycieli - Katarzyna …, Wioletta …"."""
        insts_end = index.get(doc).by_end
        for colon in range(span.start - 1, sent.start, -1):
            if doc[colon].text not in LIST_INTRODUCERS:
                continue
            back = colon - 1
            steps = 0
            while back >= sent.start and steps < 6:
                if back + 1 in insts_end and insts_end[back + 1].start < back + 1:
                    back = insts_end[back + 1].start - 1  # over the group's institution
                    continue
                tok = doc[back]
                if any(a.lemma.lower() in self.roles and "pl" in tag_categories(a.tag) for a in tok._.morf):
                    role = self.phrase(doc, back, colon, "role_of_listed_group")
                    return role
                back -= 1
                steps += 1
            break
        return None

"""People: titled or untitled personal names, their role and organisation.

A name is a run of capitalised words that starts with a given name (SGJP label
``imię``) or follows a title (Pan, Pani, dr, ks.), or an initial plus an SGJP surname
("B. Komorowski"); the statistical NER's ``persName`` adds names the rules miss. Patrons
in institution names ("im. Jana Pawła II", "św. Rocha") are not people.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..extensions import add_span, annotate, sentence_of
from ..morph.inflect import to_nominative
from ..morph.names import given_name_readings, person_base
from ..resources import read_csv, read_lines

STOP_IN_ROLE = {",", ".", ";", ":", "(", ")", "w", "we", "z", "ze", "oraz", "i", "a", "–", "-"}


def _is_name_word(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper or (
        "-" in tok.text and tok.text[:1].isupper())


def _surname_like(tok: Token) -> bool:
    if not _is_name_word(tok):
        return False
    labels = tok._.name_labels
    if "nazwisko" in labels:
        return True
    tags = {a.pos for a in tok._.morf}
    if tags <= {"ign"}:
        return True
    # a capitalised word inside a sentence that SGJP knows only as a common word is no surname
    return "-" in tok.text


class PeopleFinder:
    def __init__(self, roles_file: str, titles_file: str, exclusion_file: str, use_ner: bool = True,
                 expansions_file: str = "role_expansions.csv",
                 name_context_file: str = "name_context_cues.txt"):
        self.name_context = {w.lower() for w in read_lines(name_context_file)}
        self.roles = {r["lemma"]: r["role"] for r in read_csv(roles_file)}
        self.expansions = {r["abbr"]: r["expansion"] for r in read_csv(expansions_file)}
        self.titles = set(read_lines(titles_file))
        self.exclusion = set(read_lines(exclusion_file))
        # lower-case title forms ("dr", "ks.", "pani", "panem"…) that may start a name
        self.title_forms = {t.lower() for t in self.titles}
        self.use_ner = use_ner

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["people"] = []
        taken: set[int] = set()
        for start, end, rule in self._candidates(doc):
            if any(k in taken for k in range(start, end)) or self._credit(doc, start):
                continue
            span = doc[start:end]
            words = [t.text for t in span]
            base = person_base(words)
            role, role_span = self._role(doc, span, taken)
            annotate(span, base, rule, role=role, role_span=role_span, organization=None)
            add_span(doc, "people", span)
            taken.update(range(start, end))
        self._link_organizations(doc)
        return doc

    # -- candidates -----------------------------------------------------------------
    def _candidates(self, doc: Doc):
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if not tok.text[:1].isupper() and not (tok.is_alpha and tok.lower_ in self.title_forms):
                i += 1  # names and titles start with a capital ("dr", "ks." aside)
                continue
            titled = i + 1 < n and self._is_title(tok)
            j = i + 1 if titled else i
            if j < n and self._patron(doc, j):
                i += 1
                continue
            # initial + surname: "B. Komorowski"
            if (j + 1 < n and len(doc[j].text) == 2 and doc[j].text[0].isupper() and doc[j].text[1] == "."
                    and "nazwisko" in doc[j + 1]._.name_labels and _is_name_word(doc[j + 1])
                    and not any("nazwa_pospolita" in a.labels or not a.labels for a in doc[j + 1]._.morf)):
                yield j, j + 2, "initial+surname"
                i = j + 2
                continue
            if j < n and _is_name_word(doc[j]) and (titled or given_name_readings(doc[j].text)):
                k = j + 1
                while k < n and k - j < 4 and _is_name_word(doc[k]) and not doc[k].is_sent_start and (
                        given_name_readings(doc[k].text) or _surname_like(doc[k])):
                    k += 1
                    if k - j >= 2 and not given_name_readings(doc[k - 1].text):
                        break
                if (k - j >= 3 and "nazwa_geograficzna" in doc[j]._.name_labels
                        and given_name_readings(doc[j + 1].text)):
                    j += 1  # "burmistrz Dobiegniewa Leszek Waloch": the place is no given name
                last = doc[k - 1]
                only_given = all("imię" in a.labels for a in last._.morf if a.pos != "ign") and any(
                    a.pos != "ign" for a in last._.morf)
                if only_given and not titled:
                    i += 1  # "Zygmunta Augusta": given names only, no surname
                    continue
                if k - j >= 2 and given_name_readings(doc[j].text) or (titled and k - j >= 2):
                    if not self._inside_institution(doc, j, k):
                        yield j, k, "title+name" if titled else "given_name+surname"
                        i = k
                        continue
            i += 1
        if self.use_ner:
            for ent in doc.ents:
                if (ent.label_ == "persName" and 2 <= len(ent) <= 4 and self._name_like(ent)
                        and not self._patron(doc, ent.start)
                        and not self._inside_institution(doc, ent.start, ent.end)):
                    yield ent.start, ent.end, "ner:persName"

    @staticmethod
    def _name_like(ent: Span) -> bool:
        """The statistical NER proposes, the dictionary checks: every word capitalised and
        read by SGJP only as a name (or unknown), a given name first or a surname last."""
        for tok in ent:
            if not _is_name_word(tok):
                return False
            if any(not (set(a.labels) & {"imię", "nazwisko"}) and a.pos != "ign" for a in tok._.morf):
                return False
        return bool(given_name_readings(ent[0].text)) or "nazwisko" in ent[-1]._.name_labels

    def _is_title(self, tok: Token) -> bool:
        """Pan, Panem, Pani, Panią, dr, ks. …"""
        return tok.lower_ in self.titles or tok.is_alpha and any(
            a.lemma.lower() in self.titles for a in tok._.morf if a.pos == "subst")

    def _patron(self, doc: Doc, j: int) -> bool:
        """A name right after "im."/"św."/"ul." or coordinated with one ("im. Teodory i Izydora …")."""
        for k in range(j - 1, max(-1, j - 5), -1):
            if doc[k].lower_ in self.name_context:
                return True
            if doc[k].is_punct or not (doc[k].text[:1].isupper() or doc[k].lower_ == "i"):
                return False
        return False

    def _credit(self, doc: Doc, start: int) -> bool:
        """"Fot. Jolanta Przyłucka", "Tekst: …": credits are page furniture."""
        k = start - 1
        while k >= 0 and doc[k].text in {":", "-", "–"}:
            k -= 1
        return k >= 0 and doc[k].lower_ in self.exclusion

    @staticmethod
    def _inside_institution(doc: Doc, start: int, end: int) -> bool:
        for inst in doc.spans["institutions"] if "institutions" in doc.spans else []:
            if (inst.start <= start and end <= inst.end and inst._.attrs.get("type") not in {"PRZEDSIEBIORSTWO"}
                    and not inst._.attrs.get("ner")):
                return True
        return False

    # -- roles ----------------------------------------------------------------------
    def _role_at(self, doc: Doc, i: int) -> bool:
        tok = doc[i]
        return tok.lower_ in self.roles or any(a.lemma.lower() in self.roles for a in tok._.morf
                                               if a.pos in {"subst", "depr"})

    def _role_phrase(self, doc: Doc, i: int, limit: int) -> tuple[str, tuple[int, int]]:
        """Role noun at i with its agreeing adjective and genitive complement."""
        j = i + 1
        insts = {s.start for s in doc.spans.get("institutions", []) if not s._.attrs.get("bare")}
        people_starts = {s.start for s in doc.spans.get("people", [])}
        while j < limit and j - i < 8:
            t = doc[j]
            if t.text in STOP_IN_ROLE or t.is_punct or j in insts or j in people_starts:
                break
            if self._is_title(t) or given_name_readings(t.text) and j + 1 < limit and _is_name_word(doc[j + 1]):
                break
            if not any(a.pos in {"subst", "adj", "ger", "depr"} for a in t._.morf) and t.lower_ not in {"i", "ds."}:
                break
            j += 1
        words = [t.text for t in doc[i:j]]
        forms = to_nominative(words)
        head = doc[i]
        lemma = head.lower_ if head.lower_ in self.roles else next(
            (a.lemma.lower() for a in head._.morf if a.lemma.lower() in self.roles), head.lower_)
        forms[0] = self.roles.get(lemma, forms[0])
        forms = [self.expansions.get(f, f) for f in forms]
        # role nouns in lower case; names inside the role ("Wydziału Polityki Społecznej",
        # "Dobiegniewa") keep their capitals
        forms = [f.lower() if k == 0 or self._is_role_word(doc[i + k]) or not f[:1].isupper() else f
                 for k, f in enumerate(forms)]
        return " ".join(forms), (doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))

    def _is_role_word(self, tok: Token) -> bool:
        return tok.lower_ in self.roles or any(a.lemma.lower() in self.roles for a in tok._.morf)

    def _role(self, doc: Doc, span: Span, other_people: set[int]) -> tuple[str | None, tuple[int, int] | None]:
        """The role phrase of a person; not looked for across another person (other_people)."""
        sent = sentence_of(doc, span.start)
        # in brackets right after the name: "Zofia Kot (skarbnik)"
        k = span.end
        if k + 1 < sent.end and doc[k].text == "(" and self._role_at(doc, k + 1):
            return self._role_phrase(doc, k + 1, sent.end)
        # before the name: "dyrektor PCPR Małgorzata Lewandowska", "kierownik, Pan Robert Błasik"
        k = span.start - 1
        while k >= sent.start and doc[k].lower_ in self.titles | {",", "–", "-", ":"}:
            k -= 1  # "Dyrektor: Anna …", "kierownik, Pan Robert …"
        for back in range(k, max(sent.start - 1, k - 7), -1):
            if self._role_at(doc, back):
                # "Zastępca Burmistrza Sylwia …": the role starts at the first role noun
                while back - 1 >= sent.start and self._role_at(doc, back - 1):
                    back -= 1
                role, rspan = self._role_phrase(doc, back, span.start)
                return role, rspan
            if doc[back].text in {".", ";", ")", ":"} or back in other_people:
                break  # another person's role or a new clause
        # a list under a plural role: "pracownicy Zakładu Pracy Socjalnej: dr Kinga …, Artur …"
        for colon in range(span.start - 1, sent.start, -1):
            if doc[colon].text != ":":
                continue
            for back in range(colon - 1, max(sent.start - 1, colon - 6), -1):
                tok = doc[back]
                plural = [a for a in tok._.morf if a.lemma.lower() in self.roles and ":pl:" in a.tag]
                if plural:
                    return self.roles[plural[0].lemma.lower()], (tok.idx, tok.idx + len(tok))
            break
        # after: "Jarosław Pilecki, prezes …", "Anna Nowak (dyrektor …)"
        k = span.end
        if k + 1 < sent.end and doc[k].lower_ in {"z", "ze"}:
            # "Jagoda Jóźwik z PCPR w Płocku, kierownik …"
            inst = next((s for s in doc.spans.get("institutions", []) if s.start == k + 1), None)
            if inst is not None:
                k = inst.end
                if k + 1 < sent.end and doc[k].lower_ in {"w", "we"}:
                    k += 2
        while k < sent.end and doc[k].text in {",", "(", "–", "-"}:
            k += 1
        if k < sent.end and k > span.end and self._role_at(doc, k):
            return self._role_phrase(doc, k, sent.end)
        return None, None

    # -- organisation ---------------------------------------------------------------
    def _link_organizations(self, doc: Doc) -> None:
        insts = [s for s in doc.spans.get("institutions", [])
                 if not (s._.attrs.get("bare") or s._.attrs.get("plural") or s._.attrs.get("ner"))]
        for person in doc.spans["people"]:
            sent = sentence_of(doc, person.start)
            rspan = person._.attrs.get("role_span")
            best = None
            best_dist = 10**9
            for inst in insts:
                if sentence_of(doc, inst.start) != sent:
                    continue
                if rspan and inst.start_char >= rspan[0]:
                    dist = abs(inst.start_char - rspan[1])
                else:
                    dist = min(abs(inst.start_char - person.end_char), abs(person.start_char - inst.end_char)) + 40
                if dist < best_dist:
                    best, best_dist = inst, dist
            if best is not None:
                person._.attrs["organization"] = best._.attrs.get("full") or best._.base
                person._.attrs["organization_span"] = (best.start_char, best.end_char)


@Language.factory(
    "wizyty_people",
    default_config={"roles_file": "roles.csv", "titles_file": "person_titles.txt",
                    "exclusion_file": "person_exclusion_cues.txt", "use_ner": True},
)
def make_people(nlp: Language, name: str, roles_file: str, titles_file: str, exclusion_file: str,
                use_ner: bool):
    return PeopleFinder(roles_file, titles_file, exclusion_file, use_ner)

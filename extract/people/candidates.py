"""Where personal names stand: runs of capitalised words that start with a given name
(SGJP label ``imię``) or follow a title (Pan, Pani, dr, ks.), an initial plus an SGJP
surname ("B. Komorowski"), and the statistical NER's ``persName`` checked against the
dictionary. Patrons in institution names ("im. Jana Pawła II", "św. Rocha"), streets and
credits ("Fot. …") are not people.
"""
from __future__ import annotations

from typing import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from ..morph.names import given_name_readings


def is_name_word(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper or (
        "-" in tok.text and tok.text[:1].isupper())


def surname_like(tok: Token) -> bool:
    if not is_name_word(tok):
        return False
    if "nazwisko" in tok._.name_labels:
        return True
    if {a.pos for a in tok._.morf} <= {"ign"}:
        return True
    # a capitalised word inside a sentence that SGJP knows only as a common word is no surname
    return "-" in tok.text


class NameFinder:
    """Candidate name spans (start, end, rule) of a Doc."""

    def __init__(self, titles: set[str], name_context: set[str], exclusion: set[str],
                 is_role: Callable[[Doc, int], bool], use_ner: bool = True):
        self.titles = titles
        self.title_forms = {t.lower() for t in titles}
        self.name_context = name_context
        self.exclusion = exclusion
        self.is_role = is_role
        self.use_ner = use_ner

    def is_title(self, tok: Token) -> bool:
        """Pan, Panem, Pani, Panią, dr, ks. …"""
        return tok.lower_ in self.titles or tok.is_alpha and any(
            a.lemma.lower() in self.titles for a in tok._.morf if a.pos == "subst")

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int, str]]:
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if not tok.text[:1].isupper() and not (tok.is_alpha and tok.lower_ in self.title_forms):
                i += 1  # names and titles start with a capital ("dr", "ks." aside)
                continue
            titled = i + 1 < n and self.is_title(tok)
            j = i + 1 if titled else i
            # "Pani Kierownik Wioletta Kardas": a capitalised role between title and name
            while titled and j + 1 < n and self.is_role(doc, j) and not given_name_readings(doc[j].text):
                j += 1
            if j < n and self.patron(doc, j):
                i += 1
                continue
            # initial + surname: "B. Komorowski"
            if (j + 1 < n and len(doc[j].text) == 2 and doc[j].text[0].isupper() and doc[j].text[1] == "."
                    and "nazwisko" in doc[j + 1]._.name_labels and is_name_word(doc[j + 1])
                    and not any("nazwa_pospolita" in a.labels or not a.labels for a in doc[j + 1]._.morf)):
                yield j, j + 2, "initial+surname"
                i = j + 2
                continue
            if j < n and is_name_word(doc[j]) and (titled or given_name_readings(doc[j].text)):
                k = j + 1
                while k < n and k - j < 4 and is_name_word(doc[k]) and not doc[k].is_sent_start and (
                        given_name_readings(doc[k].text) or surname_like(doc[k])):
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
                    if not self.inside_institution(doc, j, k):
                        yield j, k, "title+name" if titled else "given_name+surname"
                        i = k
                        continue
            i += 1
        if self.use_ner:
            for ent in doc.ents:
                if (ent.label_ == "persName" and 2 <= len(ent) <= 4 and self.name_like(ent)
                        and not self.patron(doc, ent.start)
                        and not self.inside_institution(doc, ent.start, ent.end)):
                    yield ent.start, ent.end, "ner:persName"

    @staticmethod
    def name_like(ent: Span) -> bool:
        """The statistical NER proposes, the dictionary checks: every word capitalised and
        read by SGJP only as a name (or unknown), a given name first or a surname last."""
        for tok in ent:
            if not is_name_word(tok):
                return False
            if any(not (set(a.labels) & {"imię", "nazwisko"}) and a.pos != "ign" for a in tok._.morf):
                return False
        return bool(given_name_readings(ent[0].text)) or "nazwisko" in ent[-1]._.name_labels

    def patron(self, doc: Doc, j: int) -> bool:
        """A name right after "im."/"św."/"ul." or coordinated with one ("im. Teodory i Izydora …")."""
        for k in range(j - 1, max(-1, j - 5), -1):
            if doc[k].lower_ in self.name_context:
                return True
            if doc[k].is_punct or not (doc[k].text[:1].isupper() or doc[k].lower_ == "i"):
                return False
        return False

    def credit(self, doc: Doc, start: int) -> bool:
        """"Fot. Jolanta Przyłucka", "Tekst: …": credits are page furniture."""
        k = start - 1
        while k >= 0 and doc[k].text in {":", "-", "–"}:
            k -= 1
        return k >= 0 and doc[k].lower_ in self.exclusion

    @staticmethod
    def inside_institution(doc: Doc, start: int, end: int) -> bool:
        for inst in doc.spans["institutions"] if "institutions" in doc.spans else []:
            if (inst.start <= start and end <= inst.end and inst._.attrs.get("type") not in {"PRZEDSIEBIORSTWO"}
                    and not inst._.attrs.get("ner")):
                return True
        return False

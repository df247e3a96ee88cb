"""Where personal names stand: runs of capitalised words that start with a given name
(SGJP label ``imię``) or follow a title (Pan, Pani, dr, ks.), an initial plus an SGJP
surname ("B. Komorowski"), and the statistical NER's ``persName`` checked against the
dictionary. Patrons in institution names ("im. Jana Pawła II", "św. Rocha"), streets and
credits ("Fot. …") are not people.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from ..extensions import token_table
from ..morph.analyser import analyse, name_labels, tag_categories
from ..morph.names import given_name_readings


@lru_cache(maxsize=200_000)
def name_word(text: str) -> bool:
    """A capitalised word ("Kowalski", "Stańska-Mackiewicz"), not an acronym: a function of
    the form (``Token.is_alpha``/``is_upper`` are ``str.isalpha``/``isupper``)."""
    return text.isalpha() and text[:1].isupper() and not text.isupper() or (
        "-" in text and text[:1].isupper())


def is_name_word(tok: Token) -> bool:
    return name_word(tok.text)


def surname_like(word: str) -> bool:
    """A capitalised word SGJP reads as a surname, or does not know; a capitalised word
    inside a sentence that SGJP knows only as a common word is no surname (hyphenated
    ones aside)."""
    if not name_word(word):
        return False
    if "nazwisko" in name_labels(word):
        return True
    if {a.pos for a in analyse(word)} <= {"ign"}:
        return True
    return "-" in word


COVER_KEY = "wizyty_people_cover"
PLURAL_SURNAME_ENDINGS = ("owie", "scy", "ccy", "dzcy")


def plural_surname(word: str) -> str | None:
    """The singular of a couple's plural surname ("Margolowie" -> "Margol", "Wróblowie" ->
    "Wróbel", "Kowalscy" -> "Kowalski"): SGJP's surname lemma of a plural reading, else the
    ending cut off; None for another word."""
    for a in analyse(word):
        if "nazwisko" in a.labels and "pl" in tag_categories(a.tag) and "nom" in tag_categories(a.tag):
            return a.lemma
    low = word.lower()
    for end in PLURAL_SURNAME_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = word[: len(word) - len(end)]
            return stem if end == "owie" else stem + end[:-2] + "ki"
    return None


@lru_cache(maxsize=100_000)
def _foreign_name_word(word: str) -> bool:
    """A word SGJP does not know, or knows as a name or only as a common noun ("Larsen")."""
    readings = analyse(word)
    return all(a.pos == "ign" or {"imię", "nazwisko"} & set(a.labels) or a.pos == "subst"
               for a in readings) and not any(a.pos in {"adj", "fin", "praet", "prep", "conj"} for a in readings)


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
        self.title_word = lru_cache(maxsize=100_000)(self._title_word)

    def is_title(self, tok: Token) -> bool:
        """Pan, Panem, Pani, Panią, dr, ks. …"""
        return self.title_word(tok.text)

    def _title_word(self, text: str) -> bool:
        """``is_title`` of a word form (a function of the form: ``title_word`` memoises it)."""
        return text.lower() in self.titles or text.isalpha() and any(
            a.lemma.lower() in self.titles for a in analyse(text) if a.pos == "subst")

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int, str]]:
        yield from self._couples(doc)
        yield from self._appositions(doc)
        table = token_table(doc)
        text, lower, alpha, title_forms = table.text, table.lower, table.is_alpha, self.title_forms
        n = len(doc)
        i = 0
        while i < n:
            if not text[i][:1].isupper() and not (alpha[i] and lower[i] in title_forms):
                i += 1  # names and titles start with a capital ("dr", "ks." aside)
                continue
            titled = i + 1 < n and self.title_word(text[i])
            j = i + 1 if titled else i
            # "Pani Kierownik Wioletta Kardas": a capitalised role between title and name
            while titled and j + 1 < n and self.is_role(doc, j) and not given_name_readings(text[j]):
                j += 1
            if j < n and self.patron(doc, j):
                i += 1
                continue
            # initial + surname: "B. Komorowski"
            if (j + 1 < n and len(text[j]) == 2 and text[j][0].isupper() and text[j][1] == "."
                    and "nazwisko" in name_labels(text[j + 1]) and name_word(text[j + 1])
                    and not any("nazwa_pospolita" in a.labels or not a.labels for a in analyse(text[j + 1]))):
                yield j, j + 2, "initial+surname"
                i = j + 2
                continue
            if j < n and name_word(text[j]) and (titled or given_name_readings(text[j])):
                k = j + 1
                while k < n and k - j < 4 and name_word(text[k]) and not table.sent_start[k] and (
                        given_name_readings(text[k]) or surname_like(text[k])):
                    k += 1
                    if k - j >= 2 and not given_name_readings(text[k - 1]):
                        break
                if (k - j >= 3 and "nazwa_geograficzna" in name_labels(text[j])
                        and given_name_readings(text[j + 1])):
                    j += 1  # "burmistrz Dobiegniewa Leszek Waloch": the place is no given name
                last = analyse(text[k - 1])
                only_given = all("imię" in a.labels for a in last if a.pos != "ign") and any(
                    a.pos != "ign" for a in last)
                if only_given and not titled:
                    i += 1  # "Zygmunta Augusta": given names only, no surname
                    continue
                if k - j >= 2 and given_name_readings(text[j]) or (titled and k - j >= 2):
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
    def _couples(doc: Doc) -> Iterator[tuple[int, int, str]]:
        """"Krzysztof i Barbara Margolowie": two given names sharing a surname in the
        plural; yields the first person as the given name alone (rule "couple") and the
        second with the surname."""
        t = token_table(doc)
        for k in range(len(doc) - 3):
            if t.lower[k + 1] not in {"i", "oraz"}:
                continue
            if (name_word(t.text[k]) and name_word(t.text[k + 2]) and name_word(t.text[k + 3])
                    and given_name_readings(t.text[k]) and given_name_readings(t.text[k + 2])
                    and plural_surname(t.text[k + 3])):
                yield k, k + 1, "couple"
                yield k + 2, k + 4, "couple"

    def _appositions(self, doc: Doc) -> Iterator[tuple[int, int, str]]:
        """Names SGJP does not know, uninflected in a list of "Name – role" items
        ("Irene Larsen – dyrektor …, Tomm Jensen – kierownik …"): 2-4 capitalised words
        that open a list item and are followed by a dash and a role noun."""
        n = len(doc)
        t = token_table(doc)
        for k in range(n - 3):
            if not t.text[k][:1].isupper():
                continue  # no name word starts here (the loop below would stop at once)
            if k > 0 and not (t.sent_start[k] or t.text[k - 1] in {",", ":", ";"}
                              or t.lower[k - 1] in {"oraz", "i"} or t.is_space[k - 1]):
                continue
            e = k
            while e < n and e - k < 4 and name_word(t.text[e]) and _foreign_name_word(t.text[e]):
                e += 1
            if (2 <= e - k and e + 1 < n and t.text[e] in {"–", "-", "—"} and self.is_role(doc, e + 1)
                    and not given_name_readings(doc[k].text) and not self.is_title(doc[k])):
                yield k, e, "name+dash+role"

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
        t = token_table(doc)
        for k in range(j - 1, max(-1, j - 5), -1):
            if t.lower[k] in self.name_context:
                return True
            if t.is_punct[k] or not (t.text[k][:1].isupper() or t.lower[k] == "i"):
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
        """Inside an institution's name ("Fundacja Anny Dymnej"), companies and NER-only
        candidates aside; the spans are indexed once per Doc by their first token."""
        cover = doc.user_data.get(COVER_KEY)
        if cover is None or cover[0] != len(doc):
            spans = {}
            for inst in doc.spans.get("institutions", []):
                if inst._.attrs.get("type") not in {"PRZEDSIEBIORSTWO"} and not inst._.attrs.get("ner"):
                    spans[inst.start] = max(spans.get(inst.start, 0), inst.end)
            # for each token, the furthest end of a span starting at or before it
            reach, furthest = [0] * len(doc), 0
            for i in range(len(doc)):
                furthest = max(furthest, spans.get(i, 0))
                reach[i] = furthest
            cover = doc.user_data[COVER_KEY] = (len(doc), spans, reach)
        _, spans, reach = cover
        # the containing span must start at or before `start` and reach `end`
        if reach[start] < end:
            return False
        return any(s <= start and e >= end for s, e in spans.items() if e >= end and s <= start)

"""Institution mentions: typed names in base form, with their city and operator.

Trigger lemmas from ``models/resources/institution_types.csv`` find the head of a name
("Zakładu Aktywności Zawodowej" -> ZAZ); the name then grows left over agreeing
capitalised adjectives ("Wielobranżowej") and right over capitalised words, quoted proper
names („Arte”), "im. …", "nr 2" and connectors inside names ("dla", "na rzecz").
Abbreviations (MOPS, CIS, WTZ…) come from ``institution_abbreviations.csv``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..cue_index import FirstWordIndex
from ..extensions import (add_span, annotate, drop_step_cache, lemma_set, lemma_sets, sentence_of,
                          text_of, token_table)
from ..morph.analyser import tag_categories
from ..morph.inflect import to_nominative
from ..resources import read_csv
from .city import CityAttachment
from .words import (CITY_PREPS, ORDINALS, CLOSE_QUOTES, COMPANY_SUFFIXES, CONNECTORS, OPEN_QUOTES,
                    PATRON_WORDS, Trigger, _naming_words, load_triggers, agrees, is_cap, is_wordlike,
                    normalise_quotes, shares_case, tag_has)


class InstitutionFinder(CityAttachment):
    def __init__(self, types_file: str, abbreviations_file: str, max_quote_tokens: int = 10,
                 visit_cues_file: str = "visit_cues.csv"):
        self.visit_lemmas = {r["lemma"] for r in read_csv(visit_cues_file) if r["kind"] == "visit"}
        self.triggers = list(load_triggers(types_file))
        self.abbreviations = {r["abbr"]: r for r in read_csv(abbreviations_file)}
        self.max_quote_tokens = max_quote_tokens
        # triggers by first lemma (the first listed that matches wins)
        self.index = FirstWordIndex((t.lemmas[0], t) for t in self.triggers)
        self.first_lemmas = self.index.firsts
        # one-word keywords that type a name wherever they stand in it ("… Spółdzielnia Socjalna")
        self.anywhere = [t for t in self.triggers if t.anywhere and len(t.lemmas) == 1]
        self.anywhere_lemmas = frozenset(t.lemmas[0] for t in self.anywhere)

    # -- matching -------------------------------------------------------------------
    def match_at(self, doc: Doc, i: int, lemma_cache: list[frozenset[str]]) -> Trigger | None:
        n_tokens = len(lemma_cache)
        for trig in self.index.candidates(lemma_cache[i]):
            n = len(trig.lemmas)
            if i + n > n_tokens:
                continue
            if all(trig.lemmas[k] in lemma_cache[i + k] for k in range(n)):
                if trig.generic and not is_cap(doc[i]) and not self._named_after(doc, i + n):
                    continue
                if trig.generic and i > 0 and self._modifier_of_name(doc[i - 1]):
                    continue  # "Banku Gospodarstwa Krajowego": part of another name
                if i > 0 and doc[i - 1].lower_ in trig.not_after:
                    continue  # "na terenie Gminy Klucze": a territory
                if any(doc[i + k].is_sent_start for k in range(1, n)):
                    continue
                return trig
        return None

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["institutions"] = []
        lemma_cache = lemma_sets(doc)
        text = token_table(doc).text
        first_lemmas, abbreviations = self.first_lemmas, self.abbreviations
        i = 0
        n_tokens = len(doc)
        while i < n_tokens:
            if first_lemmas.isdisjoint(lemma_cache[i]) and text[i] not in abbreviations:
                i += 1  # no trigger or abbreviation starts here (most tokens): two set tests
                continue
            tok = doc[i]
            abbr = self.abbreviations.get(tok.text)
            if abbr is not None:
                j = i + 1
                # "LGD Stolem", "CIS „Od Nowa”": a proper name right after the abbreviation
                if j < len(doc) and doc[j].text in OPEN_QUOTES:
                    close = self._find_close(doc, j)
                    if close is not None:
                        j = close + 1
                while (j < len(doc) and j == i + 1 and is_cap(doc[j]) and doc[j].is_alpha
                       and not doc[j].is_sent_start
                       and not doc[j]._.name_labels & {"imię", "nazwa_geograficzna"}
                       and doc[j].text not in self.abbreviations
                       and self.match_at(doc, j, lemma_cache) is None):
                    j += 1
                span = doc[i:j]
                annotate(span, normalise_quotes(span.text), "abbreviation", type=abbr["type"],
                         full=abbr["full"], abbreviation=True, city=None, head=i,
                         bare=False, plural=False, lowercase=False)
                self._attach_city(doc, span)
                add_span(doc, "institutions", span)
                i += 1
                continue
            trig = self.match_at(doc, i, lemma_cache)
            if trig is None:
                i += 1
                continue
            spans = doc.spans.get("institutions", [])
            floor = spans[-1].end if len(spans) else 0
            start, end = self._extent(doc, i, i + len(trig.lemmas), lemma_cache, floor)
            span = doc[start:end]
            itype = trig.type
            rule = f"trigger:{' '.join(trig.lemmas)}"
            for j in range(start, end):
                if self.anywhere_lemmas.isdisjoint(lemma_cache[j]):
                    continue
                for t2 in self.anywhere:  # the last listed keyword of the name wins
                    if t2.lemmas[0] in lemma_cache[j]:
                        itype, rule = t2.type, f"keyword:{t2.lemmas[0]}"
            plural = self._plural(next((doc[k] for k in range(i, i + len(trig.lemmas))
                                        if any(a.pos in {"subst", "depr"} for a in doc[k]._.morf)), doc[i])) \
                or (len(trig.lemmas) == 2 and self._plural_adjective(doc[i + 1]))
            trigger_end = i + len(trig.lemmas)
            naming = _naming_words(doc, trigger_end) if end > trigger_end else 0
            base = self.base_form(span) if not naming else self._named_base(span, trigger_end, naming)
            trigger_end += naming
            if (not is_cap(doc[i]) and start == i and end > trigger_end and is_cap(doc[trigger_end])
                    and doc[trigger_end].text not in PATRON_WORDS
                    and not any(t.text in OPEN_QUOTES for t in doc[trigger_end:end])):
                # "spółdzielnię socjalną Samuele": a kind, then the name itself
                base = doc[trigger_end:end].text
            annotate(span, base, rule, type=itype, abbreviation=False, city=None,
                     head=i, bare=(end - start == len(trig.lemmas) == 1), plural=plural,
                     proper=(start < i or end > i + len(trig.lemmas)),
                     lowercase=not is_cap(doc[i]), singular=self.base_form(span, number="sg") if plural else None)
            self._attach_city(doc, span)
            stated = self._stated_kind(doc, span, lemma_cache)
            if stated is not None and stated != itype:
                # "Restauracja Strada Facendo a Padova to z kolei spółdzielnia socjalna"
                span._.attrs["type"], span._.rule = stated, f"{rule}; stated_kind"
            add_span(doc, "institutions", span)
            i = end
        self._add_initialisms(doc)  # rules before the statistical candidates
        self._add_ner_candidates(doc)
        self._share_coordinated_city(doc)
        drop_step_cache(doc)
        return doc

    def _add_initialisms(self, doc: Doc) -> None:
        """ "MODR Warszawa" after "Mazowiecki Ośrodek Doradztwa Rolniczego": an upper-case word
        spelling the initials of a name in the same report abbreviates that name."""
        by_initials: dict[str, Span] = {}
        for span in doc.spans["institutions"]:
            if span._.attrs.get("abbreviation"):
                continue
            initials = "".join(w[0] for w in span._.base.split() if w[:1].isupper())
            if len(initials) >= 3:
                by_initials.setdefault(initials, span)
        if not by_initials:
            return
        taken = {i for s in doc.spans["institutions"] for i in range(s.start, s.end)}
        words = token_table(doc).text
        for i in [k for k, w in enumerate(words) if w in by_initials]:
            word = words[i]
            full = by_initials[word]
            if i in taken or word in self.abbreviations:
                continue
            tok = doc[i]
            span = doc[tok.i:tok.i + 1]
            annotate(span, tok.text, "initialism", type=full._.attrs["type"], full=full._.base,
                     abbreviation=True, city=None, head=tok.i, bare=False, plural=False,
                     lowercase=False)
            self._attach_city(doc, span)
            add_span(doc, "institutions", span)

    def _share_coordinated_city(self, doc: Doc) -> None:
        """ "Warsztatów Terapii Zajęciowej i Bonifraterskiego Ośrodka … w Piaskach": a locality
        after coordinated names belongs to each of them."""
        spans = sorted(doc.spans["institutions"], key=lambda s: s.start)
        for left, right in zip(spans, spans[1:]):
            between = doc[left.end:right.start]
            if (len(between) == 1 and between[0].lower_ in {"i", "oraz"}
                    and right._.attrs.get("city_rule") == "w+place"
                    and left._.attrs.get("city_rule") not in {"w+place", "place_in_name", "name+place"}):
                a = right._.attrs
                self._set_city(left, a["city"], a.get("voivodeship"), "coordinated")
                left._.attrs.pop("context_candidates", None)

    def _add_ner_candidates(self, doc: Doc) -> None:
        """orgName entities no rule matched (see ner_supplement): typed INNE, flagged."""
        taken = [(s.start, s.end) for s in doc.spans["institutions"]]
        for ent in doc.spans.get("ner_organisations", []):
            if any(a < ent.end and ent.start < b for a, b in taken):
                continue
            if any("imię" in t._.name_labels and t.is_title for t in ent):
                continue  # "Zastępcą Prezydenta Olsztyna Jarosławem Słomą": a person, not a body
            span = doc[ent.start:ent.end]
            annotate(span, self.base_form(span), "ner:orgName", type="INNE", abbreviation=False,
                     city=None, head=ent.start, bare=False, plural=False, lowercase=False,
                     proper=True, ner=True)
            self._attach_city(doc, span)
            add_span(doc, "institutions", span)

    @staticmethod
    def _plural(tok: Token) -> bool:
        """Only plural readings: "ośrodków pomocy", "Centrach Integracji"."""
        nouns = [a for a in tok._.morf if a.pos in {"subst", "depr"}]
        return bool(nouns) and all(":pl:" in a.tag and ":sg" not in a.tag and "pt" not in a.tag
                                   for a in nouns)

    @staticmethod
    def _plural_adjective(tok: Token) -> bool:
        """The kind's adjective right after its noun has only plural readings: "Spółdzielni
        Socjalnych" (the noun alone is also a singular genitive)."""
        adjs = [a for a in tok._.morf if a.pos == "adj"]
        return bool(adjs) and all(":pl:" in a.tag for a in tok._.morf)

    # -- extent ---------------------------------------------------------------------
    def _extent(self, doc: Doc, start: int, end: int, lemma_cache, floor: int = 0) -> tuple[int, int]:
        # left: capitalised adjectives agreeing with the head ("Wielobranżowej Spółdzielni")
        while start > floor:  # not into the name before ("Zakład Aktywności Zawodowej Fundacji …")
            prev = doc[start - 1]
            if prev.is_sent_start and not is_cap(prev):
                break
            if is_cap(prev) and not doc[start].is_sent_start and agrees(prev.text, doc[start].text) \
                    and not lemma_set(doc, start - 1) & ORDINALS:
                start -= 1
                continue
            break  # "Pierwsza Spółdzielnia, do jakiej …": an ordinal counts, it does not name
        # right
        j = end
        n = len(doc)
        lower = token_table(doc).lower
        while j < n:
            tok = doc[j]
            if tok.is_space and tok.text.count("\n") == 1 and j + 1 < n and not doc[j + 1].is_sent_start \
                    and is_cap(doc[j + 1]):
                j += 1  # a name wrapped onto the next line
                continue
            if tok.is_sent_start or tok.is_space:
                break
            if (tok.text == "," and not tok.whitespace_ and j + 1 < n and doc[j + 1].text == ","
                    and not doc[j + 1].whitespace_):
                # ",,Pod Jaworem’’": a low double quote typed as two commas
                close = self._find_close(doc, j + 1)
                if close is None:
                    break
                j = close + 1
                continue
            if tok.text in OPEN_QUOTES or (tok.text in CLOSE_QUOTES and tok.text == '"'):
                close = self._find_close(doc, j)
                if close is None:
                    break
                j = close + 1
                continue
            naming = _naming_words(doc, j) if j == end else 0
            if naming:  # "Spółdzielni Socjalnej o nazwie Wisła …", "konsorcjum pn. „Klunkry …”"
                j += naming
                continue
            if tok.lower_ in CITY_PREPS:
                break
            suffix = next((suf for suf in COMPANY_SUFFIXES if tuple(lower[j:j + len(suf)]) == suf), None)
            if suffix:  # "… „Polmet” Sp. z o.o."
                j += len(suffix)
                continue
            if tok.text in PATRON_WORDS or (tok.lower_ == "nr" and j + 1 < n and doc[j + 1].like_num):
                j += 2 if tok.lower_ == "nr" else 1
                continue
            if tok.like_num and len(tok.text) <= 2 and j > end - 1 and j + 1 < n and is_cap(doc[j + 1]) \
                    and not doc[j + 1].is_sent_start and j > start + 1:
                j += 1  # "Stowarzyszenie Gościniec 4 Żywioły": a number inside the name
                continue
            if tok.lower_ == "pod" and j + 2 < n and doc[j + 1].lower_ == "wezwaniem":
                j += 2
                continue
            if is_cap(tok) and is_wordlike(tok) or (tok.is_upper and len(tok) > 1):
                patron = any(doc[k].text in PATRON_WORDS for k in range(max(start, j - 4), j))
                single_word_kind = j == end and end - start == 1
                # "Muzeum Jana Kochanowskiego": a person in the genitive names the institution
                named_after = single_word_kind and self._genitive_person(doc, j)
                # "Stowarzyszenie na Rzecz Spółdzielni Socjalnych": the beneficiary, no new name
                for_whom = j >= 2 and doc[j - 1].lower_ in {"rzecz", "dla"}
                if (self._starts_new_institution(doc, j, lemma_cache) and not single_word_kind
                        and not for_whom) or (
                        not patron and not named_after and self._starts_person(doc, j)):
                    break  # ("Stowarzyszenie Lokalna Grupa Działania …" is one name)
                j += 1
                continue
            if tok.lower_ in CONNECTORS and j + 1 < n and is_cap(doc[j + 1]) and not doc[j + 1].is_sent_start:
                patron = any(doc[k].text in PATRON_WORDS for k in range(max(start, j - 4), j))
                if tok.lower_ == "i" and (self._starts_new_institution(doc, j + 1, lemma_cache, any_trigger=True)
                                          or not (patron or shares_case(doc[j - 1], doc[j + 1]))):
                    break
                if tok.lower_ == "z" and "nazwa_geograficzna" in doc[j + 1]._.name_labels:
                    break
                if tok.lower_ in {"z", "i", "na"} and doc[j + 1].lower_ in CITY_PREPS:
                    break
                j += 1
                continue
            if tok.lower_ == "dla" and j > start:
                # "Ośrodek Wsparcia dla osób z zaburzeniami psychicznymi", "Noclegownia dla bezdomnych"
                k = j + 1
                while k < n and k - j <= 6 and not doc[k].is_sent_start and (
                        doc[k].lower_ == "z" or any(a.pos in {"subst", "adj", "ppas", "pact"} and
                                                    tag_has(a.tag, "gen", "inst", "acc")
                                                    for a in doc[k]._.morf)):
                    k += 1
                while k > j + 1 and doc[k - 1].lower_ == "z":
                    k -= 1
                if k > j + 1 and (k >= n or doc[k].is_punct or doc[k].lower_ in CITY_PREPS
                                  or doc[k].is_sent_start):
                    j = k
                    continue
                break
            if tok.lower_ == "na" and j + 2 < n and doc[j + 1].lower_ == "rzecz":
                j += 2
                continue
            break
        # trailing connectors are not part of the name (a company suffix "sp. z o.o." is)
        while j > end and doc[j - 1].lower_ in CONNECTORS and not (
                doc[j - 1].lower_ == "z" and j < n and doc[j].lower_.startswith("o")):
            j -= 1
        return start, j

    def _stated_kind(self, doc: Doc, span: Span, lemma_cache) -> str | None:
        """The kind the text states right after the name: "X to (z kolei) spółdzielnia
        socjalna", "X jest fundacją" (annotation: the stated kind wins)."""
        sent_end = sentence_of(doc, span.start).end
        k = span.end
        while k < sent_end and k - span.end < 3 and doc[k].lower_ not in {"to", "jest", "była", "był"}:
            if doc[k].text in {",", ";", "(", ":"} or any(a.pos in {"fin", "praet"} for a in doc[k]._.morf):
                return None  # only the name's own locality ("a Padova") may stand between
            k += 1
        if k >= sent_end or doc[k].lower_ not in {"to", "jest", "była", "był"}:
            return None
        k += 1
        while k < sent_end and doc[k].lower_ in {"z", "kolei", "również", "także", "obecnie", "też"}:
            k += 1
        for trig in self.triggers:
            n = len(trig.lemmas)
            if k + n <= sent_end and all(trig.lemmas[m] in lemma_cache[k + m] for m in range(n)):
                return trig.type if n > 1 or trig.type != "INNE" else None
        return None

    @staticmethod
    def _modifier_of_name(prev: Token) -> bool:
        """A capitalised word right before that does not agree with the trigger ("Banku
        Gospodarstwa Krajowego", "Program Operacyjny Województwa …"): the trigger is the
        genitive of another name. An agreeing adjective ("Wrocławskie Centrum") is part of it."""
        if not (is_cap(prev) and not prev.is_sent_start and prev.is_alpha):
            return False
        nxt = prev.doc[prev.i + 1]
        if any(a.pos in {"adj", "ppas", "pact"} for a in prev._.morf):
            return not agrees(prev.text, nxt.text)
        return any(a.pos in {"subst", "depr"} for a in prev._.morf)

    @staticmethod
    def _named_after(doc: Doc, j: int) -> bool:
        """A lower-case generic noun names an institution when a proper name follows it
        ("schroniska św. Brata Alberta", "muzeum „Arte”")."""
        if j >= len(doc) or doc[j].is_sent_start:
            return False
        nxt = doc[j]
        return nxt.text in PATRON_WORDS or nxt.text in OPEN_QUOTES

    def _find_close(self, doc: Doc, j: int) -> int | None:
        for k in range(j + 1, min(len(doc), j + 1 + self.max_quote_tokens)):
            if doc[k].text in CLOSE_QUOTES:
                return k
            if doc[k].is_sent_start:
                return None
        return None

    @staticmethod
    def _genitive_person(doc: Doc, j: int) -> bool:
        """Given name + surname, the surname only in the genitive ("Jana Kochanowskiego")."""
        if j + 1 >= len(doc) or "imię" not in doc[j]._.name_labels or not is_cap(doc[j + 1]):
            return False
        cases = {c for a in doc[j + 1]._.morf if a.pos in {"subst", "depr", "ign"}
                 for c in tag_categories(a.tag)}
        return "gen" in cases and "nom" not in cases

    @staticmethod
    def _starts_person(doc: Doc, j: int) -> bool:
        tok = doc[j]
        if any(a.lemma.lower() in {"pan", "pani"} for a in tok._.morf if a.pos == "subst"):
            return True
        return ("imię" in tok._.name_labels and j + 1 < len(doc) and is_cap(doc[j + 1])
                and "nazwisko" in doc[j + 1]._.name_labels)

    def _starts_new_institution(self, doc: Doc, j: int, lemma_cache, any_trigger: bool = False) -> bool:
        """Does a new name start at j? After "i" any trigger counts, also behind an
        adjective ("… i Bonifraterskiego Ośrodka Interwencji Kryzysowej")."""
        if doc[j].text in self.abbreviations:
            return any_trigger
        trig = self.match_at(doc, j, lemma_cache)
        if trig is not None and (any_trigger or not trig.generic):
            return True
        if any_trigger and j + 1 < len(doc) and agrees(doc[j].text, doc[j + 1].text):
            trig = self.match_at(doc, j + 1, lemma_cache)
            return trig is not None
        return False

    # -- base form ------------------------------------------------------------------
    @classmethod
    def singular(cls, span: Span) -> str:
        return cls.base_form(span, number="sg")

    @classmethod
    def _named_base(cls, span: Span, name_at: int, naming: int) -> str:
        """Kind and name without the naming words between them (annotation): "Spółdzielnia
        Socjalna Wisła Otwarta Turystycznie"; after "a mianowicie" the name agrees with the
        kind's case and is put in the nominative too ("…Spółdzielnią Socjalną a mianowicie
        Zieloną Piłą")."""
        doc = span.doc
        kind = cls.base_form(doc[span.start:name_at])
        name = doc[name_at + naming:span.end]
        if doc[name_at].lower_ == "a":
            rest = cls.base_form(name)
        else:
            rest = normalise_quotes(" ".join(text_of(doc)[name.start_char:name.end_char].split()))
        return f"{kind} {rest}"

    @staticmethod
    def base_form(span: Span, number: str | None = None) -> str:
        """Nominative of the inflecting part; quoted parts and the rest stay as written."""
        tokens = [tok for tok in span if not tok.is_space]  # a name may wrap onto a new line
        words = [tok.text for tok in tokens]
        joins = [tok.whitespace_ or (" " if tok.i + 1 < span.end and span.doc[tok.i + 1].is_space else "")
                 for tok in tokens]
        # only the words before a quoted proper name inflect; the quote stays as written
        cut = len(words)
        for k, w in enumerate(words):
            if w in OPEN_QUOTES or w == '"' or (w == "," and k + 1 < len(words) and words[k + 1] == ","
                                               and not joins[k]):
                cut = k
                break
        head = to_nominative(words[:cut], number) if cut else []
        text = "".join(f + j for f, j in zip(head, joins)) + (
            text_of(span.doc)[tokens[cut].idx:span.end_char] if cut < len(words) else "")
        text = " ".join(text.split())
        text = re.sub(r"\bNR\b", "nr", text)
        return normalise_quotes(text[:1].upper() + text[1:])


@Language.factory(
    "wizyty_institutions",
    default_config={
        "types_file": "institution_types.csv",
        "abbreviations_file": "institution_abbreviations.csv",
        "max_quote_tokens": 10,
        "visit_cues_file": "visit_cues.csv",
    },
)
def make_institutions(nlp: Language, name: str, types_file: str, abbreviations_file: str,
                      max_quote_tokens: int, visit_cues_file: str):
    return InstitutionFinder(types_file, abbreviations_file, max_quote_tokens, visit_cues_file)

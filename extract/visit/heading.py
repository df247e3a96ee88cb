"""The visit's title and number of participants."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..dates.lexicon import months
from ..extensions import lemma_set, sentence_lemmas, sentences, text_of, token_table
from .cues import Cues

TITLE_CUES = re.compile(r"wizyt|wyjazd|study|studyj|dobr\w+ praktyk|wizytowali|relacja", re.I)
# "w wizycie studyjnej pn. „Dobre praktyki…”", "wyjazd studyjny na Litwę pt. "…"": the visit's name
VISIT_NAME = re.compile(
    r"(?:wizyt\w*|wyjazd\w*)(?:\s+[^\s„\"“.]+){0,4}?\s+(?:pn\.|pt\.|pod\s+hasłem|pod\s+nazwą|"
    r"pod\s+tytułem|zatytułowan\w*)\s*[„\"“]([^„\"“”\n]{6,200})[”\"“]", re.I)
# "Tematem przewodnim wizyty studyjnej była „…”", "Głównym tematem wizyty była „…”",
# "Tematem wyjazdu była „…”": the theme stated in the body (annotation: it wins)
THEME = re.compile(
    r"temat\w*(?:\s+\w+){0,1}\s+(?:wizyt\w*|wyjazd\w*|spotka\w*)(?:\s+studyjn\w*)?\s+"
    r"(?:był[aoy]?|jest)\s*:?\s*[„\"“]([^„\"“”\n]{6,250})[”\"“]", re.I)
URL = re.compile(r"https?://\S+\s*")
CAPTION = re.compile(r"^(zdjęci\w*|fotografi\w*|fot\.)", re.I)
TRAILING_MONTH_TAIL = r")\s+\d{4}\s*(?:r\.?|roku)?\s*$"


@lru_cache(maxsize=1)
def _trailing_month() -> re.Pattern:
    """ ", czerwiec 2010 r." at the end of a heading: the month words of the date lexicon."""
    words = "|".join(sorted(map(re.escape, months().all_words), key=len, reverse=True))
    return re.compile(r"\s*[-–,]\s*(?:" + words + TRAILING_MONTH_TAIL, re.I)


INNER_DATE = re.compile(r"\s\d{1,2}(?:[.\-–]\d{1,2})*[.\-–]\d{1,2}[.\-–]\d{2,4}\s*(?:r\.)?\s")
TRAILING_DATE = re.compile(
    r"\s*[-–,]?\s*(w dniu |w dniach )?\d{1,2}([.\-–]\d{1,2})*([.\-–]\d{2,4})?\s*(r\.?|roku)?\s*$")
QUOTES = "„”\"“"
NAVIGATION = re.compile(r"[›»|>]|\bStrona główna\b", re.I)


def find_title(doc: Doc) -> tuple[str | None, str]:
    """The visit's own name when the text gives one ("wizyta studyjna pn. „…”"), else
    the report's heading (without a trailing date or full stop)."""
    text = text_of(doc)
    named = VISIT_NAME.search(text) or THEME.search(text)
    if named:
        rule = "visit_name_in_text" if named.re is VISIT_NAME else "theme_in_text"
        return " ".join(named.group(1).split()).rstrip("."), rule
    lines = [URL.sub("", ln).strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:10]:
        if NAVIGATION.search(line) or CAPTION.match(line):
            continue  # a breadcrumb ("Strona główna › …") or a photo caption, not the heading
        short = len(line.split()) <= 14
        if len(line) > 220 or (line.endswith(".") and not short) or line.endswith(":"):
            continue
        if not TITLE_CUES.search(line):
            continue
        # the heading whole, a quoted name in it included ("Wyjazd studyjny „Lepszy …”")
        title = line.strip(QUOTES).strip() if line[:1] in QUOTES and line[-1:] in QUOTES else line
        title = _trailing_month().sub("", title)
        title = TRAILING_DATE.sub("", title).strip(" -–,").rstrip(".").strip()
        title = INNER_DATE.sub(" ", title).strip()
        return title or None, "heading"
    return None, ""


def find_participants(doc: Doc, cues: Cues) -> tuple[int | None, str]:
    """ "wzięło udział łącznie 30 osób", "grupa 40 uczestników", "dla 20 seniorek": a number
    before a person noun, in a sentence about the trip; a number right after another
    number ("3 grupy liczące 5 osób") is a part, not the total."""
    text = token_table(doc).text
    for sent in sentences(doc):
        if not sentence_lemmas(doc, sent.start) & cues["event"]:
            continue
        for i in range(sent.start, sent.end - 1):
            if not text[i].isdigit():
                continue  # (Token.is_digit, without building the Token)
            tok = doc[i]
            if not (tok.is_digit and 2 <= int(tok.text) <= 500):
                continue
            nxt = doc[tok.i + 1]
            if not lemma_set(doc, nxt.i) & cues["person"]:
                continue
            if any(t.like_num and doc[t.i + 1].lemma_.lower() in {"grupa", "zespół"}
                   for t in doc[max(sent.start, tok.i - 3):tok.i]):
                continue
            return int(tok.text), f"participants:number+{nxt.lemma_}"
    return None, ""

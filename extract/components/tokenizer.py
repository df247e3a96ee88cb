"""Tokenizer for Polish reports: spaCy's Polish rules plus report-specific exceptions.

Abbreviations from ``models/resources/abbreviations.txt`` stay single tokens (so the
sentence splitter can see them), ``z-ca`` stays whole, and numeric dates such as
``25.08.2016`` stay one token, so a range "22-25.08.2016 r." is ``22 - 25.08.2016 r.``.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.lang.pl import Polish
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import registry

from ..resources import read_lines

# "25.08.2016", "22-25.08.2016", "2014-03-23": one token each, parsed by the date grammar.
NUMERIC_DATE = re.compile(r"^(\d{1,2}[-–])?\d{1,2}\.\d{1,2}\.\d{2,4}$|^\d{1,2}\.\d{1,2}[-–]\d{1,2}\.\d{1,2}\.\d{2,4}$|^\d{4}-\d{2}-\d{2}$")
# Hyphenated words ("kujawsko-pomorskie", "Stańska-Mackiewicz", "z-ca") stay whole;
# a hyphen between digits ("5-8 lipca") is split off.
LETTER_HYPHEN_INFIXES = {"-", "–", "—"}


def customize(tokenizer: Tokenizer, abbreviations: list[str]) -> Tokenizer:
    for abbr in abbreviations:
        if " " in abbr:
            continue
        for form in {abbr, abbr[:1].upper() + abbr[1:]}:
            tokenizer.add_special_case(form, [{ORTH: form}])
    # initials ("B. Komorowski", "G. Gradowska") stay with their full stop
    for letter in "ABCDEFGHIJKLMNOPRSTUWZĆŁŚŻŹ":
        tokenizer.add_special_case(letter + ".", [{ORTH: letter + "."}])
    old_match = tokenizer.token_match
    if old_match is None:
        tokenizer.token_match = NUMERIC_DATE.match  # the compiled pattern's own method: no Python frame
    else:
        def token_match(text: str):
            if NUMERIC_DATE.match(text):
                return True
            return old_match(text)

        tokenizer.token_match = token_match
    # "22-25.08.2016": split on the hyphen between digits, keep the date whole.
    infixes = [i for i in Polish.Defaults.infixes or [] if i not in LETTER_HYPHEN_INFIXES]
    infixes = [i for i in infixes if "-" not in i or "[0-9]" in i or "\\d" in i] + [
        r"(?<=\d)[-–—](?=\d)",
        r"(?<=\w)[–—](?=\w)",
    ]
    tokenizer.infix_finditer = _compile_infix(infixes)
    # "w Łomży– spotkanie": a dash glued to the end of a word is punctuation
    from spacy.util import compile_suffix_regex

    suffixes = list(Polish.Defaults.suffixes or []) + [r"(?<=\w)[-–—]$"]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return tokenizer


def _compile_infix(infixes):
    from spacy.util import compile_infix_regex

    return compile_infix_regex(infixes).finditer


@registry.tokenizers("wizyty.PolishReportTokenizer.v1")
def create_tokenizer(abbreviations: str = "abbreviations.txt") -> Callable:
    abbrs = read_lines(abbreviations)

    def make(nlp) -> Tokenizer:
        base = Polish().tokenizer  # spaCy's Polish prefixes/suffixes/exceptions
        tok = Tokenizer(
            nlp.vocab,
            rules=base.rules,
            prefix_search=base.prefix_search,
            suffix_search=base.suffix_search,
            infix_finditer=base.infix_finditer,
            token_match=base.token_match,
            url_match=base.url_match,
        )
        return customize(tok, abbrs)

    return make

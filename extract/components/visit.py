"""STUB: visit component (being written)."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("wizyty_visit", default_config={})
def make_visit(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        return doc

    return run

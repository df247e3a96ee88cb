"""STUB: institutions component (being written)."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("wizyty_institutions", default_config={})
def make_institutions(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        return doc

    return run

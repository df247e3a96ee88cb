"""STUB: people component (being written)."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("wizyty_people", default_config={})
def make_people(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        return doc

    return run

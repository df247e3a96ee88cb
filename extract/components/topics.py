"""STUB: topics component (being written)."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("wizyty_topics", default_config={})
def make_topics(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        return doc

    return run

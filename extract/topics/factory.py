"""The ``wizyty_topics`` spaCy component: ``doc._.topics`` from cues, zones and hosts.

Runs after ``wizyty_visit`` so that the kinds of the visited hosts (not of partners or
the visitors' own institutions) count; without the visit step it reads every typed
institution span.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import STEP_CACHE
from ..records import Topic
from ..resources import MODELS_DIR
from .cues import TopicCues
from .hosts import load_host_kinds, visited_hosts
from .model import TopicModel, TopicSignals, topic_features
from ..visit.zones import ZoneCues, find_zones

# per-doc caches this step fills; dropped afterwards so the Doc stays serialisable (the
# report's text, "wizyty_text", is a plain string: it stays for the records and offsets)
CACHES = ("wizyty_sent_table", "wizyty_lemma_sets", "wizyty_topic_words",
          "wizyty_zones", "wizyty_sentence_lemmas", "wizyty_token_table",
          "wizyty_dates_resolved", STEP_CACHE)


class TopicScorer:
    def __init__(self, cues_file: str, zones_file: str, host_kinds_file: str, model_file: str,
                 threshold: float | None = None):
        self.cues = TopicCues(cues_file)
        self.zone_cues = ZoneCues.load(zones_file)
        self.host_kinds = load_host_kinds(host_kinds_file)
        path = Path(model_file)
        self.model = TopicModel.load(path if path.is_absolute() else MODELS_DIR / path)
        if threshold is not None:
            self.model.threshold = threshold
        topics = {t for lst in self.cues.by_first.values() for _, t, _ in lst}
        topics |= {t for kinds in self.host_kinds.values() for t in kinds}
        self.topics = sorted(topics)

    def signals(self, doc: Doc) -> dict[str, TopicSignals]:
        """Every topic's signals (the training recipe reads these)."""
        zones = find_zones(doc, self.zone_cues)
        return topic_features(doc, self.cues, zones, visited_hosts(doc), self.host_kinds, self.topics)

    def __call__(self, doc: Doc) -> Doc:
        out = []
        for topic, sig in self.signals(doc).items():
            score = self.model.score(sig)
            if score >= self.model.threshold and sig.evidence:
                out.append(Topic(visit_id="", doc_id="", topic=topic, score=round(score, 3),
                                 evidence="; ".join(sig.evidence[:5]), rule="topic_model",
                                 evidence_offsets=";".join(f"{a}-{b}" for a, b in sorted(set(sig.offsets)))))
        out.sort(key=lambda t: -t.score)
        doc._.topics = out
        for key in CACHES:
            doc.user_data.pop(key, None)
        return doc


@Language.factory(
    "wizyty_topics",
    default_config={"cues_file": "topic_cues.csv", "zones_file": "topic_zones.csv",
                    "host_kinds_file": "topic_host_kinds.csv", "model_file": "topics/weights.json",
                    "threshold": None},
)
def make_topics(nlp: Language, name: str, cues_file: str, zones_file: str, host_kinds_file: str,
                model_file: str, threshold: float | None):
    return TopicScorer(cues_file, zones_file, host_kinds_file, model_file, threshold)

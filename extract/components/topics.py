"""Topics of a visit from lemma-based cue lists (``models/resources/topic_cues.csv``).

Each cue occurrence adds its weight to its topic; the score 1 - exp(-w/scale) lies in
[0, 1) and grows with repeated evidence, so a word in passing does not make a topic.
"""
from __future__ import annotations

import math
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import lemma_set
from ..records import Topic
from ..resources import read_csv


class TopicScorer:
    def __init__(self, cues_file: str, threshold: float, scale: float):
        self.cues: dict[str, list[tuple[tuple[str, ...], str, float]]] = defaultdict(list)
        for row in read_csv(cues_file):
            lemmas = tuple(row["cue"].split())
            self.cues[lemmas[0]].append((lemmas, row["topic"], float(row["weight"])))
        self.threshold = threshold
        self.scale = scale

    def __call__(self, doc: Doc) -> Doc:
        lem = [lemma_set(doc, i) for i in range(len(doc))]
        # one-word cues inside institution names ("Centrum Pomocy Rodzinie") say nothing
        # about the programme; multi-word cues may be names ("Centrum Integracji Społecznej")
        in_name = set()
        for span in doc.spans.get("institutions", []):
            if not span._.attrs.get("abbreviation"):
                in_name.update(range(span.start, span.end))
        weights: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[str]] = defaultdict(list)
        matches = []
        for i in range(len(doc)):
            for first in lem[i]:
                for lemmas, topic, w in self.cues.get(first, ()):
                    n = len(lemmas)
                    if n == 1 and i in in_name:
                        continue
                    if i + n <= len(doc) and all(lemmas[k] in lem[i + k] for k in range(n)):
                        matches.append((i, i + n, topic, w))
        # longest cue first: "mieszkania chronione" counts once, not also as "mieszkania"
        used: dict[str, set[int]] = defaultdict(set)
        for start, end, topic, w in sorted(matches, key=lambda m: m[0] - m[1]):
            if used[topic] & set(range(start, end)):
                continue
            used[topic].update(range(start, end))
            weights[topic] += w
            text = doc[start:end].text
            if text not in evidence[topic]:
                evidence[topic].append(text)
        out = []
        for topic, w in weights.items():
            score = 1 - math.exp(-w / self.scale)
            if score >= self.threshold:
                out.append(Topic(visit_id="", doc_id="", topic=topic, score=round(score, 3),
                                 evidence="; ".join(evidence[topic][:5]), rule="cue_lemmas"))
        out.sort(key=lambda t: -t.score)
        doc._.topics = out
        return doc


@Language.factory(
    "wizyty_topics",
    default_config={"cues_file": "topic_cues.csv", "threshold": 0.6, "scale": 2.0},
)
def make_topics(nlp: Language, name: str, cues_file: str, threshold: float, scale: float):
    return TopicScorer(cues_file, threshold, scale)

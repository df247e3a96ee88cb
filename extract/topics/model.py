"""Signals per topic and the linear model that weighs them (``models/topics/``).

For each topic code the report gives a few numbers: the weight of its cue words in the
running text, in the aim sentences and heading, in sentences telling what was presented,
inside the names of visited hosts, inside the names the visit step set aside (funders,
partners, the organiser, the visitors' own), inside other institutions' names, in the
visiting group's description; the number of visited hosts of a kind that brings the
topic; how dense the cues are and how they compare with the report's main subject. A
logistic model over these (weights fitted on the annotated reports by
``models/topics/train.py``) gives the topic's score; topics scoring at least the model's
threshold are reported.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..extensions import span_list, token_table
from .cues import CueMatch, TopicCues
from .hosts import VisitedHost
from ..visit.zones import Zones

KEPT_EXCLUSIONS = {"excluded:plural_without_city", "excluded:ner_without_visit_and_locality"}
FEATURES = ("body", "aim", "programme", "host_kind", "host_kind2", "host_name", "other_name", "visitor", "distinct",
            "density", "relative", "side_name")


@dataclass
class TopicSignals:
    """The evidence for one topic in one report."""
    topic: str
    values: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # char spans of the evidence

    def vector(self) -> list[float]:
        return [self.values.get(f, 0.0) for f in FEATURES]


def _where(m: CueMatch, hosts: list[VisitedHost], names: list[tuple[int, int]], zones: Zones) -> str:
    if any(h.start <= m.start and m.end <= h.end for h in hosts):
        return "host_name"
    if any(a <= m.start < b for a, b in names):
        return "other_name"
    if any(k in zones.visitor for k in range(m.start, m.end)):
        return "visitor"
    if m.start in zones.aim:
        return "aim"
    return "programme" if m.start in zones.programme else "body"


def topic_features(doc: Doc, cues: TopicCues, zones: Zones, hosts: list[VisitedHost],
                   host_kinds: dict[str, dict[str, int]], topics: list[str]) -> dict[str, TopicSignals]:
    """Signals for every topic code in ``topics``."""
    names = [(s.start, s.end) for s in span_list(doc, "institutions")
             if not (s._.attrs or {}).get("abbreviation")]
    # names the visit step set aside: funders, partners, founders, the organiser, the visitors'
    side = [(s.start, s.end) for s in span_list(doc, "institutions")
            if str((s._.attrs or {}).get("host_rule", "")).startswith("excluded:")
            and (s._.attrs or {}).get("host_rule") not in KEPT_EXCLUSIONS]
    raw: dict[str, dict[str, float]] = {t: defaultdict(float) for t in topics}
    distinct: dict[str, set[str]] = defaultdict(set)
    sig = {t: TopicSignals(t) for t in topics}
    for m in cues.matches(doc):
        if m.topic not in raw:
            continue
        where = _where(m, hosts, names, zones)
        if where == "other_name" and any(a <= m.start < b for a, b in side):
            where = "side_name"
        raw[m.topic][where] += m.weight
        if where in ("body", "aim", "programme", "host_name"):
            distinct[m.topic].add(m.cue)
            span = doc[m.start:m.end]
            sig[m.topic].offsets.append((span.start_char, span.end_char))
            if span.text not in sig[m.topic].evidence:
                sig[m.topic].evidence.append(span.text)
    for h in hosts:
        for t, strength in host_kinds.get(h.type, {}).items():
            if t in raw:
                raw[t]["host_kind" if strength == 1 else "host_kind2"] += 1
                distinct[t].add(f"host {h.type}")
                sig[t].evidence.append(f"host {h.type}: {h.name}")
                sig[t].offsets.append((doc[h.start].idx, doc[h.end - 1].idx + len(doc[h.end - 1].text)))
    n_words = max(100, sum(token_table(doc).is_alpha))
    def mass(r):  # every cue of the topic but the visitors' side
        return r["body"] + r["aim"] + r["programme"] + r["host_name"] + r["other_name"]

    top = max((mass(r) for r in raw.values()), default=0.0)
    for t, r in raw.items():
        running = r["body"] + r["aim"] + r["programme"]
        v = sig[t].values
        v["body"] = math.log1p(running)
        v["aim"] = math.log1p(r["aim"])
        v["programme"] = math.log1p(r["programme"])
        v["host_kind"] = math.log1p(min(r["host_kind"], 3))
        v["host_kind2"] = math.log1p(min(r["host_kind2"], 3))
        v["host_name"] = math.log1p(r["host_name"])
        v["other_name"] = math.log1p(r["other_name"])
        v["visitor"] = math.log1p(r["visitor"])
        v["side_name"] = math.log1p(r["side_name"])
        v["distinct"] = math.log1p(len(distinct[t]))
        v["density"] = math.log1p(100 * running / n_words)
        # salience: a topic beside a report's main subject, not its own strength alone
        v["relative"] = mass(r) / top if top else 0.0
    return sig


@dataclass
class TopicModel:
    """score = sigmoid(bias[topic] + weights · features); reported when >= threshold."""
    weights: dict[str, float]
    bias: float
    topic_bias: dict[str, float]
    threshold: float
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> "TopicModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(weights=data["weights"], bias=data["bias"], topic_bias=data.get("topic_bias", {}),
                   threshold=data["threshold"], meta=data.get("meta", {}))

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights, "bias": self.bias, "topic_bias": self.topic_bias,
                           "threshold": self.threshold, "meta": self.meta}, indent=1, ensure_ascii=False)

    def score(self, s: TopicSignals) -> float:
        z = self.bias + self.topic_bias.get(s.topic, 0.0)
        z += sum(self.weights.get(f, 0.0) * x for f, x in zip(FEATURES, s.vector()))
        return 1 / (1 + math.exp(-z))

"""UD-trained disambiguation of Morfeusz2 readings: ``tag_``, ``pos_``, ``morph``, ``lemma_``.

The optional model ``models/ud_pl/model`` (trained on Polish UD treebanks, see its
MODEL_CARD) is a small CNN tagger that scores joint "UPOS|NKJP tag" labels in context,
with Morfeusz2 ambiguity classes among its inputs (``ud_features``).  Morfeusz2 lists
what a form can be; the reading whose tag the tagger scores highest wins and gives the
lemma, so the lemma is a dictionary base form wherever Morfeusz knows the word (a few
treebank readings Morfeusz lacks, "niż" as a complementiser, are candidates too).  UPOS
and UD features come from tables counted on the same training data, keyed by (lemma, tag) —
in the treebanks UPOS is a function of those for 99.6 % of the words; where it is not
("być" as AUX or VERB) the tagger's joint label decides.  Words Morfeusz does not know,
and numbers, keep the tagger's best tag and their own form as lemma.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401 - registers the attributes
from ..morph.analyser import Analysis, analyse, lemma_frequency
from ..resources import model_path
from . import ud_features  # noqa: F401 - registers wizyty.MorfeuszHashEmbed.v1 (model config)
from .morphology import NAME_LABELS, UPOS_OF_CLASS

TABLES_FILE = "wizyty_ud_tables.json"
UNKNOWN = ("ign", "dig", "romandig")  # no reading, or a number: the tagger's tag, the form
# a number in digits ("10", "2019") is tagged dig, num or adj in the treebanks (PDB dev:
# 329 of 344; the rest subst or brev): the tagger chooses among those classes' tags only
NUMBER_CLASSES = ("dig", "num", "adj")
SEP = "|"  # joint tagger labels "UPOS|NKJP tag"
MAX_CACHED_FORMS = 200_000


@dataclass(frozen=True)
class Reading:
    """One concrete (dot-expanded) tag of a Morfeusz analysis."""

    tag: str
    analysis: Analysis


def expand_tag(tag: str) -> list[str]:
    """Morfeusz's compact tags to concrete ones: "subst:sg:nom.acc:m3" -> two tags."""
    return [":".join(p) for p in itertools.product(*(part.split(".") for part in tag.split(":")))]


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[Reading, ...]:
    out, seen = [], set()
    for a in analyse(word):
        if a.pos in UNKNOWN:
            continue
        for tag in expand_tag(a.tag):
            if (tag, a.lemma) not in seen:
                seen.add((tag, a.lemma))
                out.append(Reading(tag, a))
    return tuple(out)


@dataclass
class Tables:
    """Counts from the training treebanks (``models/ud_pl/build_tables.py``)."""

    upos: dict[str, str]        # "lemma\ttag" -> UPOS, only where it differs from by_tag
    upos_by_tag: dict[str, str]  # tag -> most frequent UPOS
    feats: dict[str, str]       # "lemma\tupos\ttag" -> UD features, where not feats_by_tag
    feats_by_tag: dict[str, str]  # "upos\ttag" -> most frequent features
    lemma: dict[str, str]       # "form\ttag" (form lower-cased) -> lemma, ambiguous cases only
    upos_open: set[str]         # "lemma\ttag" with more than one UPOS in the treebanks
    # lower-cased form -> [[tag, lemma], ...]: treebank readings Morfeusz does not offer
    extra: dict[str, list[list[str]]] = field(default_factory=dict)
    # "lemma\tclass" -> UPOS, where a lemma's UPOS is clear over all its tags ("swój": DET)
    upos_by_lemma: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.upos_open = set(self.upos_open)

    def extra_readings(self, text: str) -> tuple[Reading, ...]:
        """The treebanks' readings of the form that Morfeusz lacks ("niż" as ``comp``)."""
        return tuple(Reading(tag, Analysis(lemma, tag))
                     for tag, lemma in self.extra.get(text.lower(), ()))

    @classmethod
    def load(cls, path: Path) -> "Tables":
        return cls(**json.loads(path.read_text(encoding="utf-8")))

    def upos_of(self, lemma: str, tag: str, predicted: str = "") -> str:
        """The treebanks' UPOS of (lemma, tag); the tagger's where they vary ("być")."""
        key = f"{lemma}\t{tag}"
        if predicted and key in self.upos_open:
            return predicted
        return (self.upos.get(key) or self.upos_by_lemma.get(f"{lemma}\t{tag.split(':', 1)[0]}")
                or default_upos(lemma, tag, self.upos_by_tag))

    def feats_of(self, lemma: str, upos: str, tag: str) -> str:
        hit = self.feats.get(f"{lemma}\t{upos}\t{tag}")
        if hit is not None:
            return hit
        return self.feats_by_tag.get(f"{upos}\t{tag}", "")


class UDTagger:
    """Chooses each token's Morfeusz reading with the UD tagger's tag scores."""

    def __init__(self, model_path: Path, unseen_weight: float = 1e-3):
        import spacy

        self.nlp = spacy.load(model_path)
        self.tagger = self.nlp.get_pipe("tagger")
        labels = [lab.split(SEP, 1) if SEP in lab else ["", lab] for lab in self.tagger.labels]
        self.label_upos = [u for u, _ in labels]
        self.tags = sorted({t for _, t in labels})
        self.index = {t: i for i, t in enumerate(self.tags)}
        classes = sorted({t.split(":", 1)[0] for t in self.tags})
        self.class_index = {c: i for i, c in enumerate(classes)}
        # label -> tag and tag -> class sums (tag scores; a class marginal for tags the
        # tagger never saw) as column sums over contiguous runs: labels ordered by tag,
        # tags are sorted so each class is one run
        tag_of_label = np.array([self.index[t] for _, t in labels], dtype="int64")
        self.label_order = np.argsort(tag_of_label, kind="stable")
        self.tag_starts = np.searchsorted(tag_of_label[self.label_order], np.arange(len(self.tags)))
        self.labels_of_tag: list[list[int]] = [[] for _ in self.tags]
        for i, j in enumerate(tag_of_label):
            self.labels_of_tag[j].append(i)
        class_of_tag = np.array([self.class_index[t.split(":", 1)[0]] for t in self.tags])
        self.class_starts = np.searchsorted(class_of_tag, np.arange(len(classes)))
        self.number_tags = np.array([i for i, t in enumerate(self.tags)
                                     if t.split(":", 1)[0] in NUMBER_CLASSES], dtype="int64")
        self.tables = Tables.load(Path(model_path) / TABLES_FILE)
        self.unseen_weight = unseen_weight
        self._cands: dict[str, Candidates] = {}

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 32):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        if batch:
            yield from self._tag(batch)

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        scores = self.tagger.model.predict(docs)
        for doc, probs in zip(docs, scores):
            probs = self.tagger.model.ops.to_numpy(probs)
            tag_probs = np.add.reduceat(probs[:, self.label_order], self.tag_starts, axis=1)
            marginals = np.add.reduceat(tag_probs, self.class_starts, axis=1)
            for token, lp, p, m in zip(doc, probs, tag_probs, marginals):
                if not token.is_space:
                    self._set(token, lp, p, m)
        return docs

    def candidates(self, text: str) -> "Candidates":
        """The form's readings, tie-break order first, with their tag/class indices."""
        cached = self._cands.get(text)
        if cached is None:
            low = text.lower()
            # ties (same tag, several lemmas): the treebanks' choice, then NKJP1M frequency
            rs = sorted(readings(text) + self.tables.extra_readings(text), key=lambda r: (
                r.analysis.lemma != self.tables.lemma.get(f"{low}\t{r.tag}"),
                -min(lemma_frequency(r.analysis), 1000)))
            tags = np.array([self.index.get(r.tag, -1) for r in rs], dtype="int64")
            classes = np.array([self.class_index.get(r.analysis.pos, -1) for r in rs], dtype="int64")
            has_brev = any(r.analysis.pos == "brev" for r in rs)
            cased = len({r.analysis.lemma[:1].isupper() for r in rs}) > 1
            number = not rs and any(a.pos == "dig" for a in analyse(text))
            if len(self._cands) >= MAX_CACHED_FORMS:  # bounded memory on long runs
                self._cands.clear()
            cached = self._cands[text] = Candidates(tuple(rs), tags, classes, has_brev, cased,
                                                    number)
        return cached

    def _set(self, token, lp: np.ndarray, p: np.ndarray, m: np.ndarray) -> None:
        text = token.text
        c = self.candidates(text)
        if c.number:
            j = int(self.number_tags[p[self.number_tags].argmax()])
        else:
            j = int(p.argmax())
        tag = self.tags[j]
        best = None
        if c.readings and not (tag.startswith("brev") and not c.has_brev and p[j] > 0.5):
            unseen = np.where(c.classes >= 0, self.unseen_weight * m[c.classes], 0.0)
            scores = np.where(c.tags >= 0, p[c.tags], unseen)
            k = int(scores.argmax())  # first maximum: tie-break order
            best = c.readings[k]
            tag = best.tag
            j = self.index.get(tag, -1)
        upos = self._upos(lp, j)
        if best is None:  # unknown to Morfeusz, a number, or an abbreviation read as a word
            lemma = text
        else:
            if c.cased:  # "Warszawa" or "warszawa": a proper noun in context?
                want_upper = upos == "PROPN" if upos else (text[:1].isupper() and not token.is_sent_start)
                tied = [r for r, sc in zip(c.readings, scores) if sc == scores[k]]
                best = next((r for r in tied if r.analysis.lemma[:1].isupper() == want_upper), best)
            lemma = display_lemma(best.analysis, text)
        if tag.startswith("brev"):  # "r" -> "rok", as in the treebanks
            lemma = self.tables.lemma.get(f"{text.rstrip('.').lower()}\t{tag}", lemma)
        upos = self.tables.upos_of(lemma, tag, upos)
        token.tag_ = tag
        token.pos_ = upos
        token.set_morph(self.tables.feats_of(lemma, upos, tag) or None)
        token.lemma_ = lemma
        token._.nkjp_tag = tag

    def _upos(self, lp: np.ndarray, j: int) -> str:
        """The tagger's UPOS for tag index ``j`` (joint labels), "" when it has none."""
        if j < 0:
            return ""
        labels = self.labels_of_tag[j]
        return self.label_upos[max(labels, key=lambda i: lp[i])]


@dataclass(frozen=True)
class Candidates:
    readings: tuple[Reading, ...]
    tags: np.ndarray      # tag index per reading, -1 for a tag the tagger never saw
    classes: np.ndarray   # class index per reading (for the class marginal), -1 if never seen
    has_brev: bool
    cased: bool           # lemmas differing in case only by reading ("Warszawa"/"warszawa")
    number: bool = False  # digits with no other reading: a NUMBER_CLASSES tag


def default_upos(lemma: str, tag: str, upos_by_tag: dict[str, str]) -> str:
    """Nouns are PROPN with a capitalised lemma and NOUN otherwise, as everywhere in the
    treebanks (pronouns such as "to", "co" come from the (lemma, tag) table; a tag's most
    frequent UPOS can be PROPN, "subst:sg:nom:m1", or PRON, "subst:sg:nom:n:ncol");
    numbers in digits with a numeral tag are NUM (the tag's usual UPOS may be DET, from
    "kilka"); other classes: the tag's usual UPOS."""
    cls = tag.split(":", 1)[0]
    if cls in ("subst", "depr"):
        return "PROPN" if lemma[:1].isupper() else "NOUN"
    if cls == "num" and any(ch.isdigit() for ch in lemma):
        return "NUM"  # "10 osób": every num-tagged number in digits of the treebanks (171)
    return upos_by_tag.get(tag) or UPOS_OF_CLASS.get(cls, "X")


@lru_cache(maxsize=100_000)
def display_lemma(a: Analysis, text: str) -> str:
    """Morfeusz's lemma; a capitalised prefix of a common compound is lower-cased
    ("Społeczno-Zawodowej" -> "społeczno-zawodowy"), names keep theirs."""
    lemma = a.lemma
    if "-" in lemma and not (NAME_LABELS & set(a.labels)) and lemma[:1].isupper() \
            and lemma[1:2].islower():
        return lemma[0].lower() + lemma[1:]
    return lemma


def resolve_model(path: str | Path) -> Path:
    """The model folder under the package's ``models/`` (never the current folder)."""
    return model_path(path)


@Language.factory("wizyty_ud_tagger", default_config={"model": "models/ud_pl/model"})
def make_ud_tagger(nlp: Language, name: str, model: str):
    return UDTagger(resolve_model(model))

"""Per-report lookups of the people step (institutions by position, by sentence, by
lemma), built once per Doc so that roles and organisations stay linear in its length."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..extensions import lemma_set, sentence_of

KEY = "wizyty_people_index"


def usable(s: Span) -> bool:
    a = s._.attrs or {}
    return not (a.get("bare") or a.get("plural") or a.get("ner"))


@dataclass
class PeopleIndex:
    by_start: dict[int, Span] = field(default_factory=dict)           # every institution
    by_end: dict[int, Span] = field(default_factory=dict)
    named_by_start: dict[int, Span] = field(default_factory=dict)     # not bare
    usable: list[Span] = field(default_factory=list)
    usable_by_start: dict[int, Span] = field(default_factory=dict)
    usable_by_sentence: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))
    base: dict[tuple[int, int], str] = field(default_factory=dict)
    people_starts: set[int] = field(default_factory=set)
    named_orgs: list[tuple[int, str, str]] = field(default_factory=list)  # (start, head lemma, name) read after roles
    _of_kind: dict[str, list[Span]] = field(default_factory=dict)

    def of_kind(self, doc: Doc, head: str) -> list[Span]:
        """Usable institutions with a proper name (capitalised or quoted) whose name has
        the lemma ``head``, in reading order."""
        if head not in self._of_kind:
            self._of_kind[head] = [s for s in self.usable
                                   if any(head in lemma_set(doc, i) for i in range(s.start, s.end))
                                   and any(t.text[:1].isupper() or t.text in {"„", '"'} for t in s)]
        return self._of_kind[head]


def build(doc: Doc) -> PeopleIndex:
    idx = PeopleIndex()
    for s in doc.spans.get("institutions", []):
        idx.by_start.setdefault(s.start, s)
        idx.by_end.setdefault(s.end, s)
        if not (s._.attrs or {}).get("bare"):
            idx.named_by_start.setdefault(s.start, s)
        if usable(s):
            idx.usable.append(s)
            idx.usable_by_start.setdefault(s.start, s)
            idx.usable_by_sentence[sentence_of(doc, s.start).start].append(s)
            idx.base[(s.start, s.end)] = (s._.attrs or {}).get("full") or s._.base
    idx.people_starts = {s.start for s in doc.spans.get("people", [])}
    doc.user_data[KEY] = idx
    return idx


def get(doc: Doc) -> PeopleIndex:
    idx = doc.user_data.get(KEY)
    return idx if isinstance(idx, PeopleIndex) else build(doc)

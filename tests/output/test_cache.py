"""The incremental cache: keyed by doc id + file hash under a pipeline fingerprint."""
from __future__ import annotations

from extract.output.cache import ResultCache, fingerprint
from extract.records import Extraction, Host, Topic, Visit


def extraction() -> Extraction:
    v = Visit("r1-abc", "r1", title="Wizyta w Łomży", participants_count=12)
    return Extraction(visit=v, hosts=[Host("r1-h1", "r1-abc", "r1", "Spółdzielnia Socjalna „Opoka”",
                                           "SPOLDZIELNIA_SOCJALNA", city="Klucze", start_char=3, end_char=9)],
                      topics=[Topic("r1-abc", "r1", "ekonomia_spoleczna", 0.75)])


def test_put_get_round_trip(tmp_path):
    cache = ResultCache(tmp_path, "f" * 64)
    cache.put("r1", "0" * 64, extraction(), 120)
    ex, words = cache.get("r1", "0" * 64)
    assert ex == extraction() and words == 120
    assert cache.get("r1", "1" * 64) is None  # the file changed
    assert cache.get("r2", "0" * 64) is None  # another document with the same bytes


def test_fingerprint_follows_the_settings_and_data(tmp_path):
    base = fingerprint({"overrides": {}})
    assert base == fingerprint({"overrides": {}})
    assert base != fingerprint({"overrides": {"components.wizyty_topics.threshold": 0.5}})
    extra = tmp_path / "cues.csv"
    extra.write_text("topic,cue\n", encoding="utf-8")
    with_file = fingerprint({"overrides": {}}, [extra])
    extra.write_text("topic,cue\nseniorzy,senior\n", encoding="utf-8")
    assert fingerprint({"overrides": {}}, [extra]) != with_file


def test_prune_keeps_only_the_current_fingerprint(tmp_path):
    old = ResultCache(tmp_path, "a" * 64)
    old.put("r1", "0" * 64, extraction(), 1)
    new = ResultCache(tmp_path, "b" * 64)
    new.put("r1", "0" * 64, extraction(), 1)
    new.prune()
    assert not old.dir.exists() and new.get("r1", "0" * 64) is not None


def test_fingerprint_sees_a_same_size_change_made_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("WIZYTY_CACHE", str(tmp_path / "cache"))
    extra = tmp_path / "cues.csv"
    extra.write_text("topic,cue\nseniorzy,senior\n", encoding="utf-8")
    first = fingerprint({"overrides": {}}, [extra])
    extra.write_text("topic,cue\nseniorzy,seniox\n", encoding="utf-8")  # same size, same second
    assert fingerprint({"overrides": {}}, [extra]) != first


def test_fingerprint_remembers_digests_of_unchanged_files(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("WIZYTY_CACHE", str(tmp_path / "cache"))
    extra = tmp_path / "cues.csv"
    extra.write_text("topic,cue\nseniorzy,senior\n", encoding="utf-8")
    old = extra.stat().st_mtime_ns - 10**10  # written ten seconds ago
    os.utime(extra, ns=(old, old))
    first = fingerprint({"overrides": {}}, [extra])
    assert list((tmp_path / "cache").glob("file-digests-*.pickle"))
    assert fingerprint({"overrides": {}}, [extra]) == first
    extra.write_text("topic,cue\nseniorzy,senior\nrodzina,rodzina\n", encoding="utf-8")
    assert fingerprint({"overrides": {}}, [extra]) != first

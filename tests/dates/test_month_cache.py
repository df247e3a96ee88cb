"""dateparser's month readings kept on disk: read back in a new process, per version."""
import pytest

from extract import disk_cache
from extract.dates import normalise


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("WIZYTY_CACHE", str(tmp_path))
    normalise.month_by_dateparser.cache_clear()
    normalise._known_months.cache_clear()
    yield tmp_path
    normalise.month_by_dateparser.cache_clear()
    normalise._known_months.cache_clear()


def test_readings_are_stored_and_read_back(fresh):
    assert normalise.month_by_dateparser("września") == 9
    assert normalise.month_by_dateparser("marketów") is None
    (path,) = fresh.glob(f"{normalise.MONTHS_CACHE}-*.pickle")
    digest, known = normalise._known_months()
    assert known == {"września": 9, "marketów": None}
    # a new process: the stored readings are used (here one is altered to show it)
    disk_cache.save(normalise.MONTHS_CACHE, digest, {"września": 9, "marketów": 3})
    normalise.month_by_dateparser.cache_clear()
    normalise._known_months.cache_clear()
    assert normalise.month_by_dateparser("marketów") == 3
    assert normalise.by_dateparser(12, "września", 2013) == 9


def test_a_broken_file_or_another_version_is_not_used(fresh):
    normalise.month_by_dateparser("maja")
    (path,) = fresh.glob(f"{normalise.MONTHS_CACHE}-*.pickle")
    path.write_bytes(b"not a pickle")
    normalise.month_by_dateparser.cache_clear()
    normalise._known_months.cache_clear()
    assert normalise.month_by_dateparser("maja") == 5
    digest, _ = normalise._known_months()
    assert disk_cache.load(normalise.MONTHS_CACHE, digest[::-1]) is None

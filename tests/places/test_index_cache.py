"""The gazetteer's first-word index kept on disk: same index, rebuilt when stale or broken."""
import pickle

from extract.places import index_cache
from extract.places.gazetteer import Gazetteer


def test_index_is_stored_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("WIZYTY_CACHE", str(tmp_path))
    built = Gazetteer.load().first_index
    files = list(tmp_path.glob("gazetteer-index-*.pickle"))
    assert len(files) == 1
    fresh = Gazetteer.load()
    assert fresh.first_index == built
    # inflected mentions still match through the stored index
    assert [m.names for m in fresh.match_at(["Bystrzycy", "Kłodzkiej"])][0] == ("Bystrzyca Kłodzka",)


def test_broken_or_foreign_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("WIZYTY_CACHE", str(tmp_path))
    good = Gazetteer.load().first_index
    (path,) = tmp_path.glob("gazetteer-index-*.pickle")
    path.write_bytes(b"not a pickle")
    assert Gazetteer.load().first_index == good
    digest = Gazetteer.load()._index_key()
    with open(path, "wb") as f:  # same file name, stored for another key: not used
        pickle.dump((digest[::-1], {"x": []}), f)
    assert index_cache.load(digest) is None
    assert Gazetteer.load().first_index == good


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("WIZYTY_CACHE", "off")
    assert index_cache.cache_dir() is None
    assert Gazetteer.load().first_index
    assert not list(tmp_path.iterdir())

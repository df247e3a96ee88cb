"""All-or-nothing output: a failure anywhere leaves the previous run's files, never a mix."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from extract import tables as tables_mod
from extract.output import atomic
from extract.records import Extraction, Host, Visit
from extract.tables import read_tables, to_frames, write_tables

NAMES = ["visits", "hosts", "people", "places", "topics"]


def sample() -> list[Extraction]:
    v = Visit("r001-v1", "r001", title="Wizyta studyjna w Łomży", organizer="ROPS w Białymstoku")
    return [Extraction(visit=v, hosts=[Host("r001-h1", "r001-v1", "r001", "Spółdzielnia Socjalna „Pod Dachem”",
                                            "SPOLDZIELNIA_SOCJALNA", city="Łomża", mention="Spółdzielnię",
                                            start_char=10, end_char=21)])]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every visible file (texts/ included) with its bytes; no staging or backup folder."""
    files = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out)
        if p.is_file() and not rel.parts[0].startswith("."):
            files[rel.as_posix()] = p.read_bytes()
    return files


def hidden_folders(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.is_dir() and p.name.startswith(".wizyty-")]


def previous_run(out: Path) -> dict[str, bytes]:
    old = to_frames([Extraction(Visit("r000-v1", "r000", title="Poprzedni przebieg"))])
    write_tables(old, out, formats=("csv", "sqlite"), texts={"r000": "Poprzedni przebieg\n"})
    return snapshot(out)


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_mid_write_keeps_previous_tables(tmp_path, monkeypatch, error):
    out = tmp_path / "out"
    before = previous_run(out)
    real = tables_mod._write_csv
    calls = []

    def flaky(df, path):
        calls.append(path.name)
        if len(calls) == 3:  # visits and hosts done, then people fails half-way
            path.write_text("person_id,visit_id\nr001-p1,", encoding="utf-8")
            raise error
        real(df, path)

    monkeypatch.setattr(tables_mod, "_write_csv", flaky)
    with pytest.raises(type(error)):
        write_tables(to_frames(sample()), out, formats=("csv", "sqlite"), texts={"r001": "Nowy"})
    assert snapshot(out) == before
    assert hidden_folders(out) == []
    assert calls[:3] == ["visits.csv", "hosts.csv", "people.csv"]


def test_failure_in_sqlite_keeps_previous_csv(tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = previous_run(out)

    def broken(frames, path):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(tables_mod, "_write_sqlite", broken)
    with pytest.raises(sqlite3.OperationalError):
        write_tables(to_frames(sample()), out, formats=("csv", "sqlite"))
    assert snapshot(out) == before


@pytest.mark.parametrize("fail_at", [1, 5, 9, 12, 16])
def test_a_rename_that_fails_rolls_every_table_back(tmp_path, monkeypatch, fail_at):
    """The swap itself fails (the k-th rename): all tables stay the previous run's."""
    out = tmp_path / "out"
    before = previous_run(out)
    real_replace = os.replace
    calls = []

    def failing(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == fail_at:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(OSError):
        write_tables(to_frames(sample()), out, formats=("csv", "sqlite"), texts={"r001": "Nowy tekst"})
    monkeypatch.undo()
    assert snapshot(out) == before
    assert hidden_folders(out) == []


def test_success_replaces_everything_together(tmp_path):
    out = tmp_path / "out"
    previous_run(out)
    frames = to_frames(sample())
    write_tables(frames, out, formats=("csv",), texts={"r001": "Nowy tekst\r\n"})
    after = snapshot(out)
    # the sqlite file of the previous run (a format not asked for now) went in the same swap
    assert sorted(after) == sorted([f"{n}.csv" for n in NAMES] + ["texts/r001.txt"])
    assert after["texts/r001.txt"] == "Nowy tekst\r\n".encode("utf-8")
    assert read_tables(out)["hosts"]["name"].tolist() == ["Spółdzielnia Socjalna „Pod Dachem”"]
    assert hidden_folders(out) == []


def test_killed_mid_swap_is_rolled_back_by_the_next_writer(tmp_path, monkeypatch):
    """A process killed between renames leaves its journal; the next write repairs first."""
    out = tmp_path / "out"
    before = previous_run(out)
    real_replace = os.replace
    calls = []

    class Killed(BaseException):
        pass

    def die(src, dst):
        calls.append(dst)
        if len(calls) == 12:
            raise Killed  # like SIGKILL: no rollback runs
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", die)
    monkeypatch.setattr(atomic, "_rollback", lambda backup, out: None)
    with pytest.raises(Killed):
        write_tables(to_frames(sample()), out, formats=("csv", "sqlite"))
    monkeypatch.undo()
    assert snapshot(out) != before  # half swapped, as a killed process would leave it
    with atomic.output_lock(out):
        atomic.recover(out)
    assert snapshot(out) == before
    assert hidden_folders(out) == []


def test_staging_folders_left_by_a_killed_run_are_removed(tmp_path):
    stale = tmp_path / ".wizyty-tmp-stary"
    stale.mkdir()
    (stale / "visits.csv").write_text("visit_id\n", encoding="utf-8")
    write_tables(to_frames(sample()), tmp_path)
    assert not stale.exists()


def test_a_second_writer_is_refused_while_one_writes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with atomic.output_lock(out):
        with pytest.raises(tables_mod.TableWriteError, match="another wizyty run"):
            write_tables(to_frames(sample()), out)
    assert not (out / "visits.csv").exists()


def test_manifest_lists_what_the_run_wrote(tmp_path):
    write_tables(to_frames(sample()), tmp_path, formats="csv,sqlite")
    names = json.loads((tmp_path / atomic.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(names) == sorted([f"{n}.csv" for n in NAMES] + ["wizyty.sqlite"])


def test_doc_id_cannot_escape_the_texts_folder(tmp_path):
    with pytest.raises(tables_mod.TableWriteError, match="outside"):
        write_tables(to_frames(sample()), tmp_path / "out", texts={"../../etc/x": "tekst"})
    assert not (tmp_path / "etc").exists()

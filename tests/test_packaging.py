"""A regular install (a wheel, not editable) carries models/ and runs from any folder."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("wheel")
    if not (ROOT / "setup.py").exists() or not (ROOT / "models").is_dir():
        pytest.skip("not a source checkout")
    dist = tmp_path_factory.mktemp("dist")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                          "-q", "-w", str(dist), str(ROOT)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    (path,) = dist.glob("wizyty-*.whl")
    return path


def test_wheel_ships_rules_gazetteer_lexicon_and_model(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("extract/config.cfg", "extract/models/resources/topic_cues.csv",
                   "extract/models/resources/abbreviations.txt",
                   "extract/models/gazetteer/pl_localities.tsv", "extract/models/lexicon/lemma_freq.tsv",
                   "extract/models/nkjp_pl/model/meta.json", "extract/reading/pdf.py"):
        assert needed in names, needed
    assert not any("/corpus/" in n or "/training/" in n or "__pycache__" in n for n in names)


def test_installed_wheel_runs_from_another_folder(wheel, tmp_path, corpus_dir):
    site = tmp_path / "site"
    res = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                          str(wheel)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "topic_cues.csv").write_text("topic,cue,weight\nseniorzy,w,9\n", encoding="utf-8")
    shutil.copy(corpus_dir / "raw" / "000_d76f0b402b4264de.txt", elsewhere / "raport.txt")
    env = dict(os.environ, PYTHONPATH=str(site))
    probe = subprocess.run([sys.executable, "-c", "import extract.resources as r; print(r.MODELS_DIR)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert Path(probe.stdout.strip()) == site / "extract" / "models"
    res = subprocess.run([sys.executable, "-m", "extract", "run", "raport.txt", "--out", "out", "-q"],
                         cwd=elsewhere, env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    with open(elsewhere / "out" / "hosts.csv", encoding="utf-8", newline="") as f:
        hosts = list(csv.DictReader(f))
    assert ("Zakład Aktywności Zawodowej „Poligrafia”", "ZAZ") in {(h["name"], h["type"]) for h in hosts}
    # the same tables as the checkout gives: its own cues, not the topic_cues.csv lying there
    from extract.cli import main

    here = tmp_path / "checkout-out"
    assert main(["run", str(elsewhere / "raport.txt"), "--out", str(here), "-q"]) == 0
    for table in ("hosts.csv", "topics.csv", "places.csv"):
        assert (elsewhere / "out" / table).read_bytes() == (here / table).read_bytes(), table

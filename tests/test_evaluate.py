"""The project's scorer: hand-checked figures, and identical results to the shared score.py."""
from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract import evaluate  # noqa: E402
from extract.evaluate import fold, format_report, greedy_match, score, similar  # noqa: E402

SHARED_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"
REPO_GOLD = ROOT / "corpus" / "gold"
SHARED_GOLD = ROOT.parent / "shared" / "corpus" / "gold"

COLUMNS = {
    "visits": ["visit_id", "doc_id", "title", "start_date", "end_date", "organizer",
               "organizer_city", "participants_count", "source_path"],
    "hosts": ["host_id", "visit_id", "doc_id", "name", "type", "city", "voivodeship",
              "operator", "mention", "start_char", "end_char"],
    "people": ["person_id", "visit_id", "doc_id", "name", "role", "organization", "mention",
               "start_char", "end_char"],
    "places": ["visit_id", "doc_id", "name", "voivodeship", "mention", "start_char", "end_char"],
    "topics": ["visit_id", "doc_id", "topic", "score", "evidence"],
}


def load_shared():
    if not SHARED_SCORER.exists():
        pytest.skip(f"shared scorer not found at {SHARED_SCORER}")
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_gold(d: Path, docs: list[dict]) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for g in docs:
        (d / f"{g['doc_id']}.json").write_text(json.dumps(g, ensure_ascii=False, indent=1),
                                              encoding="utf-8")
    return d


def write_pred(d: Path, rows: dict[str, list[dict]]) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for table, cols in COLUMNS.items():
        if table not in rows:
            continue
        with open(d / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols + ["rule"], extrasaction="ignore")
            w.writeheader()
            for r in rows[table]:
                w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return d


GOLD_A = {
    "doc_id": "a",
    "visit": {"title": "Wizyta studyjna w województwie kujawsko-pomorskim",
              "start_date": "2011-07-05", "end_date": "2011-07-08",
              "organizer": "Regionalny Ośrodek Polityki Społecznej", "organizer_city": "Białystok",
              "participants_count": 25, "regions": ["kujawsko-pomorskie", "podlaskie"]},
    "hosts": [
        {"name": "Zakład Aktywności Zawodowej „Poligrafia”", "type": "ZAZ", "city": "Bydgoszcz"},
        {"name": "Fundacja „Wiatrak”", "type": "FUNDACJA", "city": "Bydgoszcz"},
        {"name": "Spółdzielnia Socjalna „Pod Dachem”", "type": "SPOLDZIELNIA_SOCJALNA",
         "city": "Łomża"},
        {"name": "Brodnickie Centrum Caritas", "type": "KOSCIELNA", "city": "Brodnica"},
    ],
    "people": [
        {"name": "Ewa Żmuda", "role": "zastępca dyrektora",
         "organization": "Wrocławskie Centrum Integracji"},
        {"name": "Jarosław Pilecki", "role": "prezes", "organization": "Fundacja „Wiatrak”"},
    ],
    "places": ["Bydgoszcz", "Brodnica", "Łomża"],
    "topics": ["ekonomia_spoleczna", "niepelnosprawnosc"],
}
GOLD_B = {
    "doc_id": "b",
    "visit": {"title": None, "start_date": "2019-05-14", "end_date": "2019-05-14",
              "organizer": "Mazowieckie Centrum Polityki Społecznej", "organizer_city": "Warszawa",
              "participants_count": None, "regions": []},
    "hosts": [{"name": "Centrum Integracji Społecznej", "type": "CIS", "city": "Wilno"}],
    "people": [],
    "places": ["Wilno"],
    "topics": ["reintegracja"],
}
GOLD_C = {"doc_id": "c", "visit": {"title": "Dobre praktyki"}, "hosts": [], "people": [],
          "places": [], "topics": []}

PRED_A_B = {
    "visits": [
        {"visit_id": "a-1", "doc_id": "a", "title": "Wizyta studyjna w województwie kujawsko-pomorskim",
         "start_date": "2011-07-05", "end_date": "2011-07-08",
         "organizer": "regionalny ośrodek polityki społecznej", "organizer_city": "Białystok",
         "participants_count": "25"},
        {"visit_id": "b-1", "doc_id": "b", "title": "", "start_date": "2019-05-14",
         "end_date": "2019-05-15", "organizer": "Mazowieckie Centrum Polityki Społecznej",
         "organizer_city": "Warszawa", "participants_count": ""},
    ],
    "hosts": [
        # exact (quotes differ only): strict match, exact name
        {"doc_id": "a", "name": "Zakład Aktywności Zawodowej \"Poligrafia\"", "type": "ZAZ",
         "city": "Bydgoszcz"},
        # right name, wrong type: only a loose match
        {"doc_id": "a", "name": "Fundacja Wiatrak", "type": "STOWARZYSZENIE", "city": "Bydgoszcz"},
        # inflected name (not base form): strict match (>= 0.8) but not exact
        {"doc_id": "a", "name": "Spółdzielni Socjalnej „Pod Dachem”", "type": "SPOLDZIELNIA_SOCJALNA",
         "city": "Łomża"},
        # spurious
        {"doc_id": "a", "name": "Urząd Marszałkowski", "type": "JST", "city": "Toruń"},
        {"doc_id": "b", "name": "Centrum Integracji Społecznej", "type": "CIS", "city": "Wilno"},
    ],
    "people": [
        {"doc_id": "a", "name": "Ewa Żmuda", "role": "z-ca dyrektora",
         "organization": "Wrocławskie Centrum Integracji"},
        {"doc_id": "a", "name": "jarosław pilecki", "role": "prezes", "organization": ""},
        {"doc_id": "a", "name": "Jarosławem Pileckim", "role": "prezes", "organization": ""},
    ],
    "places": [
        {"doc_id": "a", "name": "Bydgoszcz", "voivodeship": "kujawsko-pomorskie"},
        {"doc_id": "a", "name": "Bydgoszcz", "voivodeship": "kujawsko-pomorskie"},
        {"doc_id": "a", "name": "Łomży", "voivodeship": "podlaskie"},
        {"doc_id": "a", "name": "Toruń", "voivodeship": "kujawsko-pomorskie"},
        {"doc_id": "b", "name": "Wilno", "voivodeship": ""},
    ],
    "topics": [
        {"doc_id": "a", "topic": "ekonomia_spoleczna", "score": 0.9},
        {"doc_id": "a", "topic": "wspolpraca", "score": 0.4},
        {"doc_id": "b", "topic": "reintegracja", "score": 0.7},
    ],
}


def test_fold_and_similar_on_polish_names():
    assert fold("Fundacja „Wiatrak”") == fold("fundacja \"WIATRAK\"") == "fundacja wiatrak"
    assert fold("Łomża") != fold("Lomza")  # diacritics kept
    assert fold("Wrocław–Tarnogaj") == "wrocław-tarnogaj"
    assert fold(None) == ""
    assert similar(None, "") == 1.0
    assert similar("Spółdzielnia Socjalna", "Spółdzielni Socjalnej") > 0.8


def test_greedy_match_takes_best_pairs_first_and_is_one_to_one():
    gold = ["Fundacja Wiatrak", "Fundacja Wiatraki"]
    pred = ["Fundacja Wiatraki"]
    pairs = greedy_match(gold, pred, lambda a, b: True, similar)
    assert pairs == [("Fundacja Wiatraki", "Fundacja Wiatraki")]


def test_hand_checked_figures(tmp_path):
    gold = write_gold(tmp_path / "gold", [GOLD_A, GOLD_B, GOLD_C])
    pred = write_pred(tmp_path / "pred", PRED_A_B)
    res = score(gold, pred)
    assert res["docs"] == 3
    # hosts: gold 5, pred 5; strict: Poligrafia, Pod Dachem, CIS Wilno = 3
    assert res["hosts"] == {"p": 0.6, "r": 0.6, "f1": 0.6, "gold": 5, "pred": 5}
    # loose adds Fundacja Wiatrak (type wrong)
    assert res["hosts_loose"]["f1"] == 0.8
    assert res["host_name_exact"] == round(2 / 3, 3)
    assert res["host_type_given_name"] == 0.75
    # people: Ewa Żmuda and jarosław pilecki (case-blind); the inflected form is no match
    assert res["people"] == {"p": round(2 / 3, 3), "r": 1.0, "f1": 0.8, "gold": 2, "pred": 3}
    assert res["person_role"] == 0.5  # "z-ca dyrektora" is not the expanded role
    assert res["person_org"] == 0.5
    # places: a: {bydgoszcz, łomży, toruń} vs {bydgoszcz, brodnica, łomża}; b: wilno
    assert res["places"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "gold": 4, "pred": 4}
    assert res["regions"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold": 2, "pred": 2}
    assert res["topics"] == {"p": round(2 / 3, 3), "r": round(2 / 3, 3), "f1": round(2 / 3, 3),
                             "gold": 3, "pred": 3}
    # visits: c has no visit row -> every visit field fails for it
    assert res["dates"] == round(1 / 3, 3)
    assert res["organizer"] == round(2 / 3, 3)
    assert res["participants"] == round(2 / 3, 3)
    assert res["title"] == round(2 / 3, 3)
    parts = [res["dates"], res["organizer"], 0.6, 0.8, 0.5, round(2 / 3, 3)]
    assert res["overall"] == round(sum(parts) / 6, 3)
    assert res["per_doc"]["a"] == {"hosts_gold": 4, "hosts_pred": 4, "hosts_matched": 2,
                                   "people_gold": 2, "people_matched": 2}


def test_only_and_missing_tables(tmp_path):
    gold = write_gold(tmp_path / "gold", [GOLD_A, GOLD_B])
    pred = tmp_path / "empty"
    pred.mkdir()
    res = score(gold, pred, only={"b"})
    assert res["docs"] == 1
    assert res["hosts"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "gold": 1, "pred": 0}
    assert res["regions"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold": 0, "pred": 0}
    assert res["person_role"] is None
    assert res["dates"] == 0.0


def test_format_report_lines(tmp_path):
    gold = write_gold(tmp_path / "gold", [GOLD_A, GOLD_B])
    pred = write_pred(tmp_path / "pred", PRED_A_B)
    lines = format_report(score(gold, pred)).splitlines()
    assert lines[0] == f"{'docs':22s} 2"
    assert lines[1].startswith("hosts                  P=0.600 R=0.600 F1=0.600  (gold 5, pred 5)")
    assert lines[-1].startswith("overall")
    assert not any(line.startswith("per_doc") for line in lines)


def test_bad_gold_file_names_the_file(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "zepsuty.json").write_text("{nie json", encoding="utf-8")
    with pytest.raises(ValueError, match="zepsuty.json"):
        score(gold, tmp_path)


# --------------------------------------------------------------------------- vs. shared scorer


def shared_result(mod, gold: Path, pred: Path, only=None) -> tuple[dict, str]:
    res = mod.score(str(gold), str(pred), only)
    argv = ["score.py", "--gold", str(gold), "--pred", str(pred)]
    if only:
        argv += ["--docs", ",".join(sorted(only))]
    out = io.StringIO()
    old = sys.argv
    try:
        sys.argv = argv
        with contextlib.redirect_stdout(out):
            mod.main()
    finally:
        sys.argv = old
    return res, out.getvalue()


def assert_same(mod, gold: Path, pred: Path, only=None) -> dict:
    theirs, printed = shared_result(mod, gold, pred, only)
    ours = score(gold, pred, only)
    assert ours == theirs
    assert list(ours) == list(theirs)  # same order, so the same report lines
    assert format_report(ours) + "\n" == printed
    return ours


def test_same_as_shared_scorer_on_synthetic_data(tmp_path):
    mod = load_shared()
    gold = write_gold(tmp_path / "gold", [GOLD_A, GOLD_B, GOLD_C])
    pred = write_pred(tmp_path / "pred", PRED_A_B)
    assert_same(mod, gold, pred)
    assert_same(mod, gold, pred, only={"a", "c"})
    empty = tmp_path / "none"
    empty.mkdir()
    assert_same(mod, gold, empty)


def _perturb(name: str, rng: random.Random) -> str:
    """A plausible extraction error: inflection, lost diacritics, case, truncation, quotes."""
    choice = rng.randrange(7)
    if choice == 0:
        return name
    if choice == 1:
        return name.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ"))
    if choice == 2:
        return name.lower()
    if choice == 3:
        return " ".join(name.split()[:-1]) or name
    if choice == 4:
        return name.replace("„", "\"").replace("”", "\"")
    if choice == 5:
        return name[:-1] + "ej" if name.endswith("a") else name + "u"
    return name + " w Bydgoszczy"


def _pred_from_gold(golds: list[dict[str, Any]], rng: random.Random) -> dict[str, list[dict]]:
    """Noisy predictions derived from gold: drops, duplicates, perturbed names, wrong types."""
    rows: dict[str, list[dict]] = {t: [] for t in COLUMNS}
    types = ["CIS", "ZAZ", "FUNDACJA", "STOWARZYSZENIE", "JST", "INNE", "OPS"]
    for g in golds:
        doc, v = g["doc_id"], g.get("visit") or {}
        if rng.random() < 0.85:
            rows["visits"].append({
                "visit_id": doc + "-1", "doc_id": doc,
                "title": _perturb(v["title"], rng) if v.get("title") and rng.random() < 0.5 else v.get("title"),
                "start_date": v.get("start_date") if rng.random() < 0.7 else "2020-01-01",
                "end_date": v.get("end_date"),
                "organizer": _perturb(v["organizer"], rng) if v.get("organizer") else None,
                "organizer_city": v.get("organizer_city"),
                "participants_count": (v.get("participants_count") if rng.random() < 0.7
                                       else rng.choice([None, 0, 12, "12.0"])),
            })
        hosts = list(g.get("hosts") or [])
        rng.shuffle(hosts)
        for h in hosts:
            if rng.random() < 0.2:
                continue
            for _ in range(2 if rng.random() < 0.1 else 1):
                rows["hosts"].append({
                    "doc_id": doc, "name": _perturb(h["name"], rng),
                    "type": h.get("type") if rng.random() < 0.75 else rng.choice(types),
                    "city": h.get("city") if rng.random() < 0.8 else None})
        if rng.random() < 0.5:
            rows["hosts"].append({"doc_id": doc, "name": "Urząd Gminy", "type": "JST", "city": None})
        for p in g.get("people") or []:
            if rng.random() < 0.2:
                continue
            rows["people"].append({
                "doc_id": doc, "name": p["name"] if rng.random() < 0.8 else _perturb(p["name"], rng),
                "role": _perturb(p["role"], rng) if p.get("role") else None,
                "organization": _perturb(p["organization"], rng) if p.get("organization") else None})
        for pl in g.get("places") or []:
            if rng.random() < 0.8:
                rows["places"].append({"doc_id": doc, "name": pl if rng.random() < 0.8 else _perturb(pl, rng),
                                       "voivodeship": rng.choice((v.get("regions") or [None]) + [None])})
        for t in g.get("topics") or []:
            if rng.random() < 0.7:
                rows["topics"].append({"doc_id": doc, "topic": t, "score": round(rng.random(), 2)})
        if rng.random() < 0.5:
            rows["topics"].append({"doc_id": doc, "topic": "seniorzy", "score": 0.3})
    return rows


@pytest.mark.parametrize("gold_dir", [REPO_GOLD, SHARED_GOLD], ids=["repo_gold", "shared_gold"])
@pytest.mark.parametrize("seed", range(4))
def test_same_as_shared_scorer_on_noisy_real_gold(tmp_path, seed, gold_dir):
    mod = load_shared()
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.json")):
        pytest.skip(f"no gold annotations in {gold_dir}")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    rng = random.Random(seed)
    pred = write_pred(tmp_path / "pred", _pred_from_gold(golds, rng))
    res = assert_same(mod, gold_dir, pred)
    assert res["docs"] == len(golds)
    some = {g["doc_id"] for g in rng.sample(golds, k=min(5, len(golds)))}
    assert_same(mod, gold_dir, pred, only=some)


def test_same_as_shared_scorer_on_perfect_predictions(tmp_path):
    mod = load_shared()
    if not REPO_GOLD.is_dir():
        pytest.skip("no corpus/gold in this checkout")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(REPO_GOLD.glob("*.json"))]
    rows: dict[str, list[dict]] = {t: [] for t in COLUMNS}
    for g in golds:
        v = g.get("visit") or {}
        rows["visits"].append({"doc_id": g["doc_id"], **{k: v.get(k) for k in COLUMNS["visits"] if k in v}})
        rows["hosts"] += [{"doc_id": g["doc_id"], **h} for h in g.get("hosts") or []]
        rows["people"] += [{"doc_id": g["doc_id"], **p} for p in g.get("people") or []]
        regions = v.get("regions") or [None]
        rows["places"] += [{"doc_id": g["doc_id"], "name": p, "voivodeship": regions[i % len(regions)]}
                           for i, p in enumerate(g.get("places") or [])]
        rows["topics"] += [{"doc_id": g["doc_id"], "topic": t, "score": 1.0} for t in g.get("topics") or []]
    pred = write_pred(tmp_path / "pred", rows)
    res = assert_same(mod, REPO_GOLD, pred)
    assert res["hosts"]["f1"] == res["people"]["f1"] == res["topics"]["f1"] == 1.0
    assert res["dates"] == res["organizer"] == 1.0


def test_write_json_round_trips(tmp_path):
    gold = write_gold(tmp_path / "gold", [GOLD_A])
    pred = write_pred(tmp_path / "pred", PRED_A_B)
    res = score(gold, pred)
    evaluate.write_json(res, tmp_path / "wynik.json")
    assert json.loads((tmp_path / "wynik.json").read_text(encoding="utf-8")) == res

"""The rule data files are well-formed: lemma cues are Morfeusz lemmas, codes are known."""
import pytest

from extract.morph.analyser import analyse
from extract.resources import read_csv

HOST_TYPES = {"CIS", "KIS", "ZAZ", "WTZ", "SDS", "DPS", "OPS", "PCPR", "ROPS", "CUS", "OWES", "URZAD_PRACY",
              "SPOLDZIELNIA_SOCJALNA", "FUNDACJA", "STOWARZYSZENIE", "JST", "KOSCIELNA", "PRZEDSIEBIORSTWO",
              "INNE"}
TOPICS = {"ekonomia_spoleczna", "reintegracja", "niepelnosprawnosc", "deinstytucjonalizacja", "uslugi_spoleczne",
          "mieszkalnictwo", "bezdomnosc", "wspolpraca", "rozwoj_lokalny", "seniorzy", "rodzina_dzieci",
          "zdrowie_psychiczne"}


@pytest.mark.parametrize("name, column", [("topic_cues.csv", "cue"), ("institution_types.csv", "pattern")])
def test_cue_words_are_lemmas(name, column):
    """A cue written as an inflected form or a gerund never matches: rules compare lemmas."""
    wrong = []
    for row in read_csv(name):
        for word in row[column].split():
            readings = analyse(word)
            if all(a.pos == "ign" for a in readings):
                continue  # unknown to SGJP ("cis", "rlks"): matched by its surface form
            lemmas = {a.lemma.lower() for a in readings}
            if word not in lemmas:
                wrong.append((word, sorted(lemmas)))
    assert wrong == []


def test_codes_are_from_the_annotation_guide():
    assert {r["type"] for r in read_csv("institution_types.csv")} <= HOST_TYPES
    assert {r["type"] for r in read_csv("institution_abbreviations.csv")} <= HOST_TYPES
    assert {r["topic"] for r in read_csv("topic_cues.csv")} <= TOPICS


def test_resources_are_never_read_from_the_current_folder(tmp_path, monkeypatch):
    """A topic_cues.csv lying where wizyty runs must not replace the package's own."""
    from extract.resources import RESOURCES_DIR, model_path, resource_path

    (tmp_path / "topic_cues.csv").write_text("topic,cue,weight\nseniorzy,i,9\n", encoding="utf-8")
    (tmp_path / "models" / "nkjp_pl").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert resource_path("topic_cues.csv") == RESOURCES_DIR / "topic_cues.csv"
    assert {r["cue"] for r in read_csv("topic_cues.csv")} != {"i"}
    assert model_path("models/nkjp_pl/model").parent.parent.parent != tmp_path
    assert model_path(tmp_path / "abs") == tmp_path / "abs"

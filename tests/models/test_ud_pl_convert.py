"""Training data of the optional UD tagger (models/ud_pl/convert.py): LFG in PDB's conventions."""
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models" / "ud_pl"))

from convert import Word, harmonise  # noqa: E402


def word(form, lemma, upos, xpos):
    return Word(form, lemma, upos, xpos, "_", True)


# "To miejsce, czy jak dawniej jest puste?" as LFG annotates it
LFG = [word("To", "to", "VERB", "pred"), word("miejsce", "miejsce", "NOUN", "subst:sg:nom:n"),
       word("czy", "czy", "PART", "qub"), word("jak", "jak", "ADV", "adv:pos"),
       word("jest", "być", "AUX", "fin:sg:ter:imperf")]
PDB_UPOS = {("to", "pred"): "AUX"}
PDB_FORMS = {"jak": Counter(comp=89, adv=43, conj=8), "czy": Counter(part=32, conj=23)}


def test_lfg_tags_and_upos_in_pdb_conventions():
    out = harmonise(LFG, PDB_UPOS, PDB_FORMS)
    assert (out[0].upos, out[0].xpos) == ("AUX", "pred")   # PDB's UPOS where PDB is clear
    assert out[1].xpos == "subst:sg:nom:n:ncol"            # Morfeusz2's full neuter tag
    assert (out[2].upos, out[2].xpos) == ("PART", "part")  # "qub" is Morfeusz2's "part"
    assert out[4] is LFG[4]                                 # nothing to change


def test_function_word_tags_pdb_rarely_gives_are_unscored():
    out = harmonise(LFG, PDB_UPOS, PDB_FORMS)
    assert not out[3].scored  # "jak": LFG always adv, PDB mostly comp (adv 31 %)
    assert out[2].scored      # "czy" as a particle: 58 % of PDB's
    assert all(w.scored for w in harmonise(LFG, PDB_UPOS))  # no PDB counts: nothing unscored

#!/usr/bin/env bash
# Reproduce models/ud_pl/model (the optional UD tagger) from the Polish UD treebanks.
#
#   bash models/ud_pl/train.sh [UD_DIR]
#
# Run from the repository root with the project venv; UD_DIR defaults to ../shared/data/ud
# (PDB dev + LFG dev/test for training, LFG harmonised with PDB's conventions, PDB
# sentences twice; PDB test is not read).  Single-threaded CPU training, about 6 minutes
# on an idle 2-core machine, 25 under load (MODEL_CARD.md); the corpus goes to
# models/ud_pl/corpus/, checkpoints to models/ud_pl/training/ (both ignored by git); the
# best checkpoint is copied to models/ud_pl/model/ with the UPOS/feature/lemma tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
UD=${1:-../shared/data/ud}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

"$PY" models/ud_pl/convert.py --ud "$UD" --out models/ud_pl/corpus
"$PY" -m spacy train models/ud_pl/config.cfg --output models/ud_pl/training \
    --code extract/components/ud_features.py
rm -rf models/ud_pl/model
cp -r models/ud_pl/training/model-best models/ud_pl/model
"$PY" models/ud_pl/build_tables.py --ud "$UD" --model models/ud_pl/model

#!/usr/bin/env bash
# Reproduce the shipped Polish pipeline models/nkjp_pl/model from NKJP1M.
#
#   bash models/nkjp_pl/train.sh [NKJP_IOB_GZ]
#
# Run from the repository root with the project venv.  Single-threaded CPU training
# (about 75 minutes on one core of a 2-core machine, see MODEL_CARD.md); the corpus goes
# to models/nkjp_pl/corpus/, checkpoints to models/nkjp_pl/training/ (both ignored by
# git); the best checkpoint is copied to models/nkjp_pl/model/.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
IOB=${1:-../shared/data/nkjp-ner/nkjp-1m-ner.iob.gz}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

"$PY" models/nkjp_pl/convert.py --iob "$IOB" --out models/nkjp_pl/corpus
"$PY" -m spacy train models/nkjp_pl/config.cfg \
    --output models/nkjp_pl/training \
    --paths.train models/nkjp_pl/corpus/train.spacy \
    --paths.dev models/nkjp_pl/corpus/dev.spacy \
    --paths.attribute_ruler models/nkjp_pl/corpus/attribute_ruler.json
rm -rf models/nkjp_pl/model
cp -r models/nkjp_pl/training/model-best models/nkjp_pl/model

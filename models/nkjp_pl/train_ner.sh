#!/usr/bin/env bash
# Reproduce models/nkjp_pl/ner_model (NER with Morfeusz2 token features) from NKJP1M.
#
#   bash models/nkjp_pl/train_ner.sh [NKJP_IOB_GZ]
#
# Two stages, single-threaded CPU (MODEL_CARD.md, "NER with Morfeusz2 features"):
# 1,500 steps from scratch, then 1,000 steps from its best checkpoint at a lower learning
# rate; checkpoints go to models/nkjp_pl/training/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
IOB=${1:-../shared/data/nkjp-ner/nkjp-1m-ner.iob.gz}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
CODE=extract/components/ud_features.py

[ -f models/nkjp_pl/corpus/train.spacy ] || "$PY" models/nkjp_pl/convert.py --iob "$IOB" --out models/nkjp_pl/corpus
"$PY" -m spacy train models/nkjp_pl/config_ner_features.cfg --code "$CODE" \
    --output models/nkjp_pl/training/ner_stage1
"$PY" -m spacy train models/nkjp_pl/config_ner_features_continue.cfg --code "$CODE" \
    --output models/nkjp_pl/training/ner_stage2
rm -rf models/nkjp_pl/ner_model
cp -r models/nkjp_pl/training/ner_stage2/model-best models/nkjp_pl/ner_model

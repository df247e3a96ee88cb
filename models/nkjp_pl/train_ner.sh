#!/usr/bin/env bash
# Reproduce models/nkjp_pl/ner_model (NER with Morfeusz2 token features) from NKJP1M.
#
#   bash models/nkjp_pl/train_ner.sh [NKJP_IOB_GZ]
#
# Two single-threaded CPU runs (MODEL_CARD.md, "NER with Morfeusz2 features"):
# 1. config_ner_lemmas.cfg: 4,500 steps on the train split, scored on NKJP dev every 500
#    steps: this run chose the recipe (best dev F1 at step 2,000) and gives its dev figure;
# 2. the same config on train + dev (command-line overrides), stopped at step 2,000 of
#    the same learning-rate schedule; its final weights are ner_model/ (no selection).
# Checkpoints go to models/nkjp_pl/training/ (ignored by git). Set SKIP_DEV_RUN=1 to run
# only the second.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
IOB=${1:-../shared/data/nkjp-ner/nkjp-1m-ner.iob.gz}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
CODE=extract/components/ud_features.py
CORPUS=models/nkjp_pl/corpus

[ -f "$CORPUS/train.spacy" ] || "$PY" models/nkjp_pl/convert.py --iob "$IOB" --out "$CORPUS"
mkdir -p "$CORPUS/all"
ln -sf ../train.spacy "$CORPUS/all/train.spacy"
ln -sf ../dev.spacy "$CORPUS/all/dev.spacy"
if [ "${SKIP_DEV_RUN:-0}" != 1 ]; then
    "$PY" -m spacy train models/nkjp_pl/config_ner_lemmas.cfg --code "$CODE" \
        --output models/nkjp_pl/training/ner_lemmas
fi
# run 2: run 1's config on train + dev, stopped at step 2,000 of the same 4,500-step schedule
"$PY" -m spacy train models/nkjp_pl/config_ner_lemmas.cfg --code "$CODE" \
    --output models/nkjp_pl/training/ner_lemmas_all --paths.train "$CORPUS/all" \
    --training.max_steps 2000 --training.eval_frequency 1000 \
    --training.optimizer.learn_rate.total_steps 4500
rm -rf models/nkjp_pl/ner_model
cp -r models/nkjp_pl/training/ner_lemmas_all/model-last models/nkjp_pl/ner_model
# name, licence and a description in place of the (meaningless: dev is in training) scores
"$PY" - <<'PY'
import json
p = "models/nkjp_pl/ner_model/meta.json"
m = json.load(open(p))
m.update(name="nkjp_pl_ner", version="2.0.0", license="CC BY 4.0", performance={},
         description=("NKJP1M NER (tok2vec + ner) with Morfeusz2 token features: reading classes and "
                      "tags, the readings' lemmas, SGJP name labels, gazetteer membership "
                      "(wizyty.MorfeuszHashEmbed.v2). Trained on all of NKJP1M (train + dev), so no "
                      "held-out dev score here; PolEval 2018 and the recipe's dev figures are in "
                      "models/nkjp_pl/MODEL_CARD.md."))
json.dump(m, open(p, "w"), indent=2, ensure_ascii=False)
PY

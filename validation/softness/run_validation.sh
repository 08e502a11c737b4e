#!/usr/bin/env bash
# The table and figure of docs/softness.md: train on the events of glasses 1..7 made by make_data.sh, evaluate on the
# held-out glasses 8..10, plot the held-out softness distributions.
# Usage: validation/softness/run_validation.sh DATA_DIR [FIGURE]   (FIGURE default docs/img/softness-heldout.png)
set -euo pipefail
data=${1:?usage: run_validation.sh DATA_DIR [FIGURE]}
here=$(cd "$(dirname "$0")" && pwd)
figure=${2:-$here/../../docs/img/softness-heldout.png}
vitrum=${VITRUM:-$here/../../build/apps/vitrum}
train=() test=()
for s in 1 2 3 4 5 6 7; do train+=("$data/glass$s"); done
for s in 8 9 10; do test+=("$data/glass$s"); done
export OMP_NUM_THREADS=1
"$vitrum" softness train "${train[@]}" --model "$data/model.json" | tee "$data/train.txt"
"$vitrum" softness evaluate "$data/model.json" "${train[@]}" | tee "$data/evaluate-train.txt"
"$vitrum" softness evaluate "$data/model.json" "${test[@]}" --csv "$data/heldout.csv" | tee "$data/evaluate-heldout.txt"
"$vitrum" softness evaluate "$data/model.json" "${test[@]}" --format json > "$data/evaluate-heldout.json"
/usr/bin/python3 "$here/plot_softness.py" "$data/heldout.csv" "$figure"

#!/usr/bin/env bash
# Makes the AQS event data of docs/softness.md: N = 1000 Kob–Andersen glasses (melt at T = 1.0, quench to T = 0.3 at
# rate 1e-2, minimise), each sheared by AQS to gamma = 0.15 with the configurations before and after every event kept.
# Usage: validation/softness/make_data.sh OUT_DIR [SEED ...]   (default seeds 1..8; one run at a time, ~2 CPU min each)
set -euo pipefail
out=${1:?usage: make_data.sh OUT_DIR [SEED ...]}
shift
seeds=("$@")
[[ ${#seeds[@]} -eq 0 ]] && seeds=(1 2 3 4 5 6 7 8)
here=$(cd "$(dirname "$0")" && pwd)
vitrum=${VITRUM:-$here/../../build/apps/vitrum}
mkdir -p "$out"
for s in "${seeds[@]}"; do
  [[ -f "$out/glass$s/summary.json" ]] && continue
  sed "s/^seed = .*/seed = $s/" "$here/../../recipes/softness-ka.toml" > "$out/glass$s.toml"
  OMP_NUM_THREADS=1 "$vitrum" run "$out/glass$s.toml" --out "$out/glass$s" --no-plots > "$out/glass$s.log" 2>&1
  echo "glass $s: $(grep -c . "$out/glass$s"/stage5-aqs-events/index.csv) lines in the event index"
done

#!/usr/bin/env bash
# kill -9 in the middle of swap_anneal and hybrid stages, then --resume: the per-temperature states
# and final.data must be bit-identical to an uninterrupted run (the Monte Carlo moves are keyed by
# seed, sweep and move, so the checkpoint holds no generator state).
set -euo pipefail
vitrum=$1
work=$2
rm -rf "$work"; mkdir -p "$work"
cat > "$work/recipe.toml" <<'TOML'
[system]
generate = { model = "ka2", n = 400, density = 1.2 }
potential = "ka2"
seed = 5
[output]
checkpoint_every = 20
[[stage]]
kind = "swap_anneal"
temperatures = [1.0, 0.7]
sweeps = 400
e_is = false
[[stage]]
kind = "hybrid"
temperature = 0.7
steps = 3000
swap_every = 25
e_is = false
TOML
export OMP_NUM_THREADS=1
"$vitrum" run "$work/recipe.toml" --out "$work/full" > /dev/null 2>&1

for kill_at in swap hybrid; do
  out="$work/killed-$kill_at"
  "$vitrum" run "$work/recipe.toml" --out "$out" > /dev/null 2>&1 &
  pid=$!
  # swap: once the first temperature is written; hybrid: once the swap stage has ended.
  file="$out/stage1-T1.data"; [[ $kill_at == hybrid ]] && file="$out/stage1.data"
  for _ in $(seq 1 1200); do [[ -f "$file" ]] && break; sleep 0.05; done
  sleep 0.3
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  [[ ! -f "$out/final.data" ]] || { echo "FAIL: the run finished before it was killed ($kill_at)"; exit 1; }
  "$vitrum" run "$work/recipe.toml" --out "$out" --resume > /dev/null 2> "$work/resume-$kill_at.log"
  grep -q "resuming" "$work/resume-$kill_at.log"
  for f in stage1-T1.data stage1-T0.7.data stage2-T0.7.data final.data; do cmp "$work/full/$f" "$out/$f"; done
done
echo "PASS: killed inside swap_anneal and inside hybrid; resumed runs are bit-identical"

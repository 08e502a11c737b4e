#!/usr/bin/env bash
# kill -9 in the middle of a run, then --resume: final.data and thermo.csv must be bit-identical to
# an uninterrupted run (same recipe, same thread count), and so must the stages' trajectories (extxyz, every 100 steps).
set -euo pipefail
vitrum=$1
work=$2
rm -rf "$work"; mkdir -p "$work"
cat > "$work/recipe.toml" <<'TOML'
[system]
generate = { model = "kob-andersen", n = 500, density = 1.2 }
potential = "kob-andersen"
seed = 11
[output]
thermo_every = 50
checkpoint_every = 500
dump_every = 100
[[stage]]
kind = "minimize"
ftol = 1e-2
max_iterations = 500
[[stage]]
name = "hot"
kind = "md"
ensemble = "nvt"
temperature = 1.5
steps = 4000
[[stage]]
kind = "md"
ensemble = "langevin"
temperature = [1.5, 0.6]
steps = 6000
[[stage]]
start = "hot"
kind = "md"
ensemble = "nvt"
thermostat = "bussi"
temperature = 0.9
steps = 4000
[[stage]]
kind = "minimize"
method = "cg"
TOML
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE  # passive: ctest runs other tests beside this one
"$vitrum" run "$work/recipe.toml" --out "$work/full" > /dev/null 2>&1

"$vitrum" run "$work/recipe.toml" --out "$work/killed" > /dev/null 2>&1 &
pid=$!
# Kill once the run is well inside the second MD stage (thermo rows beyond global step 5000).
for _ in $(seq 1 600); do
  if [[ -f "$work/killed/thermo.csv" ]] && awk -F, 'END { exit !($2 > 5200) }' "$work/killed/thermo.csv"; then break; fi
  sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
rows_at_kill=$(wc -l < "$work/killed/thermo.csv")
[[ ! -f "$work/killed/final.data" ]] || { echo "FAIL: the run finished before it was killed"; exit 1; }
"$vitrum" run "$work/recipe.toml" --out "$work/killed" --resume > /dev/null 2> "$work/resume.log"
grep -q "resuming" "$work/resume.log"
cmp "$work/full/final.data" "$work/killed/final.data"
cmp "$work/full/thermo.csv" "$work/killed/thermo.csv"
for f in stage2-hot.extxyz stage3.extxyz stage4.extxyz; do cmp "$work/full/$f" "$work/killed/$f"; done
echo "PASS: killed at $rows_at_kill thermo rows; resumed run is bit-identical (final.data, thermo.csv, trajectories)"

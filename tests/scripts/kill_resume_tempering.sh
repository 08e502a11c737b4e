#!/usr/bin/env bash
# Parallel tempering: one and two threads give the same replicas bit for bit, and kill -9 in the
# middle of the stage followed by --resume reproduces the uninterrupted run's files bit for bit.
set -euo pipefail
export OMP_WAIT_POLICY=PASSIVE  # two-thread runs share the cores with the tests ctest runs beside this one
vitrum=$1
work=$2
rm -rf "$work"; mkdir -p "$work"
cat > "$work/recipe.toml" <<'TOML'
[system]
generate = { model = "ka2", n = 300, density = 1.2 }
potential = "ka2"
seed = 11
[output]
checkpoint_every = 20
[[stage]]
kind = "parallel_tempering"
temperatures = [0.8, 0.95, 1.1, 1.3]
sweeps = 600
exchange_every = 10
e_is = false
TOML
files="stage1-T0.8.data stage1-T0.95.data stage1-T1.1.data stage1-T1.3.data final.data"
start=$(date +%s.%N)
OMP_NUM_THREADS=1 "$vitrum" run "$work/recipe.toml" --out "$work/one" > /dev/null 2>&1
duration=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
OMP_NUM_THREADS=2 "$vitrum" run "$work/recipe.toml" --out "$work/two" > /dev/null 2>&1
for f in $files; do cmp "$work/one/$f" "$work/two/$f"; done

out="$work/killed"
OMP_NUM_THREADS=2 "$vitrum" run "$work/recipe.toml" --out "$out" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 1200); do [[ -f "$out/checkpoint.bin" ]] && break; sleep 0.05; done
sleep "$(awk -v d="$duration" 'BEGIN { print d / 4 }')"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[[ ! -f "$out/final.data" ]] || { echo "FAIL: the run finished before it was killed"; exit 1; }
OMP_NUM_THREADS=1 "$vitrum" run "$work/recipe.toml" --out "$out" --resume > /dev/null 2> "$work/resume.log"
grep -q "resuming" "$work/resume.log"
for f in $files; do cmp "$work/one/$f" "$out/$f"; done
echo "PASS: 1 and 2 threads bit-identical; killed mid-stage (2 threads), resumed (1 thread): bit-identical"

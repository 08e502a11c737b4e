#!/usr/bin/env bash
# kill -9 in the middle of shear_rate and creep stages, then --resume: the stage CSVs and final.data must be
# bit-identical to an uninterrupted run (thermostat chain, creep integral, cursor and samples are checkpointed), and so
# must the stages' trajectories (LAMMPS dump frames every 250 steps, cut back to the checkpoint on resume).
set -euo pipefail
vitrum=$1
work=$2
rm -rf "$work"; mkdir -p "$work"
cat > "$work/recipe.toml" <<'TOML'
[system]
generate = { model = "kob-andersen", n = 400, density = 1.2 }
potential = "kob-andersen"
seed = 9
[output]
checkpoint_every = 200
dump_every = 250
dump_format = "lammps"
[[stage]]
kind = "shear_rate"
rate = 0.2
steps = 6000
temperature = 1.0
thermostat = "bussi"
[[stage]]
kind = "creep"
stress = 0.4
steps = 6000
temperature = 1.0
TOML
export OMP_NUM_THREADS=1
"$vitrum" run "$work/recipe.toml" --out "$work/full" > /dev/null 2>&1

for kill_at in shear_rate creep; do
  out="$work/killed-$kill_at"
  # (CI silences the progress lines this waits for: unset it for this run.)
  env -u CI "$vitrum" run "$work/recipe.toml" --out "$out" > /dev/null 2> "$work/run-$kill_at.log" &
  pid=$!
  # Kill once the stage reports a quarter done (1500 of 6000 steps; checkpoints every 200 steps): whatever the
  # machine's speed, the kill lands inside the stage, after an in-stage checkpoint.
  for _ in $(seq 1 6000); do grep -q "$kill_at: 25%" "$work/run-$kill_at.log" && break; sleep 0.02; done
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  [[ ! -f "$out/final.data" ]] || { echo "FAIL: the run finished before it was killed ($kill_at)"; exit 1; }
  "$vitrum" run "$work/recipe.toml" --out "$out" --resume > /dev/null 2> "$work/resume-$kill_at.log"
  grep -q "resuming" "$work/resume-$kill_at.log"
  # The kill came after an in-stage checkpoint: the stage itself resumed mid-way, not from its start.
  grep -Eq "$kill_at: resuming at step [1-9]" "$work/resume-$kill_at.log" || {
    echo "FAIL: $kill_at did not resume from an in-stage checkpoint"; cat "$work/resume-$kill_at.log"; exit 1; }
  for f in stage1-shear_rate.csv stage2-creep.csv stage1.data final.data stage1.lammpstrj stage2.lammpstrj; do cmp "$work/full/$f" "$out/$f"; done
done
echo "PASS: killed inside shear_rate and inside creep; resumed runs are bit-identical"

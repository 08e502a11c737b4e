#!/bin/sh
# Issue 4, point 1: NVE energy drift of KA N=4000 at T ≈ 0.8, dt = 0.005, 1e5 steps, for the
# energy-shifted (`kob-andersen`) and force-shifted (`kob-andersen-fs`) potentials, and the same
# for LAMMPS (lj/cut + shift yes; lj/smooth/linear) when `lmp` is installed. About 25 min on one core.
# usage: validation/md/nve_drift.sh [VITRUM_BINARY] [WORK_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
vitrum=${1:-$root/build/apps/vitrum}
work=${2:-$root/out/nve_drift}
liquid=$root/tests/data/md/ka4000_liquid.data
mkdir -p "$work"
files=""
for pot in kob-andersen kob-andersen-fs; do
  cat > "$work/$pot.toml" <<TOML
[system]
read = "$liquid"
potential = "$pot"
seed = 7
[[stage]]
kind = "md"
ensemble = "nvt"
thermostat = "bussi"
temperature = 0.8
dt = 0.005
steps = 4000
[[stage]]
kind = "md"
ensemble = "nve"
dt = 0.005
steps = 100000
[output]
thermo_every = 500
TOML
  OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} "$vitrum" run "$work/$pot.toml" --out "$work/$pot" > "$work/$pot.log"
  files="$files $work/$pot/thermo.csv"
done
if command -v lmp > /dev/null; then
  for style in cut smooth; do
    (cd "$work" && lmp -in "$here/in.nve_drift" -var style $style -var data "$liquid" -log lammps_$style.log > /dev/null)
    files="$files $work/lammps_$style.log"
  done
fi
/usr/bin/python3 "$here/nve_drift.py" $files

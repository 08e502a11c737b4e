#!/usr/bin/env bash
# Runs vitrum's NPT and NVT Cu64Zr36 liquids (the protocol of ../lammps) and compares with the LAMMPS averages.
# usage: run.sh VITRUM [OUTDIR]   (about 8 min each on one core)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vitrum=$(realpath "$1"); out=${2:-/tmp/vitrum-alloys}
mkdir -p "$out"
/usr/bin/python3 "$here/scale_box.py" "$here/../lammps/cuzr_start.data" /tmp/cuzr_nvt_start.data 34183.059261
OMP_NUM_THREADS=1 "$vitrum" run "$here/npt.toml" --out "$out/npt" > "$out/npt.log" 2>&1 &
OMP_NUM_THREADS=1 "$vitrum" run "$here/nvt.toml" --out "$out/nvt" > "$out/nvt.log" 2>&1 &
wait
sed "s|/tmp/vitrum-alloys|$out|" "$here/nve.toml" > "$out/nve.toml"
OMP_NUM_THREADS=1 "$vitrum" run "$out/nve.toml" --out "$out/nve" > "$out/nve.log" 2>&1
/usr/bin/python3 "$here/compare.py" "$out"

#!/bin/bash
# Reproduce the Cu64Zr36 LAMMPS reference averages (README.md): NPT -> mean volume -> NVT -> NVE.
# usage: ./run_all.sh [outdir]   (default: a new /tmp/vitrum_alloys.XXXXXX; ~30 min serial on one core)
# Needs: lmp (Debian LAMMPS 20220106 = 29 Sep 2021 update 2), /usr/share/lammps/potentials/CuZr_mm.eam.fs,
#        /usr/bin/python3 + numpy.
set -euo pipefail
cd "$(dirname "$0")"
LMP=${LMP:-lmp}
OUT=${1:-$(mktemp -d /tmp/vitrum_alloys.XXXXXX)}
mkdir -p "$OUT"
$LMP -var out "$OUT" -in npt.in -log "$OUT/npt.log" > /dev/null
V=$(/usr/bin/python3 analyze.py "$OUT" | sed -n 's/.*-var V //p')
echo "mean NPT volume: $V"
$LMP -var out "$OUT" -var V "$V" -in nvt.in -log "$OUT/nvt.log" > /dev/null
$LMP -var out "$OUT" -in nve.in -log "$OUT/nve.log" > /dev/null
/usr/bin/python3 analyze.py "$OUT" | tee "$OUT/analysis.txt"

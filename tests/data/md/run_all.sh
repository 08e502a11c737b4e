#!/bin/sh
# Regenerates every reference in this directory, serially, with the Debian LAMMPS
# (lmp, 29 Sep 2021 update 2) and Debian's python3 + numpy. Run from anywhere:
#   sh tests/data/md/run_all.sh           (about 12 minutes on one core)
set -e
cd "$(dirname "$0")"
LMP=${LMP:-lmp}
PY=${PY:-/usr/bin/python3}
$LMP -in make_liquid.in -log make_liquid.log > /dev/null
for T in 0.8 1.0; do
  $LMP -in nvt.in -var T $T -log nvt_T$T.log > /dev/null
  gzip -9 -f nvt_T$T.samples
done
$PY block_average.py > /dev/null
$LMP -in make_glass.in -log make_glass.log > /dev/null
$LMP -in prerelax.in -var ftol 1.0e-2 -log prerelax.log > /dev/null
for s in cg fire; do
  $LMP -in minimize.in -var style $s -log minimize_$s.log > /dev/null
  $LMP -in minimize.in -var style $s -var start ka4000_glass.data -var label ${s}_raw \
       -log minimize_${s}_raw.log > /dev/null
done
$PY minimize_summary.py | tail -1

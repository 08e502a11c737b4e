#!/bin/sh
# Regenerates every reference in this directory, serially (from this directory).
set -e
lmp -in make_liquid.in -log make_liquid.log > /dev/null
for T in 0.8 1.0; do
  /usr/bin/time -f "wall %e s" lmp -in nvt.in -var T $T -log nvt_T$T.log > /dev/null
done
/usr/bin/python3 block_average.py
lmp -in make_glass.in -log make_glass.log > /dev/null
lmp -in minimize.in -log minimize.log > /dev/null
/usr/bin/python3 minimize_summary.py

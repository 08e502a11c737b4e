#!/bin/bash
# Regenerate the force/energy/virial references in this directory.
#   ./make_refs.sh            -> regenerate configurations (*.data) AND references (*.ref)
#   ./make_refs.sh --refs     -> keep the committed *.data, only recompute the *.ref
# Needs: lmp (LAMMPS, tested with Debian 20220106 = 29 Sep 2021 update 2), /usr/bin/python3 + numpy.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
LMP=${LMP:-lmp}
W=$(mktemp -d /tmp/vitrum_forces.XXXXXX)
trap 'rm -rf "$W"' EXIT
MODE=${1:-all}
VER=$($LMP -h | sed -n 's/^Large-scale Atomic\/Molecular Massively Parallel Simulator - //p' | head -1)

for m in kob-andersen ka2 wahnstrom; do
  if [ "$MODE" != "--refs" ]; then
    $LMP -var out "$W" -in make_config_$m.in -log "$W/$m.gen.log" > /dev/null
    for g in ortho tilt; do $PY to_data.py "$W/${m}_$g.raw.data" "${m}_$g.data"; done
  fi
  for g in ortho tilt; do
    # LAMMPS' triclinic read_data/pbc (x -> lamda -> x) can move a coordinate by 1 ulp; when generating,
    # store the positions LAMMPS actually uses, then require |x_lammps - x_data| <= 1e-13
    $LMP -var geom $g -var out "$W" -in $m.in -log "$W/$m.$g.log" > /dev/null
    if [ "$MODE" != "--refs" ]; then
      for it in 1 2 3 4 5 6; do   # a few passes: usually converges to (almost) a fixed point
        $PY to_data.py "$W/${m}_$g.raw.data" "${m}_$g.data" "$W/${m}_$g.pos.dump"
        $LMP -var geom $g -var out "$W" -in $m.in -log "$W/$m.$g.log" > /dev/null
      done
    fi
    $PY - "${m}_$g.data" "$W/${m}_$g.pos.dump" <<'PYEOF'
import sys
d = open(sys.argv[1]).read().split('Atoms # atomic')[1].split()
a = {int(d[i]): [float(x) for x in d[i+2:i+5]] for i in range(0, len(d), 5)}
l = open(sys.argv[2]).read().splitlines()
k = next(i for i, s in enumerate(l) if s.startswith('ITEM: ATOMS'))
b = {int(s.split()[0]): [float(x) for x in s.split()[1:4]] for s in l[k+1:]}
dev = max(abs(p - q) for i in a for p, q in zip(a[i], b[i]))
n = sum(a[i] != b[i] for i in a)
print('  %s: atoms whose LAMMPS position differs from the data file: %d, max |dx| = %.3g' % (sys.argv[1], n, dev))
sys.exit(0 if dev <= 1e-13 else 1)
PYEOF
    $PY to_ref.py "$W/${m}_$g.scalars" "$W/${m}_$g.dump" "${m}_$g.ref" \
      "LAMMPS $VER (serial, newton on, neighbor 0.3 bin), input: $m.in -var geom $g, file: ${m}_$g.data" \
      "pair_style lj/cut with per-pair cut-offs 2.5*sigma_ab, pair_modify shift yes" \
      "virial = compute pressure NULL virial = W_ab/V, order xx yy zz xy xz yz; forces: id fx fy fz"
    echo "$m $g: $(head -n 5 ${m}_$g.ref | grep '^pe')"
  done
done

# force-shifted variants (LAMMPS lj/smooth/linear) on the same configurations as their energy-shifted models
for m in kob-andersen-fs ka2-fs; do
  for g in ortho tilt; do
    $LMP -var geom $g -var out "$W" -in $m.in -log "$W/$m.$g.log" > /dev/null
    $PY to_ref.py "$W/${m}_$g.scalars" "$W/${m}_$g.dump" "${m}_$g.ref" \
      "LAMMPS $VER (serial, newton on, neighbor 0.3 bin), input: $m.in -var geom $g, file: ${m%-fs}_$g.data" \
      "pair_style lj/smooth/linear with per-pair cut-offs 2.5*sigma_ab (energy and force shifted to zero there)" \
      "virial = compute pressure NULL virial = W_ab/V, order xx yy zz xy xz yz; forces: id fx fy fz"
    echo "$m $g: $(head -n 5 ${m}_$g.ref | grep '^pe')"
  done
done

# polydisperse soft spheres: configuration + independent NumPy reference (no LAMMPS pair style)
if [ "$MODE" != "--refs" ]; then $PY make_poly_configs.py; fi
for g in ortho tilt; do
  $PY poly_reference.py polydisperse-ss_$g.data > polydisperse-ss_$g.ref
  echo "polydisperse-ss $g: $(grep '^pe' polydisperse-ss_$g.ref)"
done

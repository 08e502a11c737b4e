#!/bin/bash
# Regenerate the EAM force/energy/virial references in this directory.
#   ./make_refs.sh            -> regenerate the configurations (cuzr_*.data, ~1 min) AND the references (*.ref)
#   ./make_refs.sh --refs     -> keep the committed cuzr_*.data, only recompute the *.ref (byte for byte)
# Needs: lmp (LAMMPS, tested with Debian 20220106 = 29 Sep 2021 update 2, serial) with the potentials
# of the Debian package lammps-data in /usr/share/lammps/potentials, and /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
LMP=${LMP:-lmp}
W=$(mktemp -d /tmp/vitrum_eam.XXXXXX)
trap 'rm -rf "$W"' EXIT
MODE=${1:-all}
VER=$($LMP -h | sed -n 's/^Large-scale Atomic\/Molecular Massively Parallel Simulator - //p' | head -1)
POT=/usr/share/lammps/potentials

if [ "$MODE" != "--refs" ]; then
  $LMP -var out "$W" -in make_config_cuzr.in -log "$W/gen.log" > /dev/null
  for g in ortho tilt; do
    $PY to_data.py "$W/cuzr_$g.raw.data" "cuzr_$g.data"
    # LAMMPS' triclinic read_data/pbc (x -> lamda -> x, twice) can move a coordinate by an ulp: store
    # positions that are exact fixed points of that round trip (emulated bit for bit by fix_positions.py;
    # the LAMMPS check below then finds 0 differing atoms)
    if [ $g = tilt ]; then
      $PY fix_positions.py "cuzr_$g.data" "$W/cuzr_$g.fixed.dump"
      $PY to_data.py "$W/cuzr_$g.raw.data" "cuzr_$g.data" "$W/cuzr_$g.fixed.dump"
    fi
  done
fi

declare -A DESC FILES MAP
DESC[eam-fs]="pair_style eam/fs (Finnis-Sinclair setfl)"
FILES[eam-fs]="pair_coeff * * $POT/CuZr_mm.eam.fs Cu Zr (Mendelev et al. 2007 Cu-Zr)"
MAP[eam-fs]="element mapping: type 1 = Cu, type 2 = Zr"
DESC[eam-alloy]="pair_style eam/alloy (setfl)"
FILES[eam-alloy]="pair_coeff * * $POT/CuNi.eam.alloy Cu Ni (Onat & Durukanoglu 2014; file element order Ni Cu)"
MAP[eam-alloy]="element mapping: type 1 = Cu, type 2 = Ni (Cu-Zr geometry reused: physically odd, force test only)"
DESC[eam]="pair_style eam (funcfl; LAMMPS regrids both files onto one grid, z2r_12 = 27.2*0.529*Z_1(r)*Z_2(r))"
FILES[eam]="pair_coeff 1 1 $POT/Cu_u3.eam, pair_coeff 2 2 $POT/Ni_u3.eam (Foiles et al. 1986)"
MAP[eam]="element mapping: type 1 = Cu (Cu_u3), type 2 = Ni (Ni_u3)"

for g in ortho tilt; do
  for s in eam-fs eam-alloy eam; do
    $LMP -var geom $g -var out "$W" -in $s.in -log "$W/$s.$g.log" > /dev/null
    grep WARNING "$W/$s.$g.log" | grep -v "No fixes defined" | sed "s/^/  $s $g: /" || true
    # round trip: the positions LAMMPS used must equal the data file exactly
    $PY - "cuzr_$g.data" "$W/${s}_$g.pos.dump" <<'PYEOF'
import sys
d = open(sys.argv[1]).read().split('Atoms # atomic')[1].split()
a = {int(d[i]): [float(x) for x in d[i+2:i+5]] for i in range(0, len(d), 5)}
l = open(sys.argv[2]).read().splitlines()
k = next(i for i, s in enumerate(l) if s.startswith('ITEM: ATOMS'))
b = {int(s.split()[0]): [float(x) for x in s.split()[1:4]] for s in l[k+1:]}
dev = max(abs(p - q) for i in a for p, q in zip(a[i], b[i]))
n = sum(a[i] != b[i] for i in a)
print('  %s: atoms whose LAMMPS position differs from the data file: %d, max |dx| = %.3g' % (sys.argv[1], n, dev))
sys.exit(0 if n == 0 else 1)
PYEOF
    $PY to_ref.py "$W/${s}_$g.scalars" "$W/${s}_$g.dump" "${s}_$g.ref" \
      "LAMMPS $VER (serial, newton on, neighbor 1.0 bin, atom_modify map array sort 0 0.0, run 0), units metal" \
      "input: $s.in, command: lmp -var geom $g -var out <dir> -in $s.in, configuration: cuzr_$g.data" \
      "${DESC[$s]}" "${FILES[$s]}" "${MAP[$s]}" \
      "pe = compute pe (eV, total); volume (A^3); virial = compute pressure NULL virial (bar), order xx yy zz xy xz yz" \
      "atoms: id pe_atom fx fy fz (compute pe/atom in eV, forces in eV/A), sorted by id"
    echo "$s $g: $(grep '^pe' ${s}_$g.ref)"
  done
done

#!/bin/bash
# Regenerate the KIM references in this directory from the committed configurations ../eam/cuzr_{ortho,tilt}.data.
#   ./make_refs.sh
# Needs: lmp (LAMMPS with the KIM package, tested with Debian 20220106 = 29 Sep 2021 update 2, serial), the Debian
# packages libkim-api2 + openkim-models (the KIM portable models), and /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
LMP=${LMP:-lmp}
W=$(mktemp -d /tmp/vitrum_kim.XXXXXX)
trap 'rm -rf "$W"' EXIT
VER=$($LMP -h | sed -n 's/^Large-scale Atomic\/Molecular Massively Parallel Simulator - //p' | head -1)
HERE=$(pwd)

declare -A MODEL ELEM DESC MAP
MODEL[kim-mko2009]=EAM_Dynamo_MendelevKramerOtt_2009_CuZr__MO_600021860456_005
ELEM[kim-mko2009]="Cu Zr"
DESC[kim-mko2009]="KIM portable model EAM_Dynamo_MendelevKramerOtt_2009_CuZr__MO_600021860456_005 (Mendelev, Kramer, Ott et al. 2009 Cu-Zr, driver EAM_Dynamo__MD_120291908751_005)"
MAP[kim-mko2009]="element mapping: type 1 = Cu, type 2 = Zr (kim interactions Cu Zr)"
MODEL[snap-cu]=SNAP_ZuoChenLi_2019_Cu__MO_931672895580_000
ELEM[snap-cu]="Cu Cu"
DESC[snap-cu]="KIM portable model SNAP_ZuoChenLi_2019_Cu__MO_931672895580_000 (Zuo, Chen, Li et al. 2019 linear SNAP for Cu, driver SNAP__MD_536750310735_000)"
MAP[snap-cu]="element mapping: type 1 = Cu, type 2 = Cu (kim interactions Cu Cu; the Cu-Zr geometry reused: physically odd, force test only)"

for g in ortho tilt; do
  for s in kim-mko2009 snap-cu; do
    # LAMMPS and the KIM API write log.lammps and kim.log into the working directory: run in the scratch one
    (cd "$W" && $LMP -var model "${MODEL[$s]}" -var elements "${ELEM[$s]}" -var name $s -var geom $g \
       -var data "$HERE/../eam" -var out "$W" -in "$HERE/kim.in" -log "$W/$s.$g.log" > /dev/null)
    grep WARNING "$W/$s.$g.log" | grep -v "No fixes defined" | sed "s/^/  $s $g: /" || true
    # round trip: the positions LAMMPS used must equal the data file exactly
    $PY - "../eam/cuzr_$g.data" "$W/${s}_$g.pos.dump" <<'PYEOF'
import sys
d = open(sys.argv[1]).read().split('Atoms # atomic')[1].split()
a = {int(d[i]): [float(x) for x in d[i+2:i+5]] for i in range(0, len(d), 5)}
l = open(sys.argv[2]).read().splitlines()
k = next(i for i, s in enumerate(l) if s.startswith('ITEM: ATOMS'))
b = {int(s.split()[0]): [float(x) for x in s.split()[1:4]] for s in l[k+1:]}
n = sum(a[i] != b[i] for i in a)
print('  %s: atoms whose LAMMPS position differs from the data file: %d' % (sys.argv[1], n))
sys.exit(0 if n == 0 else 1)
PYEOF
    $PY ../eam/to_ref.py "$W/${s}_$g.scalars" "$W/${s}_$g.dump" "${s}_$g.ref" \
      "LAMMPS $VER (serial, newton on, neighbor 1.0 bin, atom_modify map array sort 0 0.0, run 0), units metal, KIM API $(pkg-config --modversion libkim-api 2>/dev/null || echo 2), openkim-models $(dpkg-query -W -f='${Version}' openkim-models 2>/dev/null || echo '?')" \
      "input: kim.in, command: lmp -var model ${MODEL[$s]} -var elements \"${ELEM[$s]}\" -var name $s -var geom $g -var data ../eam -var out <dir> -in kim.in, configuration: ../eam/cuzr_$g.data" \
      "pair_style kim (kim init ${MODEL[$s]} metal; kim interactions ${ELEM[$s]})" "${DESC[$s]}" "${MAP[$s]}" \
      "pe = compute pe (eV, total); volume (A^3); virial = compute pressure NULL virial (bar), order xx yy zz xy xz yz" \
      "atoms: id pe_atom fx fy fz (compute pe/atom in eV, forces in eV/A), sorted by id"
    echo "$s $g: $(grep '^pe' ${s}_$g.ref)"
  done
done

#!/usr/bin/python3
"""Clean a LAMMPS write_data file (atom_style atomic) into the committed reference layout.

usage: to_data.py raw.data out.data [positions.dump]

Keeps header counts, box (and tilt line if present), Masses with element comments
('1 63.546 # Cu', '2 91.224 # Zr'; masses as Python repr = shortest digits that round-trip exactly)
and 'Atoms # atomic' with columns 'id type x y z' (no image flags, no velocities), sorted by id;
all other floats written with %.17g.
If positions.dump (a LAMMPS 'custom id x y z' dump, %.17g) is given, the coordinates are
taken from it instead (makes the file a fixed point of LAMMPS' read_data -> run 0 round trip).
(Same as tests/data/forces/to_data.py plus the element comments.)
"""
import sys

ELEMENTS = {1: 'Cu', 2: 'Zr'}


def parse_raw(path):
    lines = open(path).read().splitlines()
    box, masses, atoms, ntypes = {}, {}, {}, None
    i = 0
    while i < len(lines):
        t = lines[i].split('#')[0].split()
        if len(t) >= 3 and t[-2:] == ['atom', 'types']:
            ntypes = int(t[0])
        elif len(t) == 4 and t[2:] in (['xlo', 'xhi'], ['ylo', 'yhi'], ['zlo', 'zhi']):
            box[t[2]] = (float(t[0]), float(t[1]))
        elif len(t) == 6 and t[3:] == ['xy', 'xz', 'yz']:
            box['tilt'] = tuple(float(v) for v in t[:3])
        elif t and t[0] in ('Masses', 'Atoms', 'Velocities', 'Pair'):
            sec = t[0]
            i += 2
            while i < len(lines) and lines[i].strip():
                v = lines[i].split('#')[0].split()
                if sec == 'Masses':
                    masses[int(v[0])] = float(v[1])
                elif sec == 'Atoms':
                    atoms[int(v[0])] = [int(v[1])] + [float(x) for x in v[2:5]]
                i += 1
            continue
        i += 1
    return ntypes, box, masses, atoms


def main():
    raw, out = sys.argv[1], sys.argv[2]
    ntypes, box, masses, atoms = parse_raw(raw)
    if len(sys.argv) > 3:
        lines = open(sys.argv[3]).read().splitlines()
        k = lines.index(next(l for l in lines if l.startswith('ITEM: ATOMS')))
        for l in lines[k + 1:]:
            v = l.split()
            atoms[int(v[0])][1:] = [float(x) for x in v[1:4]]
    g = lambda x: '%.17g' % x
    with open(out, 'w') as f:
        f.write('LAMMPS data file (atom_style atomic), vitrum Cu64Zr36 EAM reference, made by make_refs.sh\n\n')
        f.write('%d atoms\n%d atom types\n\n' % (len(atoms), ntypes))
        for a in ('xlo', 'ylo', 'zlo'):
            lo, hi = box[a]
            f.write('%s %s %s %shi\n' % (g(lo), g(hi), a, a[0]))
        if 'tilt' in box:
            f.write('%s %s %s xy xz yz\n' % tuple(g(v) for v in box['tilt']))
        f.write('\nMasses\n\n')
        for t in sorted(masses):
            f.write('%d %r # %s\n' % (t, masses[t], ELEMENTS[t]))   # shortest exact repr: '1 63.546 # Cu'
        f.write('\nAtoms # atomic\n\n')
        for i in sorted(atoms):
            t, x, y, z = atoms[i]
            f.write('%d %d %s %s %s\n' % (i, t, g(x), g(y), g(z)))


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""Make a triclinic data file a fixed point of LAMMPS' position round trip.

usage: fix_positions.py in.data out.dump

For a triclinic box LAMMPS (29 Sep 2021) moves every atom twice through x -> lamda -> x before the
first force call: Domain::remap() in read_data and x2lamda/pbc/lamda2x in Verlet::setup(). Each pass
can change a coordinate by an ulp, so the forces belong to f(x_data), not x_data. This script emulates
those two passes bit for bit (same h, h_inv, operation order, no FMA; checked against LAMMPS' own
'write_dump x y z') and searches, per atom, the few-ulp neighbourhood of f(x_data) for a point p with
f(p) = p (z first, then y, then x). It writes 'ITEM: ATOMS id x y z' (%.17g) for to_data.py.
With the exact binary box of make_config_cuzr.in every atom has such a point (shift <= a few ulp);
atoms without one keep f(x_data) and are reported. Orthogonal boxes: LAMMPS does no round trip.
"""
import sys, math


def read_data(path):
    head, atoms = open(path).read().split('Atoms # atomic')
    box = {}
    for l in head.splitlines():
        v = l.split('#')[0].split()
        if len(v) == 4 and v[2] in ('xlo', 'ylo', 'zlo'):
            box[v[2]] = (float(v[0]), float(v[1]))
        if len(v) == 6 and v[3] == 'xy':
            box['tilt'] = tuple(float(x) for x in v[:3])
    d = atoms.split()
    return box, {int(d[i]): [float(x) for x in d[i + 2:i + 5]] for i in range(0, len(d), 5)}


class Domain:
    """Domain::set_global_box, x2lamda, lamda2x, remap and pbc of LAMMPS for a periodic triclinic box."""
    def __init__(self, box):
        self.lo = [box['xlo'][0], box['ylo'][0], box['zlo'][0]]
        hi = [box['xlo'][1], box['ylo'][1], box['zlo'][1]]
        xy, xz, yz = box['tilt']
        h = [hi[0] - self.lo[0], hi[1] - self.lo[1], hi[2] - self.lo[2], yz, xz, xy]
        hinv = [1.0 / h[0], 1.0 / h[1], 1.0 / h[2], 0.0, 0.0, 0.0]
        hinv[3] = -h[3] / (h[1] * h[2])
        hinv[4] = (h[3] * h[5] - h[1] * h[4]) / (h[0] * h[1] * h[2])
        hinv[5] = -h[5] / (h[0] * h[1])
        self.h, self.hinv = h, hinv

    def x2lamda(self, x):
        d0, d1, d2 = x[0] - self.lo[0], x[1] - self.lo[1], x[2] - self.lo[2]
        hi = self.hinv
        return [hi[0] * d0 + hi[5] * d1 + hi[4] * d2, hi[1] * d1 + hi[3] * d2, hi[2] * d2]

    def lamda2x(self, l):
        h = self.h
        return [h[0] * l[0] + h[5] * l[1] + h[4] * l[2] + self.lo[0],
                h[1] * l[1] + h[3] * l[2] + self.lo[1], h[2] * l[2] + self.lo[2]]

    def remap(self, x):            # read_data: Domain::remap(x, image)
        l = self.x2lamda(x)
        for k in range(3):
            while l[k] < 0.0: l[k] += 1.0
            while l[k] >= 1.0: l[k] -= 1.0
            l[k] = max(l[k], 0.0)
        return self.lamda2x(l)

    def pbc(self, x):              # Verlet::setup: x2lamda, Domain::pbc, lamda2x
        l = self.x2lamda(x)
        for k in range(3):
            if l[k] < 0.0: l[k] += 1.0
            if l[k] >= 1.0: l[k] = max(l[k] - 1.0, 0.0)
        return self.lamda2x(l)

    def used(self, x):             # the position the first force call sees
        return self.pbc(self.remap(x))


def ulps(v, k):
    out, a, b = [v], v, v
    for _ in range(k):
        a, b = math.nextafter(a, math.inf), math.nextafter(b, -math.inf)
        out += [a, b]
    return out


def main():
    box, atoms = read_data(sys.argv[1])
    D = Domain(box)
    f = D.used
    res, nofix, worst = {}, [], 0.0
    for i, x in atoms.items():
        s = f(x)
        best = None
        for z in ulps(s[2], 8):
            if f([s[0], s[1], z])[2] != z:
                continue
            for y in ulps(s[1], 32):
                if f([s[0], y, z])[1:] != [y, z]:
                    continue
                for xx in ulps(s[0], 64):
                    if f([xx, y, z]) == [xx, y, z]:
                        best = [xx, y, z]
                        break
                if best: break
            if best: break
        if best is None:
            best = s
            nofix.append(i)
        worst = max(worst, max(abs(p - q) for p, q in zip(best, x)))
        res[i] = best
    print('fix_positions: %d of %d atoms moved to an exact fixed point (max shift %.3g); without one: %s'
          % (len(atoms) - len(nofix), len(atoms), worst, nofix[:20] or 'none'), file=sys.stderr)
    with open(sys.argv[2], 'w') as o:
        o.write('ITEM: ATOMS id x y z\n')
        for i in sorted(res):
            o.write('%d %.17g %.17g %.17g\n' % ((i,) + tuple(res[i])))


if __name__ == '__main__':
    main()

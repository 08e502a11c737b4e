#!/usr/bin/python3
"""Convert the output of <style>.in (print file + sorted per-atom dump) into <style>_<geom>.ref.

usage: to_ref.py <scalars.txt> <atoms.dump> <out.ref> [comment ...]
scalars.txt holds the lines 'pe <v>', 'volume <v>' and 'virial <xx> <yy> <zz> <xy> <xz> <yz>' printed
by LAMMPS with %.17g; the dump is 'write_dump ... custom id c_PA fx fy fz modify sort id format float %.17g'.
Values are re-printed with %.17g (exact round trip of the doubles LAMMPS printed).
Output: '#' comments, 'pe E', 'volume V', 'virial xx yy zz xy xz yz', 'atoms', N lines 'id pe_atom fx fy fz'.
"""
import sys

scal, dump, out = sys.argv[1:4]
comments = sys.argv[4:]
vals = {}
for l in open(scal):
    t = l.split()
    if t and t[0] in ('pe', 'volume', 'virial'):
        vals[t[0]] = [float(x) for x in t[1:]]
assert len(vals['pe']) == 1 and len(vals['volume']) == 1 and len(vals['virial']) == 6
lines = open(dump).read().splitlines()
k = next(i for i, l in enumerate(lines) if l.startswith('ITEM: ATOMS'))
assert lines[k].split()[2:] == ['id', 'c_PA', 'fx', 'fy', 'fz'], lines[k]
rows = [l.split() for l in lines[k + 1:] if l.strip()]
rows = sorted(((int(r[0]), [float(x) for x in r[1:5]]) for r in rows))
assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
g = lambda x: '%.17g' % x
with open(out, 'w') as f:
    for c in comments:
        f.write('# %s\n' % c)
    f.write('pe %s\n' % g(vals['pe'][0]))
    f.write('volume %s\n' % g(vals['volume'][0]))
    f.write('virial %s\n' % ' '.join(g(v) for v in vals['virial']))
    f.write('atoms\n')
    for i, v in rows:
        f.write('%d %s\n' % (i, ' '.join(g(x) for x in v)))

#!/usr/bin/python3
"""Sanity checks of the EAM references (see README.md).

usage: check_refs.py [--fd]
  always: per .ref file pe/atom, |sum pe_atom - pe|, max|F|, |sum F|, pressure (virial trace/3), per-type pe/atom
  --fd  : finite differences with LAMMPS itself (needs lmp): 4th-order central differences of the total
          energy for 3 atoms x 3 directions (h = 1e-4 A) vs the stored forces, and of the energy under
          affine box strains (change_box ... remap, h = 1e-6, env HS) vs the stored virial (W_ab = -dE/de_ab,
          virial = W/V in bar). ~1 min.
"""
import sys, os, subprocess, tempfile
import numpy as np

STYLES = {
    'eam-fs': 'pair_style eam/fs\npair_coeff * * /usr/share/lammps/potentials/CuZr_mm.eam.fs Cu Zr\n',
    'eam-alloy': 'pair_style eam/alloy\npair_coeff * * /usr/share/lammps/potentials/CuNi.eam.alloy Cu Ni\n',
    'eam': ('pair_style eam\npair_coeff 1 1 /usr/share/lammps/potentials/Cu_u3.eam\n'
            'pair_coeff 2 2 /usr/share/lammps/potentials/Ni_u3.eam\n'),
}
NKTV2P = 1.6021765e6   # LAMMPS metal units: eV/A^3 -> bar


def read_ref(path):
    out = {}
    rows = []
    for l in open(path):
        t = l.split()
        if not t or t[0].startswith('#') or t[0] == 'atoms':
            continue
        if t[0] in ('pe', 'volume', 'virial'):
            out[t[0]] = np.array([float(x) for x in t[1:]])
        else:
            rows.append([float(x) for x in t])
    a = np.array(rows)
    out['id'], out['pe_atom'], out['F'] = a[:, 0].astype(int), a[:, 1], a[:, 2:5]
    return out


def read_types(data):
    d = open(data).read().split('Atoms # atomic')[1].split()
    return np.array([int(d[i + 1]) for i in range(0, len(d), 5)]), \
        np.array([[float(x) for x in d[i + 2:i + 5]] for i in range(0, len(d), 5)])


def lammps_energies(style, geom, cmds):
    """run LAMMPS once: for each list of commands in cmds, reset positions/box, apply, run 0, print pe"""
    with tempfile.TemporaryDirectory() as w:
        inp = ['units metal', 'atom_style atomic', 'boundary p p p', 'atom_modify map array sort 0 0.0',
               'newton on', 'read_data cuzr_%s.data' % geom, STYLES[style], 'neighbor 1.0 bin',
               'neigh_modify every 1 delay 0 check yes', 'thermo_modify norm no',
               'change_box all triclinic' if geom == 'ortho' else '', 'write_restart %s/base.restart' % w]
        for k, c in enumerate(cmds):
            inp += ['clear', 'read_restart %s/base.restart' % w, STYLES[style], 'neighbor 1.0 bin',
                    'neigh_modify every 1 delay 0 check yes'] + c + \
                   ['run 0', 'print "E%d $(pe:%%.17g)" append %s/e.txt' % (k, w)]
        open(w + '/in', 'w').write('\n'.join(inp) + '\n')
        subprocess.run(['lmp', '-in', w + '/in', '-log', 'none', '-screen', 'none'], check=True)
        return np.array([float(l.split()[1]) for l in open(w + '/e.txt')])


def fd_check(style, geom, r):
    typ, x = read_types('cuzr_%s.data' % geom)
    head = open('cuzr_%s.data' % geom).read().split('Masses')[0].split()
    box_xy = float(head[head.index('xy') - 3]) if 'xy' in head else 0.0
    box_ly = float(head[head.index('ylo') - 1]) - float(head[head.index('ylo') - 2])
    atoms = [1, 1281, 1700]   # 1 Cu, 2 Zr
    h = 1e-4
    cmds = []
    for i in atoms:
        for d in range(3):
            for s in (-2, -1, 1, 2):
                v = [0.0, 0.0, 0.0]; v[d] = s * h
                cmds.append(['group g id %d' % i, 'displace_atoms g move %.17g %.17g %.17g units box' % tuple(v)])
    hs = float(os.environ.get('HS', '1e-6'))   # 1e-5: pairs crossing the (non-smooth) cut-off of CuNi / u3 give ~5e-6
    strains = {'xx': 'x scale %.17g', 'yy': 'y scale %.17g', 'zz': 'z scale %.17g'}
    for name in ('xx', 'yy', 'zz'):
        for s in (-2, -1, 1, 2):
            cmds.append(['change_box all %s remap units box' % (strains[name] % (1 + s * hs))])
    # shear e_xy: x += e*(y - ylo) -> tilt xy += e*Ly (box vectors b,c and atoms remapped affinely)
    for s in (-2, -1, 1, 2):
        cmds.append(['variable d equal %.17g*ly' % (s * hs), 'change_box all xy delta ${d} remap units box'])
    E = lammps_energies(style, geom, cmds)
    k = 0
    worst_f = 0.0
    Fmax = np.abs(r['F']).max()
    for i in atoms:
        for d in range(3):
            em2, em1, ep1, ep2 = E[k:k + 4]; k += 4
            fd = -(em2 - 8 * em1 + 8 * ep1 - ep2) / (12 * h)
            worst_f = max(worst_f, abs(fd - r['F'][i - 1, d]) / Fmax)
    V = r['volume'][0]
    vir = r['virial']
    worst_v = 0.0
    for j, name in enumerate(('xx', 'yy', 'zz', 'xy')):
        em2, em1, ep1, ep2 = E[k:k + 4]; k += 4
        dEde = (em2 - 8 * em1 + 8 * ep1 - ep2) / (12 * hs)
        W = -dEde / V * NKTV2P
        ref = vir[{'xx': 0, 'yy': 1, 'zz': 2, 'xy': 3}[name]]
        if name == 'xx':   # 'x scale' keeps xy: deformation gradient 1 + e [[1, -xy/ly, 0], 0, 0] -> also shears
            ref -= box_xy / box_ly * vir[3]
        worst_v = max(worst_v, abs(W - ref) / np.abs(vir).max())
    return worst_f, worst_v


def main():
    fd = '--fd' in sys.argv
    for geom in ('ortho', 'tilt'):
        typ, _ = read_types('cuzr_%s.data' % geom)
        for style in ('eam-fs', 'eam-alloy', 'eam'):
            r = read_ref('%s_%s.ref' % (style, geom))
            N = len(r['id'])
            pe = r['pe'][0]
            F = r['F']
            line = ('%-9s %-5s pe/N %.6f eV (type1 %.4f, type2 %.4f)  |sum pe_atom - pe| %.1e  max|F| %.4f eV/A  '
                    '|sum F| %.1e  P_vir %.1f bar' % (style, geom, pe / N, r['pe_atom'][typ == 1].mean(),
                                                     r['pe_atom'][typ == 2].mean(), abs(r['pe_atom'].sum() - pe),
                                                     np.abs(F).max(), np.linalg.norm(F.sum(0)), r['virial'][:3].mean()))
            assert np.all(np.isfinite(F)) and np.isfinite(pe)
            if fd:
                wf, wv = fd_check(style, geom, r)
                line += '  FD: max|dF|/max|F| %.1e, max|dvir|/max|vir| (xx,yy,zz,xy) %.1e' % (wf, wv)
            print(line, flush=True)


if __name__ == '__main__':
    main()

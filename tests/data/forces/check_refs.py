#!/usr/bin/python3
"""Self-checks of the references (see README.md):
 1. LAMMPS .ref of the LJ models vs the independent brute-force NumPy LJ (poly_reference.py --lj)
 2. finite-difference check of the NumPy forces (polydisperse-ss, and one LJ file)
 3. consistency: sum of forces ~ 0, virial trace vs pe sanity
usage: check_refs.py [all]   (default: KA ortho + both poly files; 'all' = every LJ file)
"""
import sys, subprocess, io
import numpy as np
import poly_reference as pr


def read_ref(path):
    pe = vir = None; F = []
    for l in open(path):
        t = l.split()
        if not t or t[0].startswith('#') or t[0] == 'forces':
            continue
        if t[0] == 'pe': pe = float(t[1])
        elif t[0] == 'virial': vir = np.array([float(x) for x in t[1:]])
        else: F.append([float(x) for x in t[1:]])
    return pe, vir, np.array(F)


files = ['kob-andersen_ortho']
if sys.argv[1:] == ['all']:
    files = [m + '_' + g for m in ('kob-andersen', 'ka2', 'wahnstrom') for g in ('ortho', 'tilt')]
for f in files:
    model = f.rsplit('_', 1)[0]
    pe, vir, F = read_ref(f + '.ref')
    E2, F2, vir2 = pr.compute(pr.read_data(f + '.data'), model)
    print('%-20s LAMMPS vs NumPy: |dpe|/|pe| = %.2e   max|dvir|/max|vir| = %.2e   max|dF|/max|F| = %.2e   max|dF| = %.2e'
          % (f, abs(pe - E2) / abs(pe), np.abs(vir - vir2).max() / np.abs(vir).max(),
             np.abs(F - F2).max() / np.abs(F).max(), np.abs(F - F2).max()))
for f in ['polydisperse-ss_ortho', 'polydisperse-ss_tilt'] + files:
    pe, vir, F = read_ref(f + '.ref')
    print('%-20s pe/N = %.10f  |sum F| = %.2e  max|F| = %.3f' % (f, pe / len(F), np.abs(F.sum(0)).max(), np.abs(F).max()))
print('finite differences (NumPy energy, 4th-order stencil h=1e-4):')
for f, m in [('polydisperse-ss_ortho', None), ('polydisperse-ss_tilt', None), ('kob-andersen_tilt', 'kob-andersen')]:
    print(' ', f)
    pr.main(['--fd', f + '.data'] + (['--lj', m] if m else []))
print('virial by finite strain (W_ab = -dE/d eps_ab, affine x -> (1+eps) x, 4th-order stencil h=1e-6):')
for f in ['polydisperse-ss_tilt']:
    data = pr.read_data(f + '.data')
    pe, vir, F = read_ref(f + '.ref')
    V = abs(np.linalg.det(data['H']))
    h = 1e-6
    for a, b, comp in [(0, 0, 0), (1, 1, 1), (2, 2, 2), (0, 1, 3), (0, 2, 4), (1, 2, 5)]:
        e = []
        for step in (-2, -1, 1, 2):
            eps = np.eye(3); eps[a, b] += step * h
            d = dict(data); d['pos'] = data['pos'] @ eps.T; d['H'] = eps @ data['H']
            e.append(pr.compute(d)[0])
        W = -(e[0] - 8 * e[1] + 8 * e[2] - e[3]) / (12 * h)
        print('  %s comp %d: ref %.12g  finite-strain %.12g  rel.diff %.2e' % (f, comp + 1, vir[comp], W / V, abs(W / V - vir[comp]) / abs(vir).max()))

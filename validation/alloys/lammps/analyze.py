#!/usr/bin/python3
"""Averages of the LAMMPS Cu64Zr36 runs (npt.in, nvt.in, nve.in).

usage: analyze.py <dir>      (reads <dir>/npt_samples.txt, nvt_samples.txt, nve_samples.txt, or the same
                              names + .gz, if present; the committed runs: analyze.py samples)
Sample files: 'step temp pe ke press vol' every 10 steps (totals); the step-0 sample of a production
run (its first state) is dropped, leaving 5000 samples for 100 ps.
Standard errors: 20 contiguous blocks, SE = std(block means, ddof=1)/sqrt(20).
NVE: total energy per atom vs time, least-squares slope (drift, eV/atom/ns) with its standard error
(naive, and from a fit to 20 block means), std of E/N about its mean and about the fit, and max - min.
"""
import sys, os
import numpy as np

N = 2000
MASS = 1280 * 63.546 + 720 * 91.224          # g/mol for the whole box
NA = 6.02214076e23
DT = 0.002                                    # ps


def find(d, name):
    for p in (os.path.join(d, name), os.path.join(d, name + '.gz')):
        if os.path.exists(p):
            return p
    return None


def load(path):
    a = np.loadtxt(path, comments='#')
    return a[a[:, 0] > 0] if a[0, 0] == 0 else a


def block(x, nb=20):
    n = len(x) // nb * nb
    b = x[:n].reshape(nb, -1).mean(axis=1)
    return x.mean(), b.std(ddof=1) / np.sqrt(nb)


def report(name, a):
    step, T, pe, ke, P, V = a.T
    q = [('pe/atom (eV)', pe / N, '%.6f', '%.1e'), ('etotal/atom (eV)', (pe + ke) / N, '%.6f', '%.1e'),
         ('T (K)', T, '%.2f', '%.2f'), ('P (bar)', P, '%.1f', '%.1f'),
         ('V/atom (A^3)', V / N, '%.5f', '%.5f'), ('density (g/cm^3)', MASS / (NA * V * 1e-24), '%.5f', '%.5f')]
    print('%s: %d samples, steps %d..%d (%.1f ps)' % (name, len(step), step[0], step[-1], (step[-1] - step[0] + 10) * DT))
    for lab, x, f1, f2 in q:
        m, se = block(x)
        print(('  %-18s ' + f1 + ' +- ' + f2 + '   (std %.3g)') % (lab, m, se, x.std()))
    return block(V)[0]


def nve(a):
    step, T, pe, ke, P, V = a.T
    t = step * DT / 1000.0                    # ns
    e = (pe + ke) / N
    c = np.polyfit(t - t.mean(), e, 1)
    res = e - np.polyval(c, t - t.mean())
    # slope standard error, naive (independent residuals) and with 20 contiguous blocks of (t, E) means
    se_naive = res.std(ddof=2) / (np.sqrt(len(t)) * (t - t.mean()).std())
    nb = 20; n = len(t) // nb * nb
    tb, eb = t[:n].reshape(nb, -1).mean(1), e[:n].reshape(nb, -1).mean(1)
    cb = np.polyfit(tb - tb.mean(), eb, 1)
    rb = eb - np.polyval(cb, tb - tb.mean())
    se_block = rb.std(ddof=2) / (np.sqrt(nb) * (tb - tb.mean()).std())
    print('NVE: %d samples, %.1f ps; <T> = %.1f K, <pe/atom> = %.6f eV' % (len(t), (t[-1] - t[0]) * 1000, T.mean(), (pe / N).mean()))
    print('  E/N mean %.8f eV; drift (slope) %.3e eV/atom/ns (SE naive %.1e, 20 blocks %.1e); E/N(end) - E/N(start) %.2e eV'
          % (e.mean(), c[0], se_naive, se_block, e[-1] - e[0]))
    print('  fluctuation of E/N: std %.2e eV (about the fit %.2e), max-min %.2e eV; std of ke/N %.2e eV'
          % (e.std(), res.std(), e.max() - e.min(), (ke / N).std()))


d = sys.argv[1] if len(sys.argv) > 1 else '.'
for name in ('npt', 'nvt'):
    p = find(d, name + '_samples.txt')
    if p:
        Vm = report(name.upper(), load(p))
        if name == 'npt':
            print('  mean NPT volume for nvt.in: -var V %.6f' % Vm)
p = find(d, 'nve_samples.txt')
if p:
    nve(np.loadtxt(p, comments='#'))

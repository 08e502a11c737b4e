#!/usr/bin/python3
"""Generate polydisperse-ss_ortho.data and polydisperse-ss_tilt.data (atom_style sphere layout).

N = 1000, number density 1, diameters from P(s) ~ s^-3 on [0.7253, 1.6095] (inverse CDF),
random insertion -> harmonic soft push-off (steepest descent) -> 1500 steps velocity-Verlet MD
with the real potential at T = 0.5 (velocity rescaling) -> ortho snapshot;
then affine shear to xy = 0.3 Lx and 500 more MD steps -> tilt snapshot.
Deliberately non-symmetric box origin (lo = (1.5, -2.25, 0.75)) to exercise wrapping code.
Uses minimum image (exact here: cut-off <= 2.02 << box) only for generating configurations;
the reference itself (poly_reference.py) is brute force over images.
"""
import numpy as np
from poly_reference import XC, NONADD, poly_pair

rng = np.random.default_rng(20170421)
N, RHO, SMIN, SMAX, T = 1000, 1.0, 0.7253, 1.6095, 0.5
L = (N / RHO) ** (1.0 / 3.0)
LO = np.array([1.5, -2.25, 0.75])
u = rng.random(N)
diam = (SMIN ** -2 - u * (SMIN ** -2 - SMAX ** -2)) ** -0.5
S = 0.5 * (diam[:, None] + diam[None, :]) * (1.0 - NONADD * np.abs(diam[:, None] - diam[None, :]))
iu, ju = np.triu_indices(N, 1)
Sij = S[iu, ju]


def minimg(d, H, Hinv):
    s = d @ Hinv.T
    s -= np.round(s)
    return s @ H.T


def pairs_within(x, H, Hinv, rcut):
    d = minimg(x[ju] - x[iu], H, Hinv)
    r2 = np.einsum('ij,ij->i', d, d)
    m = r2 < rcut ** 2
    return iu[m], ju[m]


def forces(x, H, Hinv, pi, pj, soft=False):
    d = minimg(x[pj] - x[pi], H, Hinv)
    r2 = np.einsum('ij,ij->i', d, d)
    s = S[pi, pj]
    if soft:       # harmonic push-off: 0.5 (1 - r/s)^2 for r < s
        r = np.sqrt(r2); m = r < s
        w = np.where(m, (1 - r / s) / (s * r), 0.0); v = np.where(m, 0.5 * (1 - r / s) ** 2, 0.0)
    else:
        m = r2 < (XC * s) ** 2
        v, w = poly_pair(r2, s); v = np.where(m, v, 0.0); w = np.where(m, w, 0.0)
    fj = w[:, None] * d
    F = np.zeros_like(x)
    for k in range(3):
        F[:, k] = np.bincount(pj, fj[:, k], minlength=N) - np.bincount(pi, fj[:, k], minlength=N)
    return v.sum(), F


def md(x, v, H, nsteps, dt=0.004):
    Hinv = np.linalg.inv(H)
    skin = 0.4
    rlist = XC * S.max() + skin
    pi, pj = pairs_within(x, H, Hinv, rlist); xref = x.copy()
    _, F = forces(x, H, Hinv, pi, pj)
    for step in range(nsteps):
        v += 0.5 * dt * F
        x += dt * v
        if np.abs(minimg(x - xref, H, Hinv)).max() > 0.5 * skin / np.sqrt(3):
            pi, pj = pairs_within(x, H, Hinv, rlist); xref = x.copy()
        E, F = forces(x, H, Hinv, pi, pj)
        v += 0.5 * dt * F
        if step % 10 == 0:
            v -= v.mean(axis=0)
            v *= np.sqrt(T / ((v * v).sum() / (3 * N - 3)))
    print('  MD done: E/N = %.5f  T = %.4f' % (E / N, (v * v).sum() / (3 * N - 3)))
    return x, v


def wrap(x, H):
    s = (x - LO) @ np.linalg.inv(H).T
    s -= np.floor(s)
    return LO + s @ H.T


def write(path, x, H):
    g = lambda a: '%.17g' % a
    x = wrap(x, H)
    hi = LO + np.diag(H)
    dens = 6.0 * 1.0 / (np.pi * diam ** 3)
    with open(path, 'w') as f:
        f.write('LAMMPS data file (atom_style sphere), vitrum polydisperse-ss force reference, made by make_poly_configs.py\n\n')
        f.write('%d atoms\n1 atom types\n\n' % N)
        for k, a in enumerate('xyz'):
            f.write('%s %s %slo %shi\n' % (g(LO[k]), g(hi[k]), a, a))
        if H[0, 1] != 0 or H[0, 2] != 0 or H[1, 2] != 0:
            f.write('%s %s %s xy xz yz\n' % (g(H[0, 1]), g(H[0, 2]), g(H[1, 2])))
        f.write('\nAtoms # sphere\n\n')
        for i in range(N):
            f.write('%d 1 %s %s %s %s %s\n' % (i + 1, g(diam[i]), g(dens[i]), g(x[i, 0]), g(x[i, 1]), g(x[i, 2])))
    # overlap report
    Hinv = np.linalg.inv(H)
    d = minimg(x[ju] - x[iu], H, Hinv)
    print('  %s: min r/sigma_ij = %.4f' % (path, (np.sqrt(np.einsum('ij,ij->i', d, d)) / Sij).min()))


H = np.diag([L, L, L])
Hinv = np.linalg.inv(H)
x = LO + rng.random((N, 3)) * L
for it in range(400):      # soft push-off
    if it % 20 == 0:
        pi, pj = pairs_within(x, H, Hinv, S.max() + 0.5)
    E, F = forces(x, H, Hinv, pi, pj, soft=True)
    step = np.minimum(0.5, 0.05 / max(np.abs(F).max(), 1e-12))
    x += step * F
print('  push-off residual harmonic energy/N = %.3g' % (E / N))
v = rng.normal(size=(N, 3)) * np.sqrt(T)
x, v = md(x, v, H, 1500)
write('polydisperse-ss_ortho.data', x, H)
# tilt: affine shear of the current state to xy = 0.3 Lx, then a few MD steps
Ht = H.copy(); Ht[0, 1] = 0.3 * L
s = (x - LO) @ Hinv.T
x = LO + s @ Ht.T
x, v = md(x, v, Ht, 500)
write('polydisperse-ss_tilt.data', x, Ht)

#!/usr/bin/python3
"""Independent brute-force NumPy reference (double precision) for pair energies, forces and virial.

No neighbour lists and no minimum-image convention: every ordered pair (i, j) is evaluated against
every periodic image x_j + n.H with n in a box of integer triples that is provably large enough
(|n_d| <= ceil(max|ds_d| + rc_max/width_d)), so the result is independent of cell / wrapping tricks.

  poly_reference.py <polydisperse-ss_*.data>          -> .ref on stdout (polydisperse soft spheres)
  poly_reference.py --lj <model> <model_*.data>       -> .ref on stdout (kob-andersen|ka2|wahnstrom)
  poly_reference.py --fd <data> [--lj <model>]        -> finite-difference check of forces (a few atoms)

Conventions (same as LAMMPS): pe = sum over pairs; force F_i; virial = W_ab / V with
W_ab = sum over pairs r_ij,a f_ij,b  (r_ij = x_i - x_j, f_ij force on i from j), order xx yy zz xy xz yz.

Polydisperse soft spheres (Ninarello, Berthier, Coslovich PRX 7, 021039 (2017)):
  v(r) = eps (s/r)^12 + eps (c0 + c2 (r/s)^2 + c4 (r/s)^4)  for r < 1.25 s, else 0,
  s = s_ij = 0.5 (s_i + s_j) (1 - 0.2 |s_i - s_j|), eps = 1, c0 = -28/1.25^12, c2 = 48/1.25^14,
  c4 = -21/1.25^16 (v, v', v'' = 0 at 1.25 s; the paper prints -1.92415, 2.11106, -0.591097).
"""
import sys
import numpy as np

C0, C2, C4, EPS, XC, NONADD = -28 / 1.25**12, 48 / 1.25**14, -21 / 1.25**16, 1.0, 1.25, 0.2

# (eps, sigma) per unordered type pair; cut-off = 2.5 sigma, energy shifted to zero at cut-off
LJ_MODELS = {
    'kob-andersen': {(1, 1): (1.0, 1.0), (1, 2): (1.5, 0.8), (2, 2): (0.5, 0.88)},
    'ka2': {(1, 1): (1.0, 1.0), (1, 2): (1.5, 0.8), (2, 2): (0.5, 0.88),
            (1, 3): (1.25, 0.9), (2, 3): (1.0, 0.84), (3, 3): (0.75, 0.94)},
    'wahnstrom': {(1, 1): (1.0, 1.0), (1, 2): (1.0, 1.1), (2, 2): (1.0, 1.2)},
}
LJ_XC = 2.5


def read_data(path):
    """Parse a LAMMPS data file (atom_style atomic or sphere, no image flags needed)."""
    lines = open(path).read().splitlines()
    lo = np.zeros(3); hi = np.zeros(3); tilt = np.zeros(3)
    atoms, style, i = {}, None, 0
    while i < len(lines):
        t = lines[i].split()
        if len(t) == 4 and t[3] in ('xhi', 'yhi', 'zhi'):
            d = 'xyz'.index(t[2][0]); lo[d] = float(t[0]); hi[d] = float(t[1])
        elif len(t) == 6 and t[3:] == ['xy', 'xz', 'yz']:
            tilt = np.array([float(v) for v in t[:3]])
        elif t and t[0] == 'Atoms':
            style = t[2] if len(t) > 2 else 'atomic'
            i += 2
            while i < len(lines) and lines[i].strip():
                atoms[int(lines[i].split()[0])] = lines[i].split()
                i += 1
            continue
        i += 1
    ids = np.array(sorted(atoms))
    rows = [atoms[k] for k in ids]
    typ = np.array([int(r[1]) for r in rows])
    if style == 'sphere':
        diam = np.array([float(r[2]) for r in rows])
        pos = np.array([[float(x) for x in r[4:7]] for r in rows])
    else:
        diam = None
        pos = np.array([[float(x) for x in r[2:5]] for r in rows])
    L = hi - lo
    H = np.array([[L[0], tilt[0], tilt[1]],
                  [0.0, L[1], tilt[2]],
                  [0.0, 0.0, L[2]]])  # columns are the box vectors a, b, c
    return dict(ids=ids, type=typ, diam=diam, pos=pos, lo=lo, H=H, style=style)


def poly_pair(r2, s):
    """returns v(r) and w = -v'(r)/r for the polydisperse soft-sphere potential."""
    s2 = s * s
    x2 = r2 / s2
    ir6 = 1.0 / (x2 * x2 * x2)
    ir12 = ir6 * ir6
    v = EPS * (ir12 + C0 + C2 * x2 + C4 * x2 * x2)
    w = EPS * (12.0 * ir12 / r2 - 2.0 * C2 / s2 - 4.0 * C4 * x2 / s2)
    return v, w


def lj_pair(r2, eps, sig, rc):
    sr6 = (sig * sig / r2) ** 3
    src6 = (sig / rc) ** 6
    v = 4.0 * eps * (sr6 * sr6 - sr6) - 4.0 * eps * (src6 * src6 - src6)
    w = 24.0 * eps * (2.0 * sr6 * sr6 - sr6) / r2
    return v, w


def pair_tables(data, model=None):
    """per-pair parameter matrices (N x N) and the pair function"""
    if model is None:
        d = data['diam']
        s = 0.5 * (d[:, None] + d[None, :]) * (1.0 - NONADD * np.abs(d[:, None] - d[None, :]))
        return (lambda r2, idx: poly_pair(r2, s[idx])), XC * s
    tab = LJ_MODELS[model]
    nt = max(max(k) for k in tab)
    E = np.zeros((nt + 1, nt + 1)); S = np.zeros((nt + 1, nt + 1))
    for (a, b), (e, sg) in tab.items():
        E[a, b] = E[b, a] = e; S[a, b] = S[b, a] = sg
    t = data['type']
    eps, sig = E[t[:, None], t[None, :]], S[t[:, None], t[None, :]]
    rc = LJ_XC * sig
    return (lambda r2, idx: lj_pair(r2, eps[idx], sig[idx], rc[idx])), rc


def image_range(pos, H, rcmax):
    Hinv = np.linalg.inv(H)
    s = pos @ Hinv.T
    ds = s.max(axis=0) - s.min(axis=0)
    V = abs(np.linalg.det(H))
    a, b, c = H[:, 0], H[:, 1], H[:, 2]
    width = V / np.array([np.linalg.norm(np.cross(b, c)), np.linalg.norm(np.cross(c, a)),
                          np.linalg.norm(np.cross(a, b))])
    return np.ceil(ds + rcmax / width).astype(int)


def compute(data, model=None):
    pos, H = data['pos'], data['H']
    N = len(pos)
    pairf, rc = pair_tables(data, model)
    rc2 = rc * rc
    nmax = image_range(pos, H, rc.max())
    E = 0.0
    F = np.zeros((N, 3))
    W = np.zeros((3, 3))
    d0 = pos[None, :, :] - pos[:, None, :]          # d0[i, j] = x_j - x_i
    eye = np.eye(N, dtype=bool)
    for n0 in range(-nmax[0], nmax[0] + 1):
        for n1 in range(-nmax[1], nmax[1] + 1):
            for n2 in range(-nmax[2], nmax[2] + 1):
                shift = H @ np.array([n0, n1, n2], dtype=float)
                d = d0 + shift
                r2 = np.einsum('ijk,ijk->ij', d, d)
                m = r2 < rc2
                if n0 == 0 and n1 == 0 and n2 == 0:
                    m &= ~eye
                if not m.any():
                    continue
                idx = np.nonzero(m)
                v, w = pairf(r2[idx], idx)
                dd = d[idx]
                E += 0.5 * v.sum()
                fj = w[:, None] * dd                 # force on j (image) from i
                F += np.stack([np.bincount(idx[1], fj[:, k], minlength=N) for k in range(3)], axis=1)
                W += 0.5 * (dd.T * w) @ dd
    V = abs(np.linalg.det(H))
    vir = W / V
    return E, F, np.array([vir[0, 0], vir[1, 1], vir[2, 2], vir[0, 1], vir[0, 2], vir[1, 2]])


def atom_energy(data, k, xk, model=None):
    """sum of all pair energies involving atom k placed at xk (brute force over images)"""
    pos = data['pos'].copy(); pos[k] = xk
    H = data['H']
    pairf, rc = pair_tables(data, model)
    nmax = image_range(pos, H, rc.max())
    e = 0.0
    npair = 0
    row = np.full(len(pos), k)
    cols = np.arange(len(pos))
    for n0 in range(-nmax[0], nmax[0] + 1):
        for n1 in range(-nmax[1], nmax[1] + 1):
            for n2 in range(-nmax[2], nmax[2] + 1):
                d = pos - xk + H @ np.array([n0, n1, n2], dtype=float)
                r2 = np.einsum('jk,jk->j', d, d)
                m = r2 < rc[k] ** 2
                if n0 == 0 and n1 == 0 and n2 == 0:
                    m[k] = False
                # self images interact twice (n and -n) but count once in the total energy: the
                # derivative of the total energy w.r.t. x_k is still the full sum (self terms are const)
                if m.any():
                    v, _ = pairf(r2[m], (row[m], cols[m]))
                    e += v.sum()
                    npair += int(m.sum())
    return e, npair


def write_ref(data, E, F, vir, comments, out=sys.stdout):
    g = lambda x: '%.17g' % x
    for c in comments:
        out.write('# %s\n' % c)
    out.write('pe %s\n' % g(E))
    out.write('virial %s\n' % ' '.join(g(v) for v in vir))
    out.write('forces\n')
    for i, f in zip(data['ids'], F):
        out.write('%d %s %s %s\n' % (i, g(f[0]), g(f[1]), g(f[2])))


def main(argv):
    model = None
    if '--lj' in argv:
        k = argv.index('--lj'); model = argv[k + 1]; del argv[k:k + 2]
    if argv and argv[0] == '--fd':
        data = read_data(argv[1])
        E, F, _ = compute(data, model)
        worst = 0.0
        rng = np.random.default_rng(7)
        for k in list(rng.choice(len(data['pos']), 6, replace=False)):
            fd = np.zeros(3)
            for a in range(3):
                h = 1e-4
                while True:
                    e, npairs = [], set()
                    for step in (-2, -1, 1, 2):
                        x = data['pos'][k].copy(); x[a] += step * h
                        ek, nk = atom_energy(data, k, x, model)
                        e.append(ek); npairs.add(nk)
                    if len(npairs) == 1 or h < 1e-7:
                        break
                    # a stencil point crossed a cut-off (LJ models: the shifted force jumps there)
                    # -> shrink the step
                    print('    (atom id %d dir %d: stencil with h=%g crosses a cut-off, using h/10)' % (data['ids'][k], a, h))
                    h /= 10
                # 4th-order central difference of -dE/dx
                fd[a] = -(e[0] - 8 * e[1] + 8 * e[2] - e[3]) / (12 * h)
            err = np.abs(fd - F[k]).max()
            worst = max(worst, err / np.abs(F[k]).max())
            print('atom id %d  F=%s  FD=%s  max|diff|=%.3g' % (data['ids'][k], F[k], fd, err))
        print('worst relative deviation (max|diff| / max|F_k|): %.3g' % worst)
        return
    path = argv[0]
    data = read_data(path)
    E, F, vir = compute(data, model)
    what = ('LJ model %s' % model) if model else 'polydisperse soft spheres (PRX 7, 021039)'
    write_ref(data, E, F, vir, [
        'independent brute-force NumPy %s reference (poly_reference.py, numpy %s), file: %s'
        % (what, np.__version__, path.split('/')[-1]),
        'all pairs x all periodic images, no minimum image; double precision',
        'virial = W_ab/V (same as LAMMPS compute pressure NULL virial), order xx yy zz xy xz yz; forces: id fx fy fz'])


if __name__ == '__main__':
    main(sys.argv[1:])

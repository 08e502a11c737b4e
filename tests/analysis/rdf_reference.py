#!/usr/bin/python3
"""Independent g(r) histograms for test_rdf: brute force over all pairs and all 27 images (NumPy).

Input file: 'Lx Ly Lz xy' then one 'type x y z' line per particle. Arguments: file r_max bins.
Prints, per bin, the unordered pair counts: total, then each type pair a<=b.
"""
import sys
import numpy as np

path, r_max, bins = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
with open(path) as f:
    lx, ly, lz, xy = map(float, f.readline().split())
    data = np.loadtxt(f, ndmin=2)
types = data[:, 0].astype(int)
pos = data[:, 1:4]
n = len(pos)
ntypes = types.max()
shifts = np.array([[i * lx + j * xy, j * ly, k * lz] for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)])
counts = np.zeros((ntypes + 1, ntypes + 1, bins), dtype=np.int64)
total = np.zeros(bins, dtype=np.int64)
for i in range(n - 1):
    d = pos[i + 1:] - pos[i]
    best = np.full(len(d), np.inf)
    for s in shifts:
        best = np.minimum(best, np.sum((d + s) ** 2, axis=1))
    r = np.sqrt(best)
    keep = r < r_max
    k = np.minimum(bins - 1, (r[keep] * (bins / r_max)).astype(np.int64))
    tj = types[i + 1:][keep]
    total += np.bincount(k, minlength=bins)
    for b in range(1, ntypes + 1):
        sel = tj == b
        a, c = sorted((types[i], b))
        counts[a, c] += np.bincount(k[sel], minlength=bins)
for k in range(bins):
    row = [total[k]] + [counts[a, b, k] for a in range(1, ntypes + 1) for b in range(a, ntypes + 1)]
    print(" ".join(str(x) for x in row))

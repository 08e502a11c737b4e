#!/usr/bin/python3
"""A perfect fcc crystal of kob-andersen A particles (plain LJ, epsilon = sigma = 1, r_c = 2.5 shifted) at its
zero-pressure lattice constant, cube axes along x, y, z, as a LAMMPS data file (atom_style atomic) for the `indent`
stage: the `vacuum` key opens it along z into a slab with a (001) surface.
Usage: fcc_slab.py NX NY NZ OUT.data   (NX x NY x NZ cubic cells, 4 atoms each)"""
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import brentq


def lattice_constant(rc=2.5):
    """The a of zero pressure: sum over neighbours within r_c of r phi'(r) = 0 (the shift does not enter)."""
    basis = np.array([[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]])
    g = np.array([[i, j, k] for i in range(-4, 5) for j in range(-4, 5) for k in range(-4, 5)])
    cells = (g[:, None, :] + basis[None]).reshape(-1, 3)

    def virial(a):
        r = np.linalg.norm(cells * a, axis=1)
        r = r[(r > 1e-9) & (r < rc)]
        return np.sum(-48 / r**12 + 24 / r**6)
    return brentq(virial, 1.50, 1.60)


def main():
    nx, ny, nz = map(int, sys.argv[1:4])
    a = lattice_constant()
    basis = np.array([[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]]) + 0.25  # off the box faces
    pos = [(np.array([i, j, k]) + b) * a for k in range(nz) for j in range(ny) for i in range(nx) for b in basis]
    out = Path(sys.argv[4])
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w") as f:
        f.write(f"LAMMPS data file, fcc LJ crystal {nx} x {ny} x {nz} cells, a = {a:.12f} (fcc_slab.py)\n\n")
        f.write(f"{len(pos)} atoms\n2 atom types\n\n")
        for n, name in zip((nx, ny, nz), "xyz"):
            f.write(f"0 {n * a:.12f} {name}lo {name}hi\n")
        f.write("\nMasses\n\n1 1.0\n2 1.0\n\nAtoms # atomic\n\n")
        for i, r in enumerate(pos, 1):
            f.write(f"{i} 1 {r[0]:.12f} {r[1]:.12f} {r[2]:.12f}\n")
    print(f"{len(pos)} atoms, a = {a:.10f}, box {nx * a:.4f} x {ny * a:.4f} x {nz * a:.4f}")


main()

#!/usr/bin/python3
"""The extended XYZ written by vitrum opens in ASE with the right cell, positions and columns."""
import os
import subprocess
import sys

import ase.io
import numpy as np

vitrum, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
path = os.path.join(workdir, "ka.xyz")
data = os.path.join(workdir, "ka.data")
subprocess.run([vitrum, "generate", "-m", "kob-andersen", "-n", "500", "--tilt", "0.3", "--seed", "4", "-o", path], check=True)
subprocess.run([vitrum, "generate", "-m", "kob-andersen", "-n", "500", "--tilt", "0.3", "--seed", "4", "-o", data], check=True)

atoms = ase.io.read(path)
assert len(atoms) == 500, len(atoms)
cell = np.array(atoms.cell)
L = cell[0, 0]
assert abs(cell[1, 0] - 0.3 * L) < 1e-12 * L, cell
assert cell[0, 1] == 0 and cell[2, 0] == 0 and cell[2, 1] == 0, cell
assert list(atoms.pbc) == [True, True, True]
types = atoms.arrays["type"]
assert sorted(set(types.tolist())) == [1, 2] and (types == 1).sum() == 400, types

# Positions agree bit for bit with the LAMMPS data file written from the same generator call.
rows = []
with open(data) as f:
    lines = f.read().split("Atoms # atomic")[1].strip().splitlines()
for line in lines[:500]:
    tok = line.split()
    rows.append((int(tok[0]), float(tok[2]), float(tok[3]), float(tok[4])))
rows.sort()
ids = atoms.arrays["id"]
order = np.argsort(ids)
pos = atoms.positions[order]
ref = np.array([[r[1], r[2], r[3]] for r in rows])
assert np.array_equal(pos, ref), np.abs(pos - ref).max()
print("ASE read", len(atoms), "atoms, cell and positions match")

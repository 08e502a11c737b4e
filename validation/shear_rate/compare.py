#!/usr/bin/python3
"""Steady-state sigma_xy of vitrum's shear_rate stage against LAMMPS fix nvt/sllod, same analysis for both:
samples after the transient strain, mean and standard error from 20 equal blocks; prints a table with the kinetic
(peculiar-velocity) part of sigma_xy and z = (vitrum - LAMMPS) / combined standard error.
usage: compare.py RATE LAMMPS_FILE VITRUM_CSV [RATE LAMMPS_FILE VITRUM_CSV ...]"""
import csv
import sys

import numpy as np

TRANSIENT = 0.5
BLOCKS = 20


def block(x):
    n = len(x) // BLOCKS
    means = np.array([x[b * n:(b + 1) * n].mean() for b in range(BLOCKS)])
    return x.mean(), means.std(ddof=1) / np.sqrt(BLOCKS)


def lammps(path):
    a = np.loadtxt(path, comments="#")
    keep = a[:, 1] > TRANSIENT
    return a[keep, 2], a[keep, 3], a[keep, 5]


def vitrum(path):
    rows = [r for r in csv.DictReader(open(path)) if float(r["strain"]) > TRANSIENT]
    return tuple(np.array([float(r[k]) for r in rows]) for k in ("stress_xy", "temperature", "stress_xy_kinetic"))


print(f"{'rate':>6} {'code':>7} {'samples':>8} {'sigma_xy':>10} {'+-':>8} {'viscosity':>10} {'+-':>7} {'T':>7} "
      f"{'sigma_kin':>10} {'+-':>8} {'z':>6}")
for rate, lmp_file, vit_file in zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]):
    r = float(rate)
    z = None
    for code, (s, t, k) in (("LAMMPS", lammps(lmp_file)), ("vitrum", vitrum(vit_file))):
        m, e = block(s)
        mk, ek = block(k)
        if z is None:
            ref = (m, e)
            z = ""
        else:
            z = f"{(m - ref[0]) / np.hypot(e, ref[1]):>6.2f}"
        print(f"{r:>6g} {code:>7} {len(s):>8} {m:>10.5f} {e:>8.5f} {m / r:>10.4f} {e / r:>7.4f} {t.mean():>7.4f} "
              f"{mk:>10.5f} {ek:>8.5f} {z:>6}")

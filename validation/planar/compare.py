#!/usr/bin/python3
"""Compares vitrum's thermo.csv rows of stage 3 (NVE) with LAMMPS's thermo lines, step by step.
Usage: compare.py out/thermo.csv lmp.out"""
import csv
import sys

ours = [r for r in csv.DictReader(open(sys.argv[1])) if r["stage"] == "3"]
theirs, on = {}, False
for line in open(sys.argv[2]):
    if line.strip().startswith("Step"):
        on = True
        continue
    if on:
        p = line.split()
        if len(p) < 8 or not p[0].isdigit():
            on = False
            continue
        theirs[int(p[0])] = list(map(float, p))
worst = {}
for i, r in enumerate(ours):
    t = theirs[i + 1]
    for name, a, b in [("temperature", r["temperature"], t[1]), ("pe_per_particle", r["pe_per_particle"], t[2]),
                       ("pressure", r["pressure"], t[3]), ("pxy", r["pxy"], t[6]), ("area", r["volume"], t[7])]:
        worst[name] = max(worst.get(name, 0.0), abs(float(a) - b) / max(abs(b), 1e-12))
print(f"{len(ours)} steps; max relative differences: " + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))

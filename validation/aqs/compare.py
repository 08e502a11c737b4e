#!/usr/bin/env python3
# Compares vitrum's stage1-aqs.csv with the "AQS <step> <sigma_xy> <pe/N>" lines of the LAMMPS loop, step by step.
import csv
import sys

if len(sys.argv) != 3:
    sys.exit("usage: compare.py <vitrum out>/stage1-aqs.csv <lammps stdout>")
ours = list(csv.DictReader(open(sys.argv[1])))
theirs = [tuple(map(float, line.split()[1:])) for line in open(sys.argv[2]) if line.startswith("AQS ")]
if len(ours) != len(theirs):
    sys.exit(f"{len(ours)} vitrum rows but {len(theirs)} LAMMPS rows")
rel_s = max(abs(float(r["stress_xy"]) - s) / abs(s) for r, (_, s, _) in zip(ours, theirs))
rel_e = max(abs(float(r["pe_per_particle"]) - e) / abs(e) for r, (_, _, e) in zip(ours, theirs))
events = sum(r["event"] == "1" for r in ours)
print(f"{len(ours)} states, {events} events; max relative difference: stress_xy {rel_s:.2e}, E/N {rel_e:.2e}")

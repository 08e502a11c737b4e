#!/usr/bin/python3
"""Copy a vitrum/LAMMPS atomic data file with positions rounded to 7 decimals, no image flags, no velocities.

Used to store the inherent structures that tests/analysis/test_voronoi.cpp reads (tests/data/analysis/);
the test minimises them again (CG to 1e-8), which undoes the rounding (|dx| <= 5e-8).
usage: shrink_data.py IN.data OUT.data COMMENT
"""
import sys

src, dst, comment = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(src).read().split("\n")
out = [f"LAMMPS data file: {comment}", ""]
i = 1
section = None
while i < len(lines):
    s = lines[i].strip()
    if s in ("Masses", "Atoms # atomic", "Atoms", "Velocities"):
        section = s
        if s != "Velocities":
            out += [s, ""]
        i += 2
        continue
    if section is None:
        if s:
            out.append(s)
    elif section.startswith("Atoms") and s:
        f = s.split()
        out.append(f"{f[0]} {f[1]} {float(f[2]):.7f} {float(f[3]):.7f} {float(f[4]):.7f}")
    elif section == "Masses" and s:
        out.append(s)
    elif not s and section in ("Masses",) and out[-1] != "":
        out.append("")
    i += 1
text = "\n".join(out).rstrip("\n") + "\n"
text = text.replace("\nMasses", "\n\nMasses").replace("\n\n\nMasses", "\n\nMasses")
open(dst, "w").write(text)

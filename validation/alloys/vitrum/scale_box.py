#!/usr/bin/python3
"""Scale a LAMMPS data file's box and positions affinely about the box centre to volume V
(what LAMMPS `change_box all x scale s y scale s z scale s remap` does): scale_box.py IN OUT V."""
import sys
src, dst, volume = sys.argv[1], sys.argv[2], float(sys.argv[3])
lines = open(src).read().split("\n")
lo, hi = [0.0] * 3, [0.0] * 3
for l in lines:
    t = l.split()
    for k, ax in enumerate("xyz"):
        if len(t) >= 4 and t[2] == ax + "lo" and t[3] == ax + "hi":
            lo[k], hi[k] = float(t[0]), float(t[1])
s = (volume / ((hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]))) ** (1.0 / 3.0)
c = [(lo[k] + hi[k]) / 2 for k in range(3)]
out, section = [], None
for l in lines:
    t = l.split()
    if len(t) >= 4 and t[2].endswith("lo") and t[3].endswith("hi"):
        k = "xyz".index(t[2][0])
        l = f"{c[k] + (lo[k] - c[k]) * s!r} {c[k] + (hi[k] - c[k]) * s!r} {t[2]} {t[3]}"
    elif t and t[0] in ("Atoms", "Velocities", "Masses"):
        section = t[0]
    elif section == "Atoms" and len(t) >= 5:
        x = [c[k] + (float(t[2 + k]) - c[k]) * s for k in range(3)]
        l = " ".join(t[:2] + [repr(v) for v in x] + t[5:])
    out.append(l)
open(dst, "w").write("\n".join(out))
print(f"scale factor {s!r}")

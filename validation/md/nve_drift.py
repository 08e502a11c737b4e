#!/usr/bin/python3
"""Energy drift of an NVE run: least-squares slope of E/N against the step, times the run length.

Reads vitrum's thermo.csv (the stage given by --stage) or a LAMMPS log whose last run printed
`thermo_style custom step temp pe etotal press` with `thermo_modify norm yes`.
"""
import argparse
import numpy as np


def series(path, stage):
    if path.endswith(".csv"):
        d = np.genfromtxt(path, delimiter=",", names=True)
        d = d[d["stage"] == stage]
        return d["step"], d["temperature"], d["conserved_per_particle"]
    blocks = []
    for line in open(path):
        w = line.split()
        if w[:1] == ["Step"]:
            blocks.append([])
        elif blocks and len(w) == 5:
            try:
                blocks[-1].append([float(x) for x in w])
            except ValueError:
                pass
    a = np.array(blocks[-1])
    return a[:, 0], a[:, 1], a[:, 3]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--stage", type=int, default=2)
    args = ap.parse_args()
    print(f"{'file':44s} {'steps':>7s} {'<T>':>6s} {'fit drift':>10s} {'end-start':>10s} {'rms':>8s}")
    for f in args.files:
        step, T, e = series(f, args.stage)
        x = step - step[0]
        p = np.polyfit(x, e, 1)
        print(f"{f:44s} {x[-1]:7.0f} {T.mean():6.3f} {p[0] * x[-1]:+10.2e} {e[-1] - e[0]:+10.2e} "
              f"{np.std(e - np.polyval(p, x)):8.1e}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Plots the outputs of `vitrum seep` (run with Debian's /usr/bin/python3): seep.png in OUT_DIR, the map's mean
stress-strain curve of each prediction beside its held-out histories, and the trajectories in the state plane."""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    out = sys.argv[1]
    summary = json.load(open(os.path.join(out, "summary.json")))
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.8))
    m = np.genfromtxt(os.path.join(out, "seep_map.csv"), delimiter=",", names=True)
    counts = m["transitions"] > 0
    b.scatter(m["stress"][counts], m["energy"][counts], c=np.log10(m["transitions"][counts]), s=12, marker="s",
              cmap="Greys", alpha=0.5)
    for p in summary["predictions"]:
        c = np.genfromtxt(os.path.join(out, p["file"]), delimiter=",", names=True)
        line = a.plot(c["gamma"], c["stress_mean"], label=f"{p['name']}: map")[0]
        a.fill_between(c["gamma"], c["stress_mean"] - c["stress_sd"], c["stress_mean"] + c["stress_sd"],
                       color=line.get_color(), alpha=0.15, lw=0)
        b.plot(c["stress_mean"], c["energy_mean"], color=line.get_color(), label=f"{p['name']}: map")
        if "ref_stress_mean" in c.dtype.names:
            a.plot(c["gamma"], c["ref_stress_mean"], "--", color=line.get_color(), label=f"{p['name']}: held out")
            b.plot(c["ref_stress_mean"], c["ref_energy_mean"], "--", color=line.get_color(), label=f"{p['name']}: held out")
    a.set_xlabel("strain $\\gamma$")
    a.set_ylabel("mean shear stress (± sd of the map's walks)")
    b.set_xlabel("shear stress")
    b.set_ylabel("inelastic energy per particle")
    b.set_title("state plane (grey: harvested bins)", fontsize=9)
    a.legend(fontsize=7)
    b.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "seep.png"), dpi=130)
    print("plots: seep.png")


if __name__ == "__main__":
    main()

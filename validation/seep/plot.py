#!/usr/bin/python3
"""docs/img/seep.png from validation/seep/data (run.py writes the map's curves there): the SEEP map's mean
stress-strain curves and state-plane paths beside the held-out atomistic histories, and the stress-only map."""
import glob
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "docs", "img", "seep.png")
COLOURS = {"md": "tab:blue", "swap": "tab:red"}
LABELS = {"md": "MD-quenched", "swap": "swap-annealed"}


def read(path):
    return np.genfromtxt(path, delimiter=",", names=True)


def main():
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(14, 4))
    grid = read(os.path.join(DATA, "map-grid.csv"))
    seen = grid["transitions"] > 0
    b.scatter(grid["stress"][seen], grid["energy"][seen], c=np.log10(grid["transitions"][seen]), cmap="Greys",
              marker="s", s=18, alpha=0.6)
    for prep in ("md", "swap"):
        col = COLOURS[prep]
        for f in sorted(glob.glob(os.path.join(DATA, f"{prep}-test", "*.csv"))):
            h = read(f)
            a.plot(h["gamma"], h["stress_xy"], color=col, lw=0.3, alpha=0.35)
        m = read(os.path.join(DATA, f"map-{prep}.csv"))
        a.plot(m["gamma"], m["stress_mean"], color=col, lw=2, label=f"{LABELS[prep]}: map (mean ± sd)")
        a.fill_between(m["gamma"], m["stress_mean"] - m["stress_sd"], m["stress_mean"] + m["stress_sd"], color=col,
                       alpha=0.12, lw=0)
        a.plot(m["gamma"], m["ref_stress_mean"], "--", color="k" if prep == "md" else "0.4", lw=1.2,
               label=f"{LABELS[prep]}: held-out mean")
        b.plot(m["stress_mean"], m["energy_mean"], color=col, lw=2, label=f"{LABELS[prep]}: map")
        b.plot(m["ref_stress_mean"], m["ref_energy_mean"], "--", color=col, lw=1.2, label=f"{LABELS[prep]}: held out")
    s = read(os.path.join(DATA, "stress-only-swap.csv"))
    m = read(os.path.join(DATA, "map-swap.csv"))
    c.plot(m["gamma"], m["ref_stress_mean"], "k--", lw=1.2, label="held-out swap glasses")
    c.plot(m["gamma"], m["stress_mean"], color=COLOURS["swap"], lw=2, label="map in (stress, energy)")
    c.plot(s["gamma"], s["stress_mean"], color="tab:green", lw=2, label="map in stress alone")
    a.set_xlabel("strain $\\gamma$")
    a.set_ylabel("shear stress $\\sigma_{xy}$")
    a.set_title("held-out histories (thin) and the map", fontsize=9)
    a.legend(fontsize=7)
    b.set_xlabel("shear stress $\\sigma_{xy}$")
    b.set_ylabel("inelastic energy per particle")
    b.set_title("state plane (grey: harvested bins, log count)", fontsize=9)
    b.legend(fontsize=7)
    c.set_xlabel("strain $\\gamma$")
    c.set_ylabel("mean shear stress")
    c.set_title("is the second variable needed? (swap glasses)", fontsize=9)
    c.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(OUT, dpi=120)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

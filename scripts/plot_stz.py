#!/usr/bin/python3
"""Plots the outputs of `vitrum stz` (run with Debian's /usr/bin/python3): PNGs next to the data in OUT_DIR."""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main(d):
    summary = json.load(open(os.path.join(d, "summary.json")))
    grid = summary["recipe"]["grid"]
    state = summary["state_variable"]
    label = {"chi": "$\\chi$ [K]", "xi": "$\\xi$"}[state]
    c = np.genfromtxt(os.path.join(d, "stress_strain.csv"), delimiter=",", names=True)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(c["strain"], c["shear_stress"] / 1e9, lw=1)
    ax.set_xlabel("shear strain $\\gamma$")
    ax.set_ylabel("shear stress [GPa]")
    ax.set_title(f"{summary['law']} {grid['nx']}x{grid['ny']}")
    fig.tight_layout()
    fig.savefig(os.path.join(d, "stress_strain.png"), dpi=130)
    plt.close(fig)
    extent = [0, grid["width"] * 1e3, 0, grid["height"] * 1e3]
    for snap in summary["snapshots"]:
        tag = snap["tag"]
        x = np.load(os.path.join(d, f"{state}_{tag}.npy"))
        rate = np.load(os.path.join(d, f"plastic_rate_{tag}.npy"))
        fig, axes = plt.subplots(1, 2, figsize=(9, 3.8))
        im = axes[0].imshow(x, origin="lower", extent=extent, cmap="inferno")
        fig.colorbar(im, ax=axes[0], label=label)
        floor = max(rate.max() * 1e-8, 1e-300)
        im = axes[1].imshow(np.log10(np.maximum(rate, floor)), origin="lower", extent=extent, cmap="viridis")
        fig.colorbar(im, ax=axes[1], label="log$_{10}$ plastic shear rate [1/s]")
        for ax in axes:
            ax.set_xlabel("x [mm]")
            ax.set_ylabel("y [mm]")
        band = f", band width {snap['band_width'] * 1e6:.0f} µm" if snap["band_detected"] else ""
        fig.suptitle(f"$\\gamma$ = {snap['strain']:.3f}{band}")
        fig.tight_layout()
        fig.savefig(os.path.join(d, f"maps_{tag}.png"), dpi=110)
        plt.close(fig)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: plot_stz.py OUT_DIR")
    main(sys.argv[1])

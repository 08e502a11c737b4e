#!/usr/bin/python3
"""Plots the outputs of `vitrum analyze ... --out DIR` into DIR/analysis.png (one panel per analysis present).

Usage: /usr/bin/python3 scripts/plot_analysis.py DIR
"""
import json
import os
import sys

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.colors
import matplotlib.pyplot as plt


def read_csv(path):
    with open(path) as f:
        names = f.readline().strip().split(",")
    data = np.genfromtxt(path, delimiter=",", skip_header=1, ndmin=2)
    return {n: data[:, k] for k, n in enumerate(names)}


def main(out):
    summary = json.load(open(os.path.join(out, "summary.json")))
    panels = [k for k in ("gr", "sq", "voronoi", "q6", "modes", "soft") if k in summary or
              (k == "soft" and "modes" in summary)]
    if not panels:
        print("plot_analysis: nothing to plot", file=sys.stderr)
        return 0
    cols = min(3, len(panels))
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 4 * rows), squeeze=False)
    axes = axes.ravel()
    particles = read_csv(os.path.join(out, "particles.csv"))
    for ax, key in zip(axes, panels):
        if key == "gr":
            g = read_csv(os.path.join(out, "gr.csv"))
            for name, v in g.items():
                if name.startswith("g"):
                    ax.plot(g["r"], v, label=name, lw=1.5 if name == "g" else 1)
            ax.axvline(summary["gr"]["first_peak"], color="k", ls=":", lw=0.8)
            ax.set(xlabel="r", ylabel="g(r)", title="pair distribution")
            ax.legend(fontsize=8)
        elif key == "sq":
            s = read_csv(os.path.join(out, "sq.csv"))
            for name, v in s.items():
                # S_NN equals the total S (both number-number): drawn once, as S, black and on top.
                if name.startswith("S") and name not in ("S_NC", "S_NN", "S"):
                    ax.plot(s["q"], v, label=name, lw=1)
            if "S" in s:
                ax.plot(s["q"], s["S"], label="S (= S_NN)" if "S_NN" in s else "S", color="k", lw=1.8, zorder=3)
            ax.set(xlabel="q", ylabel="S(q)", title=f"structure factor ({summary['sq']['method']})")
            ax.legend(fontsize=8)
        elif key == "voronoi":
            top = summary["voronoi"]["top_indices"]
            ax.barh([t[0] for t in top][::-1], [t[1] for t in top][::-1])
            ico = ", ".join(f"type {k}: {v:.3f}" for k, v in summary["voronoi"]["icosahedral_fraction"].items())
            ax.set(xlabel="fraction", title=f"Voronoi indices (<0,0,12,0>: {ico})")
            ax.title.set_fontsize(9)
        elif key == "q6":
            for t in np.unique(particles["type"]):
                sel = particles["type"] == t
                ax.hist(particles["q6"][sel], bins=60, histtype="step", density=True, label=f"type {int(t)}")
            ax.set(xlabel="q6", ylabel="density", title=f"Steinhardt q6 (mean {summary['q6']['mean']:.3f})")
            ax.legend(fontsize=8)
        elif key == "modes":
            m = read_csv(os.path.join(out, "modes.csv"))
            omega = np.sqrt(np.clip(m["omega2"], 0, None))
            ax.semilogy(omega, m["participation_ratio"], "o")
            ax.set(xlabel="ω", ylabel="participation ratio", title="lowest modes")
        elif key == "soft":
            z = particles["z"]
            mid = np.median(z)
            width = 0.15 * (z.max() - z.min())
            sel = np.abs(z - mid) < width
            sc = ax.scatter(particles["x"][sel], particles["y"][sel], c=particles["soft_spot"][sel], s=12,
                            cmap="viridis", norm=matplotlib.colors.LogNorm())
            fig.colorbar(sc, ax=ax, label="Σ |e_i|²")
            ax.set(xlabel="x", ylabel="y", title=f"soft-spot field (slab |z - {mid:.1f}| < {width:.1f})", aspect="equal")
    for ax in axes[len(panels):]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "analysis.png"), dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

#!/usr/bin/python3
"""Plots the outputs of `vitrum epm` (run with Debian's /usr/bin/python3): PNGs next to the data in OUT_DIR."""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def read_csv(path):
    return np.genfromtxt(path, delimiter=",", names=True)


def plot_run(d, title):
    made = []
    p = os.path.join(d, "stress_strain.csv")
    if os.path.exists(p):
        c = read_csv(p)
        fig, ax = plt.subplots(figsize=(5, 3.5))
        ax.plot(c["strain"], c["stress"], lw=0.7)
        ax.set_xlabel("strain $\\gamma$")
        ax.set_ylabel("stress $\\Sigma$")
        ax.set_title(title)
        fig.tight_layout()
        fig.savefig(os.path.join(d, "stress_strain.png"), dpi=130)
        plt.close(fig)
        made.append("stress_strain.png")
    p = os.path.join(d, "avalanches.csv")
    s_path = os.path.join(d, "summary.json")
    if os.path.exists(p) and os.path.exists(s_path):
        summary = json.load(open(s_path))
        a = read_csv(p)
        stationary = a["strain"] >= summary["recipe"]["protocol"].get("stationary_strain", 0)
        sizes = np.atleast_1d(a["size"][stationary])
        if sizes.size > 10:
            bins = np.unique(np.logspace(0, np.log10(sizes.max() + 1), 40).astype(int))
            h, e = np.histogram(sizes, bins=bins, density=True)
            centres = np.sqrt(e[1:] * e[:-1])
            fig, ax = plt.subplots(figsize=(5, 3.5))
            ax.loglog(centres[h > 0], h[h > 0], "o", ms=3, label="P(S)")
            if summary.get("tau"):
                tau = summary["tau"]
                ref = h[h > 0][0] * (centres[h > 0] / centres[h > 0][0]) ** (-tau)
                ax.loglog(centres[h > 0], ref, "-", label=f"$S^{{-{tau:.2f}}}$ (MLE)")
            ax.set_xlabel("avalanche size S")
            ax.set_ylabel("P(S)")
            ax.legend()
            fig.tight_layout()
            fig.savefig(os.path.join(d, "avalanche_sizes.png"), dpi=130)
            plt.close(fig)
            made.append("avalanche_sizes.png")
    p = os.path.join(d, "pseudogap.csv")
    if os.path.exists(p):
        c = np.atleast_1d(read_csv(p))
        if c.size > 2:
            fig, ax = plt.subplots(figsize=(5, 3.5))
            ax.loglog(c["x"], c["density"], ".")
            ax.set_xlabel("distance to threshold x")
            ax.set_ylabel("P(x)")
            fig.tight_layout()
            fig.savefig(os.path.join(d, "pseudogap.png"), dpi=130)
            plt.close(fig)
            made.append("pseudogap.png")
    p = os.path.join(d, "plastic_strain.npy")
    if os.path.exists(p):
        e = np.load(p)
        if e.ndim == 3:
            e = e[0]
        fig, ax = plt.subplots(figsize=(4.5, 4))
        im = ax.imshow(e, origin="lower", cmap="magma")
        fig.colorbar(im, ax=ax, label="plastic strain")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        fig.tight_layout()
        fig.savefig(os.path.join(d, "plastic_strain.png"), dpi=130)
        plt.close(fig)
        made.append("plastic_strain.png")
    for name, x, y, xl, yl, log in (("flow_curve", "rate", "stress", "strain rate", "stress", True),
                                     ("creep", "time", "strain", "time", "strain", False)):
        p = os.path.join(d, name + ".csv")
        if os.path.exists(p):
            c = read_csv(p)
            fig, ax = plt.subplots(figsize=(5, 3.5))
            (ax.semilogx if log else ax.plot)(c[x], c[y], "o-" if log else "-", ms=3)
            ax.set_xlabel(xl)
            ax.set_ylabel(yl)
            fig.tight_layout()
            fig.savefig(os.path.join(d, name + ".png"), dpi=130)
            plt.close(fig)
            made.append(name + ".png")
    return made


def main():
    out = sys.argv[1]
    summary = json.load(open(os.path.join(out, "summary.json")))
    made = []
    if "levels" in summary:
        fig, ax = plt.subplots(figsize=(5.5, 4))
        for level in summary["levels"]:
            d = os.path.join(out, level["folder"])
            made += [os.path.join(level["folder"], m) for m in plot_run(d, f"stability {level['stability']}")]
            p = os.path.join(d, "stress_strain.csv")
            if os.path.exists(p):
                c = read_csv(p)
                band = " (band)" if level.get("band_detected") else ""
                ax.plot(c["strain"], c["stress"], lw=0.8, label=f"stability {level['stability']}{band}")
        ax.set_xlabel("strain $\\gamma$")
        ax.set_ylabel("stress $\\Sigma$")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(out, "stress_strain_levels.png"), dpi=130)
        plt.close(fig)
        made.append("stress_strain_levels.png")
    else:
        made += plot_run(out, summary["protocol"])
    print("plots: " + ", ".join(made))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Held-out softness of docs/softness.md: distributions of S for rearranging and non-rearranging particles per type,
and the fraction of labelled particles that rearrange against S. Usage: plot_softness.py HELDOUT.csv FIGURE.png"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

data = np.genfromtxt(sys.argv[1], delimiter=",", names=True)
data = data[np.isfinite(data["softness"])]
types = sorted(set(int(t) for t in data["type"]))
fig, axes = plt.subplots(1, len(types) + 1, figsize=(4.2 * (len(types) + 1), 3.4))
bins = np.linspace(np.percentile(data["softness"], 0.5), np.percentile(data["softness"], 99.5), 41)
for ax, t in zip(axes, types):
    d = data[data["type"] == t]
    for label, colour, name in ((1, "tab:red", "rearranging"), (-1, "tab:blue", "non-rearranging")):
        s = d["softness"][d["label"] == label]
        ax.hist(s, bins=bins, density=True, histtype="step", color=colour, lw=1.5,
                label=f"{name} (n = {len(s)}, {100 * np.mean(s > 0 if label == 1 else s < 0):.0f} % on its side)")
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel("softness S")
    ax.set_ylabel("probability density")
    ax.set_title(f"type {t} (held-out events)")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.35)
    ax.legend(fontsize=6.5, loc="upper left")
ax = axes[-1]
centres = 0.5 * (bins[1:] + bins[:-1])
for t in types:
    d = data[data["type"] == t]
    counts, _ = np.histogram(d["softness"], bins=bins)
    rearr, _ = np.histogram(d["softness"][d["label"] == 1], bins=bins)
    ok = (counts >= 5) & (rearr > 0)
    ax.plot(centres[ok], rearr[ok] / counts[ok], "o-", ms=3, label=f"type {t}")
ax.set_yscale("log")
ax.set_xlabel("softness S")
ax.set_ylabel("fraction rearranging")
ax.set_title("labelled held-out particles per S bin (>= 5)")
ax.legend(fontsize=7)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=130)
print("wrote", sys.argv[2])

#!/usr/bin/python3
"""Ternary map of p(glass) from `vitrum gfa screen`: DIR/points/SYSTEM.csv, with DIR/points/SYSTEM.training.csv overlaid; writes DIR/SYSTEM.png."""
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.tri as mtri
import numpy as np

out, system = Path(sys.argv[1]), sys.argv[2]


def load(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
    return header, np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def xy(x):
    # Corner 0 at bottom left, corner 1 at bottom right, corner 2 on top.
    return x[:, 1] + 0.5 * x[:, 2], np.sqrt(3) / 2 * x[:, 2]


header, grid = load(out / "points" / f"{system}.csv")
names = [h[2:] for h in header[:3]]
gx, gy = xy(grid[:, :3])
fig, ax = plt.subplots(figsize=(6, 5.4))
tri = mtri.Triangulation(gx, gy)
cs = ax.tricontourf(tri, grid[:, 3], levels=np.linspace(0, 1, 11), cmap="viridis", extend="both")
ax.tricontour(tri, grid[:, 3], levels=[0.5], colors="white", linewidths=1.2)
fig.colorbar(cs, ax=ax, label="p(glass)", shrink=0.8)
training = out / "points" / f"{system}.training.csv"
if training.exists():
    _, t = load(training)
    if t.size:
        tx, ty = xy(t[:, :3])
        glass = t[:, 3] > 0.5
        ax.scatter(tx[glass], ty[glass], s=10, facecolors="white", edgecolors="k", linewidths=0.5, label="training: glass (AM)")
        ax.scatter(tx[~glass], ty[~glass], s=12, marker="x", c="red", linewidths=0.8, label="training: not glass (AC, CR)")
ax.plot([0, 1, 0.5, 0], [0, 0, np.sqrt(3) / 2, 0], "k-", lw=1)
ax.text(-0.03, -0.04, names[0], ha="right")
ax.text(1.03, -0.04, names[1], ha="left")
ax.text(0.5, np.sqrt(3) / 2 + 0.03, names[2], ha="center")
ax.set_aspect("equal")
ax.axis("off")
ax.set_title(f"{system}: random-forest p(glass), white line p = 0.5", y=1.06)
ax.legend(loc="upper right", fontsize=7)
fig.tight_layout()
fig.savefig(out / f"{system}.png", dpi=120)

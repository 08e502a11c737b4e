#!/usr/bin/python3
"""Tutorial 03: the (P, v) process maps of two `vitrum lpbf` runs side by side.
usage: plot.py LPBF_DIR_1 LPBF_DIR_2 OUT.png
Colour: log10 of the largest crystalline fraction in the build at that (P, v); hatched: lack of fusion;
red outline: dense and amorphous (the printable window); star: the recipe's nominal point."""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402



def edges(c):
    """Cell edges around grid centres c (uniform or not); one centre gives a unit-wide cell."""
    if len(c) == 1:
        return np.array([c[0] - 0.5, c[0] + 0.5])
    mid = (c[1:] + c[:-1]) / 2
    return np.concatenate([[2 * c[0] - mid[0]], mid, [2 * c[-1] - mid[-1]]])


dirs = [Path(a) for a in sys.argv[1:-1]]
png = Path(sys.argv[-1])
fig, axes = plt.subplots(1, len(dirs), figsize=(5.2 * len(dirs), 4.6), squeeze=False)
for ax, d in zip(axes[0], dirs):
    s = json.loads((d / "summary.json").read_text())
    rec = s["recipe"]
    m = np.genfromtxt(d / "process_map.csv", delimiter=",", names=True)
    P, V = np.unique(m["power_W"]), np.unique(m["speed_m_per_s"])

    def grid(col):
        g = np.full((len(V), len(P)), np.nan)
        for row in m:
            g[np.searchsorted(V, row["speed_m_per_s"]), np.searchsorted(P, row["power_W"])] = row[col]
        return g

    x = np.log10(np.maximum(grid("max_crystalline_fraction"), 1e-12))
    im = ax.pcolormesh(P, V, x, shading="nearest", cmap="viridis", vmin=-12, vmax=0)
    lof = grid("dense") < 0.5
    ax.contourf(P, V, lof.astype(float), levels=[0.5, 1.5], colors="none", hatches=["////"])
    window = (grid("dense") > 0.5) & (grid("amorphous") > 0.5)
    # Outline the window cell by cell: every cell edge between a window cell and a non-window cell (or the border).
    pe, ve = edges(P), edges(V)
    for j in range(len(V)):
        for i in range(len(P)):
            if not window[j, i]:
                continue
            if i == 0 or not window[j, i - 1]:
                ax.plot([pe[i]] * 2, [ve[j], ve[j + 1]], color="red", lw=1.8)
            if i == len(P) - 1 or not window[j, i + 1]:
                ax.plot([pe[i + 1]] * 2, [ve[j], ve[j + 1]], color="red", lw=1.8)
            if j == 0 or not window[j - 1, i]:
                ax.plot([pe[i], pe[i + 1]], [ve[j]] * 2, color="red", lw=1.8)
            if j == len(V) - 1 or not window[j + 1, i]:
                ax.plot([pe[i], pe[i + 1]], [ve[j + 1]] * 2, color="red", lw=1.8)
    ax.set_xlim(pe[0], pe[-1])
    ax.set_ylim(ve[0], ve[-1])
    ax.plot([rec["laser"]["power_W"]], [rec["laser"]["speed_m_per_s"]], "w*", ms=12, mec="k")
    w = s.get("window_energy_density_J_per_mm3")
    wtxt = f"window {w[0]:.1f}-{w[1]:.1f} J/mm³" if w else "no window"
    ax.set_title(f"{rec['material']['name']} (R_c = {s['kinetics']['rc_K_per_s']:.4g} K/s): {wtxt}", fontsize=10)
    ax.set_xlabel("laser power P (W)")
    ax.set_ylabel("scan speed v (m/s)")
    fig.colorbar(im, ax=ax, label="log10 largest crystalline fraction")
fig.suptitle("LPBF process maps: hatched = lack of fusion, red outline = dense and amorphous, star = nominal",
             fontsize=10)
fig.tight_layout()
fig.savefig(png, dpi=110)
print(f"plot: {png}")

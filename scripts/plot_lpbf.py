#!/usr/bin/python3
"""Plots the outputs of `vitrum lpbf` in DIR: process_map.png (P, v map with the amorphous-and-dense window outlined),
build_profile.png (crystalline fraction against depth) and history_max.png (T(t) of the most crystallised point)."""
import json
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

out = Path(sys.argv[1])
summary = json.loads((out / "summary.json").read_text())
rec = summary["recipe"]

prof = np.genfromtxt(out / "build_profile.csv", delimiter=",", names=True)
fig, ax = plt.subplots(figsize=(5, 4))
ax.semilogx(np.maximum(prof["crystalline_fraction"], 1e-12), prof["layers_below_top"], "o-", ms=3)
ax.invert_yaxis()
ax.set_xlabel("crystalline fraction")
ax.set_ylabel("layers below the top")
ax.axhline(rec["build"]["layers"] - 0.5, color="brown", lw=0.8, label="substrate below")
ax.set_title(f"{rec['material']['name']}: {rec['build']['layers']} layers at {rec['laser']['power_W']:g} W, "
             f"{rec['laser']['speed_m_per_s']:g} m/s", fontsize=9)
ax.axvline(0.048, color="gray", ls="--", lw=0.8, label="Lindwall et al. 2019: 4.8 %")
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(out / "build_profile.png", dpi=120)
plt.close(fig)

hist = np.loadtxt(out / "history_max.csv", delimiter=",", skiprows=1, ndmin=2)
if len(hist):
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(hist[:, 0], hist[:, 1], lw=0.6)
    kin = rec["kinetics"]["alloy"]
    ax.axhline(kin["glass_transition_K"], color="gray", lw=0.8, ls="--", label="T_g")
    ax.axhline(kin["liquidus_K"], color="red", lw=0.8, ls="--", label="T_l")
    ax.set_ylim(rec["material"]["ambient_K"], 2.0 * kin["liquidus_K"])
    ax.set_xlabel("time (s)")
    ax.set_ylabel("temperature (K)")
    ax.set_title("most crystallised point of the nominal build", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "history_max.png", dpi=120)
    plt.close(fig)

mp = out / "process_map.csv"
if mp.exists():
    d = np.genfromtxt(mp, delimiter=",", names=True)
    P = np.unique(d["power_W"])
    V = np.unique(d["speed_m_per_s"])
    def grid(col):
        g = np.full((len(V), len(P)), np.nan)
        for row in d:
            g[np.searchsorted(V, row["speed_m_per_s"]), np.searchsorted(P, row["power_W"])] = row[col]
        return g
    x = grid("max_crystalline_fraction")
    ok = grid("dense") * grid("amorphous")
    fig, ax = plt.subplots(figsize=(6, 4.5))
    im = ax.pcolormesh(P, V, np.log10(np.maximum(x, 1e-12)), shading="nearest", cmap="viridis", vmin=-8, vmax=0)
    fig.colorbar(im, ax=ax, label="log10 max crystalline fraction")
    ax.contour(P, V, grid("lof_ratio"), levels=[1.0], colors="white", linestyles="--")
    # Outline the dense-and-amorphous cells: every cell edge between a window cell and a non-window one.
    def edges(c):
        return np.concatenate([[c[0] - (c[1] - c[0]) / 2], (c[1:] + c[:-1]) / 2, [c[-1] + (c[-1] - c[-2]) / 2]]) \
            if len(c) > 1 else np.array([c[0] - 0.5, c[0] + 0.5])
    pe, ve = edges(P), edges(V)
    okb = np.nan_to_num(ok) > 0.5
    for j in range(len(V)):
        for i in range(len(P)):
            if not okb[j, i]:
                continue
            if i == 0 or not okb[j, i - 1]:
                ax.plot([pe[i], pe[i]], [ve[j], ve[j + 1]], color="red", lw=1.5)
            if i == len(P) - 1 or not okb[j, i + 1]:
                ax.plot([pe[i + 1], pe[i + 1]], [ve[j], ve[j + 1]], color="red", lw=1.5)
            if j == 0 or not okb[j - 1, i]:
                ax.plot([pe[i], pe[i + 1]], [ve[j], ve[j]], color="red", lw=1.5)
            if j == len(V) - 1 or not okb[j + 1, i]:
                ax.plot([pe[i], pe[i + 1]], [ve[j + 1], ve[j + 1]], color="red", lw=1.5)
    h = rec["scan"]["hatch_um"] * 1e-3
    t = rec["scan"]["layer_thickness_um"] * 1e-3
    for e in (15, 45):
        ax.plot(P, P / (e * h * t) * 1e-3, color="orange", lw=1, ls=":")
    ax.plot([rec["laser"]["power_W"]], [rec["laser"]["speed_m_per_s"]], "w*", ms=10)
    ax.set_xlim(pe[0], pe[-1])
    ax.set_ylim(ve[0], ve[-1])
    ax.set_xlabel("laser power (W)")
    ax.set_ylabel("scan speed (m/s)")
    w = summary.get("window_energy_density_J_per_mm3")
    wtxt = f"window {w[0]:.0f}-{w[1]:.0f} J/mm³" if w else "no window"
    ax.set_title(f"{rec['material']['name']}: red = dense and amorphous ({wtxt});\nwhite dashed = lack-of-fusion limit, "
                 "orange dotted = 15 and 45 J/mm³", fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "process_map.png", dpi=120)
    plt.close(fig)

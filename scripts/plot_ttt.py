#!/usr/bin/python3
"""Plots DIR/ttt.csv (TTT curve of `vitrum ttt`) with the nose and R_c from DIR/summary.json into DIR/ttt.png."""
import json
import sys
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

out = Path(sys.argv[1])
data = np.loadtxt(out / "ttt.csv", delimiter=",", skiprows=1, ndmin=2)
summary = json.loads((out / "summary.json").read_text())
alloy = summary["recipe"]["alloy"]
fig, ax = plt.subplots(figsize=(5, 4))
ax.semilogx(data[:, 1], data[:, 0], label=f"x = {summary['fraction']:g}")
ax.plot([summary["nose_time_s"]], [summary["nose_temperature_K"]], "o", label="nose")
tl = alloy["liquidus_K"]
nose = summary["nose_time_s"]
t = np.logspace(np.log10(nose) - 1, np.log10(nose) + 5, 200)
ax.semilogx(t, tl - summary["rc_K_per_s"] * t, "--", label=f"R_c = {summary['rc_K_per_s']:.3g} K/s")
ax.axhline(alloy["glass_transition_K"], color="gray", lw=0.8)
ax.set_xlim(nose / 10, nose * 1e5)
ax.set_ylim(alloy["glass_transition_K"] - 20, tl + 10)
ax.set_xlabel("time (s)")
ax.set_ylabel("temperature (K)")
ax.set_title(f"{alloy['name']}: TTT (classical nucleation, JMAK)")
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(out / "ttt.png", dpi=120)

#!/usr/bin/python3
"""Figure of validation/fatigue: cycles to failure against amplitude, stroboscopic energy per cycle, a band map.
Usage: /usr/bin/python3 plot.py SWEEP_OUT [fatigue.png]  (SWEEP_OUT: run_sweep.py's output folder)"""
import csv
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

out = Path(sys.argv[1])
png = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).with_name("fatigue.png")
rows = json.loads((out / "sweep.json").read_text())
style = {"md": ("tab:red", "MD-quenched"), "swap": ("tab:blue", "swap-annealed")}

fig, ax = plt.subplots(1, 4, figsize=(17, 4.2))
top = max(r["cycles"] for r in rows)


def shade(amplitude):
    """Darker for larger amplitudes (0.08 .. 0.16)."""
    return min(1.0, max(0.25, 0.25 + 0.75 * (amplitude - 0.08) / 0.08))


for glass, (colour, label) in style.items():
    mine = sorted((r for r in rows if r["glass"] == glass), key=lambda r: r["amplitude"])
    if not mine:
        continue
    f = [r for r in mine if r["outcome"] == "failed"]
    ax[0].plot([r["amplitude"] for r in f], [r["cycles_to_failure"] for r in f], "o-", color=colour, label=f"{label}: failed")
    # Censored: a limit cycle never fails (plotted above the cap), a survivor had not failed by its last cycle.
    lc = [r for r in mine if r["outcome"] == "limit_cycle"]
    ax[0].plot([r["amplitude"] for r in lc], [(1.6 if glass == "md" else 2.0) * top] * len(lc), "^", mfc="none",
               color=colour, ms=9,
               label=f"{label}: limit cycle (never)")
    sv = [r for r in mine if r["outcome"] == "survived"]
    ax[0].plot([r["amplitude"] for r in sv], [r["cycles"] for r in sv], "s", mfc="none", color=colour, ms=9,
               label=f"{label}: diffusive, no band by the cap")
    for r in mine:
        e = [r["start_pe"]] + r["strobe_pe"]
        ls = "-" if r["outcome"] == "failed" else ":"
        ax[1].plot(range(len(e)), e, ls, color=colour, alpha=shade(r["amplitude"]))
        ax[2].plot(range(1, len(r["work"]) + 1), r["work"], ls, color=colour, alpha=shade(r["amplitude"]))
ax[0].set_yscale("log")
ax[0].axhline(top, color="0.6", lw=0.8)
ax[0].set_xlabel("strain amplitude $\\gamma_{max}$")
ax[0].set_ylabel("cycles to failure $N_f$")
ax[0].set_title("fatigue life (triangles: limit cycle, never fails)")
ax[0].legend(fontsize=7, loc="center left")
ax[1].set_xlabel("cycle")
ax[1].set_ylabel("stroboscopic energy per particle")
ax[1].set_title("solid: failed; dotted: not (darker: larger $\\gamma_{max}$)")
ax[2].set_yscale("symlog", linthresh=1e-5)
ax[2].set_xlabel("cycle")
ax[2].set_ylabel("dissipated work per cycle $\\oint\\sigma\\,d\\gamma\\,V/N$")
# The band map: D²min of the swap glass at failure for the smallest amplitude at which it failed.
failed = sorted((r for r in rows if r["glass"] == "swap" and r["outcome"] == "failed"), key=lambda r: r["amplitude"])
if failed:
    r = failed[0]
    path = out / f"swap-{r['amplitude']:.3f}" / "out" / "stage1-fatigue-d2min.csv"
    with open(path) as fh:
        d = [row for row in csv.DictReader(fh)]
    x = np.array([float(q["x"]) for q in d])
    y = np.array([float(q["y"]) for q in d])
    v = np.log10(np.maximum(np.array([float(q["d2min"]) for q in d]), 1e-6))
    sc = ax[3].scatter(x, y, c=v, s=12, cmap="viridis")
    fig.colorbar(sc, ax=ax[3], label="log10 D$^2_{min}$ over the failure cycle")
    ax[3].set_title(f"swap glass, $\\gamma_{{max}}$ = {r['amplitude']}, cycle {r['cycles_to_failure']}")
    ax[3].set_xlabel("x")
    ax[3].set_ylabel("y")
    ax[3].set_aspect("equal")
fig.tight_layout()
fig.savefig(png, dpi=110)
print(f"wrote {png}")

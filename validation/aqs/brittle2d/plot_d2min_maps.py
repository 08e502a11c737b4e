#!/usr/bin/python3
"""Issue 8 point 4 in 2D: D2min maps (whole AQS run, reference = the unstrained glass) of planar glasses,
side by side, log colour scale shared. Usage: plot_d2min_maps.py OUT.png LABEL=RUN_DIR [LABEL=RUN_DIR ...]
(each RUN_DIR a `vitrum run` output whose last stage is `aqs` on a `dimension = 2` system)."""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

png, runs = sys.argv[1], [a.rsplit("=", 1) for a in sys.argv[2:]]
fig, axes = plt.subplots(1, len(runs), figsize=(5.2 * len(runs), 5), squeeze=False)
fields = []
for label, run in runs:
    summary = json.load(open(os.path.join(run, "summary.json")))
    aqs = [s for s in summary["stages"] if s["kind"] == "aqs"][-1]
    with open(os.path.join(run, aqs["d2min_file"])) as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["x"]) for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    d = np.array([float(r["d2min"]) for r in rows])
    if not np.all(np.isfinite(d)):
        sys.exit(f"{run}: D2min has non-finite values")
    fields.append((label, aqs, x, y, d))
lo = min(np.percentile(np.log10(np.maximum(d, 1e-12)), 1) for *_, d in fields)
hi = max(np.percentile(np.log10(np.maximum(d, 1e-12)), 99.5) for *_, d in fields)
for ax, (label, aqs, x, y, d) in zip(axes[0], fields):
    sc = ax.scatter(x, y, c=np.log10(np.maximum(d, 1e-12)), s=2.2, cmap="inferno", vmin=lo, vmax=hi, linewidths=0)
    band = "band" if aqs["band_detected"] else "no band"
    ax.set_title(f"{label}\n{band}, localisation index {aqs['localization_index']:.2f}, γ = 0 → {aqs['strain'][-1]:.2f}",
                 fontsize=9)
    ax.set_aspect("equal")
    ax.set_xlabel("x (reference)")
    ax.set_ylabel("y")
fig.colorbar(sc, ax=axes[0].tolist(), shrink=0.8, label="log10 D²min")
fig.savefig(png, dpi=80, bbox_inches="tight")
print(f"wrote {png}")

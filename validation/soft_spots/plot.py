#!/usr/bin/python3
"""Figure of validation/soft_spots: the local-yield-stress distribution of the scored glasses and each indicator's
event score (results.json of run.py). Usage: plot.py [--work DIR] -> docs/img/soft-spots.png"""
import argparse
import csv
import json
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

HERE = Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("--work", default="/tmp/vitrum-soft-spots")
a = ap.parse_args()
r = json.loads((HERE / "results.json").read_text())
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
for seed in r["glasses"]:
    rows = list(csv.DictReader(open(next((Path(a.work) / f"glass{seed}").glob("stage*-local_yield.csv")))))
    y = [float(x["delta_tau"]) for x in rows if x["yielded"] == "1"]
    ax1.hist(y, bins=np.linspace(0, 3, 16), histtype="step", lw=2,
             label=f"glass {seed}: {len(y)} of {len(rows)} sites yield by γ = 0.1")
ax1.set_xlabel(r"local yield stress $\Delta\tau_c$ (frozen matrix, $R_{in} = 3\sigma$)")
ax1.set_ylabel("sites")
ax1.legend(fontsize=8)
names = list(r["table"])
m = [r["table"][k]["mean"] for k in names]
e = [r["table"][k]["sem"] or 0 for k in names]
ax2.bar(range(len(names)), m, yerr=e, capsize=4, color="tab:blue")
ax2.axhline(0.5, color="k", ls="--", lw=1, label="no information")
ax2.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names], fontsize=8)
ax2.set_ylabel("fraction of sites ranked softer than the event's")
ax2.set_ylim(0, 1)
ax2.legend(fontsize=8)
n = r["table"][names[0]]["events"]
ax2.set_title(f"first AQS events of {len(r['glasses'])} KA glasses (N = 1000), {n} events", fontsize=9)
fig.tight_layout()
out = HERE.parents[1] / "docs" / "img" / "soft-spots.png"
fig.savefig(out, dpi=110)
print(out)

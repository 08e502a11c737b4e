#!/usr/bin/python3
"""Issue 8 point 4: stress-strain curves and D2min slab profiles of AQS runs on glasses of different
stability, one figure. Usage: plot_brittle_ductile.py OUT.png LABEL=RUN_DIR [LABEL=RUN_DIR ...]
(each RUN_DIR a `vitrum run` output whose last stage is `aqs`)."""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

png, runs = sys.argv[1], [a.rsplit("=", 1) for a in sys.argv[2:]]
fig, (ax_s, ax_b) = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [3, 2]})
print(f"{'glass':<28} {'N':>6} {'e_IS':>9} {'G':>6} {'peak':>7} {'flow':>7} {'overshoot':>9} {'largest drop':>12} "
      f"{'band':>5} {'width':>6} {'loc. index':>10}")
for label, run in runs:
    summary = json.load(open(os.path.join(run, "summary.json")))
    stages = summary["stages"]
    aqs = [s for s in stages if s["kind"] == "aqs"][-1]
    mins = [s for s in stages if s["kind"] == "minimize"]
    e_is = mins[-1]["e_is"] if mins else float("nan")
    curve = os.path.join(run, f"stage{aqs['index']}-aqs.csv")
    if not mins and os.path.exists(curve):  # the first AQS state is the minimised glass
        with open(curve) as f:
            e_is = float(list(csv.DictReader(f))[0]["pe_per_particle"])
    line, = ax_s.plot(aqs["strain"], aqs["stress_xy"], lw=1.2, label=f"{label} (e_IS = {e_is:.4f})")
    prof = aqs.get("band_profile", [])
    if prof:
        w = aqs.get("band_slab_width", 2.0)
        ax_b.plot([(k + 0.5) / len(prof) for k in range(len(prof))], prof, "-o", ms=2, color=line.get_color(),
                  label=f"{label}: along {aqs.get('band_axis', '?')}")
    width = aqs.get("band_width")
    print(f"{label:<28} {summary['n']:>6} {e_is:>9.5f} {aqs['shear_modulus']:>6.3f} {aqs['yield_stress']:>7.4f} "
          f"{aqs['flow_stress']:>7.4f} {aqs['yield_stress'] - aqs['flow_stress']:>9.4f} {aqs['largest_drop']:>12.4f} "
          f"{str(aqs['band_detected']):>5} {width if width is not None else float('nan'):>6.2f} "
          f"{aqs['localization_index']:>10.3f}")
ax_s.set_xlabel("shear strain γ")
ax_s.set_ylabel("σ_xy")
ax_s.legend(fontsize=8)
ax_b.set_xlabel("slab position / box length")
ax_b.set_ylabel("mean D²min in the slab (first → last state)")
ax_b.legend(fontsize=7)
fig.tight_layout()
fig.savefig(png, dpi=120)
print("plot:", png)

#!/usr/bin/python3
"""Tutorial 01: the figure and the checks of one `vitrum run` of tutorials/01-ultrastable-glass/recipe.toml.
usage: plot.py RUN_DIR OUT.png
Left: e_IS of each swap-annealing temperature, with the MD-quenched glass for comparison.
Right: sigma_xy(gamma) under AQS of the two glasses.
Prints one line per glass (e_IS, G, peak and flow stress, overshoot, largest drop) and exits non-zero if a number
is missing, not finite or out of a sane range (the test of `make check`)."""
import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

run, png = Path(sys.argv[1]), Path(sys.argv[2])
summary = json.loads((run / "summary.json").read_text())
stages = {st.get("name", str(st["index"])): st for st in summary["stages"]}
anneal = stages["swap_anneal"]["temperatures"]
glasses = [("md", "MD quench |dT/dt| = " + f"{stages['md_quench']['rate']:g}"),
           ("swap", f"swap MC anneal to T = {anneal[-1]['T']:g}")]

fig, (ax_e, ax_s) = plt.subplots(1, 2, figsize=(11, 4.3))
temps = [t["T"] for t in anneal]
ax_e.plot(temps, [t["e_is"] for t in anneal], "o-", color="C1", label="swap MC: e_IS of the state at T")
ax_e.axhline(stages["md_is"]["e_is"], color="C0", ls="--", label="MD-quenched glass")
ax_e.invert_xaxis()
ax_e.set_xlabel("swap-annealing temperature T (LJ units; T_MCT ≈ 0.104)")
ax_e.set_ylabel("inherent-structure energy e_IS per particle")
ax_e.legend(fontsize=8)
ax_e.set_title("lower e_IS = deeper in the energy landscape", fontsize=9)

rows = []
for (tag, label), color in zip(glasses, ("C0", "C1")):
    aqs, e_is = stages[f"{tag}_aqs"], stages[f"{tag}_is"]["e_is"]
    g, peak, flow, drop = aqs["shear_modulus"], aqs["yield_stress"], aqs["flow_stress"], aqs["largest_drop"]
    ax_s.plot(aqs["strain"], aqs["stress_xy"], color=color, lw=1.2,
              label=f"{label}: e_IS = {e_is:.4f}, G = {g:.2f}")
    rows.append((tag, e_is, g, peak, flow, drop, aqs["events"]))
ax_s.set_xlabel("shear strain γ")
ax_s.set_ylabel("shear stress σ_xy (LJ units)")
ax_s.legend(fontsize=8)
ax_s.set_title(f"AQS simple shear, {summary['potential']}, N = {summary['n']}", fontsize=9)
fig.tight_layout()
fig.savefig(png, dpi=110)

print(f"{'glass':<6} {'e_IS':>8} {'G':>6} {'peak':>7} {'flow':>7} {'overshoot':>9} {'largest drop':>12} {'events':>6}")
for tag, e_is, g, peak, flow, drop, events in rows:
    print(f"{tag:<6} {e_is:>8.4f} {g:>6.2f} {peak:>7.3f} {flow:>7.3f} {peak - flow:>9.3f} {drop:>12.3f} {events:>6}")
print(f"plot: {png}")

# Checks: every number finite and physical; the swap glass sits lower in energy than the MD glass.
for tag, e_is, g, peak, flow, drop, events in rows:
    for name, v in (("e_IS", e_is), ("G", g), ("peak", peak), ("flow", flow), ("largest drop", drop)):
        assert math.isfinite(v), f"{tag}: {name} = {v}"
    assert 0.1 < e_is < 0.4, f"{tag}: e_IS = {e_is} outside (0.1, 0.4)"
    assert 0.5 < g < 20, f"{tag}: G = {g} outside (0.5, 20)"
    assert 0 < peak < 2 and drop >= 0, f"{tag}: peak {peak}, largest drop {drop}"
assert rows[1][1] < rows[0][1], f"swap glass e_IS {rows[1][1]} not below the MD glass's {rows[0][1]}"
print("tutorial 01 checks passed")

#!/usr/bin/python3
"""Shear-band width under grid refinement (issue 10, Done-means 3) and the README figure.

Usage: band_convergence.py VITRUM OUT_DIR [FIGURE.png]
Runs recipes/stz-vit1.toml at 64x64 and at 128x128 (same box, same diffusion length l_chi, same random chi field:
the field is defined in continuous space), compares band width and position, and draws the figure.
"""
import json
import os
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(vitrum, out, n):
    text = open(os.path.join(root, "recipes", "stz-vit1.toml")).read()
    text = re.sub(r"(?m)^nx = \d+", f"nx = {n}", text)
    text = re.sub(r"(?m)^ny = \d+", f"ny = {n}", text)
    d = os.path.join(out, f"n{n}")
    os.makedirs(d, exist_ok=True)
    recipe = os.path.join(d, "recipe.toml")
    open(recipe, "w").write(text)
    if not os.path.exists(os.path.join(d, "summary.json")):
        subprocess.run([vitrum, "stz", recipe, "--out", d, "--no-plots"], check=True)
    return d, json.load(open(os.path.join(d, "summary.json")))


def main(vitrum, out, figure):
    runs = [run(vitrum, out, n) for n in (64, 128)]
    for d, s in runs:
        g = s["recipe"]["grid"]
        print(f"{g['nx']}x{g['ny']}: band {s['band_detected']} {s['band_orientation']}, width {s['band_width'] * 1e6:.2f} um, "
              f"position {s['band_position'] * 1e6:.1f} um, yield {s['yield_stress'] / 1e9:.4f} GPa, "
              f"{s['steps']} steps, {s['wall_seconds']:.0f} s")
    w = [s["band_width"] for _, s in runs]
    print(f"relative change of the band width 64 -> 128: {abs(w[1] - w[0]) / w[1]:.3f} (Done-means 3: < 0.20)")
    if not figure:
        return
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for d, s in runs:
        c = np.genfromtxt(os.path.join(d, "stress_strain.csv"), delimiter=",", names=True)
        n = s["recipe"]["grid"]["nx"]
        axes[0].plot(c["strain"], c["shear_stress"] / 1e9, label=f"{n}x{n}")
        tag = s["snapshots"][-1]["tag"]
        ep = np.load(os.path.join(d, f"plastic_strain_{tag}.npy"))
        h = s["recipe"]["grid"]["spacing"]
        y = (np.arange(ep.shape[0]) + 0.5) * h * 1e3
        axes[2].plot(y, ep.mean(axis=1), label=f"{n}x{n}: width {s['band_width'] * 1e6:.1f} um")
    axes[0].set_xlabel("shear strain")
    axes[0].set_ylabel("shear stress [GPa]")
    axes[0].legend()
    d, s = runs[-1]
    chi = np.load(os.path.join(d, f"chi_{s['snapshots'][-1]['tag']}.npy"))
    g = s["recipe"]["grid"]
    im = axes[1].imshow(chi, origin="lower", extent=[0, g["width"] * 1e3, 0, g["height"] * 1e3], cmap="inferno")
    fig.colorbar(im, ax=axes[1], label="$\\chi$ [K]")
    axes[1].set_xlabel("x [mm]")
    axes[1].set_ylabel("y [mm]")
    axes[1].set_title(f"$\\chi$ at $\\gamma$ = {s['final_strain']:.2f} (128x128)")
    axes[2].set_xlabel("y [mm]")
    axes[2].set_ylabel("plastic strain, x-average")
    axes[2].legend(fontsize=8)
    fig.suptitle("Vitreloy 1 STZ, quasi-static simple shear (recipes/stz-vit1.toml)")
    fig.tight_layout()
    fig.savefig(figure, dpi=100)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)

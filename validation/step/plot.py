#!/usr/bin/python3
"""docs/img/step.png: atomistic AQS and StEP EPM stress-strain curves of both glasses, and the local yield stress
distributions that calibrate the EPM (run.py writes results.json and the curves first)."""
import argparse
import csv
import os

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")


def column(path, name):
    return np.array([float(r[name]) for r in csv.DictReader(open(path))])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/vitrum-step")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "img", "step.png"))
    args = ap.parse_args()
    curves = np.load(os.path.join(args.work, "curves.npz"))
    fig, ax = plt.subplots(1, 3, figsize=(14, 4.2))
    colours = {"md": "tab:blue", "swap": "tab:red"}
    labels = {"md": "MD-quenched", "swap": "swap-annealed"}
    for prep in ("md", "swap"):
        a = os.path.join(DATA, f"{prep}-aqs.csv")
        ax[0].plot(column(a, "gamma"), column(a, "stress_xy"), color=colours[prep], lw=1.2, label=f"{labels[prep]}: atoms (AQS)")
        g, s = curves[f"calibrated/{prep}/L8"]
        ax[0].plot(g, s, color=colours[prep], lw=1, ls="--", label=f"{labels[prep]}: calibrated StEP EPM, L = 8")
        g, s = curves[f"calibrated+neighbours/{prep}/L16"]
        ax[1].plot(g, s, color=colours[prep], lw=1, label=f"{labels[prep]}: L = 16, neighbour p = 0.5")
        g, s = curves[f"calibrated/{prep}/L16"]
        ax[1].plot(g, s, color=colours[prep], lw=1, ls=":", label=f"{labels[prep]}: L = 16, p = 0")
        bins = np.linspace(0, 1.0, 26)
        ax[2].hist(column(os.path.join(DATA, f"{prep}-glass-local_yield.csv"), "delta_tau"), bins=bins, histtype="step",
                   color=colours[prep], lw=1.5, label=f"{labels[prep]} glass: Δτ_c")
        ax[2].hist(column(os.path.join(DATA, f"{prep}-flow-local_yield.csv"), "tau_c"), bins=bins, histtype="step",
                   color=colours[prep], ls="--", lw=1.2, label=f"{labels[prep]}, flowing at γ = 0.2: τ_c")
    for a in ax[:2]:
        a.set_xlabel("shear strain γ")
        a.set_ylabel("shear stress σ_xy")
        a.set_xlim(0, 0.2)
        a.legend(fontsize=7, loc="lower right")
    ax[0].set_title("atoms (N = 8000) and the EPM they calibrate")
    ax[1].set_title("EPM with structural rejuvenation of neighbours")
    ax[2].set_xlabel("local yield stress, R_in = 3.5 (unscaled: c = 1)")
    ax[2].set_ylabel("sites")
    ax[2].set_title("frozen-matrix local yield stresses")
    ax[2].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(args.out)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Issue 23 part 3: a structuro-elasto-plastic (StEP) EPM calibrated on vitrum's own atomistic glasses.

Two glasses of one polydisperse soft-sphere liquid (md_glass.toml: MD quench; swap_glass.toml: swap Monte Carlo
anneal), N = 8000. Each recipe measures the glass's local yield stresses (frozen matrix, 125 sites), shears it by
AQS to gamma = 0.2, and measures the local yield stresses of the flowing state it ends in.

The EPM (3D, L = 8) then takes, for each glass, its shear modulus and Poisson ratio (analyze elastic), its own
local yield stresses as initial thresholds (column delta_tau: the distance to yield from the quiescent state) and
the flowing state's as renewed thresholds (column tau_c: an event leaves its block at zero stress), and is sheared
quasistatically to the same strain. Peak stress, overshoot and largest drop of the EPM curves (mean and spread
over seeds) are put beside the atomistic ones.

  validation/step/run.py --run-atomistic DIR   # the two atomistic recipes (about 40 min on one core each)
  validation/step/run.py --atomistic DIR       # copy their outputs into validation/step/data/
  validation/step/run.py                       # EPM runs from data/, results.json, the table; plot.py draws it
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")
PREPS = ("md", "swap")
GAMMA_MAX = 0.2            # engineering shear strain of the AQS runs
FLOW_WINDOW = (0.15, 0.2)  # the flow stress is the mean over this strain window


def vitrum(build):
    return os.path.join(build, "apps", "vitrum")


def run_atomistic(build, out):
    procs = []
    for prep in PREPS:
        env = dict(os.environ, OMP_NUM_THREADS="1", OMP_WAIT_POLICY="PASSIVE")
        cmd = [vitrum(build), "run", os.path.join(HERE, f"{prep}_glass.toml"), "--out", os.path.join(out, prep),
               "--no-plots"]
        procs.append(subprocess.Popen(cmd, env=env))
    if any(p.wait() != 0 for p in procs):
        sys.exit("an atomistic run failed")


def stage(summary, name):
    for s in summary["stages"]:
        if s.get("name") == name:
            return s
    sys.exit(f"no stage '{name}' in the summary")


def copy_atomistic(src):
    """The files the EPM side needs, from the two atomistic output folders, into data/ (small, committed)."""
    os.makedirs(DATA, exist_ok=True)
    facts = {}
    for prep in PREPS:
        d = os.path.join(src, prep)
        summary = json.load(open(os.path.join(d, "summary.json")))
        el = stage(summary, "elastic")["elastic"]
        g, k = el["shear_modulus_xy"], el["bulk_modulus"]
        aqs = stage(summary, "aqs")
        facts[prep] = {"shear_modulus_xy": g, "bulk_modulus": k,
                       "poisson_ratio": (3 * k - 2 * g) / (2 * (3 * k + g)),
                       "e_is": stage(summary, "is").get("e_is"),
                       "aqs_shear_modulus": aqs["shear_modulus"], "aqs_localization_index": aqs["localization_index"],
                       "aqs_band_detected": aqs["band_detected"], "n": summary["n"]}
        shutil.copy(os.path.join(d, stage(summary, "glass_yield")["file"]), os.path.join(DATA, f"{prep}-glass-local_yield.csv"))
        shutil.copy(os.path.join(d, stage(summary, "flow_yield")["file"]), os.path.join(DATA, f"{prep}-flow-local_yield.csv"))
        shutil.copy(os.path.join(d, aqs["file"]), os.path.join(DATA, f"{prep}-aqs.csv"))
    json.dump(facts, open(os.path.join(DATA, "atomistic.json"), "w"), indent=1)


def curve_metrics(gamma, stress, drops=None):
    """Peak stress and its strain, flow stress (mean over FLOW_WINDOW on a uniform grid), overshoot, largest drop."""
    gamma, stress = np.asarray(gamma), np.asarray(stress)
    k = int(np.argmax(stress))
    grid = np.linspace(FLOW_WINDOW[0], FLOW_WINDOW[1], 201)
    flow = float(np.mean(np.interp(grid, gamma, stress)))
    largest = float(np.max(stress[:-1] - stress[1:])) if drops is None else float(drops)
    return {"peak": float(stress[k]), "gamma_peak": float(gamma[k]), "flow": flow,
            "overshoot": float(stress[k]) - flow, "largest_drop": largest}


def atomistic_metrics(prep):
    rows = list(csv.DictReader(open(os.path.join(DATA, f"{prep}-aqs.csv"))))
    return curve_metrics([float(r["gamma"]) for r in rows], [float(r["stress_xy"]) for r in rows])


def local_yield_stats(prep, which, column):
    rows = list(csv.DictReader(open(os.path.join(DATA, f"{prep}-{which}-local_yield.csv"))))
    v = np.array([float(r[column]) for r in rows])
    return {"mean": float(v.mean()), "sd": float(v.std(ddof=1)), "min": float(v.min()), "max": float(v.max()),
            "sites": len(v), "unyielded": sum(r["yielded"] == "0" for r in rows)}


EPM_RECIPE = """# Written by validation/step/run.py: the {prep} glass as a StEP EPM (docs/step.md).
units = "reduced"
seed = {seed}
[lattice]
dimension = 3
size = {size}
[elasticity]
shear_modulus = {g:.6g}         # G_xy of the glass (analyze elastic); EPM strain = engineering strain / 2
poisson_ratio = {nu:.4f}
[thresholds]                    # renewed after an event: the flowing state's local yield stresses
distribution = "measured"
file = "{flow}"
column = "tau_c"
scale = {scale}
[annealing]                     # at the start: the glass's own distances to yield
initial_thresholds = {{ distribution = "measured", file = "{glass}", column = "delta_tau", scale = {scale} }}
[events]
recovery = 1.0
neighbour_rejuvenation = {p}
[protocol]
kind = "quasistatic"
max_strain = {max_strain}
[statistics]
s_min = 1
s_max = 100
"""


def run_epm(build, prep, facts, seed, size, scale, p, workdir):
    text = EPM_RECIPE.format(prep=prep, seed=seed, size=size, g=facts["shear_modulus_xy"], nu=facts["poisson_ratio"],
                             flow=os.path.join(DATA, f"{prep}-flow-local_yield.csv"),
                             glass=os.path.join(DATA, f"{prep}-glass-local_yield.csv"), scale=scale, p=p,
                             max_strain=GAMMA_MAX / 2)
    os.makedirs(workdir, exist_ok=True)
    recipe = os.path.join(workdir, "epm.toml")
    open(recipe, "w").write(text)
    subprocess.run([vitrum(build), "epm", recipe, "--out", workdir, "--no-plots"], check=True,
                   stdout=subprocess.DEVNULL)
    summary = json.load(open(os.path.join(workdir, "summary.json")))
    rows = list(csv.DictReader(open(os.path.join(workdir, "stress_strain.csv"))))
    gamma = [2 * float(r["strain"]) for r in rows]
    stress = [float(r["stress"]) for r in rows]
    m = curve_metrics(gamma, stress, summary["largest_drop"])
    m["localization_index"] = summary["localization_index"]
    return m, (gamma, stress)


def summarise(runs):
    keys = runs[0].keys()
    return {k: {"mean": float(np.mean([r[k] for r in runs])), "sd": float(np.std([r[k] for r in runs], ddof=1))}
            for k in keys if runs[0][k] is not None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--run-atomistic", metavar="DIR", help="run the two atomistic recipes into DIR, then copy")
    ap.add_argument("--atomistic", metavar="DIR", help="copy the outputs of the atomistic recipes from DIR")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--work", default="/tmp/vitrum-step")
    args = ap.parse_args()
    if args.run_atomistic:
        run_atomistic(args.build, args.run_atomistic)
        copy_atomistic(args.run_atomistic)
    elif args.atomistic:
        copy_atomistic(args.atomistic)
    facts = json.load(open(os.path.join(DATA, "atomistic.json")))

    results = {"atomistic": {}, "local_yield": {}, "epm": {}}
    for prep in PREPS:
        results["atomistic"][prep] = dict(atomistic_metrics(prep), **facts[prep])
        results["local_yield"][prep] = {"glass_delta_tau": local_yield_stats(prep, "glass", "delta_tau"),
                                        "flow_tau_c": local_yield_stats(prep, "flow", "tau_c"),
                                        "flow_tau0": local_yield_stats(prep, "flow", "tau0")}
    # One number is fitted: the scale c of every measured threshold, so that the EPM's flow stress of the MD glass
    # equals the atomistic one (the flowing state forgets the preparation, so it is the natural anchor). With
    # recovery 1 and no noise, thresholds x c give exactly the curve c * Sigma_1(gamma / c), so the stationary flow
    # stress scales by c and c = flow_atoms / flow_EPM(c = 1) (exact up to the strain window, which scales by 1/c).
    # Everything about the swap glass, and the MD glass's peak and drops, is predicted.
    def ensemble(prep, size, scale, p, tag):
        runs = []
        for seed in range(1, args.seeds + 1):
            m, c = run_epm(args.build, prep, facts[prep], seed, size, scale, p,
                           os.path.join(args.work, tag, prep, f"L{size}", f"seed{seed}"))
            runs.append(m)
            if seed == 1:
                curves[f"{tag}/{prep}/L{size}"] = c
        return dict(summarise(runs), scale=scale, neighbour_rejuvenation=p, seeds=args.seeds)

    curves = {}
    raw = ensemble("md", 8, 1.0, 0.0, "unscaled")
    scale = results["atomistic"]["md"]["flow"] / raw["flow"]["mean"]
    results["calibration"] = {"scale": scale, "anchor": "flow stress of the MD glass, EPM L = 8",
                              "epm_flow_unscaled": raw["flow"]}
    results["epm"]["unscaled"] = {"md/L8": raw, "swap/L8": ensemble("swap", 8, 1.0, 0.0, "unscaled")}
    for name, p in (("calibrated", 0.0), ("calibrated+neighbours", 0.5)):
        results["epm"][name] = {f"{prep}/L{size}": ensemble(prep, size, scale, p, name)
                                for prep in PREPS for size in (8, 16)}
    json.dump(results, open(os.path.join(HERE, "results.json"), "w"), indent=1)
    np.savez_compressed(os.path.join(args.work, "curves.npz"), **{k: np.array(c) for k, c in curves.items()})

    print(f"calibrated threshold scale c = {scale:.4f}")
    print(f"{'':36s} {'peak':>14s} {'gamma_peak':>12s} {'flow':>14s} {'overshoot':>14s} {'largest drop':>14s}")
    for prep in PREPS:
        a = results["atomistic"][prep]
        print(f"{prep + ' atomistic':36s} {a['peak']:14.4f} {a['gamma_peak']:12.4f} {a['flow']:14.4f} "
              f"{a['overshoot']:14.4f} {a['largest_drop']:14.4f}")
        for name, runs in results["epm"].items():
            for size in (8, 16):
                if f"{prep}/L{size}" not in runs:
                    continue
                e = runs[f"{prep}/L{size}"]
                f = lambda k: f"{e[k]['mean']:.4f}+-{e[k]['sd']:.4f}"
                print(f"{prep + ' EPM ' + name + f' L{size}':36s} {f('peak'):>14s} {f('gamma_peak'):>12s} "
                      f"{f('flow'):>14s} {f('overshoot'):>14s} {f('largest_drop'):>14s}")


if __name__ == "__main__":
    main()

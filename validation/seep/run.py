#!/usr/bin/python3
"""Issue 23 part 3, data-driven variant: the SEEP stochastic map (Xu et al., arXiv 2410.00760) harvested from
vitrum's own AQS shear histories, validated on held-out histories (docs/seep.md).

The database: 24 MD-quenched (md_glass.toml) and 24 swap-annealed (swap_glass.toml) polydisperse soft-sphere glasses
of N = 500 (stratified diameters), each sheared by AQS to gamma = 0.25 in steps of 1e-3. Seeds 1-16 of each train
the map (recipes/seep-poly.toml); seeds 17-24 are held out: the map walks from their initial states and its
ensemble is compared with theirs.

Bands, stated before the comparison was run: for each preparation the map's mean peak stress and flow stress
within 10 % of the held-out histories' (or within 2 combined standard errors, whichever is wider), the overshoot
within 30 % (or 2 SE), the two-sample KS statistic of the single-step stress drops below 0.2, and the brittle/ductile
contrast (the swap glasses' overshoot larger than the MD glasses') predicted.
After the first split (held out: seeds 17-24) the MD glasses' peak and flow stress fell outside (the 8 held-out MD
glasses happen to be stronger than the 16 that train), so the same bands are also applied to a 3-fold cross-
validation (held out 1-8, 9-16, 17-24 in turn; 24 + 24 held-out glasses pooled), added after that result was seen.

  validation/seep/run.py --run-atomistic DIR   # the 48 atomistic runs (about 1.5 CPU-minutes each)
  validation/seep/run.py --atomistic DIR       # copy their AQS CSVs into validation/seep/data/
  validation/seep/run.py                       # the map and its variants, results.json, the table; plot.py draws it
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")
PREPS = ("md", "swap")
TRAIN = range(1, 17)
TEST = range(17, 25)
RECIPE = os.path.join(ROOT, "recipes", "seep-poly.toml")


def vitrum(build):
    return os.path.join(build, "apps", "vitrum")


def run_atomistic(build, out, jobs):
    env = dict(os.environ, OMP_NUM_THREADS="1", OMP_WAIT_POLICY="PASSIVE")

    def one(prep_seed):
        prep, seed = prep_seed
        cmd = [vitrum(build), "run", os.path.join(HERE, f"{prep}_glass.toml"), "--out",
               os.path.join(out, f"{prep}-{seed}"), "--no-plots", "--seed", str(seed)]
        return subprocess.run(cmd, env=env, capture_output=True).returncode

    work = [(p, s) for s in list(TRAIN) + list(TEST) for p in PREPS]
    with ThreadPoolExecutor(jobs) as pool:
        if any(rc != 0 for rc in pool.map(one, work)):
            sys.exit("an atomistic run failed")


def copy_atomistic(src):
    """The AQS CSVs (small, committed) into data/<prep>-train/ and data/<prep>-test/, and per-glass facts."""
    facts = {}
    for prep in PREPS:
        for part, seeds in (("train", TRAIN), ("test", TEST)):
            d = os.path.join(DATA, f"{prep}-{part}")
            os.makedirs(d, exist_ok=True)
            for seed in seeds:
                run = os.path.join(src, f"{prep}-{seed}")
                summary = json.load(open(os.path.join(run, "summary.json")))
                stages = {s.get("name"): s for s in summary["stages"]}
                shutil.copy(os.path.join(run, stages["aqs"]["file"]), os.path.join(d, f"seed{seed:02}.csv"))
                facts[f"{prep}-{seed}"] = {"e_is": stages["is"]["e_is"], "n": summary["n"],
                                          "aqs_shear_modulus": stages["aqs"]["shear_modulus"],
                                          "aqs_localization_index": stages["aqs"]["localization_index"]}
    json.dump(facts, open(os.path.join(DATA, "atomistic.json"), "w"), indent=1)


def seep(build, recipe, out, edits=()):
    """Runs `vitrum seep` on the recipe, with line edits (old, new) applied to a copy next to it."""
    text = open(recipe).read()
    for old, new in edits:
        if old not in text:
            sys.exit(f"{recipe}: no '{old}' to edit")
        text = text.replace(old, new)
    path = os.path.join(os.path.dirname(recipe), f".seep-variant-{os.getpid()}.toml")
    open(path, "w").write(text)
    try:
        subprocess.run([vitrum(build), "seep", path, "--out", out, "--no-plots"], check=True, capture_output=True)
    finally:
        os.remove(path)
    return json.load(open(os.path.join(out, "summary.json")))


FOLDS = (range(1, 9), range(9, 17), range(17, 25))
METRICS = ("peak_stress", "flow_stress", "overshoot", "largest_drop", "flow_energy")


def fold_recipe(test_seeds):
    """The committed recipe with explicit file lists: every glass not in test_seeds trains, those in it are held out."""
    text = open(RECIPE).read()
    files = {prep: {seed: os.path.join(DATA, f"{prep}-{'train' if seed in TRAIN else 'test'}", f"seed{seed:02}.csv")
                    for seed in list(TRAIN) + list(TEST)} for prep in PREPS}
    train = [files[p][s] for p in PREPS for s in files[p] if s not in test_seeds]
    text = text.replace('histories = ["../validation/seep/data/md-train", "../validation/seep/data/swap-train"]',
                        "histories = " + json.dumps(train))
    for prep in PREPS:
        held = [files[prep][s] for s in test_seeds]
        text = text.replace(f'histories = "../validation/seep/data/{prep}-test"', "histories = " + json.dumps(held))
    return text


def pool(parts):
    """Pooled mean, s.d. and standard error of a metric over groups given as (members, mean, sd)."""
    n = sum(k for k, _, _ in parts)
    mean = sum(k * m for k, m, _ in parts) / n
    var = (sum((k - 1) * sd * sd for k, _, sd in parts) + sum(k * (m - mean) ** 2 for k, m, _ in parts)) / (n - 1)
    return {"mean": mean, "sd": var ** 0.5, "sem": (var / n) ** 0.5}


def cross_validate(build, work):
    """Three folds of 8 + 8 held-out glasses, each predicted by the map of the other 16 + 16; pooled over folds."""
    folds = []
    for i, seeds in enumerate(FOLDS):
        path = os.path.join(HERE, f".seep-fold-{os.getpid()}.toml")
        open(path, "w").write(fold_recipe(set(seeds)))
        out = os.path.join(work, f"fold{i + 1}")
        try:
            subprocess.run([vitrum(build), "seep", path, "--out", out, "--no-plots"], check=True, capture_output=True)
        finally:
            os.remove(path)
        folds.append(json.load(open(os.path.join(out, "summary.json"))))
    pooled = {}
    for prep in PREPS:
        preds = [next(p for p in f["predictions"] if p["name"] == prep) for f in folds]
        entry = {"drop_ks": [p["drop_ks"] for p in preds]}
        for side in ("model", "reference"):
            entry[side] = {m: pool([(p[side]["members"], p[side][m]["mean"], p[side][m]["sd"]) for p in preds])
                           for m in METRICS}
            entry[side]["members"] = sum(p[side]["members"] for p in preds)
        entry["verdicts"] = verdicts(dict(entry, drop_ks=max(entry["drop_ks"])))
        pooled[prep] = entry
    return folds, pooled


def verdicts(p):
    m, r = p["model"], p["reference"]

    def within(key, rel):
        a, b = m[key]["mean"], r[key]["mean"]
        se = (m[key]["sem"] ** 2 + r[key]["sem"] ** 2) ** 0.5
        return abs(a - b) <= max(rel * abs(b), 2 * se)

    return {"peak": within("peak_stress", 0.10), "flow": within("flow_stress", 0.10),
            "overshoot": within("overshoot", 0.30), "drops": p["drop_ks"] < 0.2}


def table(name, s):
    rows = []
    for p in s["predictions"]:
        m, r, v = p["model"], p["reference"], verdicts(p)

        def cell(key):
            return f"{m[key]['mean']:.4f} ± {m[key]['sem']:.4f} | {r[key]['mean']:.4f} ± {r[key]['sem']:.4f}"

        rows.append(f"{name:<14} {p['name']:<5} peak {cell('peak_stress')} {'ok' if v['peak'] else 'OUT'} | flow "
                    f"{cell('flow_stress')} {'ok' if v['flow'] else 'OUT'} | overshoot {cell('overshoot')} "
                    f"{'ok' if v['overshoot'] else 'OUT'} | largest drop {cell('largest_drop')} | drop KS "
                    f"{p['drop_ks']:.3f} | widened {p['widened_draws'] / p['draws']:.3f} outside "
                    f"{p['outside_draws'] / p['draws']:.4f}")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--run-atomistic", metavar="DIR")
    ap.add_argument("--atomistic", metavar="DIR")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default="/tmp/vitrum-seep")
    a = ap.parse_args()
    if a.run_atomistic:
        run_atomistic(a.build, a.run_atomistic, a.jobs)
        return
    if a.atomistic:
        copy_atomistic(a.atomistic)
        return
    variants = {
        # the recipe as committed: one map from both preparations' training histories
        "map": [],
        # the stress alone: one energy bin (is the second state variable needed?)
        "stress_only": [("energy_bins = 20", "energy_bins = 1")],
        # coarser and finer grids
        "bins_10": [("stress_bins = 20", "stress_bins = 10"), ("energy_bins = 20", "energy_bins = 10")],
        "bins_40": [("stress_bins = 20", "stress_bins = 40"), ("energy_bins = 20", "energy_bins = 40")],
        # transfer: a map from the MD glasses alone, asked about the swap glasses (and the reverse)
        "md_only": [('histories = ["../validation/seep/data/md-train", "../validation/seep/data/swap-train"]',
                     'histories = ["../validation/seep/data/md-train"]')],
        "swap_only": [('histories = ["../validation/seep/data/md-train", "../validation/seep/data/swap-train"]',
                       'histories = ["../validation/seep/data/swap-train"]')],
    }
    results = {}
    for name, edits in variants.items():
        s = seep(a.build, RECIPE, os.path.join(a.work, name), edits)
        results[name] = {"summary": s, "verdicts": {p["name"]: verdicts(p) for p in s["predictions"]}}
        for row in table(name, s):
            print(row)
    folds, pooled = cross_validate(a.build, os.path.join(a.work, "cv"))
    results["cross_validation"] = {"folds": [[list(f)[0], list(f)[-1]] for f in FOLDS], "pooled": pooled}
    for prep, e in pooled.items():
        m, r, v = e["model"], e["reference"], e["verdicts"]
        print(f"3-fold CV     {prep:<5} " + " | ".join(
            f"{k} {m[k]['mean']:.4f} ± {m[k]['sem']:.4f} | {r[k]['mean']:.4f} ± {r[k]['sem']:.4f}" for k in METRICS)
              + f" | drop KS {max(e['drop_ks']):.3f} (worst fold) | verdicts {v}")
    main_run = {p["name"]: p for p in results["map"]["summary"]["predictions"]}
    contrast = {
        "model": main_run["swap"]["model"]["overshoot"]["mean"] > main_run["md"]["model"]["overshoot"]["mean"],
        "reference": main_run["swap"]["reference"]["overshoot"]["mean"] > main_run["md"]["reference"]["overshoot"]["mean"],
    }
    results["brittle_ductile_contrast"] = contrast
    print(f"brittle/ductile contrast (swap overshoot > md overshoot): map {contrast['model']}, held out {contrast['reference']}")
    shutil.copy(os.path.join(a.work, "map", "seep_md.csv"), os.path.join(DATA, "map-md.csv"))
    shutil.copy(os.path.join(a.work, "map", "seep_swap.csv"), os.path.join(DATA, "map-swap.csv"))
    shutil.copy(os.path.join(a.work, "map", "seep_map.csv"), os.path.join(DATA, "map-grid.csv"))
    shutil.copy(os.path.join(a.work, "stress_only", "seep_swap.csv"), os.path.join(DATA, "stress-only-swap.csv"))
    for r in results.values():
        if isinstance(r, dict) and "summary" in r:
            r["summary"].pop("wall_seconds", None)
            r["summary"].pop("recipe", None)
    json.dump(results, open(os.path.join(HERE, "results.json"), "w"), indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Soft-spot indicators against the sites of the first plastic events (issue 23, part 2), as in Richard et al.,
Phys. Rev. Materials 4, 113609 (2020): for each KA glass (glass.toml.in, one seed each) the frozen-matrix local yield
stress on a 4 x 4 x 4 grid of sites (stage local_yield), the soft-mode field and the icosahedral order of the
`analyze` stage, and the per-atom potential energy (computed here from the KA pair potential) are averaged per site
(particles within R_in of it); the AQS stage gives the first events, each located at the particle of largest
non-affine displacement across it, mapped back to the unstrained box. An indicator's score for an event is the
fraction of sites that it ranks softer than the site nearest the event: 0 = the event is at the softest site,
0.5 = no information. With --softness-model, softness (Cubuk et al. 2015, `vitrum analyze --compute softness`) is
scored too. Usage: run.py [--seeds 1 2] [--work DIR] [--reuse] [--softness-model M]; writes results.json, prints the
table."""
import argparse
import csv
import json
import math
import os
import subprocess
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
VITRUM = HERE.parents[1] / "build" / "apps" / "vitrum"
R_IN = 3.0
EVENTS = 10  # the first events of each glass that are scored


def read_data(path):
    """LAMMPS data file as vitrum writes it: box (lo, L, xy) and atoms sorted by id (type, x, y, z)."""
    lines = Path(path).read_text().splitlines()
    lo, L, xy = np.zeros(3), np.zeros(3), 0.0
    atoms = []
    it = iter(lines)
    for line in it:
        w = line.split()
        if len(w) >= 4 and w[2:4] in (["xlo", "xhi"], ["ylo", "yhi"], ["zlo", "zhi"]):
            a = "xyz".index(w[2][0])
            lo[a], L[a] = float(w[0]), float(w[1]) - float(w[0])
        elif len(w) >= 6 and w[3:6] == ["xy", "xz", "yz"]:
            xy = float(w[0])
        elif line.startswith("Atoms"):
            next(it)
            for row in it:
                r = row.split()
                if not r:
                    if atoms:
                        break
                    continue
                atoms.append((int(r[0]), int(r[1]), float(r[2]), float(r[3]), float(r[4])))
            break
    atoms.sort()
    a = np.array(atoms)
    return dict(lo=lo, L=L, xy=xy, id=a[:, 0].astype(int), type=a[:, 1].astype(int), x=a[:, 2:5])


def fractional(d):
    s = d["x"] - d["lo"]
    fy = s[:, 1] / d["L"][1]
    fx = (s[:, 0] - d["xy"] * fy) / d["L"][0]
    return np.stack([fx, fy, s[:, 2] / d["L"][2]], axis=1)


def ka_atom_energies(d):
    """Per-atom KA energies (pair terms split evenly; LJ cut and shifted at 2.5 sigma_ab): Kob & Andersen 1995."""
    eps = {(1, 1): 1.0, (1, 2): 1.5, (2, 2): 0.5}
    sig = {(1, 1): 1.0, (1, 2): 0.8, (2, 2): 0.88}
    f = fractional(d)
    h = np.array([[d["L"][0], d["xy"], 0], [0, d["L"][1], 0], [0, 0, d["L"][2]]])
    t = d["type"]
    e = np.zeros(len(t))
    for i in range(len(t)):
        df = f - f[i]
        df -= np.round(df)
        r = np.linalg.norm(df @ h.T, axis=1)
        r[i] = np.inf
        for (a, b), ep in eps.items():
            s = sig[(a, b)]
            m = ((t[i] == a) & (t == b) | (t[i] == b) & (t == a)) & (r < 2.5 * s)
            rc6 = (1 / 2.5) ** 6
            sr6 = (s / r[m]) ** 6
            e[i] += 0.5 * np.sum(4 * ep * (sr6 * sr6 - sr6) - 4 * ep * (rc6 * rc6 - rc6))
    return e


def run_glass(seed, work, reuse, model):
    out = work / f"glass{seed}"
    if not (reuse and (out / "summary.json").exists()):
        recipe = work / f"glass{seed}.toml"
        recipe.write_text((HERE / "glass.toml.in").read_text().replace("SEED", str(seed)))
        subprocess.run([str(VITRUM), "run", str(recipe), "--out", str(out), "--no-plots"], check=True,
                       env=dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1")))
    if model and not (out / "softness-particles.csv").exists():
        subprocess.run([str(VITRUM), "analyze", str(out / "stage3.data"), "-p", "kob-andersen", "--compute", "softness",
                        "--softness-model", str(model), "-o", str(out / "softness")], check=True)
        (out / "softness-particles.csv").symlink_to(out / "softness" / "particles.csv")
    return out


def one(out, pattern):
    found = sorted(Path(out).glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"{out}: expected one {pattern}, found {len(found)}")
    return found[0]


def score_glass(out):
    """Scores one run folder: the glass (stage3.data, the minimised state), its analyze particles, local_yield CSV and
    AQS event states are found by name, so the stages may also come from separate runs linked into one folder."""
    glass = read_data(out / "stage3.data")
    h0 = np.array([[glass["L"][0], glass["xy"], 0], [0, glass["L"][1], 0], [0, 0, glass["L"][2]]])
    sites = list(csv.DictReader(open(one(out, "stage*-local_yield.csv"))))
    centres = np.array([[float(s["x"]), float(s["y"]), float(s["z"])] for s in sites])
    dtau = np.array([float(s["delta_tau"]) for s in sites])
    yielded = np.array([s["yielded"] == "1" for s in sites])
    evals = sum(int(s["force_evaluations"]) for s in sites)
    # Per-particle indicators (the analyze stage's rows are in its own order: map by id).
    part = {int(r["id"]): r for r in csv.DictReader(open(one(out, "stage*-analyze-particles.csv")))}
    ico = np.array([1.0 if (part[i]["n3"], part[i]["n4"], part[i]["n5"], part[i]["n6"]) == ("0", "0", "12", "0")
                    else 0.0 for i in glass["id"]])
    soft = np.array([float(part[i]["soft_spot"]) for i in glass["id"]])
    pe = ka_atom_energies(glass)
    # Site averages over the particles within R_in of each site (minimum image in the unstrained box).
    f = fractional(glass)
    fc = np.linalg.solve(h0, (centres - glass["lo"]).T).T
    def site_mean(v):
        out_ = np.zeros(len(centres))
        for k in range(len(centres)):
            df = f - fc[k]
            df -= np.round(df)
            m = np.linalg.norm(df @ h0.T, axis=1) < R_IN
            out_[k] = v[m].mean()
        return out_
    # Softer = larger score here: low local yield stress, high energy, high soft-mode weight, few icosahedra.
    # A site that did not yield up to gamma_max has Δτ_c above its last value: all such sites tie as the hardest.
    indicators = {"local yield stress": -np.where(yielded, dtau, np.inf), "potential energy": site_mean(pe), "soft modes": site_mean(soft),
                  "icosahedra <0,0,12,0>": -site_mean(ico)}
    soft_file = out / "softness-particles.csv"
    if soft_file.exists():  # `vitrum analyze --compute softness` with a model trained on other glasses (docs/softness.md)
        sv = {int(r["id"]): float(r["softness"]) for r in csv.DictReader(open(soft_file))}
        indicators["softness (SVM)"] = site_mean(np.array([sv[i] for i in glass["id"]]))
    ev_dir = one(out, "stage*-aqs-events")
    befores = sorted(ev_dir.glob("event-*-before.data"), key=lambda p: int(p.name.split("-")[1]))
    scores = {k: [] for k in indicators}
    located = []
    for b in befores[:EVENTS]:
        a = ev_dir / b.name.replace("before", "after")
        db, da = read_data(b), read_data(a)
        fb, fa = fractional(db), fractional(da)
        dfa = fa - fb
        dfa -= np.round(dfa)  # non-affine: the affine shear keeps fractional coordinates
        ha = np.array([[da["L"][0], da["xy"], 0], [0, da["L"][1], 0], [0, 0, da["L"][2]]])
        disp = np.linalg.norm(dfa @ ha.T, axis=1)
        k = int(np.argmax(disp))
        # The event's particle in the unstrained box, then its nearest site.
        dfs = fb[k] - fc
        dfs -= np.round(dfs)
        nearest = int(np.argmin(np.linalg.norm(dfs @ h0.T, axis=1)))
        located.append(dict(event=b.name, particle=int(db["id"][k]), max_displacement=float(disp[k]), site=nearest))
        for name, v in indicators.items():
            scores[name].append(float(np.mean(v > v[nearest]) + 0.5 * np.mean(v == v[nearest]) - 0.5 / len(v)))
    return dict(sites=len(sites), yielded=int(yielded.sum()), delta_tau_mean=float(dtau[yielded].mean()),
                delta_tau_sd=float(dtau[yielded].std(ddof=1)), delta_tau_min=float(dtau.min()),
                force_evaluations=evals, events_total=len(befores), located=located, scores=scores)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--work", default="/tmp/vitrum-soft-spots")
    ap.add_argument("--reuse", action="store_true", help="score existing runs in --work")
    ap.add_argument("--softness-model", help="a model of `vitrum softness train` (validation/softness): adds softness")
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    results = {s: score_glass(run_glass(s, work, a.reuse, a.softness_model)) for s in a.seeds}
    table = {}
    for name in next(iter(results.values()))["scores"]:
        first = [r["scores"][name][0] for r in results.values() if r["scores"][name]]
        every = [x for r in results.values() for x in r["scores"][name]]
        table[name] = dict(first_event_mean=float(np.mean(first)), events=len(every), mean=float(np.mean(every)),
                           sem=float(np.std(every, ddof=1) / math.sqrt(len(every))) if len(every) > 1 else None)
    print(f"{'indicator':24s} {'first event':>12s} {'first ' + str(EVENTS) + ' events (mean +- sem)':>30s}")
    for name, t in table.items():
        print(f"{name:24s} {t['first_event_mean']:12.3f} {t['mean']:18.3f} +- {t['sem'] or 0:.3f} (n = {t['events']})")
    (HERE / "results.json").write_text(json.dumps(dict(glasses=results, table=table), indent=1) + "\n")


if __name__ == "__main__":
    main()

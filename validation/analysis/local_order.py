#!/usr/bin/python3
"""Voronoi local order of the inherent structures written by the make_recipes.py recipes (issue 9).

For every OUTDIR/stage<k>-is-T<T>-<j>.data: `vitrum analyze FILE --potential kob-andersen --compute voronoi
--format json -o DIR` (radical tessellation, radii sigma_ii/2); e_IS = pe_per_particle of the analysed file,
the <0,0,12,0> fraction per type from voronoi.icosahedral_fraction, the <0,2,8,0> fraction (Coslovich and
Pastore's twisted bicapped square prism, J. Chem. Phys. 127, 124504 (2007)) per type counted from
particles.csv.  Prints one row per state, then mean +- standard error per temperature: over all states
(snapshots >= 2 tau_alpha apart) and over the means of the runs (seeds); the difference deepest minus
shallowest protocol in standard errors. Slow-cooled states (stage<k>-is-cool-<j>.data) are labelled T = 0.

usage: local_order.py VITRUM OUTDIR [OUTDIR ...] [--csv FILE]
"""
import csv
import json
import math
import pathlib
import re
import subprocess
import sys
from collections import defaultdict


def analyse(vitrum, path):
    an = path.with_suffix("")  # stageK-is-T..-j/
    out = subprocess.run([vitrum, "analyze", str(path), "--potential", "kob-andersen", "--compute", "voronoi",
                          "--format", "json", "-o", str(an)], check=True, capture_output=True, text=True).stdout
    js = json.loads(out)
    counts = defaultdict(lambda: defaultdict(int))
    faces = defaultdict(lambda: [0, 0])  # per type: pentagonal faces, faces with 3..6 edges
    with open(an / "particles.csv") as f:
        for row in csv.DictReader(f):
            idx = (int(row["n3"]), int(row["n4"]), int(row["n5"]), int(row["n6"]))
            t = row["type"]
            counts[t]["all"] += 1
            counts[t][idx] += 1
            faces[t][0] += idx[2]
            faces[t][1] += sum(idx)
    ico = {t: js["voronoi"]["icosahedral_fraction"][t] for t in ("1", "2")}
    for t in ("1", "2"):  # the JSON and the per-particle table must agree
        assert abs(counts[t][(0, 0, 12, 0)] / counts[t]["all"] - ico[t]) < 1e-12, (path, t)
    return {"e_is": js["pe_per_particle"], "max_force": js["max_force"],
            "ico_A": ico["1"], "ico_B": ico["2"],
            "p028_B": counts["2"][(0, 2, 8, 0)] / counts["2"]["all"],
            "p01102_A": counts["1"][(0, 1, 10, 2)] / counts["1"]["all"],
            "f5_A": faces["1"][0] / faces["1"][1], "f5_B": faces["2"][0] / faces["2"][1],
            "nA": counts["1"]["all"], "nB": counts["2"]["all"]}


def mean_se(xs):
    n = len(xs)
    m = sum(xs) / n
    if n < 2:
        return m, float("nan")
    return m, math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1) / n)


KEYS = ["e_is", "ico_A", "ico_B", "p01102_A", "p028_B", "f5_A", "f5_B"]

if __name__ == "__main__":
    args = sys.argv[1:]
    csv_out = None
    if "--csv" in args:
        i = args.index("--csv")
        csv_out = args[i + 1]
        del args[i:i + 2]
    vitrum, outdirs = args[0], [pathlib.Path(a) for a in args[1:]]
    rows = []
    for d in outdirs:
        for p in sorted(d.glob("stage*-is-*.data")):
            m = re.match(r"stage(\d+)-is-(T[0-9.]+|cool)-(\d+)\.data", p.name)
            r = analyse(vitrum, p)
            # the slow-cooled glasses (label "cool") sort after every parent temperature: T = 0
            r.update(run=d.name, T=float(m.group(2)[1:]) if m.group(2) != "cool" else 0.0, sample=int(m.group(3)))
            rows.append(r)
    rows.sort(key=lambda r: (-r["T"], r["run"], r["sample"]))
    if csv_out:
        with open(csv_out, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["run", "T", "sample", "max_force", "nA", "nB"] + KEYS)
            w.writeheader()
            for r in rows:
                w.writerow({k: r[k] for k in w.fieldnames})
    print(f"{'run':>10} {'T':>5} {'j':>2} " + " ".join(f"{k:>8}" for k in KEYS))
    for r in rows:
        print(f"{r['run']:>10} {r['T']:5.2f} {r['sample']:2d} " + " ".join(f"{r[k]:8.4f}" for k in KEYS))
    print("\nper protocol: mean, standard error over all states, [standard error over the run means]")
    stats = {}
    for T in sorted({r["T"] for r in rows}, reverse=True):
        sel = [r for r in rows if r["T"] == T]
        runs = sorted({r["run"] for r in sel})
        label = f"T = {T:4.2f}" if T > 0 else "slow cool 0.55 -> 0.40 at 2e-4"
        print(f"{label}  states = {len(sel)}  runs = {len(runs)}")
        for k in KEYS:
            m, se = mean_se([r[k] for r in sel])
            _, se_seed = mean_se([sum(r[k] for r in sel if r["run"] == u) / sum(1 for r in sel if r["run"] == u)
                                  for u in runs])
            stats[T, k] = (m, se)
            print(f"    {k:>8} {m:9.4f} +- {se:.4f} [{se_seed:.4f}]")
    Ts = sorted({r["T"] for r in rows}, reverse=True)
    if len(Ts) > 1:
        print(f"\ndifference {'slow cool' if Ts[-1] == 0 else f'T = {Ts[-1]:g}'} minus T = {Ts[0]:g}, in standard errors (quadrature):")
        for k in KEYS:
            (m1, s1), (m0, s0) = stats[Ts[-1], k], stats[Ts[0], k]
            z = (m1 - m0) / math.hypot(s1, s0) if math.hypot(s1, s0) > 0 else float("nan")
            print(f"    {k:>8} {m1 - m0:+.4f} +- {math.hypot(s1, s0):.4f}  ({z:+.1f} SE)")

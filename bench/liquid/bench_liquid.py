#!/usr/bin/python3
"""Cost of the `liquid` stage: KA N = 1000 (rho = 1.2) over T = 1.0, 0.8, 0.7 with short runs, one process, one
thread. Prints per temperature the wall time, steps per second and the wall time per tau_alpha of production, and
the ratio of the liquid stage's speed to a plain NVT `md` stage of the same system in the same run (the overhead of
the F_s/MSD origins and the stress sampling). Not part of `make check`.
Usage: bench_liquid.py [VITRUM] [WORK_DIR]   (defaults: build/apps/vitrum, /tmp/vitrum_bench_liquid)"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parents[2]
vitrum = sys.argv[1] if len(sys.argv) > 1 else str(root / "build" / "apps" / "vitrum")
work = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/vitrum_bench_liquid")
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
recipe = work / "bench.toml"
recipe.write_text("""[system]
generate = { model = "kob-andersen", n = 1000, density = 1.2 }
potential = "kob-andersen"
seed = 11
[output]
checkpoint_every = 0
[[stage]]
kind = "minimize"
ftol = 1e-2
max_iterations = 2000
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = 1.0
steps = 12000
[[stage]]
kind = "liquid"
temperatures = [1.0, 0.8, 0.7]
equilibrate = 2000
steps = 10000
q = 7.25
gk_cutoff = 5.0
""")
env = dict(os.environ, OMP_NUM_THREADS="1")
subprocess.run([vitrum, "run", str(recipe), "--out", str(work / "out"), "--no-plots"], env=env, check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
summary = json.loads((work / "out" / "summary.json").read_text())
md, liquid = summary["stages"][1], summary["stages"][2]
print(f"liquid stage, KA N = {summary['n']}, one thread; md (NVT, same system): {md['steps_per_second']:.0f} steps/s")
print(f"{'T':>5} {'steps':>7} {'wall s':>8} {'steps/s':>9} {'liquid/md':>9} {'tau_alpha':>9} {'wall s per tau':>14}")
for e in liquid["temperatures"]:
    tau = e["fit_species"]["tau_alpha"]["value"]
    steps = e["equilibrate"] + e["steps"]
    per_tau = e["wall_seconds"] / (e["steps"] * liquid["dt"] / tau) if tau else float("nan")
    print(f"{e['T']:>5g} {steps:>7} {e['wall_seconds']:>8.2f} {e['steps_per_second']:>9.0f} "
          f"{e['steps_per_second'] / md['steps_per_second']:>9.3f} {tau if tau else float('nan'):>9.3g} {per_tau:>14.3g}")
print(f"fits and files: {liquid['wall_seconds'] - sum(e['wall_seconds'] for e in liquid['temperatures']):.2f} s")

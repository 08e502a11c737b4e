#!/usr/bin/python3
"""Cycles to failure against strain amplitude for the two glasses of glasses.toml (validation/fatigue/README.md).

For each glass (the MD-quenched and the swap-annealed inherent structure) and each amplitude, one `fatigue` stage is run
from the glass's data file (a fresh recipe in OUT/<glass>-<amplitude>/); the per-run summaries are gathered into
OUT/sweep.json and printed as a table. Runs already finished (their summary.json exists) are not rerun.
Usage: run_sweep.py VITRUM GLASSES_OUT OUT [--jobs N] [--max-cycles N] [--dgamma X] [--amplitudes a,b,...]"""
import argparse
import csv
import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

p = argparse.ArgumentParser()
p.add_argument("vitrum")
p.add_argument("glasses", type=Path, help="output folder of glasses.toml")
p.add_argument("out", type=Path)
p.add_argument("--jobs", type=int, default=1)
p.add_argument("--max-cycles", type=int, default=40)
p.add_argument("--dgamma", type=float, default=0.002)
p.add_argument("--ftol", type=float, default=1e-9)
p.add_argument("--amplitudes", default="0.06,0.07,0.08,0.09,0.10,0.12")
p.add_argument("--glass", default="md,swap")
a = p.parse_args()

GLASSES = {"md": "stage5-md_is.data", "swap": "stage9-swap_is.data"}  # glasses.toml's md_is and swap_is stages
RECIPE = """# fatigue of the {glass} glass at amplitude {amp} (validation/fatigue/run_sweep.py)
[system]
read = "{data}"
potential = "polydisperse-ss"
[[stage]]
kind = "fatigue"
amplitude = {amp}
dgamma = {dgamma}
max_cycles = {cycles}
ftol = {ftol}
"""


def run(glass, amp):
    d = a.out / f"{glass}-{amp:.3f}"
    if (d / "out" / "summary.json").exists():
        return glass, amp, json.loads((d / "out" / "summary.json").read_text())
    d.mkdir(parents=True, exist_ok=True)
    data = (a.glasses / GLASSES[glass]).resolve()
    (d / "fatigue.toml").write_text(RECIPE.format(glass=glass, amp=amp, data=data, dgamma=a.dgamma, cycles=a.max_cycles,
                                                  ftol=a.ftol))
    env = dict(os.environ, OMP_NUM_THREADS="1", OMP_WAIT_POLICY="PASSIVE")
    with open(d / "log", "w") as log:
        subprocess.run(["nice", "-n", "5", a.vitrum, "run", str(d / "fatigue.toml"), "--out", str(d / "out"), "--threads",
                        "1"], stdout=log, stderr=subprocess.STDOUT, env=env, check=True)
    return glass, amp, json.loads((d / "out" / "summary.json").read_text())


jobs = [(g, float(x)) for g in a.glass.split(",") for x in a.amplitudes.split(",")]
with ThreadPoolExecutor(a.jobs) as pool:
    results = list(pool.map(lambda j: run(*j), jobs))
def first_band(glass, amp):
    """First cycle whose D²min is a band in a cycle that moved the state (the stage's rule since b108ced; recomputed
    from the CSV so that runs made before it read the same)."""
    path = a.out / f"{glass}-{amp:.3f}" / "out" / "stage1-fatigue.csv"
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["band"] == "1" and float(row["msd"]) >= 1e-8:
                return int(row["cycle"])
    return None


table = []
for glass, amp, summary in results:
    st = summary["stages"][0]
    table.append({"glass": glass, "amplitude": amp, "outcome": st["outcome"], "cycles": st["cycles"],
                  "cycles_to_failure": st["cycles_to_failure"], "band_cycle": first_band(glass, amp),
                  "limit_cycle_at": st["limit_cycle_at"], "start_pe": st["start_pe_per_particle"],
                  "strobe_pe": st["strobe_pe_per_particle"], "work": st["dissipated_work_per_cycle"],
                  "stress_amplitude": st["stress_amplitude"], "localization_index": st["localization_index"],
                  "msd_from_start": st["msd_from_start"], "elastic_energy": st["elastic_energy"],
                  "band": st["band"], "wall_seconds": st["wall_seconds"]})
old = json.loads((a.out / "sweep.json").read_text()) if (a.out / "sweep.json").exists() else []
keep = [r for r in old if (r["glass"], r["amplitude"]) not in {(t["glass"], t["amplitude"]) for t in table}]
(a.out / "sweep.json").write_text(json.dumps(sorted(keep + table, key=lambda r: (r["glass"], r["amplitude"])), indent=1))
print("glass amplitude outcome cycles N_f band_cycle limit_cycle e_start e_last W_last li_last wall_s")
for r in sorted(keep + table, key=lambda r: (r["glass"], r["amplitude"])):
    print(r["glass"], r["amplitude"], r["outcome"], r["cycles"], r["cycles_to_failure"], r["band_cycle"], r["limit_cycle_at"],
          f'{r["start_pe"]:.5f}', f'{r["strobe_pe"][-1]:.5f}', f'{r["work"][-1]:.3e}', f'{r["localization_index"][-1]:.3f}',
          f'{r["wall_seconds"]:.0f}')

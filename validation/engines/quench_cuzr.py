#!/usr/bin/python3
"""Issue 22: the same Cu64Zr36 EAM quench on engine = "vitrum" and engine = "lammps" (2 MPI ranks).

One 500-atom liquid at 1500 K (vitrum); from it, for each engine and SEEDS velocity seeds (default 3): NVT quench
1500 -> 300 K at 10 K/ps (60 000 steps of 2 fs), 10 ps at 300 K, CG to the inherent state. Printed: per run the mean
E/N over the quench, E/N at 300 K (mean of the hold) and e_IS; per engine the mean and standard error over the seeds;
the difference in combined errors. Runs already in WORKDIR (a summary.json) are kept, so more seeds can be added.
Usage: quench_cuzr.py VITRUM WORKDIR [SEEDS]
"""
import json
import math
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

vitrum, work = sys.argv[1], Path(sys.argv[2])
seeds = range(1, 1 + (int(sys.argv[3]) if len(sys.argv) > 3 else 3))
work.mkdir(parents=True, exist_ok=True)
EAM = ('potential = { style = "eam/fs", file = "/usr/share/lammps/potentials/CuZr_mm.eam.fs", '
       'elements = ["Cu", "Zr"] }\n')


def run(text, name):
    if (work / name / "summary.json").exists():
        return json.loads((work / name / "summary.json").read_text())["stages"]
    shutil.rmtree(work / name, ignore_errors=True)
    (work / f"{name}.toml").write_text(text)
    subprocess.run([vitrum, "run", str(work / f"{name}.toml"), "--out", str(work / name), "--no-plots"], check=True,
                   capture_output=True, env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    return json.loads((work / name / "summary.json").read_text())["stages"]


run(f"""[system]
{EAM}generate = {{ n = 500, composition = [0.64, 0.36], seed = 3 }}
seed = 3
[[stage]]
kind = "minimize"
method = "cg"
ftol = 1e-2
max_iterations = 2000
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = 1500
steps = 10000
velocities = "create"
""", "liquid")
start = work / "liquid" / "final.data"
results = {}
for engine in ("vitrum", "lammps"):
    for seed in seeds:
        head = f'[system]\nread = "{start}"\n{EAM}seed = {seed}\n'
        if engine == "lammps":
            head += 'engine = "lammps"\n[engine]\nmpi_ranks = 2\n'
        st = run(head + """[output]
thermo_every = 1000
sample_every = 10
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = [1500, 300]
steps = 60000
velocities = "create"
[[stage]]
kind = "md"
ensemble = "nvt"
temperature = 300
steps = 5000
[[stage]]
kind = "minimize"
method = "cg"
ftol = 1e-8
""", f"{engine}{seed}")
        row = (st[0]["mean"]["pe_per_particle"], st[1]["mean"]["pe_per_particle"], st[2]["e_is"])
        results.setdefault(engine, []).append(row)
        print(f"{engine} seed {seed}: E/N over the quench {row[0]:.5f}, at 300 K {row[1]:.5f}, e_IS {row[2]:.5f} eV",
              flush=True)
for k, name in ((0, "E/N over the quench"), (1, "E/N at 300 K"), (2, "e_IS")):
    m = {e: statistics.mean(r[k] for r in results[e]) for e in results}
    s = {e: statistics.stdev(r[k] for r in results[e]) / math.sqrt(len(results[e])) for e in results}
    z = abs(m["vitrum"] - m["lammps"]) / math.hypot(s["vitrum"], s["lammps"])
    print(f"{name}: vitrum {m['vitrum']:.5f} +- {s['vitrum']:.5f}, lammps {m['lammps']:.5f} +- {s['lammps']:.5f} eV "
          f"({z:.2f} combined errors)")

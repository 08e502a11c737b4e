#!/usr/bin/python3
"""kill -9 / --resume over the stage registry: for every kind that `vitrum run --help` lists (the registry's table),
a small recipe (a short minimisation, then a stage of that kind) runs once uninterrupted and once killed with
SIGKILL about half-way through its last stage (timed from the moment the stage before it wrote its state file), then
resumed; every output file (states, CSVs, thermo.csv, trajectories) must be byte-identical and summary.json equal up
to its timings. A registered kind without a case here fails the test: a new stage comes with its resume check.
Usage: kill_resume_every_kind.py VITRUM WORK_DIR"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

vitrum, work = sys.argv[1], Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
env = dict(os.environ, OMP_NUM_THREADS="1", OMP_WAIT_POLICY="PASSIVE")

KA = '[system]\ngenerate = { model = "kob-andersen", n = 500 }\npotential = "kob-andersen"\nseed = 3\n'
KA2 = '[system]\ngenerate = { model = "ka2", n = 400 }\npotential = "ka2"\nseed = 5\n'
OUTPUT = '[output]\nthermo_every = 50\ncheckpoint_every = 100\ndump_every = 200\n'
GLASS = '[[stage]]\nkind = "minimize"\nftol = 1e-4\n'  # a short relaxation first: the kind under test runs second

# kind -> recipe; the last stage is the one killed, sized to run for a second or two on one core. Kinds that rerun
# from their start on resume (docs/architecture.md: a minimisation, AQS, the analysis and other-scale stages) are
# listed in RESTART; every other kind must resume mid-stage, from an in-stage checkpoint (the resume line's step > 0).
RESTART = {"minimize", "aqs", "cyclic_aqs", "fatigue", "uniaxial", "indent", "analyze", "coarse_grain", "stz", "epm", "ttt", "lpbf"}
FIRST = KA + OUTPUT + '[[stage]]\nkind = "minimize"\nftol = 1e-3\n'
FIRST2 = KA2 + OUTPUT.replace("checkpoint_every = 100", "checkpoint_every = 20") + '[[stage]]\nkind = "minimize"\nftol = 1e-3\n'
CG = '[[stage]]\nkind = "coarse_grain"\nnx = 8\nny = 8\nbeta = 0.02\nu0 = -9.0\n'

CASES = {
    "md": FIRST + '[[stage]]\nkind = "md"\nensemble = "nvt"\ntemperature = 0.8\nsteps = 3000\n',
    "minimize": FIRST + '[[stage]]\nkind = "minimize"\nmethod = "fire"\nftol = 1e-9\nmax_iterations = 100000\n',
    "swap": FIRST2 + '[[stage]]\nkind = "swap"\ntemperature = 0.8\nsweeps = 600\ne_is = false\n',
    "swap_anneal": FIRST2 + '[[stage]]\nkind = "swap_anneal"\ntemperatures = [1.0, 0.8]\nsweeps = 300\ne_is = false\n',
    "parallel_tempering": FIRST2 + '[[stage]]\nkind = "parallel_tempering"\ntemperatures = [0.8, 0.9, 1.0]\n'
                                   'sweeps = 300\nexchange_every = 10\ne_is = false\n',
    "hybrid": FIRST2 + '[[stage]]\nkind = "hybrid"\ntemperature = 0.8\nsteps = 2500\nswap_every = 25\ne_is = false\n',
    "aqs": FIRST.replace("dump_every = 200", "dump_every = 20")
           + '[[stage]]\nkind = "aqs"\ndgamma = 1e-3\ngamma_max = 0.015\nftol = 1e-6\n',
    "cyclic_aqs": FIRST.replace("dump_every = 200", "dump_every = 1")
                  + '[[stage]]\nkind = "cyclic_aqs"\ndgamma = 2e-3\namplitude = 0.01\ncycles = 2\nftol = 1e-6\n',
    "fatigue": FIRST.replace("dump_every = 200", "dump_every = 1")
               + '[[stage]]\nkind = "fatigue"\ndgamma = 2e-3\namplitude = 0.01\nmax_cycles = 3\nftol = 1e-6\n'
                 'stop_at_limit_cycle = false\n',
    "uniaxial": FIRST.replace("dump_every = 200", "dump_every = 2")
                + '[[stage]]\nkind = "uniaxial"\nstrain_step = -2e-4\nmax_strain = 0.004\nftol = 1e-8\n',
    "indent": FIRST.replace("dump_every = 200", "dump_every = 2")
              + '[[stage]]\nkind = "indent"\nradius = 2.5\nstiffness = 100.0\nmax_depth = 0.3\ndepth_step = 0.05\n'
                'unload_steps = 2\nvacuum = 10.0\nfixed_thickness = 1.5\nftol = 1e-6\n',
    "shear_rate": FIRST.replace("dump_every = 200", 'dump_every = 200\ndump_format = "lammps"') + '[[stage]]\nkind = "shear_rate"\nrate = 0.05\nsteps = 3000\ntemperature = 0.8\n',
    "creep": FIRST + '[[stage]]\nkind = "creep"\nstress = 0.5\nsteps = 3000\ntemperature = 0.8\n',
    "liquid": FIRST + '[[stage]]\nkind = "liquid"\ntemperatures = [1.0, 0.8]\nequilibrate = 300\nsteps = 1000\nq = 7.25\n',
    "aging": FIRST + '[[stage]]\nkind = "md"\nensemble = "nvt"\ntemperature = 1.0\nsteps = 300\n'
             '[[stage]]\nkind = "aging"\ntemperature = 0.5\nwaiting_times = [0, 1, 5]\nmax_lag = 10\nq = 7.25\n',
    "analyze": FIRST + '[[stage]]\nkind = "analyze"\ncompute = ["gr", "sq", "voronoi", "q6"]\nminimize = true\n',
    "local_yield": FIRST + '[[stage]]\nkind = "local_yield"\ngrid = [2, 2, 1]\ninner_radius = 2.5\ndgamma = 5e-3\ngamma_max = 0.06\n'
                   'ftol = 1e-6\n',
    "coarse_grain": FIRST + CG,
    "stz": FIRST + CG + '[[stage]]\nkind = "stz"\ngrid = { nx = 8, ny = 8, height = 1e-3 }\n'
                        'plasticity = { law = "stz", diffusion_length = 1.3e-4 }\nloading = { strain_rate = 1.0, max_strain = 0.05 }\n',
}
# The other scales' stages as docs/stages.md shows them (tests/test_stage_registry.cpp: the registry's examples).
docs = (Path(__file__).resolve().parents[2] / "docs" / "stages.md").read_text()
for kind in ("epm", "ttt", "lpbf"):
    example = re.search(rf"## `{kind}`.*?```toml\n(.*?)```", docs, re.S).group(1)
    CASES[kind] = FIRST + example

help_text = subprocess.run([vitrum, "run", "--help"], capture_output=True, text=True, check=True).stdout
section = help_text.split("Stage kinds", 1)[1].splitlines()[1:]
registered = [m.group(1) for line in section if (m := re.match(r"^  (\w+)\s", line))]
assert registered, "no stage kinds found in `vitrum run --help`"
missing = [k for k in registered if k not in CASES]
assert not missing, f"registered stage kinds without a kill/resume case in {__file__}: {missing}"
assert not set(CASES) - set(registered), f"cases for kinds nobody registered: {set(CASES) - set(registered)}"

TIMING = re.compile(r"wall|seconds|per_second|per_cpu")


def without_timings(x):
    if isinstance(x, dict):
        return {k: without_timings(v) for k, v in x.items() if not TIMING.search(k)}
    if isinstance(x, list):
        return [without_timings(v) for v in x]
    return x


def outputs(folder):
    """Every file below the run folder (stage sub-folders included) but plots, the checkpoint and the lock."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and p.suffix not in (".png", ".bin", ".lock"))


def compare(full, killed, kind):
    names = outputs(full)
    assert names == outputs(killed), f"{kind}: different files: {names} vs {outputs(killed)}"
    for name in names:
        a, b = (full / name).read_bytes(), (killed / name).read_bytes()
        if name.endswith(".json"):  # up to timings, and the run folder's own name where a path holds it
            a, b = a.decode().replace(str(full), "OUT"), b.decode().replace(str(killed), "OUT")
            assert without_timings(json.loads(a)) == without_timings(json.loads(b)), f"{kind}: {name} differs"
        else:
            assert a == b, f"{kind}: {name} differs after kill -9 and --resume"
    return names


report = []
for kind in registered:
    recipe = work / f"{kind}.toml"
    recipe.write_text(CASES[kind])
    full = work / f"{kind}-full"
    subprocess.run([vitrum, "run", recipe, "--out", full, "--no-plots"], env=env, check=True, capture_output=True)
    stages = json.loads((full / "summary.json").read_text())["stages"]
    last = len(stages)
    stage_wall = stages[-1]["wall_seconds"]
    # Kill half-way through the last stage, timed from the state file of the stage before it. If the run had already
    # finished, try again sooner; if the kill came before the last stage's own start checkpoint (a stage of a few
    # milliseconds on a loaded machine), the resume starts an earlier stage: try again later.
    delay = 0.5 * stage_wall
    for attempt in range(8):
        killed = work / f"{kind}-killed"
        shutil.rmtree(killed, ignore_errors=True)
        p = subprocess.Popen([vitrum, "run", recipe, "--out", killed, "--no-plots"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        trigger = killed / f"stage{last - 1}.data"
        while not trigger.exists() and p.poll() is None:
            time.sleep(0.002)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        if (killed / "final.data").exists():
            delay *= 0.3
            continue
        r = subprocess.run([vitrum, "run", recipe, "--out", killed, "--resume", "--no-plots"], env=env,
                           capture_output=True, text=True)
        assert r.returncode == 0, f"{kind}: --resume failed: {r.stderr}"
        assert "resuming" in r.stderr, f"{kind}: --resume did not resume: {r.stderr}"
        where = re.search(r"resuming .* at stage (\d+) step (\d+)", r.stderr)
        if int(where.group(1)) == last:
            break
        delay = 2 * delay + 0.002
    else:
        raise AssertionError(f"{kind}: no kill landed inside the stage under test in 8 tries (last delay {delay:.4f} s)")
    if kind not in RESTART:
        assert int(where.group(2)) > 0, f"{kind}: resumed from the stage's start, not an in-stage checkpoint"
    names = compare(full, killed, kind)
    report.append(f"{kind} (killed {delay:.3f} s into a {stage_wall:.3f} s stage, resumed at stage {where.group(1)} "
                  f"step {where.group(2)}; {len(names)} files equal)")
print("PASS: kill -9 / --resume byte-identical for every registered kind:\n  " + "\n  ".join(report))

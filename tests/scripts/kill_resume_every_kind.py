#!/usr/bin/python3
"""kill -9 / --resume over the stage registry: for every kind that `vitrum run --help` lists (the registry's table),
a small recipe runs once uninterrupted and once killed with SIGKILL about half-way through its last stage, then
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
# from their start on resume (docs/architecture.md: a minimisation, AQS) are listed in RESTART; every other kind must
# resume mid-stage, from an in-stage checkpoint (the resume line's step > 0).
RESTART = {"minimize", "aqs", "cyclic_aqs"}
CASES = {
    "md": KA + OUTPUT + '[[stage]]\nkind = "md"\nensemble = "nvt"\ntemperature = 0.8\nsteps = 3000\n',
    "minimize": KA + OUTPUT + '[[stage]]\nkind = "minimize"\nmethod = "fire"\nftol = 1e-9\nmax_iterations = 100000\n',
    "swap": KA2 + OUTPUT.replace("checkpoint_every = 100", "checkpoint_every = 20")
            + '[[stage]]\nkind = "swap"\ntemperature = 0.8\nsweeps = 600\ne_is = false\n',
    "swap_anneal": KA2 + OUTPUT.replace("checkpoint_every = 100", "checkpoint_every = 20")
                   + '[[stage]]\nkind = "swap_anneal"\ntemperatures = [1.0, 0.8]\nsweeps = 300\ne_is = false\n',
    "parallel_tempering": KA2 + OUTPUT.replace("checkpoint_every = 100", "checkpoint_every = 20")
                          + '[[stage]]\nkind = "parallel_tempering"\ntemperatures = [0.8, 0.9, 1.0]\nsweeps = 300\n'
                            'exchange_every = 10\ne_is = false\n',
    "hybrid": KA2 + OUTPUT + '[[stage]]\nkind = "hybrid"\ntemperature = 0.8\nsteps = 2500\nswap_every = 25\ne_is = false\n',
    "aqs": KA + OUTPUT.replace("dump_every = 200", "dump_every = 20") + GLASS
           + '[[stage]]\nkind = "aqs"\ndgamma = 1e-3\ngamma_max = 0.03\nftol = 1e-6\n',
    "cyclic_aqs": KA + OUTPUT.replace("dump_every = 200", "dump_every = 1") + GLASS
                  + '[[stage]]\nkind = "cyclic_aqs"\ndgamma = 2e-3\namplitude = 0.01\ncycles = 3\nftol = 1e-6\n',
    "shear_rate": KA + OUTPUT + '[[stage]]\nkind = "shear_rate"\nrate = 0.05\nsteps = 3000\ntemperature = 0.8\n',
    "creep": KA + OUTPUT + '[[stage]]\nkind = "creep"\nstress = 0.5\nsteps = 3000\ntemperature = 0.8\n',
}

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


def compare(full, killed, kind):
    names = sorted(p.name for p in full.iterdir() if p.suffix not in (".png", ".bin", ".lock"))
    assert names == sorted(p.name for p in killed.iterdir() if p.suffix not in (".png", ".bin", ".lock")), kind
    for name in names:
        a, b = (full / name).read_bytes(), (killed / name).read_bytes()
        if name == "summary.json":
            assert without_timings(json.loads(a)) == without_timings(json.loads(b)), f"{kind}: summary.json differs"
        else:
            assert a == b, f"{kind}: {name} differs after kill -9 and --resume"
    return names


report = []
for kind in registered:
    recipe = work / f"{kind}.toml"
    recipe.write_text(CASES[kind])
    full = work / f"{kind}-full"
    t0 = time.monotonic()
    subprocess.run([vitrum, "run", recipe, "--out", full, "--no-plots"], env=env, check=True, capture_output=True)
    wall = time.monotonic() - t0
    # Kill after ~60 % of the uninterrupted run's time (inside its last stage); if the run had already finished,
    # try again sooner.
    delay = 0.6 * wall
    for attempt in range(4):
        killed = work / f"{kind}-killed"
        shutil.rmtree(killed, ignore_errors=True)
        p = subprocess.Popen([vitrum, "run", recipe, "--out", killed, "--no-plots"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        if not (killed / "final.data").exists():
            break
        delay *= 0.5
    else:
        raise AssertionError(f"{kind}: the run always finished before the kill (last delay {delay:.2f} s)")
    r = subprocess.run([vitrum, "run", recipe, "--out", killed, "--resume", "--no-plots"], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, f"{kind}: --resume failed: {r.stderr}"
    assert "resuming" in r.stderr, f"{kind}: --resume did not resume: {r.stderr}"
    where = re.search(r"resuming .* at stage (\d+) step (\d+)", r.stderr)
    last_stage = CASES[kind].count("[[stage]]")
    assert int(where.group(1)) == last_stage, f"{kind}: killed outside the stage under test: {r.stderr}"
    if kind not in RESTART:
        assert int(where.group(2)) > 0, f"{kind}: resumed from the stage's start, not an in-stage checkpoint"
    names = compare(full, killed, kind)
    report.append(f"{kind} (killed at {delay:.2f} s of {wall:.2f} s, resumed at stage {where.group(1)} step "
                  f"{where.group(2)}; {len(names)} files equal)")
print("PASS: kill -9 / --resume byte-identical for every registered kind:\n  " + "\n  ".join(report))

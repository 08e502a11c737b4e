"""Trajectories ([output] dump_every): a 1000-frame extxyz trajectory of an MD stage opens in ASE, and its frame k is
the stage's state at step k bit for bit (a run stopped at step k writes the same positions, velocities and images);
the LAMMPS dump format holds the same frames; multi-frame files are refused without a frame choice, and
[system] frame = K / --frame K / System.read(frame=K) pick one.
Usage: test_trajectory.py VITRUM_BINARY WORK_DIR (PYTHONPATH = <build>/python)."""
import json
import subprocess
import sys
from pathlib import Path

import ase.io
import numpy as np

import vitrum

binary, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)


def run(name, recipe_text, expect_ok=True):
    path = work / f"{name}.toml"
    path.write_text(recipe_text)
    out = work / name
    r = subprocess.run([binary, "run", path, "--out", out, "--no-plots"], capture_output=True, text=True)
    assert (r.returncode == 0) == expect_ok, r.stderr
    return out, r


def recipe(steps, output=""):
    return f"""
[system]
potential = "kob-andersen"
generate = {{ model = "kob-andersen", n = 250 }}
seed = 7
[output]
thermo_every = 100
{output}
[[stage]]
kind = "minimize"
ftol = 1e-6
[[stage]]
kind = "md"
name = "hot"
ensemble = "nvt"
temperature = 0.9
steps = {steps}
"""


def same_state(a, b, what):
    for key in ("ids", "types", "positions", "velocities", "images"):
        x, y = getattr(a, key), getattr(b, key)
        assert np.array_equal(x, y), f"{what}: {key} differ (max |diff| {np.max(np.abs(x - y))})"
    assert a.box_lengths == b.box_lengths and a.tilt_xy == b.tilt_xy, f"{what}: box differs"


# 999 MD steps with a frame at every step and at step 0: 1000 frames, with per-atom energies.
out, _ = run("xyz", recipe(999, "dump_every = 1\ndump_energies = true"))
traj = out / "stage2-hot.extxyz"
summary = json.loads((out / "summary.json").read_text())
assert summary["stages"][1]["trajectory"] == "stage2-hot.extxyz"
assert "trajectory" not in summary["stages"][0]  # a minimisation writes no frames
frames = vitrum.read_trajectory(traj)
assert len(frames) == 1000 and vitrum.count_frames(traj) == 1000
assert [f.step for f in frames] == list(range(1000))

# ASE opens every frame; positions, velocities and per-atom energies are the file's numbers.
atoms = ase.io.read(traj, index=":")
assert len(atoms) == 1000
for k in (0, 1, 500, 999):
    assert np.array_equal(atoms[k].positions, frames[k].positions)
    assert np.array_equal(atoms[k].arrays["vel"], frames[k].velocities)
    assert atoms[k].info["timestep"] == k and atoms[k].info["stage"] == 2
potential = vitrum.Potential("kob-andersen")
for k in (0, 999):
    e_file = atoms[k].calc.results["energies"] if atoms[k].calc is not None else atoms[k].arrays["energies"]
    e_now = potential.energies(frames[k])
    assert np.allclose(e_file, e_now, rtol=1e-12, atol=1e-12), "dumped per-atom energies are not the state's"

# Frame k is the state at step k: the same recipe stopped at step k ends in that state, bit for bit.
same_state(frames[-1], vitrum.System.read(out / "final.data"), "last frame vs final.data")
same_state(frames[0].__class__.read(traj, frame=0), frames[0], "System.read(frame=0)")
for k in (1, 417):
    short, _ = run(f"steps{k}", recipe(k))
    same_state(frames[k], vitrum.System.read(short / "final.data"), f"frame {k} vs a run stopped at step {k}")
# Frame 0: the minimised state (positions) with the stage's new velocities.
start = vitrum.System.read(out / "stage1.data")
assert np.array_equal(frames[0].positions, start.positions) and np.array_equal(frames[0].images, start.images)

# The LAMMPS dump format: the same frames (every 100 steps), read by vitrum and by ASE.
out_l, _ = run("lammps", recipe(999, "dump_every = 100\ndump_format = \"lammps\""))
dump = out_l / "stage2-hot.lammpstrj"
dframes = vitrum.read_trajectory(dump)
assert [f.step for f in dframes] == list(range(0, 1000, 100))
for f in dframes:
    same_state(f, frames[f.step], f"lammps frame {f.step} vs extxyz frame")
datoms = ase.io.read(dump, format="lammps-dump-text", index=":")
assert len(datoms) == 10
assert np.allclose(datoms[3].positions, dframes[3].positions, rtol=0, atol=1e-12)

# A file with several frames is never read silently as its first frame.
try:
    vitrum.System.read(traj)
    raise AssertionError("a 1000-frame file was read without a frame choice")
except vitrum.Error as e:
    assert "stage2-hot.extxyz:253: a second frame starts here" in str(e), e
for bad in (1000, -1001):
    try:
        vitrum.System.read(traj, frame=bad)
        raise AssertionError(f"frame {bad} of 1000 was read")
    except vitrum.Error as e:
        assert "it has 1000 frames (0..999" in str(e), e
r = subprocess.run([binary, "inspect", traj, "--potential", "kob-andersen"], capture_output=True, text=True)
assert r.returncode != 0 and "a second frame starts here" in r.stderr and "--frame" in r.stderr, r.stderr
r = subprocess.run([binary, "inspect", traj, "--potential", "kob-andersen", "--frame", "-1", "--format", "json"],
                   capture_output=True, text=True, check=True)
assert json.loads(r.stdout)["n"] == 250

# [system] frame = K starts a recipe from that frame: its minimisation equals minimising the frame in Python.
frame_recipe = f"""
[system]
potential = "kob-andersen"
read = "{traj}"
frame = 417
[[stage]]
kind = "minimize"
method = "cg"
ftol = 1e-10
"""
out_f, _ = run("from_frame", frame_recipe)
e_is = json.loads((out_f / "summary.json").read_text())["stages"][0]["e_is"]
state = vitrum.System.read(traj, frame=417)
relaxed, info = potential.minimize(state, method="cg", ftol=1e-10)
assert info["e_is"] == e_is, (info, e_is)
print("trajectory: 1000 frames, ASE reads them, frames 0/1/417/999 equal the states, lammps dump equal")

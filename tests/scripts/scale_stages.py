#!/usr/bin/python3
"""Issue 20: the epm, ttt and lpbf stages run the commands' library calls. One `vitrum run` with one stage of each
kind (tables inline), then `vitrum epm|ttt|lpbf` on standalone recipes with the same tables: every number of each
command's summary equals the stage's (exactly: the same functions on the same parsed values), wall times and
version strings aside. Usage: VITRUM WORKDIR"""
import json
import os
import shutil
import subprocess
import sys

vitrum, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
env = dict(os.environ, OMP_NUM_THREADS="1")

TTT = """[alloy]
name = "Vit1"
liquidus_K = 993
glass_transition_K = 625
fusion_enthalpy_J_per_mol = 8200
molar_volume_m3_per_mol = 9.84e-6
[viscosity]
eta0_Pa_s = 4e-5
D_star = 18.5
T0_K = 412.5
[nucleation]
interfacial_energy_J_per_m2 = 0.09485
"""
EPM = """[lattice]
dimension = 2
size = 16
[thresholds]
distribution = "weibull"
shape = 2.0
scale = 1.0
[events]
recovery = 1.0
stress_noise = 0.05
[protocol]
kind = "quasistatic"
max_strain = 1.0
avalanches = 2000
stationary_strain = 0.5
"""
LPBF = """[material]
name = "AMZ4"
conductivity_W_per_m_K = 5.0
density_kg_per_m3 = 6620
specific_heat_J_per_kg_K = 326
ambient_K = 300
kinetics = "{kinetics}"
[laser]
power_W = 90
speed_m_per_s = 2.0
absorptivity = 0.5
spot_radius_um = 40
[scan]
hatch_um = 80
layer_thickness_um = 20
pad_side_mm = 1.0
interlayer_time_s = 10
[build]
layers = 4
substrate_layers = 2
"""
kinetics = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "recipes", "ttt_amz4.toml")


def as_stage(kind, body, extra=""):
    """The tables of a standalone recipe as sub-tables of one [[stage]] ([alloy] -> [stage.alloy])."""
    return f'[[stage]]\nkind = "{kind}"\n{extra}' + body.replace("\n[", "\n[stage.")


recipe = ('[system]\ngenerate = { model = "kob-andersen", n = 300 }\npotential = "kob-andersen"\nseed = 3\n'
          + as_stage("ttt", "\n" + TTT) + as_stage("epm", "\n" + EPM, "seed = 9\n")
          + as_stage("lpbf", "\n" + LPBF.format(kinetics=kinetics)))
open(os.path.join(work, "scales.toml"), "w").write(recipe)
subprocess.run([vitrum, "run", os.path.join(work, "scales.toml"), "--out", os.path.join(work, "run"), "--no-plots"],
               check=True, env=env)
stages = json.load(open(os.path.join(work, "run", "summary.json")))["stages"]

failures = []
SKIP = {"wall_seconds", "vitrum_version", "version", "file", "seconds", "map_seconds", "solve_seconds", "step_seconds"}


def compare(a, b, path):
    if isinstance(b, dict):
        for k, v in b.items():
            if k in SKIP or k.endswith("_seconds"):
                continue
            if k not in a:
                failures.append(f"{path}.{k}: missing from the stage's summary")
            else:
                compare(a[k], v, f"{path}.{k}")
    elif isinstance(b, list):
        if not isinstance(a, list) or len(a) != len(b):
            failures.append(f"{path}: lists differ")
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                compare(x, y, f"{path}[{i}]")
    elif a != b:
        failures.append(f"{path}: stage {a!r} != command {b!r}")


for kind, text, args in [("ttt", 'units = "SI"\n' + TTT, ["--no-plots"]),
                         ("epm", 'units = "reduced"\nseed = 9\n' + EPM, ["--no-plots"]),
                         ("lpbf", 'units = "SI"\n' + LPBF.format(kinetics=kinetics), ["--no-plots"])]:
    path = os.path.join(work, f"{kind}.toml")
    open(path, "w").write(text)
    out = os.path.join(work, f"cmd-{kind}")
    r = subprocess.run([vitrum, kind, path, "--out", out, "--format", "json"] + args, check=True, env=env,
                       capture_output=True, text=True)
    command = json.load(open(os.path.join(out, "summary.json")))
    stage = next(s for s in stages if s["kind"] == kind)
    compare(stage, command, kind)
    print(kind, "compared:", len(command), "keys")

if failures:
    print("\n".join(failures[:40]))
    sys.exit(1)
print("epm, ttt and lpbf stages equal their commands")

"""vitrum.System and vitrum.Potential against the CLI: generate and write byte for byte as `vitrum generate`;
energies and virial pressures as `vitrum inspect` prints them (KA, EAM Cu-Zr with a tilt); per-atom energies sum
to the energy; minimize as a recipe's minimize stage; bad input raises vitrum.Error naming the problem.
Usage: test_system_potential.py VITRUM_BINARY WORK_DIR (PYTHONPATH = <build>/python)."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

import vitrum

binary, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
data = Path(__file__).resolve().parents[1] / "data"
EAM_FILE = "/usr/share/lammps/potentials/CuZr_mm.eam.fs"


def cli(*args):
    return subprocess.run([binary, *map(str, args)], check=True, capture_output=True, text=True).stdout


# generate: the same atoms and the same file as the CLI.
cli("generate", "--model", "kob-andersen", "-n", 300, "--seed", 7, "-o", work / "cli.data")
s = vitrum.System.generate("kob-andersen", 300, seed=7)
s.write(work / "py.data", comment="generate model=kob-andersen seed=7")
assert (work / "cli.data").read_bytes() == (work / "py.data").read_bytes(), "System.generate/write differ from the CLI"
r = vitrum.System.read(work / "cli.data")
assert np.array_equal(r.positions, s.positions) and np.array_equal(r.types, s.types) and len(r) == 300
assert r.replicate(2, 1, 1).n == 600 and abs(r.replicate(2, 1, 1).volume - 2 * r.volume) < 1e-9 * r.volume

# From arrays, then written and read back: the same numbers.
a = vitrum.System(r.positions, r.types, r.box_lengths, box_lo=r.box_lo, type_masses=[1.0, 1.0])
assert np.allclose(a.positions, r.positions, atol=1e-12) and a.n == r.n and a.type_count == 2


def inspect(path, *potential_args):
    return json.loads(cli("inspect", path, "--format", "json", *potential_args))


# Energies and virial pressure as `vitrum inspect` (reduced units).
ka_file = data / "analysis" / "ka1000-is-T0.6-s1-0.data"
ka = vitrum.Potential("kob-andersen")
sys_ka = vitrum.System.read(ka_file)
res = ka.compute(sys_ka)
ref = inspect(ka_file, "--potential", "kob-andersen")
assert res["pe_per_particle"] == ref["pe_per_particle"], (res["pe_per_particle"], ref["pe_per_particle"])
assert res["pressure_virial"] == ref["pressure_virial"]
assert np.array_equal(res["virial_pressure_tensor"], ref["virial"])
assert res["forces"].shape == (1000, 3)
assert abs(ka.energies(sys_ka).sum() - res["energy"]) < 1e-10 * abs(res["energy"])
assert ka.units["name"] == "lj" and ka.type_count == 2

# EAM Cu-Zr in metal units, tilted box: energy and pressure (bar) as the CLI.
eam_file = data / "eam" / "cuzr_tilt.data"
eam = vitrum.Potential("eam/fs", files=[EAM_FILE], elements=["Cu", "Zr"])
cz = vitrum.System.read(eam_file)
res = eam.compute(cz)
ref = inspect(eam_file, "--potential", "eam/fs", "--potential-file", EAM_FILE, "--elements", "Cu,Zr")
assert res["pe_per_particle"] == ref["pe_per_particle"] and res["pressure_virial"] == ref["pressure_virial"]
assert eam.units["name"] == "metal" and eam.elements == ["Cu", "Zr"] and cz.elements == ["Cu", "Zr"]
# stress = -W/V in eV/A^3; pressure_virial in bar (1 eV/A^3 = 1.6021766e6 bar).
assert abs(-np.mean(res["stress"][:3]) * 1.602176634e6 - res["pressure_virial"]) < 1e-6 * abs(res["pressure_virial"])

# minimize: the e_IS of a recipe's minimize stage on the same start.
(work / "min.toml").write_text(f'[system]\nread = "{ka_file}"\npotential = "kob-andersen"\n'
                                '[[stage]]\nkind = "minimize"\nmethod = "cg"\nftol = 1e-10\n')
cli("run", work / "min.toml", "--out", work / "min_cli", "--no-plots")
cli_eis = json.loads((work / "min_cli" / "summary.json").read_text())["stages"][0]["e_is"]
relaxed, info = ka.minimize(sys_ka, method="cg", ftol=1e-10)
assert info["converged"] and info["e_is"] == cli_eis, (info["e_is"], cli_eis)
assert isinstance(relaxed, vitrum.System) and relaxed.n == 1000

# Bad input: one clear vitrum.Error each.
for bad, needle in [(lambda: vitrum.Potential("no-such-model"), "no-such-model"),
                    (lambda: vitrum.Potential("eam/fs", files=["/nonexistent.eam.fs"], elements=["Cu"]), "nonexistent"),
                    (lambda: vitrum.System.read(work / "missing.data"), "missing.data"),
                    (lambda: vitrum.System(np.zeros((2, 2)), [1, 1], [5, 5, 5]), "(n, 3)"),
                    (lambda: vitrum.System(np.zeros((2, 3)), [1, 0], [5, 5, 5]), "types"),
                    (lambda: ka.compute(vitrum.System(np.zeros((2, 3)), [1, 1], [10, 10, 10])), "overlap")]:
    try:
        bad()
    except vitrum.Error as e:
        assert needle in str(e), (needle, str(e))
    else:
        raise AssertionError(f"no error for {needle}")
print("System and Potential match the CLI (generate, write, inspect KA and EAM, minimize); bad input raises vitrum.Error")

"""vitrum.ase.VitrumCalculator: ASE's finite-difference forces, and central differences of the energy under strain,
agree with the analytic forces and stress (KA, and EAM Cu-Zr in a tilted cell); the same cell turned in space gives
the same energy and the rotated forces and stress (the LAMMPS-frame rotation); energies equal vitrum.Potential's;
ase.optimize.FIRE relaxes a perturbed KA glass to the e_IS of `vitrum run` minimize (1e-8).
Usage: test_ase.py VITRUM_BINARY WORK_DIR (PYTHONPATH = <build>/python)."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from ase.calculators.test import numeric_force
from ase.optimize import FIRE

import vitrum
from vitrum.ase import VitrumCalculator, to_atoms

binary, work = sys.argv[1], Path(sys.argv[2])


def numeric_stress(atoms, d):
    """(1/V) dE/d(strain) by central differences for xx, yy, zz and xy in ASE's Voigt slots (0, 1, 2, 5): the strains
    vitrum's box (orthorhombic plus an xy tilt) can take; ASE's own helper also strains xz and yz."""
    cell, volume, out = atoms.get_cell().copy(), atoms.get_volume(), {}
    for slot, (i, j) in {0: (0, 0), 1: (1, 1), 2: (2, 2), 5: (0, 1)}.items():
        e = []
        for sign in (1, -1):
            eps = np.eye(3)
            eps[i, j] += sign * d / 2
            eps[j, i] += sign * d / 2
            a = atoms.copy()
            a.calc = atoms.calc
            a.set_cell(cell @ eps, scale_atoms=True)
            e.append(a.get_potential_energy())
        out[slot] = (e[0] - e[1]) / (2 * d * volume)
    return out
work.mkdir(parents=True, exist_ok=True)
data = Path(__file__).resolve().parents[1] / "data"

# KA: forces against central differences of the energy.
ka = vitrum.Potential("kob-andersen")
glass = vitrum.System.read(data / "analysis" / "ka1000-is-T0.6-s1-0.data")
rng = np.random.default_rng(3)
start = glass.copy()
start.positions = glass.positions + rng.normal(0, 0.03, glass.positions.shape)
atoms = to_atoms(start)
atoms.calc = VitrumCalculator(ka)
assert atoms.get_potential_energy() == ka.energy(start)
forces = atoms.get_forces()
for i in (0, 17, 999):
    for k in range(3):
        fd = numeric_force(atoms, i, k, 1e-6)
        assert abs(fd - forces[i, k]) < 1e-6 * max(1.0, abs(forces[i, k])), (i, k, fd, forces[i, k])
# Stress on the glass itself: the perturbed start has pairs within 1e-6 of the cut-off, where the shifted KA force
# jumps and central differences wander (1e-5); on the glass they converge to 1e-8.
glass_atoms = to_atoms(glass)
glass_atoms.calc = VitrumCalculator(ka)
stress = glass_atoms.get_stress()
for slot, value in numeric_stress(glass_atoms, 1e-6).items():
    assert abs(value - stress[slot]) < 1e-6 * max(1.0, abs(stress[slot])), (slot, value, stress[slot])

# EAM Cu-Zr, tilted box: finite differences; then the whole cell and atoms turned in space.
eam = vitrum.Potential("eam/fs", files=["/usr/share/lammps/potentials/CuZr_mm.eam.fs"], elements=["Cu", "Zr"])
cz = vitrum.System.read(data / "eam" / "cuzr_tilt.data")
cz_atoms = to_atoms(cz)
cz_atoms.calc = VitrumCalculator(eam)
e0 = cz_atoms.get_potential_energy()
assert abs(e0 - eam.energy(cz)) < 1e-12 * abs(e0)
f0, s0 = cz_atoms.get_forces(), cz_atoms.get_stress()
for i in (0, 1234):
    for k in range(3):
        fd = numeric_force(cz_atoms, i, k, 1e-5)
        assert abs(fd - f0[i, k]) < 1e-5 * max(1.0, abs(f0[i, k])), (i, k, fd, f0[i, k])
for slot, value in numeric_stress(cz_atoms, 1e-6).items():
    assert abs(value - s0[slot]) < 1e-4 * max(1e-3, abs(s0[slot])), (slot, value, s0[slot])
turned = cz_atoms.copy()
turned.rotate(30, "z", rotate_cell=True)
turned.rotate(20, "x", rotate_cell=True)
turned.calc = VitrumCalculator(eam)
rot = np.linalg.solve(cz_atoms.get_cell(), turned.get_cell()).T  # turned cell rows = cell rows @ rot.T
assert abs(turned.get_potential_energy() - e0) < 1e-9 * abs(e0)
assert np.allclose(turned.get_forces(), f0 @ rot.T, rtol=0, atol=1e-8)
voigt = lambda v: np.array([[v[0], v[5], v[4]], [v[5], v[1], v[3]], [v[4], v[3], v[2]]])  # noqa: E731
assert np.allclose(voigt(turned.get_stress()), rot @ voigt(s0) @ rot.T, rtol=0, atol=1e-9)

# FIRE in ASE against a FIRE minimize stage of `vitrum run` from the same perturbed start.
start.write(work / "start.data")
(work / "min.toml").write_text(f'[system]\nread = "{work / "start.data"}"\npotential = "kob-andersen"\n'
                                '[[stage]]\nkind = "minimize"\nmethod = "fire"\nftol = 1e-10\n')
subprocess.run([binary, "run", str(work / "min.toml"), "--out", str(work / "min"), "--no-plots"], check=True,
               capture_output=True)
e_is = json.loads((work / "min" / "summary.json").read_text())["stages"][0]["e_is"]
FIRE(atoms, logfile=None).run(fmax=1e-7, steps=20000)
e_ase = atoms.get_potential_energy() / len(atoms)
assert abs(e_ase - e_is) < 1e-8 * abs(e_is), (e_ase, e_is)
print(f"ASE calculator: finite differences agree (KA, tilted EAM), rotation consistent; FIRE e_IS {e_ase:.12f} vs vitrum {e_is:.12f}")

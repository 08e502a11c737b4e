"""An ASE calculator on vitrum's potentials, and conversions between ase.Atoms and vitrum.System.

ASE's cell may be any parallelepiped; vitrum's box is LAMMPS's with only an xy tilt, so the cell is rotated into
LAMMPS's frame (ASE's own Prism, as its LAMMPS calculators do) and forces and stress are rotated back. Cells that
need xz or yz tilts are refused: cell relaxations must keep those strains at zero (ASE's cell filters take
mask=[1, 1, 1, 0, 0, 1] in Voigt order xx yy zz yz xz xy), and ASE's calculate_numerical_stress, which strains
xz and yz too, cannot be used. Types: with a potential that names its elements (EAM, KIM, lj/cut of elements)
atoms are typed by chemical symbol; otherwise by an integer per-atom array ``type`` (vitrum's extended XYZ has
one), else by ASE tags (1, 2, ...). Polydisperse models read the per-atom array ``diameter``.
Units: ASE works in eV and Angstrom, which are vitrum's metal units; reduced-unit models pass their numbers through
unchanged (energies in epsilon, lengths in sigma), which ASE's optimisers and dynamics do not mind.
"""
from __future__ import annotations

from typing import Optional, Tuple

import numpy as np
from ase import Atoms
from ase.calculators.calculator import Calculator, all_changes
from ase.calculators.lammps import Prism

from ._vitrum import Potential, System

def _types(atoms: Atoms, potential: Potential) -> np.ndarray:
    elements = list(potential.elements)
    if elements:
        symbols = atoms.get_chemical_symbols()
        unknown = sorted(set(symbols) - set(elements))
        if unknown:
            raise ValueError(f"atoms hold {', '.join(unknown)}, which potential '{potential.describe()}' does not map "
                             f"(it maps {', '.join(elements)})")
        return np.array([elements.index(s) + 1 for s in symbols], dtype=np.int32)
    if "type" in atoms.arrays:
        return np.asarray(atoms.arrays["type"], dtype=np.int32)
    tags = atoms.get_tags()
    if len(tags) and tags.min() >= 1:
        return np.asarray(tags, dtype=np.int32)
    raise ValueError(f"potential '{potential.describe()}' has numbered types: give the atoms an integer array "
                     "'type' (atoms.set_array('type', ...)) or tags 1, 2, ...")


def from_atoms(atoms: Atoms, potential: Optional[Potential] = None) -> Tuple[System, Prism]:
    """A vitrum.System for these atoms (types as described above) and the Prism that maps ASE's frame to it."""
    if not all(atoms.pbc):
        raise ValueError("vitrum's boxes are periodic in x, y and z; these atoms have pbc = "
                         f"{tuple(bool(p) for p in atoms.pbc)}")
    prism = Prism(np.array(atoms.cell))
    tilt = prism.lammps_tilt  # rows a, b, c in LAMMPS's frame: lower triangular
    lengths = np.diag(tilt)
    if abs(tilt[2, 0]) > 1e-10 * lengths[0] or abs(tilt[2, 1]) > 1e-10 * lengths[1]:
        raise ValueError("this cell needs xz or yz tilts; vitrum's box is orthorhombic plus an xy tilt")
    if potential is not None:
        types = _types(atoms, potential)
        elements = list(potential.elements)
    elif "type" in atoms.arrays:
        types, elements = np.asarray(atoms.arrays["type"], dtype=np.int32), []
    else:
        symbols = sorted(set(atoms.get_chemical_symbols()), key=lambda s: atoms.get_chemical_symbols().index(s))
        types = np.array([symbols.index(s) + 1 for s in atoms.get_chemical_symbols()], dtype=np.int32)
        elements = symbols
    masses = []
    if elements:
        m = atoms.get_masses()
        masses = [float(m[np.argmax(types == t)]) if np.any(types == t) else 1.0 for t in range(1, len(elements) + 1)]
    diameters = atoms.arrays.get("diameter")
    system = System(prism.vector_to_lammps(atoms.get_positions()), types, lengths, tilt_xy=float(tilt[1, 0]),
                    diameters=None if diameters is None else np.asarray(diameters, dtype=float),
                    type_masses=masses, elements=elements)
    return system, prism


def to_atoms(system: System) -> Atoms:
    """ase.Atoms of a System: cell rows a = (Lx,0,0), b = (xy,Ly,0), c = (0,0,Lz), positions relative to the box's
    lower corner; symbols from the elements where known (else 'X' with tags = types); arrays 'type', 'id' and
    'diameter' (polydisperse)."""
    types = system.types
    elements = system.elements
    if elements and all(elements):
        atoms = Atoms(symbols=[elements[t - 1] for t in types], positions=system.positions - system.box_lo,
                      cell=system.cell, pbc=True)
    else:
        atoms = Atoms(symbols=["X"] * len(types), positions=system.positions - system.box_lo, cell=system.cell,
                      pbc=True, tags=types)
    atoms.set_array("type", np.asarray(types, dtype=np.int32))
    atoms.set_array("id", np.asarray(system.ids, dtype=np.int64))
    if system.has_diameters:
        atoms.set_array("diameter", system.diameters)
    if system.has_velocities:
        atoms.set_velocities(system.velocities)
    return atoms


class VitrumCalculator(Calculator):
    """Energy, per-atom energies, forces and stress from a vitrum.Potential (any model vitrum runs).

    >>> calc = VitrumCalculator(potential=vitrum.Potential("eam/fs", files=[...], elements=["Cu", "Zr"]))
    >>> atoms.calc = calc; atoms.get_potential_energy()
    """

    implemented_properties = ["energy", "free_energy", "energies", "forces", "stress"]

    def __init__(self, potential: Potential, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(potential, Potential):
            raise TypeError("potential must be a vitrum.Potential")
        self.potential = potential

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        super().calculate(atoms, properties, system_changes)
        system, prism = from_atoms(self.atoms, self.potential)
        r = self.potential.compute(system)
        rot = prism.rot_mat  # ASE vector = rot @ LAMMPS vector
        stress = np.asarray(r["stress"])  # xx yy zz xy xz yz in LAMMPS's frame
        s = np.array([[stress[0], stress[3], stress[4]], [stress[3], stress[1], stress[5]],
                      [stress[4], stress[5], stress[2]]])
        s = rot @ s @ rot.T
        self.results = {
            "energy": r["energy"],
            "free_energy": r["energy"],
            "forces": prism.vector_to_ase(np.asarray(r["forces"])),
            "stress": np.array([s[0, 0], s[1, 1], s[2, 2], s[1, 2], s[0, 2], s[0, 1]]),
        }
        if "energies" in properties:
            self.results["energies"] = np.asarray(self.potential.energies(system))

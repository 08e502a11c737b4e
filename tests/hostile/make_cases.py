#!/usr/bin/python3
"""Writes the hostile-input corpus (cases/) from one small valid Kob-Andersen configuration; run once, output committed.

Each case is one file or recipe; manifest.tsv says how vitrum is run on it, the exit code and a message fragment."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
os.makedirs(CASES, exist_ok=True)

# 64 atoms on a 4^3 lattice of spacing 1.5 in a 6^3 box: a valid, harmless configuration.
ATOMS = []
k = 0
for i in range(4):
    for j in range(4):
        for l in range(4):
            k += 1
            ATOMS.append((k, 2 if k % 5 == 0 else 1, 0.75 + 1.5 * i, 0.75 + 1.5 * j, 0.75 + 1.5 * l))


RECIPE = """[system]
read = "good.data"
potential = "kob-andersen"
seed = 1
[output]
thermo_every = 10
[[stage]]
kind = "md"
"""


# An indent stage's required keys, valid for good.data once it has a vacuum gap.
IND = "radius = 2.0\nstiffness = 10.0\nmax_depth = 0.5\nfixed_thickness = 1.0\n"

# A fatigue stage's keys, valid for good.data.
FAT = "amplitude = 0.02\ndgamma = 0.005\nmax_cycles = 2\n"

# A coarse_grain stage on good.data (64 atoms of KA, energies near -6): 4 x 4 cells of 1.5 x 1.5.
CG = "nx = 4\nny = 4\nbeta = 0.01\nu0 = -100.0\n"
# An stz stage's tables (its initial field: the coarse_grain before it, by default).
STZ = ('grid = { height = 1e-3 }\nplasticity = { law = "stz", diffusion_length = 3e-4 }\n'
       'loading = { strain_rate = 1.0, max_strain = 0.01 }\n')

EPM = """units = "reduced"
seed = 1
[lattice]
dimension = 2
size = 16
[elasticity]
shear_modulus = 0.5
[thresholds]
distribution = "weibull"
shape = 2.0
scale = 1.0
[events]
recovery = 1.0
stress_noise = STRESS_NOISE
update = "sequential"
[protocol]
kind = "quasistatic"
max_strain = 10.0
avalanches = 200
stationary_strain = 0.5
[statistics]
s_min = 1
s_max = 100
"""


def data(header_extra="", box=("0 6 xlo xhi", "0 6 ylo yhi", "0 6 zlo zhi"), atoms=None, masses=("1 1", "2 1"),
         natoms=None, ntypes="2", velocities=None):
    atoms = ATOMS if atoms is None else atoms
    s = "LAMMPS data file (vitrum hostile corpus)\n\n"
    s += f"{len(atoms) if natoms is None else natoms} atoms\n{ntypes} atom types\n\n" + "\n".join(box) + "\n"
    s += header_extra
    s += "\nMasses\n\n" + "\n".join(masses) + "\n\nAtoms # atomic\n\n"
    s += "".join(f"{a[0]} {a[1]} {a[2]} {a[3]} {a[4]} 0 0 0\n" for a in atoms)
    if velocities:
        s += "\nVelocities\n\n" + "".join(f"{a[0]} {velocities(a)}\n" for a in atoms)
    return s


def xyz(lattice="6 0 0 0 6 0 0 0 6", origin="0 0 0", atoms=None, n=None, extra="", cols="masses:R:1",
        row=lambda a: "1"):
    atoms = ATOMS if atoms is None else atoms
    s = f"{len(atoms) if n is None else n}\n"
    s += f'Lattice="{lattice}" Origin="{origin}" pbc="T T T" Properties=id:I:1:type:I:1:pos:R:3:{cols}{extra}\n'
    s += "".join(f"{a[0]} {a[1]} {a[2]} {a[3]} {a[4]} {row(a)}\n" for a in atoms)
    return s


def dump(bounds="ITEM: BOX BOUNDS pp pp pp\n0 6\n0 6\n0 6\n", atoms=None, n=None):
    atoms = ATOMS if atoms is None else atoms
    s = f"ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n{len(atoms) if n is None else n}\n" + bounds
    s += "ITEM: ATOMS id type x y z\n" + "".join(f"{a[0]} {a[1]} {a[2]} {a[3]} {a[4]}\n" for a in atoms)
    return s


def moved(index, x):
    a = list(ATOMS)
    a[index] = (a[index][0], a[index][1], x, a[index][3], a[index][4])
    return a


files = {
    "good.data": data(),
    # Two atoms 86 apart in a 100-wide box: no pair within g(r)'s range.
    "dilute.data": data(box=("0 100 xlo xhi", "0 100 ylo yhi", "0 100 zlo zhi"), atoms=[(1, 1, 10, 10, 10), (2, 1, 60, 60, 60)]),
    # A long thin tilted cell (xy ~ 20 Ly^2 / Lx): voro++ cannot bound its unit Voronoi cell in 19 image shells and exits.
    "thin_tilted.data": data(box=("0 500 xlo xhi", "0 6 ylo yhi", "0 6 zlo zhi"), header_extra="1.5 0 0 xy xz yz\n",
                             atoms=[(k + 1, 1, 10 + 100 * k, 3, 3) for k in range(5)]),
    "good.xyz": xyz(),
    "good.dump": dump(),
    "nan_tilt.data": data(header_extra="nan 0 0 xy xz yz\n"),
    "nan_bound.data": data(box=("0 nan xlo xhi", "0 6 ylo yhi", "0 6 zlo zhi")),
    "inf_bound.data": data(box=("-inf inf xlo xhi", "0 6 ylo yhi", "0 6 zlo zhi")),
    "large_tilt.data": data(header_extra="4 0 0 xy xz yz\n"),
    "huge_coordinate.data": data(atoms=moved(3, "1e308")),
    "huge_origin.data": data(box=("1e300 1.000000000000000006e300 xlo xhi", "0 6 ylo yhi", "0 6 zlo zhi")),
    "many_types.data": data(ntypes="2000000000"),
    "many_atoms.data": data(natoms="1000000000000"),
    "negative_atoms.data": data(natoms="-5"),
    "duplicate_id.data": data(atoms=ATOMS[:-1] + [(1,) + ATOMS[-1][1:]]),
    "more_lines.data": data(natoms=len(ATOMS) - 1),
    "velocity_1e200.data": data(velocities=lambda a: "1e200 0 0" if a[0] == 7 else "0 0 0"),
    "velocity_nan.data": data(velocities=lambda a: "nan 0 0" if a[0] == 7 else "0 0 0"),
    "mass_zero.data": data(masses=("1 0", "2 1")),
    "mass_negative.data": data(masses=("1 1", "2 -2")),
    "nan_lattice.xyz": xyz(lattice="6 0 0 nan 6 0 0 0 6"),
    "nan_origin.xyz": xyz(origin="nan 0 0"),
    "huge_origin.xyz": xyz(origin="1e300 0 0"),
    "count_below_lines.xyz": xyz(n=len(ATOMS) - 16),
    "duplicate_id.xyz": xyz(atoms=ATOMS[:-1] + [(1,) + ATOMS[-1][1:]]),
    "mass_negative.xyz": xyz(row=lambda a: "-2" if a[0] == 9 else "1"),
    "mass_zero.xyz": xyz(row=lambda a: "0"),
    "velocity_1e200.xyz": xyz(cols="masses:R:1:vel:R:3", row=lambda a: "1 1e200 0 0" if a[0] == 5 else "1 0 0 0"),
    "type_2e9.xyz": xyz(atoms=ATOMS[:-1] + [(ATOMS[-1][0], 2000000000) + ATOMS[-1][2:]]),
    "huge_coordinate.xyz": xyz(atoms=moved(2, "1e308")),
    "nan_bounds.dump": dump(bounds="ITEM: BOX BOUNDS pp pp pp\nnan 6\n0 6\n0 6\n"),
    "nan_tilt.dump": dump(bounds="ITEM: BOX BOUNDS xy xz yz pp pp pp\n0 6 nan\n0 6 0\n0 6 0\n"),
    "count_below_lines.dump": dump(n=len(ATOMS) - 16),
    "many_atoms.dump": dump(n=10**15),
    "empty.data": "",
    # Recipes: dynamics that diverge, and keys whose values cannot be run.
    "md_dt_1000.toml": RECIPE + 'ensemble = "nvt"\ntemperature = 1.0\ndt = 1000\nsteps = 50\n',
    "md_nve_dt_0.1.toml": RECIPE + 'ensemble = "nve"\ntemperature = 2.0\ndt = 0.1\nsteps = 2000\n',
    "md_t_1e300.toml": RECIPE + 'ensemble = "nvt"\ntemperature = 1e300\nsteps = 50\n',
    "md_rate_1e-18.toml": RECIPE + 'ensemble = "nvt"\ntemperature = [1.0, 0.5]\nrate = 1e-18\n',
    "md_good.toml": RECIPE + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 50\n',
    "md_chain_1e9.toml": RECIPE + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 50\nchain = 1000000000\n',
    "shear_rate_absurd.toml": RECIPE.replace('kind = "md"', 'kind = "shear_rate"') + 'rate = 1000\ntemperature = 0.5\nsteps = 100\n',
    "liquid_unknown_key.toml": RECIPE.replace('kind = "md"', 'kind = "liquid"') + 'temperatures = [0.8]\nsteps = 100\ntau_fit = 3\n',
    "liquid_gk_cutoff_bad.toml": RECIPE.replace('kind = "md"', 'kind = "liquid"') + 'temperatures = [0.8]\nsteps = 100\ngk_cutoff = "plateau"\n',
    "liquid_steps_length.toml": RECIPE.replace('kind = "md"', 'kind = "liquid"') + 'temperatures = [0.8, 0.7, 0.6]\nsteps = [100, 200]\n',
    "liquid_negative_temperature.toml": RECIPE.replace('kind = "md"', 'kind = "liquid"') + 'temperatures = [0.8, -0.5]\nsteps = 100\n',
    "liquid_too_few_origins.toml": RECIPE.replace('kind = "md"', 'kind = "liquid"') + 'temperatures = [0.8]\nsteps = 100\nblocks = 50\n',
    "aging_negative_waiting_time.toml": RECIPE.replace('kind = "md"', 'kind = "aging"') + 'temperature = 0.4\nwaiting_times = [0, -1]\nmax_lag = 1\n',
    "aging_unknown_key.toml": RECIPE.replace('kind = "md"', 'kind = "aging"') + 'temperature = 0.4\nwaiting_times = [0, 1]\nmax_lag = 1\ntau_w = 3\n',
    "aging_max_lag_zero.toml": RECIPE.replace('kind = "md"', 'kind = "aging"') + 'temperature = 0.4\nwaiting_times = [0, 1]\nmax_lag = 0\n',
    "aging_zero_temperature.toml": RECIPE.replace('kind = "md"', 'kind = "aging"') + 'temperature = 0.0\nwaiting_times = [0, 1]\nmax_lag = 1\n',
    "local_yield_unknown_key.toml": RECIPE.replace('kind = "md"', 'kind = "local_yield"') + 'grid = [1, 1, 1]\nradius = 3\n',
    "local_yield_direction_bad.toml": RECIPE.replace('kind = "md"', 'kind = "local_yield"') + 'direction = "yx"\n',
    "local_yield_grid_bad.toml": RECIPE.replace('kind = "md"', 'kind = "local_yield"') + 'grid = [2, 0.5, 2]\n',
    "local_yield_radius_negative.toml": RECIPE.replace('kind = "md"', 'kind = "local_yield"') + 'inner_radius = -1.0\n',
    "local_yield_gamma_max_small.toml": RECIPE.replace('kind = "md"', 'kind = "local_yield"') + 'dgamma = 1e-3\ngamma_max = 1e-4\n',
    "generate_1e9.toml": RECIPE.replace('read = "good.data"', 'generate = { model = "kob-andersen", n = 1000000000 }')
                         + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "diameters_unknown.toml": RECIPE.replace('read = "good.data"', 'generate = { model = "polydisperse-ss", n = 100, diameters = "even" }')
                              + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "diameters_binary.toml": RECIPE.replace('read = "good.data"', 'generate = { model = "kob-andersen", n = 100, diameters = "stratified" }')
                             + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "replicate_1000.toml": RECIPE.replace('seed = 1', 'seed = 1\nreplicate = [1000, 1000, 1000]')
                           + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "pt_kob_andersen.toml": RECIPE.replace('kind = "md"', 'kind = "parallel_tempering"')
                            + 'temperatures = [0.5, 0.6, 0.7]\nsweeps = 20\n',
    "tilted.data": data(header_extra="2 0 0 xy xz yz\n"),
    # Three atoms, none within the cut-off of another (one across the x face), in boxes of side 1e6 and 1e8: the cell
    # grids of the neighbour list and of Monte Carlo asked for ~ (side / cut-off)^3 cells (std::bad_alloc).
    "huge_box_1e6.data": data(box=("0 1e6 xlo xhi", "0 1e6 ylo yhi", "0 1e6 zlo zhi"),
                              atoms=[(1, 1, 10, 10, 10), (2, 1, 60, 60, 60), (3, 2, 999999, 5, 5)]),
    "huge_box_1e8.data": data(box=("0 1e8 xlo xhi", "0 1e8 ylo yhi", "0 1e8 zlo zhi"),
                              atoms=[(1, 1, 10, 10, 10), (2, 1, 60, 60, 60), (3, 2, 99999999, 5, 5)]),
    "huge_box_md.toml": RECIPE.replace("good.data", "huge_box_1e6.data") + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 20\n',
    "huge_box_swap.toml": RECIPE.replace("good.data", "huge_box_1e6.data").replace('kind = "md"', 'kind = "swap"')
                          + 'temperature = 0.5\nsweeps = 5\np_swap = 0\n',
    # Potentials given as tables, a stage's own potential, VC-SGC settings.
    "lj_pairs_wrong.toml": RECIPE.replace('potential = "kob-andersen"',
                                          'potential = { style = "lj/cut", epsilon = [1.0, 1.5], sigma = [1.0, 0.8] }')
                           + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "stage_potential_units.toml": RECIPE.replace('kind = "md"', 'kind = "swap"')
                                  + 'temperature = 0.5\nsweeps = 5\npotential = { style = "lj/cut", elements = ["Cu", "Zr"], '
                                    'epsilon = [0.4, 0.6, 0.7], sigma = [2.3, 2.5, 2.8] }\n',
    "vcsgc_pair.toml": RECIPE.replace('kind = "md"', 'kind = "swap"')
                       + 'temperature = 0.5\nsweeps = 5\nvcsgc = { kappa = 10, concentration = [0.2] }\n',
    "mc_dynamics_origins_zero.toml": RECIPE.replace('kind = "md"', 'kind = "swap"')
                                     + 'temperature = 0.5\nsweeps = 5\nmc_dynamics_sweeps = 10\nmc_dynamics_origins = 0\n',
    "mc_dynamics_spacing_negative.toml": RECIPE.replace('kind = "md"', 'kind = "swap"')
                                         + 'temperature = 0.5\nsweeps = 5\nmc_dynamics_sweeps = 10\n'
                                           'mc_dynamics_origins = 3\nmc_dynamics_spacing = -5\n',
    "engine_unknown.toml": RECIPE.replace('seed = 1', 'seed = 1\nengine = "gromacs"') + 'ensemble = "nve"\nsteps = 5\n',
    "engine_table_without_lammps.toml": RECIPE.replace('[output]', '[engine]\nmpi_ranks = 2\n[output]')
                                        + 'ensemble = "nve"\nsteps = 5\n',
    "engine_swap_stage.toml": RECIPE.replace('seed = 1', 'seed = 1\nengine = "lammps"').replace('kind = "md"', 'kind = "swap"')
                              + 'temperature = 0.5\nsweeps = 5\n',
    "engine_lmp_missing.toml": RECIPE.replace('seed = 1', 'seed = 1\nengine = "lammps"')
                               .replace('[output]', '[engine]\nlmp = "/nonexistent/lmp"\n[output]') + 'ensemble = "nve"\nsteps = 5\n',
    "engine_zero_ranks.toml": RECIPE.replace('seed = 1', 'seed = 1\nengine = "lammps"')
                              .replace('[output]', '[engine]\nmpi_ranks = 0\n[output]') + 'ensemble = "nve"\nsteps = 5\n',
    "engine_polydisperse.toml": RECIPE.replace('read = "good.data"', 'generate = { model = "polydisperse-ss", n = 100 }')
                                .replace('potential = "kob-andersen"', 'potential = "polydisperse-ss"\nengine = "lammps"')
                                + 'ensemble = "nve"\nsteps = 5\n',
    "vcsgc_no_concentration.toml": RECIPE.replace('kind = "md"', 'kind = "hybrid"')
                                   + 'temperature = 0.5\nsteps = 5\nvcsgc = { kappa = 10 }\n',
    "epm_stress_noise_1e6.toml": EPM.replace("STRESS_NOISE", "1e6"),
    "epm_stress_noise_nan.toml": EPM.replace("STRESS_NOISE", "nan"),
    # A flow curve that falls with the rate (three close rates on an 8 x 8 lattice, noise-dominated): the
    # Herschel-Bulkley fit once reported n = -0.18, yield -1e-12, beta = 0 as a result; it must say there is no fit.
    "epm_flow_curve_flat.toml": EPM.replace("size = 16", "size = 8").replace("STRESS_NOISE", "0.05")
                                   .split("[protocol]")[0]
                                + '[protocol]\nkind = "finite-rate"\nrates = [0.0004, 0.0003, 0.0002]\n'
                                  'strain_per_rate = 0.5\ntau_pl = 1.0\ndt = 0.05\n',
    # Trajectories: several frames, a frame cut short, and [output] / [system] trajectory keys that cannot work.
    "two_frames.xyz": xyz() + xyz(),
    "two_frames.dump": dump() + dump(),
    "second_frame_short.xyz": xyz() + xyz(n=len(ATOMS) + 5),
    "dump_every_negative.toml": RECIPE.replace("thermo_every = 10", "thermo_every = 10\ndump_every = -5")
                                + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "dump_format_xml.toml": RECIPE.replace("thermo_every = 10", "thermo_every = 10\ndump_every = 5\ndump_format = \"xml\"")
                            + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "dump_energies_alone.toml": RECIPE.replace("thermo_every = 10", "thermo_every = 10\ndump_energies = true")
                                + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "read_two_frames.toml": RECIPE.replace('read = "good.data"', 'read = "two_frames.xyz"')
                            + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "read_frame_7.toml": RECIPE.replace('read = "good.data"', 'read = "two_frames.xyz"\nframe = 7')
                         + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    "frame_without_read.toml": RECIPE.replace('read = "good.data"', 'generate = { model = "kob-andersen", n = 250 }\nframe = 0')
                               + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 10\n',
    # The analyze, coarse_grain and stz stages (issue 20): each bad key a one-line error naming file, line and key.
    "analyze_bad_compute.toml": RECIPE.replace('kind = "md"', 'kind = "analyze"') + 'compute = ["gr", "rdf"]\n',
    "analyze_empty_compute.toml": RECIPE.replace('kind = "md"', 'kind = "analyze"') + 'compute = []\n',
    "analyze_sq_method.toml": RECIPE.replace('kind = "md"', 'kind = "analyze"') + 'compute = ["sq"]\nsq_method = "ewald"\n',
    "coarse_grain_first.toml": RECIPE.replace('kind = "md"', 'kind = "coarse_grain"') + CG,
    "coarse_grain_u0_high.toml": RECIPE.replace('kind = "md"', 'kind = "coarse_grain"') + CG.replace("u0 = -100.0", "u0 = 100.0"),
    "coarse_grain_grid_fine.toml": RECIPE.replace('kind = "md"', 'kind = "coarse_grain"') + CG.replace("nx = 4", "nx = 64"),
    "coarse_grain_nx_0.toml": RECIPE.replace('kind = "md"', 'kind = "coarse_grain"') + CG.replace("nx = 4", "nx = 0"),
    "stz_no_chi_source.toml": RECIPE.replace('kind = "md"', 'kind = "stz"') + STZ,
    "stz_initial_next.toml": RECIPE.replace('kind = "md"', 'kind = "coarse_grain"') + CG + '[[stage]]\nkind = "stz"\n'
                             + 'initial = "next"\n' + STZ,
    "stz_grid_mismatch.toml": RECIPE.replace('kind = "md"', 'kind = "coarse_grain"') + CG + '[[stage]]\nkind = "stz"\n'
                              + STZ.replace("grid = { height = 1e-3 }", "grid = { nx = 8, height = 1e-3 }"),
    # The uniaxial stage (issue 24): bad keys, and a tilted box it cannot load.
    "uniaxial_axis_w.toml": RECIPE.replace('kind = "md"', 'kind = "uniaxial"') + 'axis = "w"\n',
    "uniaxial_step_0.toml": RECIPE.replace('kind = "md"', 'kind = "uniaxial"') + 'strain_step = 0.0\n',
    "uniaxial_lateral_loose.toml": RECIPE.replace('kind = "md"', 'kind = "uniaxial"') + 'lateral = "loose"\n',
    "uniaxial_tilted.toml": RECIPE.replace('read = "good.data"', 'read = "tilted.data"').replace('kind = "md"', 'kind = "uniaxial"')
                            + 'max_strain = 2e-4\n',
    # The indent stage (issue 24): each key's bad value, an unknown key, the refused finite-temperature protocol, and a
    # bulk box with no free surface.
    "indent_radius_negative.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND.replace("radius = 2.0", "radius = -1.0"),
    "indent_depth_0.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND.replace("max_depth = 0.5", "max_depth = 0.0"),
    "indent_depth_past_radius.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND.replace("max_depth = 0.5", "max_depth = 2.5"),
    "indent_axis_w.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + 'axis = "w"\n',
    "indent_stiffness_0.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND.replace("stiffness = 10.0", "stiffness = 0.0"),
    "indent_no_fixed.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND.replace("fixed_thickness = 1.0\n", ""),
    "indent_step_big.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + "depth_step = 1.0\n",
    "indent_unload_many.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + "depth_step = 0.1\nunload_steps = 6\n",
    "indent_center_one.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + "center = [3.0]\n",
    "indent_vacuum_negative.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + "vacuum = -5.0\n",
    "indent_unknown_key.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + "indenter_speed = 1.0\n",
    "indent_temperature.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND + "temperature = 0.1\n",
    "indent_no_surface.toml": RECIPE.replace('kind = "md"', 'kind = "indent"') + IND,
    # The fatigue stage (issue 24): each key's bad value, cyclic_aqs's `cycles` (an unknown key here), a missing amplitude.
    "fatigue_amplitude_0.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT.replace("amplitude = 0.02", "amplitude = 0.0"),
    "fatigue_amplitude_negative.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT.replace("amplitude = 0.02", "amplitude = -0.02"),
    "fatigue_amplitude_fraction.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT.replace("amplitude = 0.02", "amplitude = 0.0125"),
    "fatigue_no_amplitude.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT.replace("amplitude = 0.02\n", ""),
    "fatigue_cycles_0.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT.replace("max_cycles = 2", "max_cycles = 0"),
    "fatigue_unknown_key.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT + "cycles = 5\n",
    "fatigue_dgamma_big.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT.replace("dgamma = 0.005", "dgamma = 0.05"),
    "fatigue_energy_rise_negative.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT + "energy_rise = -1.0\n",
    "fatigue_band_threshold_1.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT + "band_threshold = 1.0\n",
    "fatigue_stop_string.toml": RECIPE.replace('kind = "md"', 'kind = "fatigue"') + FAT + 'stop_at_failure = "yes"\n',
    # A hot χ field sheared slowly: the stiff plastic relaxation would need ~1e12 steps (it once ran for hours).
    "stz_hot_chi.toml": 'units = "SI"\nseed = 1\n[grid]\nnx = 8\nny = 8\nheight = 1e-3\n[plasticity]\nlaw = "stz"\n'
                        'diffusion_length = 3e-4\n[initial]\nkind = "uniform"\nvalue = 3000.0\n'
                        '[loading]\nstrain_rate = 1e-3\nmax_strain = 0.05\n',
    "epm_stage_old_threshold.toml": RECIPE.replace('kind = "md"', 'kind = "epm"')
                                    + 'lattice = { dimension = 2, size = 16 }\n'
                                      'thresholds = { distribution = "weibull", shape = 2.0, scale = 1.0 }\n'
                                      'events = { recovery = 1.0 }\nprotocol = { kind = "quasistatic", max_strain = 1.0 }\n'
                                      'statistics = { band_threshold = 3.0 }\n',
    "ttt_stage_no_viscosity.toml": RECIPE.replace('kind = "md"', 'kind = "ttt"')
                                   + 'alloy = { name = "X", liquidus_K = 993, glass_transition_K = 625, '
                                     'fusion_enthalpy_J_per_mol = 8200, molar_volume_m3_per_mol = 9.84e-6 }\n'
                                     'nucleation = { interfacial_energy_J_per_m2 = 0.09 }\n',
    "lpbf_stage_no_kinetics_file.toml": RECIPE.replace('kind = "md"', 'kind = "lpbf"')
                                        + 'material = { name = "X", kinetics = "nowhere.toml", conductivity_W_per_m_K = 5.0, '
                                          'density_kg_per_m3 = 6620, specific_heat_J_per_kg_K = 326, ambient_K = 300 }\n',
    # The aqs stage's event_configurations (issue 23, softness): not a boolean; asked of the lammps engine.
    "aqs_event_configurations_string.toml": RECIPE.replace('kind = "md"', 'kind = "aqs"')
                                            + 'gamma_max = 0.01\nevent_configurations = "yes"\n',
    "aqs_event_configurations_lammps.toml": RECIPE.replace('seed = 1', 'seed = 1\nengine = "lammps"').replace('kind = "md"', 'kind = "aqs"')
                                            + 'gamma_max = 0.01\nrefine = false\nevent_configurations = true\n',
    # A run that leaves a checkpoint to damage (see the @flip steps of the manifest).
    "md_checkpoint.toml": RECIPE.replace("thermo_every = 10", "thermo_every = 10\ncheckpoint_every = 20")
                          + 'ensemble = "nvt"\ntemperature = 0.5\nsteps = 50\n',
}
# Softness models (issue 23): a valid 3-type lj model (good.data has 2 types) and the same with a future version.
def softness_model(version):
    per_type = {"mean": [0.0] * 6, "sd": [1.0] * 6, "weights": [1.0] * 6, "bias": 0.0}
    return json.dumps({"format": "vitrum-softness", "version": version, "units": "lj", "length_scale": 1.0,
                       "type_count": 3, "dimension": 3,
                       "features": {"r_min": 0.4, "r_max": 0.5, "r_step": 0.1, "width": 0.1, "count": 6},
                       "labels": {}, "classifiers": [per_type, None, None]}) + "\n"


files["analyze_softness_no_model.toml"] = RECIPE.replace('kind = "md"', 'kind = "analyze"') + 'compute = ["softness"]\n'
files["analyze_softness_model_unused.toml"] = (RECIPE.replace('kind = "md"', 'kind = "analyze"')
                                               + 'compute = ["gr"]\nsoftness_model = "softness_3types.json"\n')
files["analyze_softness_types.toml"] = (RECIPE.replace('kind = "md"', 'kind = "analyze"')
                                        + 'compute = ["softness"]\nsoftness_model = "softness_3types.json"\n')
files["softness_3types.json"] = softness_model(1)
files["softness_version2.json"] = softness_model(2)
os.makedirs(os.path.join(CASES, "softness_bad_events"), exist_ok=True)
files["softness_bad_events/index.csv"] = "event,strain,stress\n0,0.01,0.1\n"
files["softness_events_missing/index.csv"] = ("event,strain_before,strain_after,stress_drop,before,after\n"
                                              "0,0.01,0.0105,0.1,event-0000-before.data,event-0000-after.data\n")
os.makedirs(os.path.join(CASES, "softness_events_missing"), exist_ok=True)
# StEP (issue 23): EPM thresholds measured on atomistic glasses, from a local_yield CSV.
LY_HEADER = "site,x,y,z,inner,tau0,tau_c,delta_tau,gamma_c,stress_drop,yielded,converged,force_evaluations\n"
files["step_glass.csv"] = LY_HEADER + "".join(f"{i},0,0,0,60,0.0,{0.3 + 0.05 * i},{0.3 + 0.05 * i},0.05,0.01,1,1,100\n"
                                              for i in range(10))
files["step_nan.csv"] = LY_HEADER + "".join(f"{i},0,0,0,60,0.0,{'nan' if i == 3 else 0.4},0.4,0.05,0.01,1,1,100\n"
                                            for i in range(10))
STEP = EPM.replace("STRESS_NOISE", "0.0").replace('[thresholds]\ndistribution = "weibull"\nshape = 2.0\nscale = 1.0',
                                                  '[thresholds]\ndistribution = "measured"\nfile = "FILE"\ncolumn = "COLUMN"')
files["step_missing_file.toml"] = STEP.replace("FILE", "no_such.csv").replace("COLUMN", "tau_c")
files["step_nan_value.toml"] = STEP.replace("FILE", "step_nan.csv").replace("COLUMN", "tau_c")
files["step_unknown_column.toml"] = STEP.replace("FILE", "step_glass.csv").replace("COLUMN", "softness")
files["step_neighbour_probability.toml"] = (STEP.replace("FILE", "step_glass.csv").replace("COLUMN", "tau_c")
                                            .replace("recovery = 1.0", "recovery = 1.0\nneighbour_rejuvenation = 1.5"))
files["step_initial_unknown_key.toml"] = (STEP.replace("FILE", "step_glass.csv").replace("COLUMN", "tau_c")
                                          .replace("[events]", '[annealing]\ninitial_thresholds = { distribution = '
                                                   '"measured", file = "step_glass.csv", colum = "tau_c" }\n[events]'))
files["step_scale_negative.toml"] = (STEP.replace("FILE", "step_glass.csv").replace("COLUMN", "tau_c")
                                     .replace('column = "tau_c"', 'column = "tau_c"\nscale = -0.5'))
# SEEP (issue 23): the data-driven map's database of AQS histories and its recipe.
AQS_HEADER = "gamma,stress_xy,pe_per_particle,event,iterations,force_evaluations\n"
files["seep_history.csv"] = AQS_HEADER + "".join(f"{k * 1e-3:.12g},{0.003 * k},{1 + 1e-4 * k},0,10,20\n" for k in range(40))
files["seep_uneven.csv"] = AQS_HEADER + "".join(f"{k * 1e-3 + (5e-4 if k > 6 else 0):.12g},{0.003 * k},1,0,10,20\n"
                                                for k in range(20))
files["seep_nan.csv"] = AQS_HEADER + "".join(f"{k * 1e-3:.12g},{'nan' if k == 4 else 0.003 * k},1,0,10,20\n" for k in range(20))
SEEP = ('units = "reduced"\n[database]\nhistories = ["HISTORY"]\ndensity = 1.0\n[map]\nstress_bins = 4\n'
        'energy_bins = 2\n[[predict]]\nname = "p"\nhistories = "seep_history.csv"\ntrajectories = 5\n')
files["seep_good.toml"] = SEEP.replace("HISTORY", "seep_history.csv")
files["seep_uneven.toml"] = SEEP.replace("HISTORY", "seep_uneven.csv")
files["seep_nan.toml"] = SEEP.replace("HISTORY", "seep_nan.csv")
files["seep_missing.toml"] = SEEP.replace("HISTORY", "no_such_folder")
files["seep_unknown_key.toml"] = SEEP.replace("HISTORY", "seep_history.csv").replace("stress_bins", "stres_bins")
files["seep_no_predict.toml"] = SEEP.replace("HISTORY", "seep_history.csv").split("[[predict]]")[0]
files["seep_start_no_steps.toml"] = (SEEP.replace("HISTORY", "seep_history.csv")
                                     .replace('histories = "seep_history.csv"', "start = [0.0, 1.0]"))
files["seep_huge_walks.toml"] = (SEEP.replace("HISTORY", "seep_history.csv")
                                 .replace('histories = "seep_history.csv"', "start = [0.0, 1.0]\nsteps = 1000000")
                                 .replace("trajectories = 5", "trajectories = 10000000"))
files["seep_too_long.toml"] = SEEP.replace("HISTORY", "seep_history.csv").replace("trajectories = 5", "trajectories = 5\nsteps = 500")
files["step_good.toml"] = (STEP.replace("FILE", "step_glass.csv").replace("COLUMN", "tau_c")
                           .replace("[events]", '[annealing]\ninitial_thresholds = { distribution = "measured", '
                                    'file = "step_glass.csv" }\n[events]\nneighbour_rejuvenation = 0.2'))
for name, text in files.items():
    with open(os.path.join(CASES, name), "w") as f:
        f.write(text)
os.makedirs(os.path.join(CASES, "a_directory.data"), exist_ok=True)
with open(os.path.join(CASES, "a_directory.data", "README"), "w") as f:
    f.write("A directory given where a configuration file is expected.\n")

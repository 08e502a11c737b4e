// The registry: one line per stage kind. A new kind is a file pair (its Stage subclass and parse function) and one
// entry here; docs/stages.md shows its example (tests/test_stage_registry.cpp checks that it does).
#include "vitrum/atomistic/protocol/stage_registry.hpp"

#include <fmt/format.h>

#include "vitrum/atomistic/protocol/aging_stage.hpp"
#include "vitrum/atomistic/protocol/analyze_stage.hpp"
#include "vitrum/atomistic/protocol/aqs_stage.hpp"
#include "vitrum/atomistic/protocol/coarse_grain_stage.hpp"
#include "vitrum/atomistic/protocol/cyclic_aqs_stage.hpp"
#include "vitrum/atomistic/protocol/epm_stage.hpp"
#include "vitrum/atomistic/protocol/fatigue_stage.hpp"
#include "vitrum/atomistic/protocol/flow_stage.hpp"
#include "vitrum/atomistic/protocol/indent_stage.hpp"
#include "vitrum/atomistic/protocol/liquid_stage.hpp"
#include "vitrum/atomistic/protocol/local_yield_stage.hpp"
#include "vitrum/atomistic/protocol/lpbf_stage.hpp"
#include "vitrum/atomistic/protocol/md_stage.hpp"
#include "vitrum/atomistic/protocol/minimize_stage.hpp"
#include "vitrum/atomistic/protocol/parallel_tempering_stage.hpp"
#include "vitrum/atomistic/protocol/stz_stage.hpp"
#include "vitrum/atomistic/protocol/swap_stages.hpp"
#include "vitrum/atomistic/protocol/uniaxial_stage.hpp"
#include "vitrum/atomistic/protocol/ttt_stage.hpp"

namespace vitrum {

const std::vector<StageKind>& stage_kinds() {
  static const std::vector<StageKind> kinds = {
      {"md", "molecular dynamics: nve, nvt (Nose-Hoover, Bussi), langevin or npt, with a temperature ramp",
       {"ensemble", "dt", "thermostat", "tdamp", "chain", "pressure", "pdamp", "seed", "temperature", "steps", "rate",
        "equilibrate", "velocities"},
       parse_md_stage,
       "[[stage]]\nkind = \"md\"\nname = \"quench\"\nensemble = \"nvt\"\ntemperature = [2.0, 0.4]\nrate = 0.01\n"},
      {"minimize", "energy minimisation to the inherent state (fire, cg or lbfgs): e_IS",
       {"method", "ftol", "force_tolerance", "max_iterations", "dt", "max_step", "memory"},
       parse_minimize_stage,
       "[[stage]]\nkind = \"minimize\"\nmethod = \"fire\"\nftol = 1e-8\n"},
      {"swap", "swap Monte Carlo at one temperature (translations and species/diameter swaps): E/N, e_IS, tau_alpha",
       {"temperature", "sweeps", "equilibrate", "p_swap", "max_displacement", "target_acceptance", "sample_every", "seed",
        "e_is", "e_is_samples", "ftol", "dynamics_steps", "dynamics_dt", "mc_dynamics_sweeps", "mc_dynamics_origins",
        "mc_dynamics_spacing", "vcsgc"},
       parse_swap_stage,
       "[[stage]]\nkind = \"swap\"\ntemperature = 0.2\nsweeps = 10000\np_swap = 0.2\n"},
      {"swap_anneal", "swap Monte Carlo down a ladder of temperatures, one state file per temperature",
       {"temperatures", "sweeps", "equilibrate", "p_swap", "max_displacement", "target_acceptance", "sample_every", "seed",
        "e_is", "e_is_samples", "ftol", "dynamics_steps", "dynamics_dt", "mc_dynamics_sweeps", "mc_dynamics_origins",
        "mc_dynamics_spacing", "vcsgc"},
       parse_swap_anneal_stage,
       "[[stage]]\nkind = \"swap_anneal\"\ntemperatures = [0.25, 0.15, 0.10]\nsweeps = 20000\nequilibrate = 2000\n"},
      {"parallel_tempering", "swap Monte Carlo replicas over a temperature ladder with replica exchange",
       {"temperatures", "sweeps", "equilibrate", "exchange_every", "p_swap", "max_displacement", "target_acceptance",
        "sample_every", "seed", "e_is", "ftol", "dynamics_steps", "dynamics_dt", "mc_dynamics_sweeps",
        "mc_dynamics_origins", "mc_dynamics_spacing"},
       parse_parallel_tempering_stage,
       "[[stage]]\nkind = \"parallel_tempering\"\ntemperatures = [0.10, 0.12, 0.15, 0.20]\nsweeps = 10000\n"
       "exchange_every = 10\n"},
      {"hybrid", "NVT molecular dynamics with a block of swap sweeps every swap_every steps",
       {"temperature", "steps", "dt", "thermostat", "tdamp", "chain", "swap_every", "swap_sweeps", "equilibrate",
        "sample_every", "seed", "e_is", "ftol", "dynamics_steps", "dynamics_dt", "vcsgc"},
       parse_hybrid_stage,
       "[[stage]]\nkind = \"hybrid\"\ntemperature = 0.2\nsteps = 20000\nswap_every = 100\nswap_sweeps = 1\n"},
      {"aqs", "athermal quasistatic simple shear: stress-strain curve, events, modulus, yield, D2min band",
       {"dgamma", "strain_step", "gamma_max", "max_strain", "ftol", "force_tolerance", "method", "max_iterations",
        "memory", "drop_threshold", "refine", "min_dgamma", "modulus_points", "d2min_cutoff", "band_slab_width",
        "band_threshold", "event_configurations"},
       parse_aqs_stage,
       "[[stage]]\nkind = \"aqs\"\ndgamma = 1e-4\ngamma_max = 0.2\nmethod = \"cg\"\n"},
      {"cyclic_aqs", "cyclic AQS shear 0 -> amplitude -> -amplitude -> 0: stroboscopic energy, MSD, absorbing state",
       {"dgamma", "strain_step", "amplitude", "cycles", "ftol", "force_tolerance", "method", "max_iterations", "memory",
        "drop_threshold", "absorbing_msd", "max_period"},
       parse_cyclic_aqs_stage,
       "[[stage]]\nkind = \"cyclic_aqs\"\ndgamma = 0.001\namplitude = 0.05\ncycles = 20\n"},
      {"fatigue", "cyclic AQS at one amplitude until failure: work per cycle, stroboscopic energy, D2min band, cycles to failure",
       {"dgamma", "strain_step", "amplitude", "max_cycles", "stop_at_failure", "stop_at_limit_cycle", "energy_rise",
        "d2min_cutoff", "band_slab_width", "band_threshold", "drop_threshold", "absorbing_msd", "max_period", "ftol",
        "force_tolerance", "method", "max_iterations", "memory"},
       parse_fatigue_stage,
       "[[stage]]\nkind = \"fatigue\"\namplitude = 0.08\ndgamma = 0.002\nmax_cycles = 50\n"},
      {"uniaxial", "athermal quasistatic tension or compression along one axis, sides free or fixed: Young's modulus, Poisson's ratio",
       {"axis", "strain_step", "max_strain", "lateral", "stress_tolerance", "max_lateral_iterations", "modulus_points", "ftol",
        "force_tolerance", "method", "max_iterations", "memory"},
       parse_uniaxial_stage,
       "[[stage]]\nkind = \"uniaxial\"\naxis = \"z\"\nstrain_step = -1e-4\nmax_strain = 0.002\nlateral = \"free\"\n"},
      {"indent", "athermal quasistatic spherical nanoindentation of a slab: load-depth curve, Hertz E_r, pop-in, Oliver-Pharr hardness",
       {"axis", "radius", "stiffness", "max_depth", "depth_step", "unload_steps", "unload_fit_points", "center", "vacuum",
        "fixed_thickness", "drop_threshold", "hertz_max_depth", "temperature", "rate", "ftol", "force_tolerance", "method",
        "max_iterations", "memory"},
       parse_indent_stage,
       "[[stage]]\nkind = \"indent\"\nradius = 5.0\nstiffness = 100.0\nmax_depth = 1.0\ndepth_step = 0.05\n"
       "unload_steps = 5\nvacuum = 15.0\nfixed_thickness = 2.0\n"},
      {"shear_rate", "SLLOD simple shear at a constant strain rate: steady-state stress and viscosity",
       {"rate", "strain_rate", "steps", "gamma_max", "max_strain", "temperature", "dt", "thermostat", "tdamp", "chain",
        "seed", "velocities", "transient_strain"},
       parse_shear_rate_stage,
       "[[stage]]\nkind = \"shear_rate\"\nrate = 0.01\ngamma_max = 1.0\ntemperature = 0.4\n"},
      {"creep", "SLLOD shear at a constant applied stress (PI law on the tilt): strain, rate, flowed or arrested",
       {"stress", "steps", "temperature", "dt", "thermostat", "tdamp", "chain", "seed", "velocities", "box_viscosity",
        "integral_time", "steady_fraction", "arrest_rate"},
       parse_creep_stage,
       "[[stage]]\nkind = \"creep\"\nstress = 0.5\nsteps = 20000\ntemperature = 0.3\n"},
      {"liquid", "supercooled liquid over a temperature ladder: tau_alpha and D from F_s/MSD, Green-Kubo viscosity, VFT/parabolic/MCT fits, fragility",
       {"temperatures", "steps", "equilibrate", "dt", "thermostat", "tdamp", "chain", "seed", "production", "max_lag",
        "origin_every", "blocks", "q", "species", "stress_every", "gk_cutoff", "msd_min", "glass_tau",
        "fit_max_temperature", "mct_max_temperature", "points_per_decade", "e_is_samples", "e_is_ftol", "glasses"},
       parse_liquid_stage,
       "[[stage]]\nkind = \"liquid\"\ntemperatures = [1.0, 0.8, 0.7, 0.6]\nequilibrate = [2000, 4000, 8000, 20000]\n"
       "steps = [10000, 20000, 40000, 100000]\nq = 7.25\n"},
      {"aging", "instantaneous quench, then two-time self correlations C(t_w + t, t_w) (F_s and MSD) per waiting time: tau(t_w), aging exponent",
       {"temperature", "waiting_times", "max_lag", "points_per_decade", "q", "dt", "thermostat", "tdamp", "chain", "seed"},
       parse_aging_stage,
       "[[stage]]\nkind = \"aging\"\ntemperature = 0.4\nwaiting_times = [0, 10, 100, 1000]\nmax_lag = 1000\n"},
      {"analyze", "structure analysis of the state as `vitrum analyze`: g(r), S(q), Voronoi, q6, modes, elastic constants",
       {"compute", "minimize", "ftol", "rmax", "bins", "qmax", "qbins", "sq_method", "fft_grid", "q_neighbors", "q_cutoff",
        "face_threshold", "modes", "soft_modes", "softness_model"},
       parse_analyze_stage,
       "[[stage]]\nkind = \"analyze\"\ncompute = [\"gr\", \"sq\", \"voronoi\", \"q6\"]\n"},
      {"local_yield", "frozen-matrix local yield stress (Patinet et al. 2016) on a grid of sites: soft spots of the state",
       {"inner_radius", "dgamma", "gamma_max", "drop_threshold", "direction", "grid", "ftol", "force_tolerance", "method",
        "max_iterations", "memory"},
       parse_local_yield_stage,
       "[[stage]]\nkind = \"local_yield\"\ninner_radius = 3.0\ngrid = [4, 4, 4]\ndgamma = 1e-4\n"},
      {"coarse_grain", "atoms -> initial chi field for the continuum: per-atom energies on an nx x ny grid, chi = beta (U - U0) e_z/k_B",
       {"nx", "ny", "beta", "u0", "ez_over_kb", "smoothing"},
       parse_coarse_grain_stage,
       "[[stage]]\nkind = \"coarse_grain\"\nnx = 16\nny = 16\nbeta = 0.065\nu0 = -8.0\nsmoothing = 1.0\n"},
      {"stz", "continuum STZ / free-volume plasticity in 2D simple shear as `vitrum stz`, from the last coarse_grain's chi",
       {"seed", "grid", "elasticity", "plasticity", "stz", "free_volume", "initial", "loading", "output"},
       parse_stz_stage,
       "[[stage]]\nkind = \"stz\"\ninitial = { kind = \"random\", mean = 550.0, std = 15.0, correlation_length = 1e-4 }\n"
       "grid = { nx = 16, ny = 16, height = 1e-3 }\nplasticity = { law = \"stz\", diffusion_length = 1e-4 }\n"
       "loading = { strain_rate = 1.0, max_strain = 0.1 }\n"},
      {"epm", "mesoscale elastoplastic model (Eshelby propagator by FFT) as `vitrum epm`: avalanches, yield, band",
       {"seed", "threads", "lattice", "elasticity", "thresholds", "events", "annealing", "protocol", "statistics"},
       parse_epm_stage,
       "[[stage]]\nkind = \"epm\"\nlattice = { dimension = 2, size = 32 }\n"
       "thresholds = { distribution = \"weibull\", shape = 2.0, scale = 1.0 }\nevents = { recovery = 1.0 }\n"
       "protocol = { kind = \"quasistatic\", max_strain = 1.0 }\n"},
      {"ttt", "TTT curve, nose and critical cooling rate from classical nucleation theory as `vitrum ttt`",
       {"alloy", "viscosity", "nucleation", "ttt", "calibrate_rc"},
       parse_ttt_stage,
       "[[stage]]\nkind = \"ttt\"\nalloy = { name = \"Vit1\", liquidus_K = 993, glass_transition_K = 625, "
       "fusion_enthalpy_J_per_mol = 8200, molar_volume_m3_per_mol = 9.84e-6 }\n"
       "viscosity = { eta0_Pa_s = 4e-5, D_star = 18.5, T0_K = 412.5 }\n"
       "nucleation = { interfacial_energy_J_per_m2 = 0.09485 }\n"},
      {"lpbf", "laser powder-bed fusion as `vitrum lpbf`: melt pool, lack of fusion, devitrification, (P, v) map",
       {"material", "laser", "scan", "build", "map", "numerics"},
       parse_lpbf_stage,
       "[[stage]]\nkind = \"lpbf\"\n"
       "material = { name = \"AMZ4\", conductivity_W_per_m_K = 5.0, density_kg_per_m3 = 6620, "
       "specific_heat_J_per_kg_K = 326, ambient_K = 300, kinetics = { alloy = { name = \"AMZ4\", liquidus_K = 1190, "
       "glass_transition_K = 673, fusion_enthalpy_J_per_mol = 9827, molar_volume_m3_per_mol = 1.157e-5 }, "
       "viscosity = { eta0_Pa_s = 4e-5, D_star = 18.5 }, nucleation = { interfacial_energy_J_per_m2 = 0.090372 } } }\n"
       "laser = { power_W = 90, speed_m_per_s = 2.0, absorptivity = 0.5, spot_radius_um = 40 }\n"
       "scan = { hatch_um = 80, layer_thickness_um = 20, pad_side_mm = 2.0, interlayer_time_s = 10 }\n"
       "build = { layers = 10 }\n"},
  };
  return kinds;
}

const StageKind* find_stage_kind(std::string_view name) {
  for (const StageKind& k : stage_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

std::string stage_kind_names() {
  std::string out;
  for (const StageKind& k : stage_kinds()) out += (out.empty() ? "" : ", ") + k.name;
  return out;
}

std::string stage_kinds_help() {
  std::string out;
  for (const StageKind& k : stage_kinds()) out += fmt::format("  {:<20}{}\n", k.name, k.help);
  return out;
}

}  // namespace vitrum

// `vitrum coarse-grain GLASS --potential NAME --grid NX,NY --beta B --u0 U0 --out chi.npy`: an atomistic glass as an
// initial χ field for `vitrum stz` (per-atom potential energy averaged on the grid, χ = β (U − U0) e_z/k_B).
#include <fmt/format.h>

#include <cmath>

#include "commands.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/continuum/coarse_grain.hpp"
#include "vitrum/continuum/initial_field.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum::cli {

namespace {

// Per-atom potential energy: each pair term split evenly between its two atoms (LAMMPS's compute pe/atom convention
// for pair styles), through the system's own neighbour list and the potential's pair_term.
std::vector<double> per_atom_energy(System& s) {
  const auto& p = s.cfg.particles;
  const auto shifts = NeighborList::shift_vectors(s.box());
  std::vector<double> e(p.size(), 0.0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto nb = s.list.neighbors(i);
    const auto im = s.list.images(i);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      const auto j = static_cast<std::size_t>(nb[k]);
      const Vec3 d = p.position[j] + shifts[im[k]] - p.position[i];
      const double half = 0.5 * s.potential->pair_term(p, i, j, dot(d, d)).energy;
      e[i] += half;
      e[j] += half;
    }
  }
  return e;
}

}  // namespace

void add_coarse_grain(CLI::App& app) {
  auto* cmd = app.add_subcommand("coarse-grain", "Atomistic glass → initial χ field for `vitrum stz` (Hinkle et al. 2017): see docs/stz.md");
  struct Options {
    std::string file, potential, grid, out = "chi.npy";
    continuum::CoarseGrainSettings cg;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("file", opt->file, "configuration (.data, .dump, .xyz)")->required();
  cmd->add_option("--potential,-p", opt->potential, "model name (see `vitrum potentials`)")->required();
  cmd->add_option("--grid", opt->grid, "NX,NY cells over the box's x and y")->required();
  cmd->add_option("--beta", opt->cg.beta, "β [1/energy unit of the potential]")->required();
  cmd->add_option("--u0", opt->cg.u0, "U0 [energy unit of the potential], below every cell's mean energy")->required();
  cmd->add_option("--ez-over-kb", opt->cg.ez_over_kb, "e_z/k_B [K] (default: Vitreloy 1, 21000)");
  cmd->add_option("--smoothing", opt->cg.smoothing_length, "Gaussian coarse-graining length [length unit of the file]; 0: cell average");
  cmd->add_option("--out,-o", opt->out, "output field (.npy, shape (NY, NX))");
  cmd->callback([opt] {
    int nx = 0, ny = 0;
    if (std::sscanf(opt->grid.c_str(), "%d,%d", &nx, &ny) != 2 || nx < 1 || ny < 1)
      throw Error(fmt::format("--grid: expected NX,NY (two positive integers), got '{}'", opt->grid));
    opt->cg.nx = nx;
    opt->cg.ny = ny;
    System s = make_system(read_configuration(opt->file), opt->potential, opt->file);
    const auto e = per_atom_energy(s);
    double total = 0;
    for (double v : e) total += v;
    if (std::abs(total - s.last.energy) > 1e-9 * std::max(1.0, std::abs(s.last.energy)))
      throw Error(fmt::format("coarse-grain: per-atom energies sum to {} but the potential gives {}", total, s.last.energy));
    const auto& p = s.cfg.particles;
    std::vector<double> sx(p.size()), sy(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      const Vec3 f = s.box().to_fractional(p.position[i]);
      sx[i] = f[0];
      sy[i] = f[1];
    }
    const auto& L = s.box().lengths();
    const auto u = continuum::coarse_grain_energy(sx, sy, e, L[0], L[1], opt->cg);
    const auto chi = continuum::energy_to_chi(u, opt->cg);
    write_npy(opt->out, chi, {std::size_t(ny), std::size_t(nx)});
    const auto [lo, hi] = std::minmax_element(chi.begin(), chi.end());
    double mean = 0;
    for (double c : chi) mean += c / chi.size();
    fmt::print("{} atoms, U/N = {:.6g}; chi on {}x{}: mean {:.1f} K, range [{:.1f}, {:.1f}] K -> {}\n", p.size(),
               total / p.size(), nx, ny, mean, *lo, *hi, opt->out);
  });
}

}  // namespace vitrum::cli

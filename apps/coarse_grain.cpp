// `vitrum coarse-grain GLASS --potential NAME --grid NX,NY --beta B --u0 U0 --out chi.npy`: an atomistic glass as an
// initial χ field for `vitrum stz` (per-atom potential energy averaged on the grid, χ = β (U − U0) e_z/k_B).
#include <fmt/format.h>

#include <cmath>

#include "commands.hpp"
#include "vitrum/atomistic/protocol/coarse_grain_stage.hpp"
#include "vitrum/atomistic/system.hpp"
#include "vitrum/continuum/coarse_grain.hpp"
#include "vitrum/continuum/initial_field.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum::cli {

void add_coarse_grain(CLI::App& app) {
  auto* cmd = app.add_subcommand("coarse-grain", "Atomistic glass → initial χ field for `vitrum stz` (Hinkle et al. 2017): see docs/stz.md");
  struct Options {
    std::string file, potential, potential_file, elements, grid, out = "chi.npy";
    std::int64_t frame = kOnlyFrame;  // --frame
    std::string kim_model, kim_model_dir;
    continuum::CoarseGrainSettings cg;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("file", opt->file, "configuration (.data, .dump, .xyz)")->required();
  add_frame_option(cmd, opt->frame);
  cmd->add_option("--potential,-p", opt->potential, "model name, EAM style (eam, eam/alloy, eam/fs) or kim (see `vitrum potentials [--kim]`)")
      ->required();
  cmd->add_option("--potential-file", opt->potential_file, "EAM potential file (funcfl: one per type, comma-separated)");
  cmd->add_option("--elements", opt->elements, "element of each atom type, e.g. Cu,Zr (EAM)");
  cmd->add_option("--kim-model", opt->kim_model, "OpenKIM portable model with --potential kim (`vitrum potentials --kim`)");
  cmd->add_option("--kim-model-dir", opt->kim_model_dir, "directory searched first for the KIM model (user-packaged models)");
  cmd->add_option("--grid", opt->grid, "NX,NY cells over the box's x and y")->required();
  cmd->add_option("--beta", opt->cg.beta, "β [1/energy unit of the potential]")->required();
  cmd->add_option("--u0", opt->cg.u0, "U0 [energy unit of the potential], below every cell's mean energy")->required();
  cmd->add_option("--ez-over-kb", opt->cg.ez_over_kb, "e_z/k_B [K] (default: Vitreloy 1, 21000)");
  cmd->add_option("--smoothing", opt->cg.smoothing_length, "Gaussian coarse-graining length [length unit of the file]; 0: cell average");
  cmd->add_option("--out,-o", opt->out, "output field (.npy, shape (NY, NX))");
  cmd->callback([opt] {
    // %lld and a trailing-character probe: 4294967297 is refused, not wrapped to 1, and "4,4x" is refused.
    long long nx = 0, ny = 0;
    char tail = 0;
    if (std::sscanf(opt->grid.c_str(), "%lld,%lld%c", &nx, &ny, &tail) != 2 || nx < 1 || ny < 1 || nx > 65536 || ny > 65536)
      throw Error(fmt::format("--grid: expected NX,NY (two integers in 1..65536), got '{}'", opt->grid));
    opt->cg.nx = nx;
    opt->cg.ny = ny;
    const PotentialSpec spec = potential_from_cli(opt->potential, opt->potential_file, opt->elements, opt->kim_model, opt->kim_model_dir);
    System s = make_system(read_configuration(opt->file, opt->frame), spec, opt->file, spec.units().is_metal() ? 1.0 : kDefaultSkin);
    const ChiField f = coarse_grain_chi(s, opt->cg);  // the same call as the recipe's coarse_grain stage
    const auto& chi = f.chi;
    write_npy(opt->out, chi, {std::size_t(ny), std::size_t(nx)});
    const auto [lo, hi] = std::minmax_element(chi.begin(), chi.end());
    double mean = 0;
    for (double c : chi) mean += c / chi.size();
    fmt::print("{} atoms, U/N = {:.6g}; chi on {}x{}: mean {:.1f} K, range [{:.1f}, {:.1f}] K -> {}\n", s.size(),
               f.energy_per_atom, nx, ny, mean, *lo, *hi, opt->out);
  });
}

}  // namespace vitrum::cli

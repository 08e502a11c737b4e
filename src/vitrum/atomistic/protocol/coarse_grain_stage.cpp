#include "vitrum/atomistic/protocol/coarse_grain_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "vitrum/atomistic/protocol/final_state.hpp"
#include "vitrum/atomistic/protocol/stage_context.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/io/npy.hpp"

namespace vitrum {

ChiField coarse_grain_cells(System& s, const continuum::CoarseGrainSettings& cg) {
  s.need_energy_virial = true;
  s.compute_forces();
  const auto e = s.potential->per_atom_energies(s.cfg.particles, s.cfg.box, s.list);
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
  ChiField out;
  out.cell_energy = continuum::coarse_grain_energy(sx, sy, e, L[0], L[1], cg);
  out.energy_per_atom = total / static_cast<double>(p.size());
  return out;
}

ChiField coarse_grain_chi(System& s, const continuum::CoarseGrainSettings& cg) {
  ChiField f = coarse_grain_cells(s, cg);
  f.chi = continuum::energy_to_chi(f.cell_energy, cg);
  return f;
}

std::filesystem::path chi_file_name(int stage_number) { return fmt::format("stage{}-chi.npy", stage_number); }

std::unique_ptr<Stage> parse_coarse_grain_stage(RecipeTable& t, const StageParseContext&) {
  auto s = std::make_unique<CoarseGrainStage>();
  continuum::CoarseGrainSettings& cg = s->settings;
  for (const char* key : {"nx", "ny"}) {
    const std::int64_t n = t.get_int(key);
    if (n < 1 || n > 4096) t.fail(key, "must be in 1..4096 cells");
    (key[1] == 'x' ? cg.nx : cg.ny) = static_cast<int>(n);
  }
  cg.beta = t.get_positive("beta");
  cg.u0 = t.get_double("u0");
  if (!std::isfinite(cg.u0)) t.fail("u0", "must be finite");
  cg.ez_over_kb = t.get_positive("ez_over_kb", cg.ez_over_kb);
  cg.smoothing_length = t.get_non_negative("smoothing", 0.0);
  s->where_grid = t.locate("nx");
  s->where_u0 = t.locate("u0");
  return s;
}

StageResult CoarseGrainStage::run(StageContext& ctx) const {
  ctx.begin();
  const auto t0 = std::chrono::steady_clock::now();
  System s = ctx.sys.copy();
  ChiField f;
  try {
    f = coarse_grain_cells(s, settings);
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", where_grid, e.what()));
  }
  try {
    f.chi = continuum::energy_to_chi(f.cell_energy, settings);
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", where_u0, e.what()));
  }
  ctx.poll();
  const auto file = chi_file_name(ctx.number);
  write_npy(ctx.out_dir / file, f.chi, {std::size_t(settings.ny), std::size_t(settings.nx)});
  const auto [lo, hi] = std::minmax_element(f.chi.begin(), f.chi.end());
  const auto [ulo, uhi] = std::minmax_element(f.cell_energy.begin(), f.cell_energy.end());
  const double n = static_cast<double>(f.chi.size());
  double mean = 0, var = 0;
  for (double c : f.chi) mean += c / n;
  for (double c : f.chi) var += (c - mean) * (c - mean) / n;
  fmt::print(stderr, "{}: U/N = {:.6g}; chi on {}x{}: mean {:.1f} K, std {:.1f} K, range [{:.1f}, {:.1f}] K -> {}\n",
             ctx.label, f.energy_per_atom, settings.nx, settings.ny, mean, std::sqrt(var), *lo, *hi, file.string());
  return {{"kind", "coarse_grain"},
          {"chi_file", file.string()},
          {"nx", settings.nx},
          {"ny", settings.ny},
          {"beta", settings.beta},
          {"u0", settings.u0},
          {"ez_over_kb", settings.ez_over_kb},
          {"smoothing", settings.smoothing_length},
          {"energy_per_atom", f.energy_per_atom},
          {"cell_energy_min", *ulo},
          {"cell_energy_max", *uhi},
          {"chi_mean", mean},
          {"chi_std", std::sqrt(var)},
          {"chi_min", *lo},
          {"chi_max", *hi},
          {"final", final_state_json(ctx.sys)},
          {"wall_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
}

}  // namespace vitrum

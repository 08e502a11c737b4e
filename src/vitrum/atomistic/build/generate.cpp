#include "vitrum/atomistic/build/generate.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "vitrum/core/error.hpp"
#include "vitrum/core/resources.hpp"
#include "vitrum/core/rng.hpp"

namespace vitrum {

Configuration generate_configuration(const ModelSpec& model, const GenerateOptions& opt) {
  const double density = opt.density.value_or(model.density);
  const auto fractions = opt.fractions.value_or(model.type_fractions);
  if (opt.n < 1) throw Error("generate: need at least one particle");
  check_allocation("generate: n", static_cast<double>(opt.n), kBytesPerParticle, "particles");
  if (!(density > 0) || !std::isfinite(density)) throw Error(fmt::format("generate: density {} must be positive", density));
  if (fractions.size() != model.type_fractions.size())
    throw Error(fmt::format("generate: model '{}' has {} types, composition gives {} fractions", model.name,
                            model.type_fractions.size(), fractions.size()));
  const double total = std::accumulate(fractions.begin(), fractions.end(), 0.0);
  for (double f : fractions)
    if (!(f >= 0) || !(total > 0)) throw Error("generate: composition fractions must be non-negative with a positive sum");

  if (opt.dimension != 2 && opt.dimension != 3) throw Error(fmt::format("generate: dimension {} must be 2 or 3", opt.dimension));
  const bool planar = opt.dimension == 2;
  Configuration cfg;
  cfg.dimension = opt.dimension;
  const std::size_t n = opt.n;
  auto potential = model.make();
  // 2D: `density` is per area; the z slab straddles z = 0 (LAMMPS `dimension 2`) and is thick enough
  // for any cut-off plus skin, so a particle never meets its own z image.
  const double L = planar ? std::sqrt(static_cast<double>(n) / density) : std::cbrt(static_cast<double>(n) / density);
  const double lz = planar ? 2.0 * (potential->cutoff() + 1.0) : L;
  cfg.box = planar ? Box({0, 0, -0.5 * lz}, {L, L, lz}, opt.tilt_xy * L) : Box({0, 0, 0}, {L, L, L}, opt.tilt_xy * L);
  cfg.type_count = static_cast<int>(fractions.size());
  cfg.type_masses = model.type_masses;
  cfg.has_diameters = static_cast<bool>(model.diameter_quantile);
  if (opt.diameters == GenerateOptions::Diameters::stratified && !cfg.has_diameters)
    throw Error(fmt::format("generate: model '{}' has no per-particle diameters to stratify", model.name));
  Particles& p = cfg.particles;
  p.resize(n);

  // Type counts by largest remainder, then a seeded Fisher–Yates shuffle of the type sequence.
  std::vector<std::size_t> count(fractions.size());
  std::size_t assigned = 0;
  for (std::size_t t = 0; t < fractions.size(); ++t) assigned += count[t] = static_cast<std::size_t>(std::floor(fractions[t] / total * n));
  for (std::size_t t = 0; assigned < n; t = (t + 1) % fractions.size(), ++assigned) ++count[t];
  std::size_t k = 0;
  for (std::size_t t = 0; t < count.size(); ++t)
    for (std::size_t c = 0; c < count[t]; ++c) p.type[k++] = static_cast<int>(t) + 1;
  for (std::size_t i = n - 1; i > 0; --i) {
    Rng rng(Stream::Generate, opt.seed, 0, i, 1);
    std::swap(p.type[i], p.type[static_cast<std::size_t>(rng.uniform() * (i + 1))]);
  }
  // Stratified diameters: quantile slot k goes to the particle at position k of a seeded shuffle.
  std::vector<std::size_t> slot(n);
  std::iota(slot.begin(), slot.end(), std::size_t{0});
  if (opt.diameters == GenerateOptions::Diameters::stratified)
    for (std::size_t i = n - 1; i > 0; --i) {
      Rng rng(Stream::Generate, opt.seed, 0, i, 3);
      std::swap(slot[i], slot[static_cast<std::size_t>(rng.uniform() * (i + 1))]);
    }
  for (std::size_t i = 0; i < n; ++i) {
    p.id[i] = static_cast<std::int64_t>(i + 1);
    p.mass[i] = model.type_masses[p.type[i] - 1];
    if (!cfg.has_diameters) continue;
    if (opt.diameters == GenerateOptions::Diameters::stratified) {
      p.diameter[i] = model.diameter_quantile((static_cast<double>(slot[i]) + 0.5) / static_cast<double>(n));
    } else {
      Rng rng(Stream::Generate, opt.seed, 0, i, 2);
      p.diameter[i] = model.diameter_quantile(rng.uniform());
    }
  }

  // Random sequential addition on a cell grid; σ_ij from the model's own pair coefficients.
  const double max_sigma = potential->cutoff();  // a safe bound on any σ_ij · min_distance
  const double min_distance = opt.min_distance.value_or(planar ? 0.7 : 0.8);
  const double reach = min_distance * max_sigma;
  const int nc = std::max(1, static_cast<int>(L / reach));
  std::vector<std::vector<std::size_t>> cells(static_cast<std::size_t>(nc) * nc * nc);
  auto cell_index = [&](const Vec3& s) {
    auto c = [&](double v) { return std::min(nc - 1, std::max(0, static_cast<int>(v * nc))); };
    return std::array<int, 3>{c(s.x), c(s.y), c(s.z)};
  };
  // A single pair's σ_ij: evaluate the potential's coefficients through a two-particle probe.
  auto sigma_ij = [&](std::size_t i, std::size_t j) { return potential->pair_sigma(p, i, j); };
  constexpr int kMaxAttempts = 100000;
  for (std::size_t i = 0; i < n; ++i) {
    bool placed = false;
    for (int attempt = 0; attempt < kMaxAttempts && !placed; ++attempt) {
      Rng rng(Stream::Generate, opt.seed, static_cast<std::uint64_t>(attempt) + 1, i, 0);
      Vec3 s{rng.uniform(), rng.uniform(), rng.uniform()};
      if (planar) s.z = 0.5;
      Vec3 r = cfg.box.from_fractional(s);
      if (planar) r.z = 0.0;
      const auto c = cell_index(s);
      bool ok = true;
      for (int dz = -1; dz <= 1 && ok; ++dz)
        for (int dy = -1; dy <= 1 && ok; ++dy)
          for (int dx = -1; dx <= 1 && ok; ++dx) {
            const int x = (c[0] + dx + nc) % nc, y = (c[1] + dy + nc) % nc, z = (c[2] + dz + nc) % nc;
            for (std::size_t j : cells[static_cast<std::size_t>(x + nc * (y + nc * z))]) {
              const double lim = min_distance * sigma_ij(i, j);
              if (norm2(cfg.box.min_image(r - p.position[j])) < lim * lim) { ok = false; break; }
            }
          }
      if (ok) {
        p.position[i] = r;
        cells[static_cast<std::size_t>(c[0] + nc * (c[1] + nc * c[2]))].push_back(i);
        placed = true;
      }
    }
    if (!placed)
      throw Error(fmt::format("generate: could not place particle {} of {} at density {} with minimum distance {} "
                              "sigma; lower the density or --min-distance",
                              i + 1, n, density, min_distance));
  }
  return cfg;
}

}  // namespace vitrum

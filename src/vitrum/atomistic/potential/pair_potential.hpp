// One templated driver for every pair model: neighbour loop, Newton's third law, virial, threads (HOOMD's evaluator idea).
#pragma once
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "vitrum/atomistic/potential/potential.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

// A pair evaluator: per-pair coefficients (from types, or from diameters when the model has
// per-particle sizes) and a branch-free kernel valid for r² below the coefficients' cut-off.
template <class E>
concept PairEvaluator = requires(const E& e, const typename E::Coeffs& c, double rsq, int t, double d) {
  { E::kNeedsDiameter } -> std::convertible_to<bool>;
  { E::eval(rsq, c) } -> std::same_as<PairTerm>;
  { E::d2v_dr2(rsq, c) } -> std::same_as<double>;  // analytic curvature, for Hessians
  { c.rcut_sq } -> std::convertible_to<double>;
  { c.sigma } -> std::convertible_to<double>;
  { e.coeffs(t, t, d, d) } -> std::same_as<typename E::Coeffs>;
  { e.cutoff() } -> std::convertible_to<double>;
  { e.type_count() } -> std::convertible_to<int>;
};

template <PairEvaluator E>
class PairPotential final : public Potential {
 public:
  PairPotential(std::string name, E evaluator) : name_(std::move(name)), eval_(std::move(evaluator)) {
    const int nt = eval_.type_count();
    if constexpr (!E::kNeedsDiameter) {
      table_.resize(static_cast<std::size_t>((nt + 1) * (nt + 1)));
      for (int a = 1; a <= nt; ++a)
        for (int b = 1; b <= nt; ++b) table_[a * (nt + 1) + b] = eval_.coeffs(a, b, 0.0, 0.0);
    }
  }

  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] double cutoff() const override { return eval_.cutoff(); }
  [[nodiscard]] int type_count() const override { return eval_.type_count(); }
  [[nodiscard]] bool needs_diameter() const override { return E::kNeedsDiameter; }
  [[nodiscard]] std::vector<double> type_cutoffs() const override {
    const int nt = eval_.type_count();
    std::vector<double> out(static_cast<std::size_t>(nt * nt), cutoff());
    if constexpr (!E::kNeedsDiameter)
      for (int a = 1; a <= nt; ++a)
        for (int b = 1; b <= nt; ++b) out[(a - 1) * nt + (b - 1)] = std::sqrt(eval_.coeffs(a, b, 0, 0).rcut_sq);
    return out;
  }
  [[nodiscard]] const E& evaluator() const { return eval_; }
  // A mixture of elements (lj/cut with `elements`): the names that map a configuration's types, and
  // their masses (empty: the configuration's own).
  void set_elements(std::vector<std::string> elements, std::vector<double> masses) {
    elements_ = std::move(elements);
    masses_ = std::move(masses);
  }
  [[nodiscard]] std::vector<std::string> type_elements() const override { return elements_; }
  [[nodiscard]] std::vector<double> type_masses() const override { return masses_; }
  [[nodiscard]] std::unique_ptr<Potential> clone() const override { return std::make_unique<PairPotential>(*this); }

  void check(const Particles& p) const override {
    const int nt = eval_.type_count();
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p.type[i] < 1 || p.type[i] > nt)
        throw Error(fmt::format("atom {} has type {}, but potential '{}' defines types 1..{}", p.id[i], p.type[i],
                                name_, nt));
      const Vec3& r = p.position[i];
      if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z))
        throw Error(fmt::format("atom {} has a non-finite coordinate", p.id[i]));
      if constexpr (E::kNeedsDiameter) {
        if (!(p.diameter[i] > 0) || !std::isfinite(p.diameter[i]))
          throw Error(fmt::format("atom {} has no valid diameter ({}), but potential '{}' needs per-atom diameters",
                                  p.id[i], p.diameter[i], name_));
        const double c = cutoff();
        if (eval_.coeffs(1, 1, p.diameter[i], p.diameter[i]).rcut_sq > c * c)
          throw Error(fmt::format("atom {} has diameter {}, larger than potential '{}' supports (cut-off {})",
                                  p.id[i], p.diameter[i], name_, c));
      }
    }
  }

  ForceResult compute(Particles& p, const Box& box, const NeighborList& list, bool energy_and_virial = true) override {
    return energy_and_virial ? compute_impl<true>(p, box, list) : compute_impl<false>(p, box, list);
  }

  std::vector<double> per_atom_energies(Particles& p, const Box& box, const NeighborList& list) override {
    compute(p, box, list, false);
    const auto shifts = NeighborList::shift_vectors(box);
    std::vector<double> e(p.size(), 0.0);
    for (std::size_t i = 0; i < p.size(); ++i) {
      const auto nb = list.neighbors(i);
      const auto im = list.images(i);
      for (std::size_t k = 0; k < nb.size(); ++k) {
        const auto j = static_cast<std::size_t>(nb[k]);
        const Vec3 d = p.position[j] + shifts[im[k]] - p.position[i];
        const double half = 0.5 * pair_term(p, i, j, dot(d, d)).energy;
        e[i] += half;
        e[j] += half;
      }
    }
    return e;
  }

 private:
  template <bool kEnergyVirial>
  __attribute__((target_clones("avx512f", "avx2", "default")))
  ForceResult compute_impl(Particles& p, const Box& box, const NeighborList& list) {
    const std::size_t n = p.size();
    const auto shifts = NeighborList::shift_vectors(box);
    const int nthreads = omp_get_max_threads();
    if (static_cast<int>(thread_force_.size()) < nthreads - 1) thread_force_.resize(nthreads - 1);
    std::vector<double> energy(nthreads, 0.0);
    std::vector<Sym6> virial(nthreads, Sym6{});
    // Each thread adds into its own force array (thread 0 into p.force); the arrays are then
    // summed in thread order, so a given thread count is deterministic and different thread
    // counts agree to summation round-off.
#pragma omp parallel num_threads(nthreads)
    {
      const int t = omp_get_thread_num();
      std::vector<Vec3>& fv = t == 0 ? p.force : thread_force_[t - 1];
      fv.assign(n, Vec3{});
      Vec3* __restrict f = fv.data();
      const Vec3* __restrict pos = p.position.data();
      const int* __restrict type = p.type.data();
      const double* __restrict diameter = p.diameter.data();
      const typename E::Coeffs* __restrict table = table_.data();
      const std::size_t stride = static_cast<std::size_t>(eval_.type_count() + 1);
      double e = 0, wxx = 0, wyy = 0, wzz = 0, wxy = 0, wxz = 0, wyz = 0;
      PairBlock block;
#pragma omp for schedule(static, 64)
      for (std::size_t i = 0; i < n; ++i) {
        const Vec3 xi = pos[i];
        const auto nbr = list.neighbors(i);
        const auto img = list.images(i);
        const std::int32_t* __restrict jj = nbr.data();
        const std::uint8_t* __restrict code = img.data();
        const std::size_t m = nbr.size();
        const typename E::Coeffs* row = nullptr;
        if constexpr (!E::kNeedsDiameter) row = table + static_cast<std::size_t>(type[i]) * stride;
        double fx = 0, fy = 0, fz = 0;
        // Two passes per block of neighbours: every listed pair's distance and pair term without a branch (the
        // ~30 % beyond the cut-off are computed and dropped, instead of mispredicting a branch on each), the pairs
        // inside listed as they are met; then the forces of those pairs added in list order, as a single loop would.
        for (std::size_t k0 = 0; k0 < m; k0 += kBlock) {
          const std::size_t mb = std::min(kBlock, m - k0);
          std::size_t hits = 0;
          for (std::size_t k = 0; k < mb; ++k) {
            const std::size_t j = static_cast<std::size_t>(jj[k0 + k]);
            const Vec3& sh = shifts[code[k0 + k]];
            const double dx = xi.x - (pos[j].x + sh.x), dy = xi.y - (pos[j].y + sh.y), dz = xi.z - (pos[j].z + sh.z);
            const double rsq = dx * dx + dy * dy + dz * dz;
            const auto& c = [&]() -> decltype(auto) {
              if constexpr (E::kNeedsDiameter) return eval_.coeffs(1, 1, diameter[i], diameter[j]);
              else return (row[type[j]]);
            }();
            const PairTerm term = E::eval(rsq, c);
            block.dx[k] = dx; block.dy[k] = dy; block.dz[k] = dz;
            block.force_divr[k] = term.force_divr;
            block.energy[k] = term.energy;
            block.hit[hits] = static_cast<std::uint16_t>(k);
            hits += static_cast<std::size_t>(rsq < c.rcut_sq);
          }
          for (std::size_t h = 0; h < hits; ++h) {
            const std::size_t k = block.hit[h];
            const std::size_t j = static_cast<std::size_t>(jj[k0 + k]);
            const double dx = block.dx[k], dy = block.dy[k], dz = block.dz[k], fdr = block.force_divr[k];
            const double fpx = dx * fdr, fpy = dy * fdr, fpz = dz * fdr;
            fx += fpx; fy += fpy; fz += fpz;
            f[j].x -= fpx; f[j].y -= fpy; f[j].z -= fpz;
            if constexpr (kEnergyVirial) {
              e += block.energy[k];
              wxx += dx * fpx; wyy += dy * fpy; wzz += dz * fpz;
              wxy += dx * fpy; wxz += dx * fpz; wyz += dy * fpz;
            }
          }
        }
        f[i].x += fx; f[i].y += fy; f[i].z += fz;
      }
      energy[t] = e;
      virial[t] = {wxx, wyy, wzz, wxy, wxz, wyz};
#pragma omp barrier
      if (nthreads > 1) {
#pragma omp for schedule(static)
        for (std::size_t i = 0; i < n; ++i)
          for (int s = 1; s < nthreads; ++s) p.force[i] += thread_force_[s - 1][i];
      }
    }
    ForceResult out;
    for (int t = 0; t < nthreads; ++t) {
      out.energy += energy[t];
      for (int a = 0; a < 6; ++a) out.virial[a] += virial[t][a];
    }
    return out;
  }


 public:
  [[nodiscard]] double pair_sigma(const Particles& p, std::size_t i, std::size_t j) const override {
    return coeffs(p, i, j).sigma;
  }

  [[nodiscard]] PairTerm pair_term(const Particles& p, std::size_t i, std::size_t j, double rsq) const override {
    const auto& c = coeffs(p, i, j);
    return rsq < c.rcut_sq ? E::eval(rsq, c) : PairTerm{0.0, 0.0};
  }

  // Monte Carlo local energies (Potential's CellBlock interface). Each block is taken in chunks: first every
  // candidate's squared distance, a branch-free loop over contiguous arrays that the compiler vectorises; then the
  // few candidates inside the cut-off (about 5 % of the 27 cells' contents) get their pair terms.
  [[nodiscard]] double add_pair_energies(const CellBlock& b, std::size_t self, const Identity& id, const Vec3& r,
                                         double e) const override {
    for_each_within(b, r, [&](std::size_t k, double rsq) {
      if (static_cast<std::size_t>(b.index[k]) == self) return;
      const auto& c = coeffs(id, b, k);
      if (rsq < c.rcut_sq) e += E::eval(rsq, c).energy;
    });
    return e;
  }

  [[nodiscard]] double add_move_energy_changes(const CellBlock& b, std::size_t self, const Identity& id,
                                               const Vec3& from, const Vec3& to, double de) const override {
    const double rc_sq = eval_.cutoff() * eval_.cutoff();
    double before[kChunk], after[kChunk];
    std::uint8_t near[kChunk];
    for (std::size_t start = 0; start < b.count; start += kChunk) {
      const std::size_t n = std::min(kChunk, b.count - start);
      squared_distances(b, start, n, from, before);
      squared_distances(b, start, n, to, after);
      // The candidates near either position (about 5 %), listed without a branch per candidate.
      std::size_t m = 0;
      for (std::size_t k = 0; k < n; ++k) {
        near[m] = static_cast<std::uint8_t>(k);
        m += static_cast<std::size_t>((before[k] < rc_sq) | (after[k] < rc_sq));
      }
      for (std::size_t h = 0; h < m; ++h) {
        const std::size_t k = near[h];
        if (static_cast<std::size_t>(b.index[start + k]) == self) continue;
        const auto& c = coeffs(id, b, start + k);
        if (after[k] < c.rcut_sq) de += E::eval(after[k], c).energy;
        if (before[k] < c.rcut_sq) de -= E::eval(before[k], c).energy;
      }
    }
    return de;
  }

  [[nodiscard]] double add_identity_change_energies(const CellBlock& b, std::size_t self, std::size_t other,
                                                    const Identity& now, const Identity& then, const Vec3& r,
                                                    double de) const override {
    for_each_within(b, r, [&](std::size_t k, double rsq) {
      const auto j = static_cast<std::size_t>(b.index[k]);
      if (j == self || j == other) return;
      const auto& c_then = coeffs(then, b, k);
      const auto& c_now = coeffs(now, b, k);
      if (rsq < c_then.rcut_sq) de += E::eval(rsq, c_then).energy;
      if (rsq < c_now.rcut_sq) de -= E::eval(rsq, c_now).energy;
    });
    return de;
  }

  [[nodiscard]] double pair_d2v_dr2(const Particles& p, std::size_t i, std::size_t j, double rsq) const override {
    const auto& c = coeffs(p, i, j);
    return rsq < c.rcut_sq ? E::d2v_dr2(rsq, c) : 0.0;
  }


 private:
  [[nodiscard]] decltype(auto) coeffs(const Particles& p, std::size_t i, std::size_t j) const {
    if constexpr (E::kNeedsDiameter) {
      return eval_.coeffs(p.type[i], p.type[j], p.diameter[i], p.diameter[j]);
    } else {
      return table_[p.type[i] * (eval_.type_count() + 1) + p.type[j]];
    }
  }
  // The pair (a particle of identity `id`, the block's k-th particle).
  [[nodiscard]] decltype(auto) coeffs(const Identity& id, const CellBlock& b, std::size_t k) const {
    if constexpr (E::kNeedsDiameter) {
      return eval_.coeffs(id.type, b.type[k], id.diameter, b.diameter[k]);
    } else {
      return table_[id.type * (eval_.type_count() + 1) + b.type[k]];
    }
  }

  // One block of a particle's neighbours between the two passes of compute_impl (on each thread's stack).
  static constexpr std::size_t kBlock = 128;
  struct PairBlock {
    alignas(64) double dx[kBlock], dy[kBlock], dz[kBlock], force_divr[kBlock], energy[kBlock];
    std::uint16_t hit[kBlock];
  };

  // Candidates per pass of the local-energy kernels (distances kept on the stack).
  static constexpr std::size_t kChunk = 64;

  // Calls f(k, rsq) for each of the block's candidates k closer to r than the model's cut-off, in block order.
  template <class F>
  void for_each_within(const CellBlock& b, const Vec3& r, F&& f) const {
    const double rc_sq = eval_.cutoff() * eval_.cutoff();
    double rsq[kChunk];
    std::uint8_t near[kChunk];
    for (std::size_t start = 0; start < b.count; start += kChunk) {
      const std::size_t n = std::min(kChunk, b.count - start);
      squared_distances(b, start, n, r, rsq);
      std::size_t m = 0;  // the candidates within the cut-off, listed without a branch per candidate
      for (std::size_t k = 0; k < n; ++k) {
        near[m] = static_cast<std::uint8_t>(k);
        m += static_cast<std::size_t>(rsq[k] < rc_sq);
      }
      for (std::size_t h = 0; h < m; ++h) f(start + near[h], rsq[near[h]]);
    }
  }

  // |r − (x_k + shift)|² for the block's particles start .. start+n-1 (the minimum image where the block says so).
  static void squared_distances(const CellBlock& b, std::size_t start, std::size_t n, const Vec3& r, double* rsq) {
    if (b.min_image_box != nullptr) {
      for (std::size_t k = 0; k < n; ++k)
        rsq[k] = norm2(b.min_image_box->min_image(r - Vec3{b.x[start + k], b.y[start + k], b.z[start + k]}));
      return;
    }
    vitrum::squared_distances(b.x + start, b.y + start, b.z + start, n, r - b.shift, rsq);
  }

  std::string name_;
  E eval_;
  std::vector<typename E::Coeffs> table_;
  std::vector<std::vector<Vec3>> thread_force_;
  std::vector<std::string> elements_;
  std::vector<double> masses_;
};

}  // namespace vitrum

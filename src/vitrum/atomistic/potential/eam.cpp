#include "vitrum/atomistic/potential/eam.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

#include "vitrum/core/error.hpp"

namespace vitrum {

namespace {

// Grid index m (1-based) and fraction p of a distance or density, clamped as PairEAM::compute does.
struct Lookup {
  int m;
  double p;
};

inline Lookup locate_r(double r, double rdr, int nr) {
  double p = r * rdr + 1.0;
  int m = static_cast<int>(p);
  m = std::min(m, nr - 1);
  p -= m;
  p = std::min(p, 1.0);
  return {m, p};
}

inline Lookup locate_rho(double rho, double rdrho, int nrho) {
  double p = rho * rdrho + 1.0;
  int m = static_cast<int>(p);
  m = std::max(1, std::min(m, nrho - 1));
  p -= m;
  p = std::min(p, 1.0);
  return {m, p};
}

inline double value(const EamKnot& c, double p) { return ((c[3] * p + c[4]) * p + c[5]) * p + c[6]; }
inline double slope(const EamKnot& c, double p) { return (c[0] * p + c[1]) * p + c[2]; }
// The same two polynomials on packed coefficients: a = (c3, c4, c5, c6), resp. (c0, c1, c2).
inline double value4(const double* a, double p) { return ((a[0] * p + a[1]) * p + a[2]) * p + a[3]; }
inline double slope3(const double* a, double p) { return (a[0] * p + a[1]) * p + a[2]; }

// One block of a particle's listed neighbours for the EAM passes: the separation and distance of every listed pair in
// a loop without a branch or a dependence between iterations (vectorised where the CPU allows; the ~35 % beyond the
// cut-off cost a few operations instead of a mispredicted branch each), then the pairs inside the cut-off listed in
// list order. The table lookups run on those only, in the order a single loop would take them: the same bits.
struct NeighborBlock {
  static constexpr std::size_t kSize = 128;
  alignas(64) double dx[kSize], dy[kSize], dz[kSize], r[kSize];
  std::uint8_t inside[kSize];
  std::uint16_t hit[kSize];
  std::size_t hits = 0;
};

__attribute__((target_clones("avx512f", "avx2", "default")))
void fill_block(const Vec3* __restrict pos, const Vec3* __restrict shifts, const Vec3 xi, const std::int32_t* __restrict jj,
                const std::uint8_t* __restrict code, std::size_t m, double cut_sq, NeighborBlock& b) {
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t j = static_cast<std::size_t>(jj[k]);
    const Vec3& sh = shifts[code[k]];
    const double dx = xi.x - (pos[j].x + sh.x), dy = xi.y - (pos[j].y + sh.y), dz = xi.z - (pos[j].z + sh.z);
    const double rsq = dx * dx + dy * dy + dz * dz;
    b.dx[k] = dx;
    b.dy[k] = dy;
    b.dz[k] = dz;
    b.r[k] = std::sqrt(rsq);
    b.inside[k] = rsq < cut_sq ? 1 : 0;
  }
  std::size_t hits = 0;
  for (std::size_t k = 0; k < m; ++k) {
    b.hit[hits] = static_cast<std::uint16_t>(k);
    hits += b.inside[k];
  }
  b.hits = hits;
}

// Calls f(j, dx, dy, dz, r) for each of particle i's listed neighbours within the cut-off, in list order.
template <class F>
void for_each_inside(const Vec3* pos, const std::array<Vec3, 27>& shifts, const Vec3& xi, const NeighborList& list,
                     std::size_t i, double cut_sq, NeighborBlock& block, F&& f) {
  const auto nbr = list.neighbors(i);
  const auto img = list.images(i);
  for (std::size_t k0 = 0; k0 < nbr.size(); k0 += NeighborBlock::kSize) {
    fill_block(pos, shifts.data(), xi, nbr.data() + k0, img.data() + k0, std::min(NeighborBlock::kSize, nbr.size() - k0),
               cut_sq, block);
    for (std::size_t h = 0; h < block.hits; ++h) {
      const std::size_t k = block.hit[h];
      f(static_cast<std::size_t>(nbr[k0 + k]), block.dx[k], block.dy[k], block.dz[k], block.r[k]);
    }
  }
}

}  // namespace

EamPotential::EamPotential(EamTables tables, std::string description) : t_(std::move(tables)), name_(std::move(description)) {
  rdr_ = 1.0 / t_.dr;
  rdrho_ = 1.0 / t_.drho;
  cutforcesq_ = t_.cut * t_.cut;
  pack_knots();
  // σ_ab for overlap checks and `inspect`: where φ_ab rises through 1 eV going inwards. EAM pair
  // terms have no gauge-free zero (Mendelev's φ stays positive inside the first shell), so an
  // energy level it is: ~1.95 Å for Cu-Cu, 2.8 Å for Zr-Zr of CuZr_mm; atoms at half of it overlap.
  const int nt = t_.type_count(), stride = nt + 1;
  sigma_.assign(static_cast<std::size_t>(stride * stride), 1.0);
  const double h = 1e-3;
  for (int a = 1; a <= nt; ++a)
    for (int b = 1; b <= nt; ++b) {
      double s = t_.cut - h;
      while (s > h && pair_energy(a, b, s) < 1.0) s -= h;
      sigma_[a * stride + b] = s;
    }
}

void EamPotential::pack_knots() {
  const int nt = t_.type_count(), stride = nt + 1;
  const std::size_t rows = static_cast<std::size_t>(stride * stride) * static_cast<std::size_t>(t_.nr + 1);
  density_knots_.assign(rows, DensityKnot{});
  force_knots_.assign(rows, ForceKnot{});
  for (int ti = 1; ti <= nt; ++ti)
    for (int tj = 1; tj <= nt; ++tj) {
      const auto& rho_i = t_.rhor[t_.type2rhor[tj * stride + ti]];  // at i due to j
      const auto& rho_j = t_.rhor[t_.type2rhor[ti * stride + tj]];  // at j due to i
      const auto& z2 = t_.z2r[t_.type2z2r[ti * stride + tj]];
      const std::size_t row = knot_row(ti, tj);
      for (int m = 1; m <= t_.nr; ++m) {
        DensityKnot& d = density_knots_[row + m];
        ForceKnot& f = force_knots_[row + m];
        std::copy(rho_i[m].begin() + 3, rho_i[m].end(), d.at_i);
        std::copy(rho_j[m].begin() + 3, rho_j[m].end(), d.at_j);
        std::copy(rho_j[m].begin(), rho_j[m].begin() + 3, f.rho_at_j);
        std::copy(rho_i[m].begin(), rho_i[m].begin() + 3, f.rho_at_i);
        std::copy(z2[m].begin(), z2[m].end(), f.z2);
      }
    }
}

std::vector<double> EamPotential::type_cutoffs() const {
  const int nt = t_.type_count();
  return std::vector<double>(static_cast<std::size_t>(nt * nt), t_.cut);
}

std::vector<std::string> EamPotential::type_elements() const {
  std::vector<std::string> out;
  for (const auto& e : t_.type_elements) out.push_back(e.name);
  return out;
}

std::vector<double> EamPotential::type_masses() const {
  std::vector<double> out;
  for (const auto& e : t_.type_elements) out.push_back(e.mass);
  return out;
}

void EamPotential::check(const Particles& p) const {
  const int nt = t_.type_count();
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.type[i] < 1 || p.type[i] > nt)
      throw Error(fmt::format("atom {} has type {}, but potential '{}' maps types 1..{} to elements", p.id[i], p.type[i],
                              name_, nt));
    const Vec3& r = p.position[i];
    if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z))
      throw Error(fmt::format("atom {} has a non-finite coordinate", p.id[i]));
  }
}

double EamPotential::pair_energy(int a, int b, double r) const {
  const int stride = t_.type_count() + 1;
  const Lookup l = locate_r(r, rdr_, t_.nr);
  return value(t_.z2r[t_.type2z2r[a * stride + b]][l.m], l.p) / r;
}

double EamPotential::embedding(int a, double rho) const {
  const Lookup l = locate_rho(rho, rdrho_, t_.nrho);
  const EamKnot& c = t_.frho[t_.type2frho[a]][l.m];
  double phi = value(c, l.p);
  if (rho > t_.rhomax) phi += slope(c, l.p) * (rho - t_.rhomax);
  return phi;
}

double EamPotential::atomic_radius(int type) const {
  const EamElement& e = t_.type_elements[static_cast<std::size_t>(type - 1)];
  if (e.lattice == "fcc") return e.lattice_constant / (2.0 * std::sqrt(2.0));
  if (e.lattice == "hcp") return e.lattice_constant / 2.0;
  if (e.lattice == "bcc") return e.lattice_constant * std::sqrt(3.0) / 4.0;
  return 0.0;
}

double EamPotential::density(int source, int host, double r) const {
  const int stride = t_.type_count() + 1;
  const Lookup l = locate_r(r, rdr_, t_.nr);
  return value(t_.rhor[t_.type2rhor[source * stride + host]][l.m], l.p);
}

std::vector<double> EamPotential::atom_densities(const Particles& p, const Box& box, const NeighborList& list) {
  accumulate_densities(p, box, list);
  return rho_;
}

void EamPotential::accumulate_densities(const Particles& p, const Box& box, const NeighborList& list) {
  const std::size_t n = p.size();
  const auto shifts = NeighborList::shift_vectors(box);
  const int nthreads = omp_get_max_threads();
  if (static_cast<int>(thread_rho_.size()) < nthreads - 1) thread_rho_.resize(nthreads - 1);
  rho_.resize(n);
  const DensityKnot* __restrict knots = density_knots_.data();
  const std::size_t row_stride = static_cast<std::size_t>(t_.nr + 1);
#pragma omp parallel num_threads(nthreads)
  {
    const int th = omp_get_thread_num();
    std::vector<double>& rv = th == 0 ? rho_ : thread_rho_[th - 1];
    rv.assign(n, 0.0);
    double* __restrict rho = rv.data();
    const Vec3* __restrict pos = p.position.data();
    const int* __restrict type = p.type.data();
    NeighborBlock block;
#pragma omp for schedule(static, 64)
    for (std::size_t i = 0; i < n; ++i) {
      const Vec3 xi = pos[i];
      const std::size_t row_i = knot_row(type[i], 0);
      double rho_i = 0;
      for_each_inside(pos, shifts, xi, list, i, cutforcesq_, block, [&](std::size_t j, double, double, double, double r) {
        const Lookup l = locate_r(r, rdr_, t_.nr);
        const DensityKnot& c = knots[row_i + static_cast<std::size_t>(type[j]) * row_stride + l.m];
        rho_i += value4(c.at_i, l.p);
        rho[j] += value4(c.at_j, l.p);
      });
      rho[i] += rho_i;
    }
#pragma omp barrier
    if (nthreads > 1) {
#pragma omp for schedule(static)
      for (std::size_t i = 0; i < n; ++i)
        for (int s = 1; s < nthreads; ++s) rho_[i] += thread_rho_[s - 1][i];
    }
  }
}

template <bool kEnergyVirial>
ForceResult EamPotential::compute_impl(Particles& p, const Box& box, const NeighborList& list, double* atom_energy,
                                       Sym6* atom_virial) {
  const std::size_t n = p.size();
  accumulate_densities(p, box, list);
  ForceResult out;
  // F'(ρ) and the embedding energy per atom.
  fp_.resize(n);
  double embed = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Lookup l = locate_rho(rho_[i], rdrho_, t_.nrho);
    const EamKnot& c = t_.frho[t_.type2frho[p.type[i]]][l.m];
    fp_[i] = slope(c, l.p);
    if constexpr (kEnergyVirial) {
      double phi = value(c, l.p);
      if (rho_[i] > t_.rhomax) phi += fp_[i] * (rho_[i] - t_.rhomax);
      embed += phi;
      if (atom_energy) atom_energy[i] += phi;
    }
  }
  const auto shifts = NeighborList::shift_vectors(box);
  // Per-atom energies and virials split pair terms across atoms of other threads: run those on one thread.
  const int nthreads = atom_energy || atom_virial ? 1 : omp_get_max_threads();
  if (static_cast<int>(thread_force_.size()) < nthreads - 1) thread_force_.resize(nthreads - 1);
  std::vector<double> energy(nthreads, 0.0);
  std::vector<Sym6> virial(nthreads, Sym6{});
  const ForceKnot* __restrict knots = force_knots_.data();
  const std::size_t row_stride = static_cast<std::size_t>(t_.nr + 1);
#pragma omp parallel num_threads(nthreads)
  {
    const int th = omp_get_thread_num();
    std::vector<Vec3>& fv = th == 0 ? p.force : thread_force_[th - 1];
    fv.assign(n, Vec3{});
    Vec3* __restrict f = fv.data();
    const Vec3* __restrict pos = p.position.data();
    const int* __restrict type = p.type.data();
    const double* __restrict fp = fp_.data();
    double e = 0, wxx = 0, wyy = 0, wzz = 0, wxy = 0, wxz = 0, wyz = 0;
    NeighborBlock block;
#pragma omp for schedule(static, 64)
    for (std::size_t i = 0; i < n; ++i) {
      const Vec3 xi = pos[i];
      const std::size_t row_i = knot_row(type[i], 0);
      double fx = 0, fy = 0, fz = 0;
      for_each_inside(pos, shifts, xi, list, i, cutforcesq_, block,
                      [&](std::size_t j, double dx, double dy, double dz, double r) {
        const Lookup l = locate_r(r, rdr_, t_.nr);
        const ForceKnot& c = knots[row_i + static_cast<std::size_t>(type[j]) * row_stride + l.m];
        // ρ'_ij: density at j due to i (rhoip), at i due to j (rhojp); z2 = r φ.
        const double rhoip = slope3(c.rho_at_j, l.p);
        const double rhojp = slope3(c.rho_at_i, l.p);
        const double z2p = slope3(c.z2, l.p), z2 = value4(c.z2 + 3, l.p);
        const double recip = 1.0 / r;
        const double phi = z2 * recip;
        const double phip = z2p * recip - phi * recip;
        const double psip = fp[i] * rhojp + fp[j] * rhoip + phip;
        const double fpair = -psip * recip;
        const double fpx = dx * fpair, fpy = dy * fpair, fpz = dz * fpair;
        fx += fpx; fy += fpy; fz += fpz;
        f[j].x -= fpx; f[j].y -= fpy; f[j].z -= fpz;
        if constexpr (kEnergyVirial) {
          e += phi;
          if (atom_energy) {
            atom_energy[i] += 0.5 * phi;
            atom_energy[j] += 0.5 * phi;
          }
          wxx += dx * fpx; wyy += dy * fpy; wzz += dz * fpz;
          wxy += dx * fpy; wxz += dx * fpz; wyz += dy * fpz;
          if (atom_virial) {
            const Sym6 half = {0.5 * dx * fpx, 0.5 * dy * fpy, 0.5 * dz * fpz,
                               0.5 * dx * fpy, 0.5 * dx * fpz, 0.5 * dy * fpz};
            for (int a = 0; a < 6; ++a) {
              atom_virial[i][a] += half[a];
              atom_virial[j][a] += half[a];
            }
          }
        }
      });
      f[i].x += fx; f[i].y += fy; f[i].z += fz;
    }
    energy[th] = e;
    virial[th] = {wxx, wyy, wzz, wxy, wxz, wyz};
#pragma omp barrier
    if (nthreads > 1) {
#pragma omp for schedule(static)
      for (std::size_t i = 0; i < n; ++i)
        for (int s = 1; s < nthreads; ++s) p.force[i] += thread_force_[s - 1][i];
    }
  }
  out.energy = embed;
  for (int th = 0; th < nthreads; ++th) {
    out.energy += energy[th];
    for (int a = 0; a < 6; ++a) out.virial[a] += virial[th][a];
  }
  return out;
}

ForceResult EamPotential::compute(Particles& p, const Box& box, const NeighborList& list, bool energy_and_virial) {
  return energy_and_virial ? compute_impl<true>(p, box, list, nullptr) : compute_impl<false>(p, box, list, nullptr);
}

std::vector<double> EamPotential::per_atom_energies(Particles& p, const Box& box, const NeighborList& list) {
  std::vector<double> e(p.size(), 0.0);
  compute_impl<true>(p, box, list, e.data());
  return e;
}

std::vector<Sym6> EamPotential::per_atom_virials(Particles& p, const Box& box, const NeighborList& list) {
  std::vector<Sym6> w(p.size(), Sym6{});
  compute_impl<true>(p, box, list, nullptr, w.data());
  return w;
}

double EamPotential::pair_sigma(const Particles& p, std::size_t i, std::size_t j) const {
  return sigma_[p.type[i] * (t_.type_count() + 1) + p.type[j]];
}


}  // namespace vitrum

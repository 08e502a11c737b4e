#include "vitrum/meso/epm_model.hpp"

#include <omp.h>

#include <cmath>

#include "vitrum/core/rng.hpp"

namespace vitrum::meso {

namespace {
// `extra` of the Rng draw sites of the EPM stream (step = the block's failure count).
constexpr std::uint32_t kThresholdDraw = 0, kNoiseDraw = 1, kInitialStressDraw = 2, kNeighbourDraw = 3,
                        kRejuvenatedThresholdDraw = 4;

// s += drop * g over n contiguous blocks; returns the largest |s| - th and the smallest th - s (the distance to
// threshold under forward loading), both exact in any summation order, so the loop vectorises.
struct PieceExtrema { double excess, distance; };
inline PieceExtrema add_piece(double* s, const double* th, const double* g, int n, double drop) {
  double m = -INFINITY, w = INFINITY;
#pragma omp simd reduction(max : m) reduction(min : w)
  for (int x = 0; x < n; ++x) {
    s[x] += drop * g[x];
    const double e = std::abs(s[x]) - th[x], d = th[x] - s[x];
    m = e > m ? e : m;
    w = d < w ? d : w;
  }
  return {m, w};
}
// The first x with |s| - th == m (m was found on these blocks).
inline std::size_t first_at(const double* s, const double* th, int n, double m) {
  for (int x = 0; x < n; ++x)
    if (std::abs(s[x]) - th[x] == m) return static_cast<std::size_t>(x);
  return 0;
}
// Sum in eight interleaved lanes, added pairwise: vectorisable, and the same order on every machine. `shift` is
// added to every element first (and stored), so that uniform loading and the sum share one pass.
double lane_sum(std::vector<double>& v, double shift) {
  double lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const std::size_t n = v.size(), whole = n - n % 8;
  for (std::size_t i = 0; i < whole; i += 8)
    for (int k = 0; k < 8; ++k) lane[k] += (v[i + k] += shift);
  for (std::size_t i = whole; i < n; ++i) lane[i - whole] += (v[i] += shift);
  return ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
}
double lane_sum(const std::vector<double>& v) {
  double lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const std::size_t n = v.size(), whole = n - n % 8;
  for (std::size_t i = 0; i < whole; i += 8)
    for (int k = 0; k < 8; ++k) lane[k] += v[i + k];
  for (std::size_t i = whole; i < n; ++i) lane[i - whole] += v[i];
  return ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
}
}  // namespace

EpmModel::EpmModel(const EpmParameters& p, LoadControl control)
    : p_(p), propagator_(p.lattice, control, p.poisson_ratio), fft_(p.lattice) {
  const std::size_t n = p.lattice.sites();
  stress_.assign(n, 0.0);
  threshold_.resize(n);
  plastic_strain_.assign(n, 0.0);
  fail_count_.assign(n, 0);
  if (p.neighbour_rejuvenation > 0) rejuvenation_count_.assign(n, 0);
  scratch_.assign(n, 0.0);
  // Threads only pay for themselves on large lattices (a fork per event costs microseconds).
  threads_ = n >= kThreadedSites ? std::max(1, p.threads) : 1;
  for (std::size_t i = 0; i < n; ++i) {
    Rng rng(Stream::EpmThreshold, p.seed, 0, i, kThresholdDraw);
    threshold_[i] = (p.initial_thresholds ? *p.initial_thresholds : p.thresholds).draw(rng) + p.stability;
    if (p.initial_stress_std > 0) {
      Rng r2(Stream::EpmThreshold, p.seed, 0, i, kInitialStressDraw);
      stress_[i] = p.initial_stress_std * r2.normal();
    }
  }
  if (p.initial_stress_std > 0) {  // residual stress of a quenched glass averages to zero
    const double m = mean_stress();
    for (auto& s : stress_) s -= m;
    mean_valid_ = false;
  }
}

double EpmModel::mean_stress() const {
  if (!mean_valid_) {
    mean_ = lane_sum(stress_) / static_cast<double>(stress_.size());
    mean_valid_ = true;
  }
  return mean_;
}
double EpmModel::mean_plastic_strain() const { return lane_sum(plastic_strain_) / static_cast<double>(stress_.size()); }
bool EpmModel::unstable(std::size_t i) const { return std::abs(stress_[i]) >= threshold_[i]; }

void EpmModel::load(double ds) {
  forward_weakest_valid_ = false;
  mean_ = lane_sum(stress_, ds) / static_cast<double>(stress_.size());  // the same sum as mean_stress() would take
  mean_valid_ = true;
  strain_ += ds / (2.0 * p_.shear_modulus);
}

double EpmModel::event_stress_drop(std::size_t i) const {
  double residual = (1.0 - p_.recovery) * stress_[i];
  if (p_.stress_noise > 0) {
    Rng rng(Stream::EpmThreshold, p_.seed, fail_count_[i], i, kNoiseDraw);
    residual += p_.stress_noise * rng.normal();
  }
  return stress_[i] - residual;
}

void EpmModel::record_event(std::size_t i, double drop) {
  plastic_strain_[i] += drop / (2.0 * p_.shear_modulus);
  ++fail_count_[i];
  Rng rng(Stream::EpmThreshold, p_.seed, fail_count_[i], i, kThresholdDraw);
  threshold_[i] = p_.thresholds.draw(rng);
  if (p_.neighbour_rejuvenation > 0) rejuvenate_neighbours(i);
  forward_weakest_valid_ = false;
}

void EpmModel::rejuvenate_neighbours(std::size_t i) {
  const auto [x, y, z] = p_.lattice.coords(i);
  const int offsets[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  const int neighbours = p_.lattice.dimension == 3 ? 6 : 4;
  Rng coin(Stream::EpmThreshold, p_.seed, fail_count_[i], i, kNeighbourDraw);  // one draw per neighbour, in order
  for (int k = 0; k < neighbours; ++k) {
    const std::size_t j = p_.lattice.index(x + offsets[k][0], y + offsets[k][1], z + offsets[k][2]);
    if (coin.uniform() >= p_.neighbour_rejuvenation) continue;
    Rng rng(Stream::EpmThreshold, p_.seed, ++rejuvenation_count_[j], j, kRejuvenatedThresholdDraw);
    threshold_[j] = p_.thresholds.draw(rng);
  }
}

EpmModel::Worst EpmModel::fail_one(std::size_t i) {
  const double drop = event_stress_drop(i);
  record_event(i, drop);
  return add_kernel(i, drop);
}

EpmModel::Worst EpmModel::add_kernel(std::size_t i, double drop) {
  mean_valid_ = false;
  const auto& g = propagator_.real_space_kernel();
  const int L = p_.lattice.size;
  const int rows = p_.lattice.dimension == 3 ? L * L : L;
  const auto [xi, yi, zi] = p_.lattice.coords(i);
  double* s = stress_.data();
  const double* th = threshold_.data();
  // sigma_j += drop * G(j - i): per row, the kernel row shifted cyclically by xi (two contiguous pieces, in this
  // order). The worst site is the first one, in (row, piece, x) order, with the largest excess: the same site
  // whatever the number of threads, because each thread takes a contiguous block of rows and the blocks are
  // compared in order.
  // The same pass finds the weakest site under forward loading (first in index order, as weakest(+1) does), so
  // that the next quasistatic step needs no scan of its own.
  auto row_block = [&](int r0, int r1) {
    Scan scan{{-INFINITY, 0}, {INFINITY, 0}};
    for (int r = r0; r < r1; ++r) {
      const int z = r / L, y = r % L;
      const int dz = (z - zi + L) % L, dy = (y - yi + L) % L;
      const std::size_t row = static_cast<std::size_t>(r) * L;
      const double* grow = g.data() + (static_cast<std::size_t>(dz) * L + dy) * L;
      const auto a = add_piece(s + row + xi, th + row + xi, grow, L - xi, drop);
      const auto b = add_piece(s + row, th + row, grow + (L - xi), xi, drop);
      const double m = b.excess > a.excess ? b.excess : a.excess;
      if (m > scan.worst.excess)
        scan.worst = a.excess == m ? Worst{m, row + xi + first_at(s + row + xi, th + row + xi, L - xi, m)}
                                   : Worst{m, row + first_at(s + row, th + row, xi, m)};
      const double d = b.distance < a.distance ? b.distance : a.distance;
      if (d < scan.weakest.first)
        for (int x = 0; x < L; ++x)
          if (th[row + x] - s[row + x] == d) { scan.weakest = {d, row + x}; break; }
    }
    return scan;
  };
  Scan scan{{-INFINITY, 0}, {INFINITY, 0}};
  if (threads_ <= 1) {
    scan = row_block(0, rows);
  } else {
    part_.assign(static_cast<std::size_t>(threads_), scan);
#pragma omp parallel num_threads(threads_)
    {
      const int t = omp_get_thread_num(), nt = omp_get_num_threads();
      part_[static_cast<std::size_t>(t)] = row_block(rows * t / nt, rows * (t + 1) / nt);
    }
    for (const auto& p : part_) {
      if (p.worst.excess > scan.worst.excess) scan.worst = p.worst;
      if (p.weakest.first < scan.weakest.first) scan.weakest = p.weakest;
    }
  }
  forward_weakest_ = scan.weakest;
  forward_weakest_valid_ = true;
  return scan.worst;
}

void EpmModel::fail_many(const std::vector<std::size_t>& sites) {
  drops_.clear();
  for (std::size_t i : sites) {  // every drop from the stresses before the step
    const double drop = event_stress_drop(i);
    drops_.emplace_back(i, drop);
    record_event(i, drop);
  }
  if (drops_.size() <= kRealSpaceEvents) {
    for (const auto& [i, drop] : drops_) add_kernel(i, drop);
    return;
  }
  forward_weakest_valid_ = false;
  mean_valid_ = false;
  std::fill(scratch_.begin(), scratch_.end(), 0.0);
  for (const auto& [i, drop] : drops_) scratch_[i] = drop;
  fft_.convolve_add(scratch_, propagator_.fourier_kernel(), stress_);
}

std::pair<double, std::size_t> EpmModel::weakest(int direction) const {
  if (direction > 0 && forward_weakest_valid_) return forward_weakest_;  // found by the last event's pass
  const double sign = direction > 0 ? 1.0 : -1.0;
  const double* s = stress_.data();
  const double* th = threshold_.data();
  const std::size_t n = stress_.size(), chunk = static_cast<std::size_t>(p_.lattice.size);
  // Minimum per chunk (vectorised), then the first site of the chunk that attains it; chunks compared in order.
  auto block = [&](std::size_t c0, std::size_t c1) {
    std::pair<double, std::size_t> best{INFINITY, 0};
    for (std::size_t c = c0; c < c1; ++c) {
      const std::size_t a = c * chunk, b = std::min(n, a + chunk);
      double m = INFINITY;
#pragma omp simd reduction(min : m)
      for (std::size_t i = a; i < b; ++i) {
        const double x = th[i] - sign * s[i];
        m = x < m ? x : m;
      }
      if (m < best.first)
        for (std::size_t i = a; i < b; ++i)
          if (th[i] - sign * s[i] == m) { best = {m, i}; break; }
    }
    return best;
  };
  const std::size_t chunks = (n + chunk - 1) / chunk;
  if (threads_ <= 1) return block(0, chunks);
  std::vector<std::pair<double, std::size_t>> part(static_cast<std::size_t>(threads_), {INFINITY, 0});
#pragma omp parallel num_threads(threads_)
  {
    const auto t = static_cast<std::size_t>(omp_get_thread_num()), nt = static_cast<std::size_t>(omp_get_num_threads());
    part[t] = block(chunks * t / nt, chunks * (t + 1) / nt);
  }
  std::pair<double, std::size_t> best{INFINITY, 0};
  for (const auto& p : part)
    if (p.first < best.first) best = p;
  return best;
}

}  // namespace vitrum::meso

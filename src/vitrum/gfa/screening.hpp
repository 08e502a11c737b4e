// Screening whole ternary systems: every composition on an at.% grid featurised and predicted in batches, in parallel.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/features.hpp"
#include "vitrum/gfa/learner.hpp"

namespace vitrum::gfa {

struct TernarySystem {
  int z[3];  // atomic numbers, ascending
  [[nodiscard]] std::string name() const;  // "Al-Cu-Zr"
};

// All C(n, 3) ternaries of distinct elements, in lexicographic order of the input list.
std::vector<TernarySystem> all_ternaries(const std::vector<int>& elements);

// Grid points (i, j, k) with i + j + k = divisions, i.e. (divisions+1)(divisions+2)/2 points (5151 for 1 at.%).
struct GridPoint {
  int i, j, k;
};
std::vector<GridPoint> ternary_grid(int divisions);

struct SystemSummary {
  TernarySystem system;
  double max_p = 0;          // highest p(glass) on the grid
  double glass_fraction = 0;  // fraction of grid points with p >= 0.5
  GridPoint best{};
};

struct ScreenResult {
  std::vector<SystemSummary> systems;
  std::size_t points = 0;
  double seconds = 0;
};

// Predicts p(glass) at every grid point of every system. `on_system` (optional) receives each
// system's grid predictions (in ternary_grid order), called from worker threads one system at a
// time under a lock, so it may write files.
ScreenResult screen_ternaries(const std::vector<TernarySystem>& systems, int divisions, const Featurizer& f,
                              const Learner& forest, int threads,
                              const std::function<void(const TernarySystem&, const std::vector<double>&)>& on_system = {});

}  // namespace vitrum::gfa

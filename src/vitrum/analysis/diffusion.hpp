// Self-diffusion constant from the long-time slope of a mean-squared displacement, over a stated fit window.
#pragma once
#include <optional>
#include <vector>

namespace vitrum {

struct DiffusionFit {
  double D = 0;           // slope / (2 · dimension)
  double D_error = 0;     // from the residual scatter of the line (points along one curve are correlated: a floor)
  double t_from = 0, t_to = 0;
  int points = 0;
};

// Straight line MSD = 2 d D t + c by least squares over the samples with t_from ≤ t ≤ t_to. None if fewer than 3.
std::optional<DiffusionFit> fit_diffusion(const std::vector<double>& time, const std::vector<double>& msd,
                                          double t_from, double t_to, int dimension = 3);

// The diffusive window's start by the rule used across vitrum: the first time at which the MSD reaches
// `msd_min` (a particle has moved about one neighbour distance, so caging is over). None if it never does.
std::optional<double> diffusive_onset(const std::vector<double>& time, const std::vector<double>& msd,
                                      double msd_min);

}  // namespace vitrum

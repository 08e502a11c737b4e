#include "vitrum/analysis/diffusion.hpp"

#include <cmath>

namespace vitrum {

std::optional<DiffusionFit> fit_diffusion(const std::vector<double>& time, const std::vector<double>& msd,
                                          double t_from, double t_to, int dimension) {
  double n = 0, st = 0, sm = 0, stt = 0, stm = 0;
  for (std::size_t i = 0; i < time.size() && i < msd.size(); ++i)
    if (time[i] >= t_from && time[i] <= t_to) {
      n += 1;
      st += time[i];
      sm += msd[i];
      stt += time[i] * time[i];
      stm += time[i] * msd[i];
    }
  if (n < 3) return std::nullopt;
  const double sxx = stt - st * st / n;
  if (!(sxx > 0)) return std::nullopt;
  const double slope = (stm - st * sm / n) / sxx, icpt = (sm - slope * st) / n;
  double rss = 0;
  for (std::size_t i = 0; i < time.size() && i < msd.size(); ++i)
    if (time[i] >= t_from && time[i] <= t_to) {
      const double e = msd[i] - icpt - slope * time[i];
      rss += e * e;
    }
  DiffusionFit f;
  f.D = slope / (2.0 * dimension);
  f.D_error = n > 2 ? std::sqrt(rss / (n - 2) / sxx) / (2.0 * dimension) : 0.0;
  f.t_from = t_from;
  f.t_to = t_to;
  f.points = static_cast<int>(n);
  return f;
}

std::optional<double> diffusive_onset(const std::vector<double>& time, const std::vector<double>& msd,
                                      double msd_min) {
  for (std::size_t i = 0; i < time.size() && i < msd.size(); ++i)
    if (msd[i] >= msd_min) return time[i];
  return std::nullopt;
}

}  // namespace vitrum

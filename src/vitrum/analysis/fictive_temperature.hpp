// Fictive temperature of a glass: where the equilibrium liquid's inherent-state energy e_IS(T) equals the glass's e_IS.
#pragma once
#include <optional>
#include <vector>

namespace vitrum {

struct FictiveTemperature {
  double T_f = 0;
  double error = 0;           // from the errors of e_glass and of the curve, divided by |de_IS/dT| there
  bool extrapolated = false;  // e_glass outside the curve: linear extrapolation from its two nearest points
};

// The equilibrium curve e_IS(T) is interpolated linearly between its points (sorted by T; errors optional, empty =
// none). e_IS rises with T in a liquid; the first crossing found from the cold end is returned. None for fewer than
// two points or a flat segment where the crossing should be.
std::optional<FictiveTemperature> fictive_temperature(std::vector<double> T, std::vector<double> e_is,
                                                      std::vector<double> e_is_error, double e_glass,
                                                      double e_glass_error = 0);

}  // namespace vitrum

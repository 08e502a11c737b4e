#include "vitrum/atomistic/mc/monte_carlo_chain.hpp"

#include <algorithm>

namespace vitrum {

void adapt_translation_step(double& step, McCounters& mark, const McCounters& now, double target, double limit) {
  const std::int64_t tried = now.translation_attempts - mark.translation_attempts;
  if (tried < 100) return;
  const double acc = static_cast<double>(now.translation_accepts - mark.translation_accepts) / static_cast<double>(tried);
  step *= std::clamp(acc / target, 0.7, 1.4);
  step = std::clamp(step, 1e-4, limit);
  mark = now;
}

}  // namespace vitrum

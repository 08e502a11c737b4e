#include <fmt/format.h>

#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

const std::vector<ModelSpec>& models() {
  static const std::vector<ModelSpec> table = {
      kob_andersen_model(Truncation::energy_shift),
      ka2_model(Truncation::energy_shift),
      wahnstrom_model(Truncation::energy_shift),
      kob_andersen_model(Truncation::force_shift),
      ka2_model(Truncation::force_shift),
      wahnstrom_model(Truncation::force_shift),
      polydisperse_soft_spheres_model(),
  };
  return table;
}

const ModelSpec& find_model(std::string_view name) {
  std::string known;
  for (const auto& m : models()) {
    if (m.name == name) return m;
    known += (known.empty() ? "" : ", ") + m.name;
  }
  throw Error(fmt::format("unknown potential '{}' (known: {})", name, known));
}

}  // namespace vitrum

// Helpers shared by the GFA tests: the reference data folder (VITRUM_GFA_TEST_DATA), its element table loaded once,
// and the atomic fraction of one element in a composition.
#pragma once
#include <cstddef>
#include <filesystem>

#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/element_data.hpp"
#include "vitrum/gfa/periodic_table.hpp"

namespace vitrum::gfa::test {

inline std::filesystem::path dir() { return resolve_data_dir(VITRUM_GFA_TEST_DATA); }

inline const ElementData& data() {
  static const ElementData d = ElementData::load(dir());
  return d;
}

inline double frac(const Composition& c, const char* sym) {
  const int z = atomic_number(sym);
  for (std::size_t i = 0; i < c.size(); ++i)
    if (c.z[i] == z) return c.x[i];
  return 0.0;
}

}  // namespace vitrum::gfa::test

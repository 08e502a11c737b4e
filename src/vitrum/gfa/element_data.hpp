// Elemental property tables (Magpie) and Miedema binary liquid mixing enthalpies, read at run time from the data directory.
#pragma once
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace vitrum::gfa {

// The Magpie properties that enter the composition statistics (Ward et al. 2016's list).
const std::vector<std::string>& magpie_property_names();

class ElementData {
 public:
  // Reads magpie/<name>.table for every property name plus MiracleRadius, MeltingT, Electronegativity,
  // NValence, AtomicWeight and magpie/MiedemaLiquidDeltaHf.tsv. Errors name the file and line.
  static ElementData load(const std::filesystem::path& data_dir);

  [[nodiscard]] std::size_t property_count() const { return filled_.size(); }
  // Property p of element z for features: a missing table entry is replaced by the mean of the
  // elements 1..94 that have one (so rarely-tabulated elements do not poison the whole row).
  [[nodiscard]] double feature_value(std::size_t p, int z) const { return filled_[p][static_cast<std::size_t>(z)]; }

  // Raw values for the physical criteria; these throw Error naming the element and table when missing.
  [[nodiscard]] double miracle_radius_pm(int z) const { return raw(radius_, z, "MiracleRadius"); }
  [[nodiscard]] double melting_k(int z) const { return raw(melting_, z, "MeltingT"); }
  [[nodiscard]] double pauling_electronegativity(int z) const { return raw(chi_, z, "Electronegativity"); }
  [[nodiscard]] double valence_electrons(int z) const { return raw(vec_, z, "NValence"); }
  // Standard atomic weight (g/mol) from magpie/AtomicWeight.table, for weight-percent compositions.
  [[nodiscard]] double atomic_weight(int z) const { return raw(weight_, z, "AtomicWeight"); }
  // Miedema liquid ΔH_mix of the equiatomic binary (kJ/mol, Takeuchi & Inoue 2005); throws when the pair is absent.
  [[nodiscard]] double miedema_dh_kj(int za, int zb) const;
  [[nodiscard]] bool has_miedema(int za, int zb) const;
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  double raw(const std::vector<double>& t, int z, const char* name) const;
  std::filesystem::path dir_;
  std::vector<std::vector<double>> filled_;
  std::vector<double> radius_, melting_, chi_, vec_, weight_;
  std::unordered_map<int, double> miedema_;  // key za * 1000 + zb with za < zb
};

}  // namespace vitrum::gfa

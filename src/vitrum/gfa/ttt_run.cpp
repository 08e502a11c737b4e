// Runs a TTT recipe (ttt_run.hpp): the one implementation behind `vitrum ttt` and vitrum.ttt.run in Python.
#include "vitrum/gfa/ttt_run.hpp"

#include <fmt/format.h>

#include "vitrum/gfa/ttt.hpp"
#include "vitrum/io/configuration.hpp"

namespace vitrum::gfa {

nlohmann::json run_ttt(TttRecipe r, const TttRunOptions& options) {
  nlohmann::json summary;
  auto turnbull_alpha = [&r] {
    return r.kinetics.interfacial_energy_j_per_m2 /
           turnbull_interfacial_energy(1.0, r.kinetics.fusion_enthalpy_j_per_mol, r.kinetics.molar_volume_m3_per_mol);
  };
  if (options.calibrate_rc > 0) {
    r.kinetics.interfacial_energy_j_per_m2 = calibrate_interfacial_energy(r.kinetics, r.fraction, options.calibrate_rc);
    r.turnbull_alpha = turnbull_alpha();
    summary["calibrated_to_rc_K_per_s"] = options.calibrate_rc;
  }
  const auto curve = ttt_curve(r.kinetics, r.fraction);
  const double rc = critical_cooling_rate(r.kinetics, r.fraction);
  std::filesystem::create_directories(options.out);
  std::string csv = "temperature_K,time_s\n";
  for (const auto& p : curve.points) csv += fmt::format("{:.6g},{:.8g}\n", p.t_k, p.time_s);
  write_file_atomically(options.out / "ttt.csv", csv);
  summary["recipe"] = r.to_json();
  summary["rc_K_per_s"] = rc;
  summary["nose_temperature_K"] = curve.nose_temperature_k;
  summary["nose_time_s"] = curve.nose_time_s;
  summary["interfacial_energy_J_per_m2"] = r.kinetics.interfacial_energy_j_per_m2;
  summary["turnbull_alpha"] = turnbull_alpha();
  summary["fraction"] = r.fraction;
  summary["units"] = "SI";
  summary["vitrum_version"] = options.version;
  if (r.published_rc) {
    summary["published_rc_K_per_s"] = *r.published_rc;
    summary["rc_over_published"] = rc / *r.published_rc;
  }
  write_file_atomically(options.out / "summary.json", summary.dump(2) + "\n");
  return summary;
}

}  // namespace vitrum::gfa

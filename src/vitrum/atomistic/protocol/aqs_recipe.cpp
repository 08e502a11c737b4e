// Parsing of the `aqs` and `cyclic_aqs` stages' recipe keys (see aqs_spec.hpp and the README's Shear section).
#include <cmath>
#include <fmt/format.h>
#include <optional>

#include "vitrum/atomistic/protocol/aqs_spec.hpp"

namespace vitrum {

bool is_shear_stage_kind(std::string_view kind) {
  return kind == "aqs" || kind == "cyclic_aqs" || kind == "shear_rate" || kind == "creep";
}

void only_shear_stage_keys(const RecipeTable& t, std::string_view kind) {
  if (kind == "cyclic_aqs") {
    t.only({"kind", "name", "start", "dgamma", "strain_step", "amplitude", "cycles", "ftol", "force_tolerance", "method",
            "max_iterations", "drop_threshold", "absorbing_msd", "max_period"});
    return;
  }
  if (kind != "aqs")
    t.fail("kind", fmt::format("stage kind \"{}\" is not implemented yet (issue 8); \"aqs\" and \"cyclic_aqs\" are", kind));
  t.only({"kind", "name", "start", "dgamma", "strain_step", "gamma_max", "max_strain", "ftol", "force_tolerance",
          "method", "max_iterations", "drop_threshold", "refine", "min_dgamma", "modulus_points", "d2min_cutoff", "band_slab_width", "band_threshold"});
}

namespace {

// One of two spellings (the issue's `strain_step` or the short `dgamma`), not both.
double either(RecipeTable& t, const char* a, const char* b, std::optional<double> fallback) {
  if (t.has(a) && t.has(b)) t.fail(b, fmt::format("give `{}` or `{}`, not both", a, b));
  if (t.has(b)) return t.get_double(b);
  if (fallback) return t.get_double(a, *fallback);
  return t.get_double(a);
}

// ftol / force_tolerance and the minimiser keys, shared by both stages.
void parse_minimizer(RecipeTable& t, MinimizeOptions& m) {
  m.ftol = either(t, "ftol", "force_tolerance", 1e-10);
  if (!(m.ftol > 0)) t.fail("ftol", "must be positive");
  m.method = t.get_string("method", "cg");
  if (m.method != "fire" && m.method != "cg") t.fail("method", fmt::format("unknown minimiser '{}' (known: fire, cg)", m.method));
  m.max_iterations = t.get_int("max_iterations", m.max_iterations);
  if (m.max_iterations < 1) t.fail("max_iterations", "must be >= 1");
}

}  // namespace

AqsSpec parse_cyclic_aqs_stage(RecipeTable& t) {
  AqsSpec s;
  CyclicAqsOptions& o = s.cyclic;
  o.dgamma = either(t, "dgamma", "strain_step", o.dgamma);
  if (!(o.dgamma > 0)) t.fail("dgamma", "must be positive");
  o.amplitude = t.get_double("amplitude");
  const double steps = o.amplitude / o.dgamma;
  if (!(o.amplitude > 0) || std::round(steps) < 1 || std::abs(std::round(steps) - steps) > 1e-9 * steps)
    t.fail("amplitude", fmt::format("must be a positive whole number of steps dgamma ({}), got {}", o.dgamma, o.amplitude));
  o.cycles = t.get_int("cycles");
  if (o.cycles < 1) t.fail("cycles", "must be >= 1");
  parse_minimizer(t, o.minimize);
  o.drop_threshold = t.get_double("drop_threshold", o.drop_threshold);
  if (!(o.drop_threshold > 0)) t.fail("drop_threshold", "must be positive (a stress)");
  o.absorbing_msd = t.get_double("absorbing_msd", o.absorbing_msd);
  if (!(o.absorbing_msd > 0)) t.fail("absorbing_msd", "must be positive (a squared length)");
  o.max_period = t.get_int("max_period", o.max_period);
  if (o.max_period < 1) t.fail("max_period", "must be >= 1");
  return s;
}

AqsSpec parse_aqs_stage(RecipeTable& t) {
  AqsSpec s;
  AqsOptions& o = s.aqs;
  o.dgamma = either(t, "dgamma", "strain_step", o.dgamma);
  if (!(o.dgamma > 0)) t.fail("dgamma", "must be positive");
  o.gamma_max = either(t, "gamma_max", "max_strain", std::nullopt);
  if (!(o.gamma_max >= o.dgamma)) t.fail("gamma_max", fmt::format("must be >= dgamma ({})", o.dgamma));
  parse_minimizer(t, o.minimize);
  o.drop_threshold = t.get_double("drop_threshold", o.drop_threshold);
  if (!(o.drop_threshold > 0)) t.fail("drop_threshold", "must be positive (a stress)");
  o.refine = t.get_bool("refine", o.refine);
  o.min_dgamma = t.get_double("min_dgamma", o.min_dgamma);
  if (o.refine && !(o.min_dgamma > 0 && o.min_dgamma < o.dgamma)) t.fail("min_dgamma", "must be in (0, dgamma)");
  s.modulus_points = t.get_int("modulus_points", s.modulus_points);
  if (s.modulus_points < 1) t.fail("modulus_points", "must be >= 1");
  s.d2min_cutoff = t.get_double("d2min_cutoff", s.d2min_cutoff);
  if (!(s.d2min_cutoff > 0)) t.fail("d2min_cutoff", "must be positive");
  s.band.slab_width = t.get_double("band_slab_width", s.band.slab_width);
  if (!(s.band.slab_width > 0)) t.fail("band_slab_width", "must be positive");
  s.band.threshold = t.get_double("band_threshold", s.band.threshold);
  if (!(s.band.threshold > 0 && s.band.threshold < 1)) t.fail("band_threshold", "must be in (0, 1)");
  return s;
}

}  // namespace vitrum

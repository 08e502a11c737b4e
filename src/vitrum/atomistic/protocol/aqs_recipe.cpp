// Parsing of the `aqs` stage's recipe keys (see aqs_spec.hpp and the README's Shear section).
#include <fmt/format.h>
#include <optional>

#include "vitrum/atomistic/protocol/aqs_spec.hpp"

namespace vitrum {

bool is_shear_stage_kind(std::string_view kind) {
  return kind == "aqs" || kind == "cyclic_aqs" || kind == "shear_rate" || kind == "creep";
}

void only_shear_stage_keys(const RecipeTable& t, std::string_view kind) {
  if (kind != "aqs")
    t.fail("kind", fmt::format("stage kind \"{}\" is not implemented yet (issue 8); only \"aqs\" shear is", kind));
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

}  // namespace

AqsSpec parse_aqs_stage(RecipeTable& t) {
  AqsSpec s;
  AqsOptions& o = s.aqs;
  o.dgamma = either(t, "dgamma", "strain_step", o.dgamma);
  if (!(o.dgamma > 0)) t.fail("dgamma", "must be positive");
  o.gamma_max = either(t, "gamma_max", "max_strain", std::nullopt);
  if (!(o.gamma_max >= o.dgamma)) t.fail("gamma_max", fmt::format("must be >= dgamma ({})", o.dgamma));
  o.minimize.ftol = either(t, "ftol", "force_tolerance", 1e-10);
  if (!(o.minimize.ftol > 0)) t.fail("ftol", "must be positive");
  o.minimize.method = t.get_string("method", "cg");
  if (o.minimize.method != "fire" && o.minimize.method != "cg")
    t.fail("method", fmt::format("unknown minimiser '{}' (known: fire, cg)", o.minimize.method));
  o.minimize.max_iterations = t.get_int("max_iterations", o.minimize.max_iterations);
  if (o.minimize.max_iterations < 1) t.fail("max_iterations", "must be >= 1");
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

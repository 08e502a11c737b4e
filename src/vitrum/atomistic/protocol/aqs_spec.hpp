// Recipe settings of the shear stages: `aqs` (athermal quasistatic simple shear) and `cyclic_aqs`; the others are rejected as not implemented.
#pragma once
#include <cstdint>
#include <string_view>

#include "vitrum/atomistic/shear/aqs.hpp"
#include "vitrum/atomistic/shear/band.hpp"
#include "vitrum/atomistic/shear/cyclic_aqs.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum {

struct AqsSpec {
  AqsOptions aqs;                     // dgamma (alias strain_step), gamma_max (alias max_strain), ftol, method, ...
  std::int64_t modulus_points = 10;   // steps (before the first event) fitted for the shear modulus
  double d2min_cutoff = 2.5;          // D²min from the stage's first to last state (Falk & Langer's 2.5 σ)
  BandOptions band;                   // band_slab_width, band_threshold
  CyclicAqsOptions cyclic;            // kind = "cyclic_aqs": dgamma, amplitude, cycles, ftol, method, ...
};

// aqs, cyclic_aqs, and the planned shear_rate and creep (rejected with a "not implemented" message).
[[nodiscard]] bool is_shear_stage_kind(std::string_view kind);
// Rejects unknown keys and unimplemented kinds (call before reading any other key).
void only_shear_stage_keys(const RecipeTable& t, std::string_view kind);
AqsSpec parse_aqs_stage(RecipeTable& t);
AqsSpec parse_cyclic_aqs_stage(RecipeTable& t);

}  // namespace vitrum

// Langevin dynamics by the BAOAB splitting (Leimkuhler & Matthews), with per-particle counter-based noise.
#pragma once
#include "vitrum/atomistic/integrate/integrator.hpp"

namespace vitrum {

// Leimkuhler & Matthews, Appl. Math. Res. Express 2013, 34: B (half kick), A (half drift),
// O (exact Ornstein–Uhlenbeck: v ← c v + sqrt((1 − c²) kT/m) ξ, c = exp(−dt/tdamp)), A, forces, B.
// ξ is keyed by (seed, step, particle id): independent of particle order and thread count.
class Langevin final : public Integrator {
 public:
  Langevin(double dt, double tdamp, std::uint32_t seed) : dt_(dt), tdamp_(tdamp), seed_(seed) {}
  [[nodiscard]] std::string_view name() const override { return "langevin"; }
  void step(System& s, std::int64_t step, double temperature) override;
  [[nodiscard]] double reservoir_energy(const System&, double) const override { return bath_; }
  void checkpoint(Archive& ar) override { ar(bath_); }

 private:
  double dt_, tdamp_;
  std::uint32_t seed_;
  double bath_ = 0;
};

}  // namespace vitrum

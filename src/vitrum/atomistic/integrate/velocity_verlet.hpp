// Velocity Verlet: the symplectic NVE integrator.
#pragma once
#include "vitrum/atomistic/integrate/integrator.hpp"

namespace vitrum {

class VelocityVerlet final : public Integrator {
 public:
  explicit VelocityVerlet(double dt) : dt_(dt) {}
  [[nodiscard]] std::string_view name() const override { return "nve"; }
  void step(System& s, std::int64_t step, double temperature) override;
  [[nodiscard]] double reservoir_energy(const System&, double) const override { return 0.0; }
  void checkpoint(Archive&) override {}

 private:
  double dt_;
};

}  // namespace vitrum

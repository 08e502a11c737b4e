// The time integrators of the MD engine behind one interface, and the factory that picks one by name.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "vitrum/atomistic/system.hpp"
#include "vitrum/io/archive.hpp"

namespace vitrum {

struct IntegratorOptions {
  std::string ensemble = "nve";        // nve | nvt | langevin | npt
  std::string thermostat = "nose-hoover";  // for nvt: nose-hoover | bussi
  double dt = 0.005;                   // [time]
  double tdamp = 0;                    // thermostat time constant [time]; 0 → 100 dt (LAMMPS advice)
  double pdamp = 0;                    // barostat time constant [time]; 0 → 1000 dt
  double pressure = 0;                 // target pressure (npt)
  int chain = 3;                       // Nosé–Hoover chain length (LAMMPS tchain)
  std::uint32_t seed = 1;              // stochastic thermostats
};

class Integrator {
 public:
  virtual ~Integrator() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Advances one step: on entry forces are those of the current positions; on exit the positions,
  // velocities, forces and s.last belong to the new time. `temperature` is this step's target
  // (ignored by NVE); `step` keys the random streams.
  virtual void step(System& s, std::int64_t step, double temperature) = 0;
  // Energy stored in thermostat/barostat variables (or exchanged with a bath), so that
  // E_kin + E_pot + reservoir_energy() is the conserved quantity.
  [[nodiscard]] virtual double reservoir_energy(const System& s, double temperature) const = 0;
  // Thermostat/barostat state (none for NVE), for checkpoints.
  virtual void checkpoint(Archive& ar) = 0;
};

std::unique_ptr<Integrator> make_integrator(const IntegratorOptions& opt);

// Velocity-Verlet halves shared by the integrators: v += dt/2 F/m, x += dt v.
void kick(Particles& p, double half_dt);
void drift(Particles& p, double dt);

}  // namespace vitrum

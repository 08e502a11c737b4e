// The integrator factory: recipe ensemble/thermostat names → integrator objects.
#include <fmt/format.h>

#include "vitrum/atomistic/integrate/bussi.hpp"
#include "vitrum/atomistic/integrate/langevin.hpp"
#include "vitrum/atomistic/integrate/nose_hoover_chain.hpp"
#include "vitrum/atomistic/integrate/npt_mtk.hpp"
#include "vitrum/atomistic/integrate/velocity_verlet.hpp"
#include "vitrum/core/error.hpp"

namespace vitrum {

std::unique_ptr<Integrator> make_integrator(const IntegratorOptions& o) {
  const double tdamp = o.tdamp > 0 ? o.tdamp : 100.0 * o.dt;
  const double pdamp = o.pdamp > 0 ? o.pdamp : 1000.0 * o.dt;
  if (o.ensemble == "nve") return std::make_unique<VelocityVerlet>(o.dt);
  if (o.ensemble == "langevin") return std::make_unique<Langevin>(o.dt, tdamp, o.seed);
  if (o.ensemble == "npt") return std::make_unique<NptMtk>(o.dt, tdamp, pdamp, o.pressure, o.chain);
  if (o.ensemble == "nvt") {
    if (o.thermostat == "nose-hoover") return std::make_unique<NoseHooverChain>(o.dt, tdamp, o.chain);
    if (o.thermostat == "bussi") return std::make_unique<Bussi>(o.dt, tdamp, o.seed);
    throw Error(fmt::format("unknown thermostat '{}' (known: nose-hoover, bussi)", o.thermostat));
  }
  throw Error(fmt::format("unknown ensemble '{}' (known: nve, nvt, langevin, npt)", o.ensemble));
}

}  // namespace vitrum

// vitrum.Potential: any model vitrum runs (built-in, lj/cut, EAM, KIM) with energies, forces, virial and minimisation.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "conversions.hpp"
#include "potential_handle.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/potential/model.hpp"

namespace vitrum::python {

namespace {

PotentialHandle make_handle(const std::string& style, const std::vector<std::filesystem::path>& files,
                            const std::vector<std::string>& elements, const std::string& model,
                            const std::string& model_dir, const std::vector<double>& epsilon,
                            const std::vector<double>& sigma, const std::vector<double>& cutoff,
                            const std::vector<double>& masses, std::optional<double> skin) {
  PotentialSpec spec(style, files, elements);
  spec.model = model;
  spec.model_dir = model_dir;
  spec.epsilon = epsilon;
  spec.sigma = sigma;
  spec.cutoff = cutoff;
  spec.masses = masses;
  PotentialHandle h{spec, make_potential(spec), 0.0};
  // The CLI's defaults: 0.3 sigma in reduced units, 1 Angstrom in metal units (as LAMMPS's `neighbor` defaults).
  h.skin = skin.value_or(spec.units().is_metal() ? 1.0 : kDefaultSkin);
  if (!(h.skin >= 0)) throw Error(fmt::format("skin must be zero or positive, got {}", h.skin));
  return h;
}

py::dict units_dict(const UnitSystem& u) {
  py::dict d;
  d["name"] = u.name;
  d["energy"] = u.energy;
  d["length"] = u.length;
  d["pressure"] = u.pressure;
  d["time"] = u.time;
  d["temperature"] = u.temperature;
  d["mass"] = u.mass;
  return d;
}

// Energy, forces, virial, stress and virial pressure of a bound system (the numbers `vitrum inspect` prints).
py::dict results(const System& s) {
  const UnitSystem& u = s.units;
  const double volume = s.volume();
  py::dict d;
  d["energy"] = s.last.energy;
  d["pe_per_particle"] = s.last.energy / static_cast<double>(s.size());
  d["forces"] = to_array(s.cfg.particles.force);
  std::vector<double> virial(s.last.virial.begin(), s.last.virial.end()), stress(6), pressure_tensor(6);
  for (int a = 0; a < 6; ++a) {
    stress[static_cast<std::size_t>(a)] = -virial[static_cast<std::size_t>(a)] / volume;
    pressure_tensor[static_cast<std::size_t>(a)] = u.pressure_out(virial[static_cast<std::size_t>(a)] / volume);
  }
  d["virial"] = to_array(virial);
  d["stress"] = to_array(stress);
  d["virial_pressure_tensor"] = to_array(pressure_tensor);
  d["pressure_virial"] = (pressure_tensor[0] + pressure_tensor[1] + pressure_tensor[2]) / 3.0;
  d["volume"] = volume;
  return d;
}

}  // namespace

void bind_potential(py::module_& m) {
  py::class_<PotentialHandle>(m, "Potential", R"doc(
A potential as a recipe's [potential] table gives it: a built-in model by name ("kob-andersen", "polydisperse", ...;
`vitrum potentials` lists them), "lj/cut" with epsilon/sigma[/cutoff] per type pair (11, 12, 22, ...), an EAM style
("eam", "eam/alloy", "eam/fs") with files and elements, or "kim" with a model name. Files are read and checked here.

Voigt order of virial and stress: xx, yy, zz, xy, xz, yz. virial W_ab = sum over pairs r_a f_b [energy];
stress = -W/V [energy/length^3] (ASE's sign: negative under compression); pressure_virial = trace(W)/(3V) in the
units' pressure (bar in metal units), as `vitrum inspect` prints it.)doc")
      .def(py::init(&make_handle), py::arg("style"), py::arg("files") = std::vector<std::filesystem::path>{},
           py::arg("elements") = std::vector<std::string>{}, py::arg("model") = "",
           py::arg("model_dir") = "", py::arg("epsilon") = std::vector<double>{},
           py::arg("sigma") = std::vector<double>{}, py::arg("cutoff") = std::vector<double>{},
           py::arg("masses") = std::vector<double>{}, py::arg("skin") = py::none())
      .def_property_readonly("style", [](const PotentialHandle& h) { return h.spec.style; })
      .def_property_readonly("name", [](const PotentialHandle& h) { return std::string(h.prototype->name()); })
      .def("describe", [](const PotentialHandle& h) { return h.spec.describe(); })
      .def_property_readonly("units", [](const PotentialHandle& h) { return units_dict(h.spec.units()); })
      .def_property_readonly("cutoff", [](const PotentialHandle& h) { return h.prototype->cutoff(); })
      .def_property_readonly("skin", [](const PotentialHandle& h) { return h.skin; })
      .def_property_readonly("type_count", [](const PotentialHandle& h) { return h.prototype->type_count(); })
      .def_property_readonly("elements", [](const PotentialHandle& h) { return h.prototype->type_elements(); })
      .def_property_readonly("pairwise", [](const PotentialHandle& h) { return h.prototype->pairwise(); })
      .def("__repr__", [](const PotentialHandle& h) { return fmt::format("<vitrum.Potential {}>", h.spec.describe()); })
      .def("compute", [](const PotentialHandle& h, const Configuration& c) {
             System s = [&] {
               py::gil_scoped_release release;
               return h.bind(c);
             }();
             return results(s);
           }, py::arg("system"),
           "dict: energy, pe_per_particle, forces (n, 3), virial (6), stress (6), virial_pressure_tensor (6), "
           "pressure_virial, volume. Atoms in the system's order.")
      .def("energy", [](const PotentialHandle& h, const Configuration& c) {
             py::gil_scoped_release release;
             return h.bind(c).last.energy;
           }, py::arg("system"), "total potential energy [energy]")
      .def("forces", [](const PotentialHandle& h, const Configuration& c) { return to_array(h.bind(c).cfg.particles.force); },
           py::arg("system"), "(n, 3) forces [energy/length]")
      .def("energies", [](const PotentialHandle& h, const Configuration& c) {
             System s = h.bind(c);
             return to_array(s.potential->per_atom_energies(s.cfg.particles, s.cfg.box, s.list));
           }, py::arg("system"), "per-atom energies (LAMMPS pe/atom), summing to energy()")
      .def("minimize", [](const PotentialHandle& h, const Configuration& c, const std::string& method, double ftol,
                          std::int64_t max_iterations) {
             MinimizeOptions o;
             o.method = method;
             o.ftol = ftol;
             o.max_iterations = max_iterations;
             System s = h.bind(c);
             MinimizeResult r;
             {
               py::gil_scoped_release release;
               r = minimize(s, o);
             }
             py::dict d;
             d["method"] = r.method;
             d["energy"] = r.energy;
             d["e_is"] = r.energy / static_cast<double>(s.size());
             d["fmax"] = r.fmax;
             d["iterations"] = r.iterations;
             d["force_evaluations"] = r.force_evaluations;
             d["converged"] = r.converged;
             return py::make_tuple(s.configuration_for_output(), d);
           }, py::arg("system"), py::arg("method") = "fire", py::arg("ftol") = 1e-10, py::arg("max_iterations") = 200000,
           "Minimise to an inherent structure as a recipe's minimize stage does (fire | cg | lbfgs, stop at max|F| < "
           "ftol): returns (System, dict with energy, e_is = energy/n, fmax, iterations, converged).");
}

}  // namespace vitrum::python

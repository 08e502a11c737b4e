// The compiled module `vitrum._vitrum` behind the Python package `vitrum` (python/vitrum/): vitrum errors raise
// vitrum.Error, a ValueError.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/install_paths.hpp"
#include "vitrum/gfa/data_dir.hpp"

PYBIND11_MODULE(_vitrum, m) {
  m.doc() = "vitrum: an in-silico metallic-glass laboratory (compiled part; import vitrum)";
  m.attr("__version__") = VITRUM_VERSION;
  pybind11::register_exception<vitrum::Error>(m, "Error", PyExc_ValueError);
  m.def("_share_dir", [] { return vitrum::share_dir().string(); });
  m.def("_gfa_data_dir", [] { return vitrum::gfa::resolve_data_dir("").string(); });
  vitrum::python::bind_system(m);
  vitrum::python::bind_potential(m);
  vitrum::python::bind_runs(m);
  auto analysis = m.def_submodule("analysis", "Structure and mechanics analyses (freud's shape: construct, compute, read)");
  vitrum::python::bind_analysis(analysis);
  auto gfa = m.def_submodule("gfa", "Glass-forming ability: compositions, criteria, features, trained models");
  vitrum::python::bind_gfa(gfa);
}

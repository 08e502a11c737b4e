// The Python module `vitrum`: one submodule per library (vitrum.gfa); vitrum errors raise ValueError.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "vitrum/core/error.hpp"

PYBIND11_MODULE(vitrum, m) {
  m.doc() = "vitrum: an in-silico metallic-glass laboratory";
  pybind11::register_exception<vitrum::Error>(m, "Error", PyExc_ValueError);
  auto gfa = m.def_submodule("gfa", "Glass-forming ability: compositions, criteria, features, trained models");
  vitrum::python::bind_gfa(gfa);
}

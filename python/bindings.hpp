// Registration functions of the submodules of the Python module `vitrum`, one per library.
#pragma once
#include <pybind11/pybind11.h>

namespace vitrum::python {
void bind_gfa(pybind11::module_& m);
}  // namespace vitrum::python

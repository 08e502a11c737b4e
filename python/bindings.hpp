// Registration functions of the parts of the compiled module `vitrum._vitrum`, one per binding file.
#pragma once
#include <pybind11/pybind11.h>

namespace vitrum::python {
void bind_gfa(pybind11::module_& m);       // gfa_bindings.cpp: compositions, criteria, features, models
void bind_system(pybind11::module_& m);    // system_bindings.cpp: vitrum.System
void bind_potential(pybind11::module_& m); // potential_bindings.cpp: vitrum.Potential
void bind_analysis(pybind11::module_& m);  // analysis_bindings.cpp: vitrum.analysis
void bind_runs(pybind11::module_& m);      // run_bindings.cpp: the recipe runners of every scale
}  // namespace vitrum::python

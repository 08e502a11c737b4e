// The recipe runners of every scale (atomistic, EPM, STZ, LPBF, TTT) for Python, each taking the recipe's TOML text;
// python/vitrum/_recipes.py turns dicts and paths into that text.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fmt/format.h>

#include <string>

#include "bindings.hpp"
#include "conversions.hpp"
#include "vitrum/am/lpbf_recipe.hpp"
#include "vitrum/am/lpbf_run.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/runner.hpp"
#include "vitrum/continuum/stz_recipe.hpp"
#include "vitrum/continuum/stz_run.hpp"
#include "vitrum/gfa/ttt_recipe.hpp"
#include "vitrum/gfa/ttt_run.hpp"
#include "vitrum/meso/epm_recipe.hpp"
#include "vitrum/meso/epm_run.hpp"
#include "vitrum/meso/seep_recipe.hpp"
#include "vitrum/meso/seep_run.hpp"

namespace vitrum::python {

namespace {

// Runs `f` without the GIL (the C++ runners print their own progress) and returns its JSON as a Python dict.
template <class F>
py::object run_released(F&& f) {
  nlohmann::json summary;
  {
    py::gil_scoped_release release;
    summary = f();
  }
  return to_python(summary);
}

}  // namespace

void bind_runs(py::module_& m) {
  m.def("default_recipe", [] { return default_recipe_text(); }, "the built-in default recipe (TOML), as `vitrum recipe --default`");
  m.def("_run_recipe", [](const std::string& text, const std::string& source, const std::filesystem::path& base_dir,
                          const std::filesystem::path& out, bool resume) {
          const Recipe recipe = parse_recipe(text, source, base_dir);
          try {
            return run_released([&] { return run_recipe(recipe, {out, resume}); });
          } catch (const Interrupted& i) {
            PyErr_SetString(PyExc_KeyboardInterrupt,
                            fmt::format("vitrum: interrupted by signal {}; checkpoint written to {}/checkpoint.bin, "
                                        "continue with vitrum.run(..., resume=True)", i.signal, out.string()).c_str());
            throw py::error_already_set();
          }
        }, py::arg("text"), py::arg("source"), py::arg("base_dir"), py::arg("out"), py::arg("resume"));
  m.def("_run_epm", [](const std::string& text, const std::string& source, const std::filesystem::path& out, bool progress) {
          const auto recipe = meso::parse_epm_recipe(text, source);
          return run_released([&] { return meso::run_epm(recipe, {out, VITRUM_VERSION, progress}); });
        }, py::arg("text"), py::arg("source"), py::arg("out"), py::arg("progress"));
  m.def("_run_seep", [](const std::string& text, const std::string& source, const std::filesystem::path& out) {
          const auto recipe = meso::parse_seep_recipe(text, source);
          return run_released([&] { return meso::run_seep(recipe, out); });
        }, py::arg("text"), py::arg("source"), py::arg("out"));
  m.def("_run_stz", [](const std::string& text, const std::string& source, const std::filesystem::path& out, bool progress) {
          const auto recipe = continuum::parse_stz_recipe(text, source);
          return run_released([&] { return continuum::run_stz(recipe, {out, VITRUM_VERSION, progress}); });
        }, py::arg("text"), py::arg("source"), py::arg("out"), py::arg("progress"));
  m.def("_run_lpbf", [](const std::string& text, const std::string& source, const std::filesystem::path& out, bool progress,
                        bool map) {
          const auto recipe = am::parse_lpbf_recipe(text, source);
          return run_released([&] { return am::run_lpbf(recipe, {out, VITRUM_VERSION, progress, map}); });
        }, py::arg("text"), py::arg("source"), py::arg("out"), py::arg("progress"), py::arg("map"));
  m.def("_run_ttt", [](const std::string& text, const std::string& source, const std::filesystem::path& out,
                       double calibrate_rc) {
          const auto recipe = gfa::parse_ttt_recipe(text, source);
          return run_released([&] { return gfa::run_ttt(recipe, {out, VITRUM_VERSION, calibrate_rc}); });
        }, py::arg("text"), py::arg("source"), py::arg("out"), py::arg("calibrate_rc"));
}

}  // namespace vitrum::python

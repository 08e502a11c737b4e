// Conversions shared by the binding files: NumPy arrays <-> vitrum vectors, JSON -> Python objects.
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vitrum/core/error.hpp"
#include "vitrum/core/vec3.hpp"

namespace vitrum::python {

namespace py = pybind11;

// The JSON the CLI writes, as the same Python dict (json.loads keeps keys and numbers exactly).
inline py::object to_python(const nlohmann::json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

// An (n, 3) float64 array, a copy of `v`.
inline py::array_t<double> to_array(const std::vector<Vec3>& v) {
  py::array_t<double> a({static_cast<py::ssize_t>(v.size()), py::ssize_t{3}});
  auto m = a.mutable_unchecked<2>();
  for (std::size_t i = 0; i < v.size(); ++i)
    for (int k = 0; k < 3; ++k) m(static_cast<py::ssize_t>(i), k) = v[i][k];
  return a;
}

// A 1-D array, a copy of `v`.
template <class T>
py::array_t<T> to_array(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

// An (n, 3) array (any numeric type NumPy converts) as Vec3s; `what` names it in errors.
inline std::vector<Vec3> to_vec3s(const py::array_t<double, py::array::c_style | py::array::forcecast>& a,
                                  const std::string& what, std::size_t expected_n) {
  if (a.ndim() != 2 || a.shape(1) != 3)
    throw Error(fmt::format("{}: expected an (n, 3) array, got {} dimension(s)", what, a.ndim()));
  if (static_cast<std::size_t>(a.shape(0)) != expected_n)
    throw Error(fmt::format("{}: expected {} rows (one per atom), got {}", what, expected_n, a.shape(0)));
  auto r = a.unchecked<2>();
  std::vector<Vec3> out(expected_n);
  for (std::size_t i = 0; i < expected_n; ++i) out[i] = {r(i, 0), r(i, 1), r(i, 2)};
  return out;
}

// A 1-D array of n values.
template <class T>
std::vector<T> to_vector(const py::array_t<T, py::array::c_style | py::array::forcecast>& a, const std::string& what,
                         std::size_t expected_n) {
  if (a.ndim() != 1) throw Error(fmt::format("{}: expected a 1-D array, got {} dimensions", what, a.ndim()));
  if (static_cast<std::size_t>(a.shape(0)) != expected_n)
    throw Error(fmt::format("{}: expected {} values (one per atom), got {}", what, expected_n, a.shape(0)));
  return {a.data(), a.data() + expected_n};
}

}  // namespace vitrum::python

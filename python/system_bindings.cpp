// vitrum.System: a configuration (box, atoms, types, elements) read, generated, built from arrays or written.
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
#include "vitrum/atomistic/build/generate.hpp"
#include "vitrum/atomistic/potential/model.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/io/replicate.hpp"

namespace vitrum::python {

namespace {

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using IntArray = py::array_t<int, py::array::c_style | py::array::forcecast>;
using Int64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// Per-atom masses from the per-type ones (1 where a type has none: reduced units).
void assign_masses(Configuration& c) {
  Particles& p = c.particles;
  p.mass.assign(p.size(), 1.0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const int t = p.type[i];
    if (t >= 1 && static_cast<std::size_t>(t) <= c.type_masses.size()) p.mass[i] = c.type_masses[static_cast<std::size_t>(t - 1)];
  }
}

Configuration from_arrays(const DoubleArray& positions, const IntArray& types, const std::array<double, 3>& lengths,
                          const std::array<double, 3>& lo, double tilt_xy, const std::optional<DoubleArray>& velocities,
                          const std::optional<DoubleArray>& diameters, const std::vector<double>& type_masses,
                          const std::vector<std::string>& elements, const std::optional<Int64Array>& ids, int dimension) {
  if (positions.ndim() != 2) throw Error("positions: expected an (n, 3) array");
  const auto n = static_cast<std::size_t>(positions.shape(0));
  Configuration c;
  for (double l : lengths)
    if (!(l > 0) || !std::isfinite(l)) throw Error(fmt::format("box lengths must be positive and finite, got {}", l));
  c.box = Box({lo[0], lo[1], lo[2]}, {lengths[0], lengths[1], lengths[2]}, tilt_xy);
  c.box.flip_tilt();
  Particles& p = c.particles;
  p.resize(n);
  p.position = to_vec3s(positions, "positions", n);
  p.type = to_vector<int>(types, "types", n);
  for (const Vec3& r : p.position)
    if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.z)) throw Error("positions: not finite (NaN or inf)");
  int max_type = 0;
  for (int t : p.type) {
    if (t < 1) throw Error(fmt::format("types: atom types start at 1, got {}", t));
    max_type = std::max(max_type, t);
  }
  c.type_count = std::max({max_type, static_cast<int>(type_masses.size()), static_cast<int>(elements.size())});
  if (velocities) {
    p.velocity = to_vec3s(*velocities, "velocities", n);
    c.has_velocities = true;
  }
  if (diameters) {
    p.diameter = to_vector<double>(*diameters, "diameters", n);
    c.has_diameters = true;
  }
  if (ids) {
    p.id = to_vector<std::int64_t>(*ids, "ids", n);
  } else {
    for (std::size_t i = 0; i < n; ++i) p.id[i] = static_cast<std::int64_t>(i) + 1;
  }
  c.type_masses = type_masses;
  c.type_elements = elements;
  c.dimension = dimension;
  assign_masses(c);
  for (std::size_t i = 0; i < n; ++i) c.box.wrap(p.position[i], p.image[i]);
  return c;
}

py::array_t<double> cell_matrix(const Box& b) {
  py::array_t<double> a({3, 3});
  auto m = a.mutable_unchecked<2>();
  const Vec3 l = b.lengths();
  const double rows[3][3] = {{l.x, 0, 0}, {b.xy(), l.y, 0}, {0, 0, l.z}};
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k) m(i, k) = rows[i][k];
  return a;
}

}  // namespace

void bind_system(py::module_& m) {
  py::class_<Configuration>(m, "System", R"doc(
A configuration: a periodic box (orthorhombic plus an xy tilt, LAMMPS's convention), atoms with 1-based types, ids,
positions, velocities, optional diameters (polydisperse models), per-type masses and element names.

Arrays are returned as NumPy copies in the order the atoms are stored (a file's order); assign a whole array to
change them (``s.positions = x``). Read with ``System.read``, make with ``System.generate`` or the constructor.)doc")
      .def(py::init(&from_arrays), py::arg("positions"), py::arg("types"), py::arg("box_lengths"),
           py::arg("box_lo") = std::array<double, 3>{0, 0, 0}, py::arg("tilt_xy") = 0.0, py::arg("velocities") = py::none(),
           py::arg("diameters") = py::none(), py::arg("type_masses") = std::vector<double>{},
           py::arg("elements") = std::vector<std::string>{}, py::arg("ids") = py::none(), py::arg("dimension") = 3,
           "A system from arrays: positions (n, 3), types (n,) from 1, box lengths (Lx, Ly, Lz) from box_lo, xy tilt "
           "[length]; masses per type (default 1), element per type (e.g. ['Cu', 'Zr']), ids (default 1..n). "
           "Positions are wrapped into the box (image counts kept), as LAMMPS does.")
      .def_static("read", [](const std::filesystem::path& path, std::optional<std::int64_t> frame) {
             return read_configuration(path, frame.value_or(kOnlyFrame));
           }, py::arg("path"), py::arg("frame") = py::none(),
                  "Read a LAMMPS data (.data/.lmp), LAMMPS dump (.dump/.lammpstrj) or extended XYZ (.xyz/.extxyz) file. "
                  "A file with several frames (a trajectory) needs `frame`: 0 = the first, -1 = the last; "
                  "read_trajectory() gives them all.")
      .def("write", [](const Configuration& c, const std::filesystem::path& path, const std::string& comment) {
             write_configuration(path, c, comment);
           }, py::arg("path"), py::arg("comment") = "",
           "Write by extension (.data, .dump, .xyz), atoms in increasing id, as `vitrum` writes its files.")
      .def_static("generate", [](const std::string& model, std::size_t n, std::optional<double> density,
                                 std::optional<std::vector<double>> composition, std::uint32_t seed, int dimension,
                                 double tilt, std::optional<double> min_distance) {
             GenerateOptions o;
             o.n = n;
             o.density = density;
             o.fractions = composition;
             o.seed = seed;
             o.dimension = dimension;
             o.tilt_xy = tilt;
             o.min_distance = min_distance;
             return generate_configuration(find_model(model), o);
           }, py::arg("model"), py::arg("n"), py::arg("density") = py::none(), py::arg("composition") = py::none(),
           py::arg("seed") = 1, py::arg("dimension") = 3, py::arg("tilt") = 0.0, py::arg("min_distance") = py::none(),
           "A random fluid of a built-in model, exactly as `vitrum generate --model MODEL -n N --seed SEED` writes it.")
      .def_static("generate_alloy", [](const PotentialHandle& potential, std::size_t n, const std::vector<double>& composition,
                                       std::optional<double> density, std::uint32_t seed) {
             GenerateOptions o;
             o.n = n;
             o.density = density;
             o.seed = seed;
             Configuration c = generate_configuration(alloy_model(potential.spec, composition), o);
             c.type_elements = potential.prototype->type_elements();
             return c;
           }, py::arg("potential"), py::arg("n"), py::arg("composition"), py::arg("density") = py::none(),
           py::arg("seed") = 1,
           "A random alloy for a potential that names its elements (EAM), as `vitrum generate --potential ...`.")
      .def("replicate", [](const Configuration& c, int nx, int ny, int nz) { return replicate(c, {nx, ny, nz}); },
           py::arg("nx"), py::arg("ny"), py::arg("nz"), "Periodic copies nx x ny x nz (ids renumbered).")
      .def("copy", [](const Configuration& c) { return c; })
      .def("__len__", [](const Configuration& c) { return c.particles.size(); })
      .def("__repr__", [](const Configuration& c) {
        const Vec3 l = c.box.lengths();
        return fmt::format("<vitrum.System {} atoms, {} types, box {:.6g} x {:.6g} x {:.6g}{}>", c.particles.size(),
                           c.type_count, l.x, l.y, l.z, c.box.is_tilted() ? fmt::format(", xy {:.6g}", c.box.xy()) : "");
      })
      .def_property_readonly("n", [](const Configuration& c) { return c.particles.size(); })
      .def_property_readonly("dimension", [](const Configuration& c) { return c.dimension; })
      .def_property_readonly("type_count", [](const Configuration& c) { return c.type_count; })
      .def_property("elements", [](const Configuration& c) { return c.type_elements; },
                    [](Configuration& c, const std::vector<std::string>& e) { c.type_elements = e; },
                    "element of each type (index t-1), empty when the file names none")
      .def_property("type_masses", [](const Configuration& c) { return c.type_masses; },
                    [](Configuration& c, const std::vector<double>& m) {
                      c.type_masses = m;
                      assign_masses(c);
                    }, "mass of each type (index t-1) in the file's units (g/mol in metal units)")
      .def_property("positions", [](const Configuration& c) { return to_array(c.particles.position); },
                    [](Configuration& c, const DoubleArray& a) { c.particles.position = to_vec3s(a, "positions", c.particles.size()); },
                    "(n, 3) copy [length]")
      .def_property("velocities", [](const Configuration& c) { return to_array(c.particles.velocity); },
                    [](Configuration& c, const DoubleArray& a) {
                      c.particles.velocity = to_vec3s(a, "velocities", c.particles.size());
                      c.has_velocities = true;
                    }, "(n, 3) copy [length/time]")
      .def_property("types", [](const Configuration& c) { return to_array(c.particles.type); },
                    [](Configuration& c, const IntArray& a) {
                      c.particles.type = to_vector<int>(a, "types", c.particles.size());
                      for (int t : c.particles.type) c.type_count = std::max(c.type_count, t);
                      assign_masses(c);
                    }, "(n,) copy, 1-based")
      .def_property_readonly("ids", [](const Configuration& c) { return to_array(c.particles.id); })
      .def_property("diameters", [](const Configuration& c) { return to_array(c.particles.diameter); },
                    [](Configuration& c, const DoubleArray& a) {
                      c.particles.diameter = to_vector<double>(a, "diameters", c.particles.size());
                      c.has_diameters = true;
                    }, "(n,) copy (polydisperse models; zeros elsewhere)")
      .def_property_readonly("masses", [](const Configuration& c) { return to_array(c.particles.mass); })
      .def_property_readonly("images", [](const Configuration& c) {
        py::array_t<int> a({static_cast<py::ssize_t>(c.particles.size()), py::ssize_t{3}});
        auto m = a.mutable_unchecked<2>();
        for (std::size_t i = 0; i < c.particles.size(); ++i)
          for (int k = 0; k < 3; ++k) m(static_cast<py::ssize_t>(i), k) = c.particles.image[i][static_cast<std::size_t>(k)];
        return a;
      })
      .def_property_readonly("unwrapped_positions", [](const Configuration& c) {
        std::vector<Vec3> u(c.particles.size());
        for (std::size_t i = 0; i < u.size(); ++i) u[i] = c.box.unwrap(c.particles.position[i], c.particles.image[i]);
        return to_array(u);
      }, "(n, 3) positions plus image counts times the lattice vectors (continuous through periodic boundaries)")
      .def_property_readonly("has_velocities", [](const Configuration& c) { return c.has_velocities; })
      .def_property_readonly("has_diameters", [](const Configuration& c) { return c.has_diameters; })
      .def_property_readonly("box_lo", [](const Configuration& c) { return std::array<double, 3>{c.box.lo().x, c.box.lo().y, c.box.lo().z}; })
      .def_property_readonly("box_lengths", [](const Configuration& c) {
        return std::array<double, 3>{c.box.lengths().x, c.box.lengths().y, c.box.lengths().z};
      })
      .def_property_readonly("tilt_xy", [](const Configuration& c) { return c.box.xy(); })
      .def_property("strain_xy", [](const Configuration& c) { return c.box.strain_xy(); },
                    [](Configuration& c, double g) { c.box.set_strain_xy(g); },
                    "accumulated engineering shear strain (not wrapped; files do not carry it, so 0 after read): "
                    "D2min's Lees-Edwards images use the difference between two states")
      .def_property_readonly("cell", [](const Configuration& c) { return cell_matrix(c.box); },
                             "lattice vectors as rows a = (Lx, 0, 0), b = (xy, Ly, 0), c = (0, 0, Lz) (ASE's cell)")
      .def_property_readonly("volume", [](const Configuration& c) { return c.box.volume(); })
      .def_property_readonly("step", [](const Configuration& c) { return c.step; },
                             "timestep the file gave (a trajectory frame's step; 0 for a data file)");
  m.def("read_trajectory", [](const std::filesystem::path& path) { return read_all_frames(path); }, py::arg("path"),
        "Every frame of a multi-frame file (extended XYZ or LAMMPS dump, as `[output] dump_every` writes), as a list "
        "of System; a LAMMPS data file gives one.");
  m.def("count_frames", [](const std::filesystem::path& path) { return count_frames(path); }, py::arg("path"),
        "The number of frames in a configuration file (their counts checked, not their atoms).");
}

}  // namespace vitrum::python

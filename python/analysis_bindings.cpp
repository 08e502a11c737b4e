// vitrum.analysis: g(r), S(q), Voronoi, Steinhardt, normal modes, elastic constants, D2min in freud's shape
// (construct with options, .compute(system), read the results), the same code `vitrum analyze` runs.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "conversions.hpp"
#include "potential_handle.hpp"
#include "vitrum/analysis/elastic_constants.hpp"
#include "vitrum/analysis/hessian_modes.hpp"
#include "vitrum/analysis/neighbors.hpp"
#include "vitrum/analysis/rdf.hpp"
#include "vitrum/analysis/steinhardt.hpp"
#include "vitrum/analysis/structure_factor.hpp"
#include "vitrum/analysis/voronoi.hpp"
#include "vitrum/analysis/voronoi_radii.hpp"
#include "vitrum/atomistic/minimize/minimizer.hpp"
#include "vitrum/atomistic/shear/d2min.hpp"

namespace vitrum::python {

namespace {

using namespace vitrum::analysis;

// `vitrum analyze`'s default g(r) range: min(5, 0.49 x the narrowest perpendicular width).
double default_r_max(const Configuration& c) {
  const Vec3 w = c.box.perpendicular_widths();
  return std::min(5.0, 0.49 * std::min({w.x, w.y, w.z}));
}

int type_count(const Configuration& c) { return std::max(c.type_count, c.particles.max_type()); }

// The result of an analysis object's last compute(), or an error naming the class when it has none yet.
template <class T>
const T& computed(const std::optional<T>& result, const char* name) {
  if (!result) throw Error(fmt::format("{}: call compute(system) first", name));
  return *result;
}

struct PyRdf {
  std::size_t bins;
  std::optional<double> r_max;
  std::optional<Rdf> rdf;
  const Rdf& get() const { return computed(rdf, "RDF"); }
};

struct PySq {
  std::size_t bins;
  double q_max;
  std::string method;
  int fft_grid;
  std::optional<StructureFactor> sq;
  const StructureFactor& get() const { return computed(sq, "StructureFactor"); }
};

struct PyVoronoi {
  double face_threshold;
  std::optional<Voronoi> voronoi;
  std::vector<int> types;
  std::string radii_label;
  const Voronoi& get() const { return computed(voronoi, "Voronoi"); }
};

struct PySteinhardt {
  std::vector<int> ls;
  std::string neighbors;
  std::optional<double> r_cut;
  double face_threshold;
  std::optional<Steinhardt> st;
  std::string neighbor_label;
  const Steinhardt& get() const { return computed(st, "Steinhardt"); }
};

// Modes and elastic constants need an inherent structure: the check `vitrum analyze` makes.
System bound_inherent_structure(const PotentialHandle& potential, const Configuration& c, double ftol, const char* what) {
  System s = potential.bind(c);
  const double fmax = max_force(s.cfg.particles);
  if (fmax > ftol)
    throw Error(fmt::format("{} needs an inherent structure, but max |F| = {:.3g} > ftol = {:.3g} (minimise first: "
                            "Potential.minimize)", what, fmax, ftol));
  return s;
}

struct PyModes {
  PotentialHandle potential;
  int modes, soft_modes;
  double ftol;
  std::optional<HessianModes> hm;
  const HessianModes& get() const { return computed(hm, "NormalModes"); }
};

struct PyElastic {
  PotentialHandle potential;
  double ftol;
  std::optional<ElasticConstants> ec;
  const ElasticConstants& get() const { return computed(ec, "ElasticConstants"); }
};

struct PyD2min {
  double cutoff;
  std::vector<double> values;
};

py::array_t<double> voigt(const Voigt6& v) {
  py::array_t<double> a({6, 6});
  auto m = a.mutable_unchecked<2>();
  for (int i = 0; i < 6; ++i)
    for (int k = 0; k < 6; ++k) m(i, k) = v[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
  return a;
}

}  // namespace

void bind_analysis(py::module_& m) {
  py::class_<PyRdf>(m, "RDF", "Pair distribution g(r) and its partials g_ab(r), as `vitrum analyze --compute gr`")
      .def(py::init([](std::size_t bins, std::optional<double> r_max) { return PyRdf{bins, r_max, {}}; }),
           py::arg("bins") = 250, py::arg("r_max") = py::none(),
           "r_max default: min(5, 0.49 x the narrowest box width), as the CLI")
      .def("compute", [](PyRdf& self, const Configuration& c) -> PyRdf& {
             const double r_max = self.r_max.value_or(default_r_max(c));
             self.rdf.emplace(self.bins, r_max);
             self.rdf->compute(c.box, c.particles.position, c.particles.type, type_count(c));
             return self;
           }, py::arg("system"), py::return_value_policy::reference_internal)
      .def_property_readonly("bin_centers", [](const PyRdf& s) { return to_array(s.get().bin_centers()); })
      .def_property_readonly("rdf", [](const PyRdf& s) { return to_array(s.get().g()); })
      .def("partial", [](const PyRdf& s, int a, int b) { return to_array(s.get().g(a, b)); }, py::arg("a"), py::arg("b"))
      .def("coordination", [](const PyRdf& s, int a, int b) { return to_array(s.get().coordination(a, b)); },
           py::arg("a"), py::arg("b"), "running coordination number of b around a at each bin")
      .def_property_readonly("first_peak", [](const PyRdf& s) { return s.get().first_peak(); })
      .def_property_readonly("first_minimum", [](const PyRdf& s) { return s.get().first_minimum(); })
      .def_property_readonly("r_max", [](const PyRdf& s) { return s.get().r_max(); });

  py::class_<PySq>(m, "StructureFactor", "S(q) by direct sum over wave vectors or FFT, as `vitrum analyze --compute sq`")
      .def(py::init([](std::size_t bins, double q_max, const std::string& method, int fft_grid) {
             if (method != "direct" && method != "fft") throw Error(fmt::format("method: '{}' is not direct or fft", method));
             return PySq{bins, q_max, method, fft_grid, {}};
           }), py::arg("bins") = 120, py::arg("q_max") = 12.0, py::arg("method") = "direct", py::arg("fft_grid") = 128)
      .def("compute", [](PySq& self, const Configuration& c) -> PySq& {
             self.sq.emplace(self.bins, self.q_max, self.method == "fft" ? StructureFactor::Method::Fft : StructureFactor::Method::Direct,
                             self.fft_grid);
             self.sq->compute(c.box, c.particles.position, c.particles.type, type_count(c));
             return self;
           }, py::arg("system"), py::return_value_policy::reference_internal)
      .def_property_readonly("bin_centers", [](const PySq& s) { return to_array(s.get().bin_centers()); })
      .def_property_readonly("S", [](const PySq& s) { return to_array(s.get().s()); },
                             "NaN in bins below the box's smallest wave vector (see vector_counts)")
      .def_property_readonly("vector_counts", [](const PySq& s) { return to_array(s.get().vector_counts()); })
      .def("partial", [](const PySq& s, int a, int b) { return to_array(s.get().s(a, b)); }, py::arg("a"), py::arg("b"))
      .def("bhatia_thornton", [](const PySq& s, const std::string& which) { return to_array(s.get().bhatia_thornton(which)); },
           py::arg("which"), "NN, CC or NC (binary systems)")
      .def_property_readonly("first_peak", [](const PySq& s) { return s.get().first_peak(); });

  py::class_<PyVoronoi>(m, "Voronoi", "Radical Voronoi tessellation (voro++): volumes, <n3,n4,n5,n6> indices")
      .def(py::init([](double t) { return PyVoronoi{t, {}, {}, {}}; }), py::arg("face_threshold") = 0.0,
           "drop faces smaller than this fraction of the cell's area")
      .def("compute", [](PyVoronoi& self, const Configuration& c, const PotentialHandle* potential,
                         std::optional<std::vector<double>> radii) -> PyVoronoi& {
             std::vector<double> r;
             if (potential && radii) throw Error("Voronoi.compute: give a potential or radii, not both");
             if (potential) {
               const System s = potential->bind(c);
               auto vr = voronoi_radii(*s.potential, s.cfg.particles);
               r = std::move(vr.radii);
               self.radii_label = vr.label;
               self.types = s.cfg.particles.type;  // types mapped to the potential's elements
             } else if (radii) {
               if (radii->size() != c.particles.size())
                 throw Error(fmt::format("radii: expected {} values, got {}", c.particles.size(), radii->size()));
               r = *radii;
               self.radii_label = "given";
             } else {
               self.radii_label = "equal (plain Voronoi)";
             }
             self.voronoi.emplace(self.face_threshold);
             self.voronoi->compute(c.box, c.particles.position, r);
             if (!potential) self.types = c.particles.type;
             return self;
           }, py::arg("system"), py::arg("potential") = nullptr, py::arg("radii") = py::none(),
           "radii from the potential as `vitrum analyze` takes them (sigma_ii/2; EAM: element radii), or given, or "
           "equal", py::return_value_policy::reference_internal)
      .def_property_readonly("volumes", [](const PyVoronoi& s) { return to_array(s.get().volumes()); })
      .def_property_readonly("volume_sum", [](const PyVoronoi& s) { return s.get().volume_sum(); })
      .def_property_readonly("indices", [](const PyVoronoi& s) {
        const auto& idx = s.get().indices();
        py::array_t<int> a({static_cast<py::ssize_t>(idx.size()), py::ssize_t{4}});
        auto w = a.mutable_unchecked<2>();
        for (std::size_t i = 0; i < idx.size(); ++i)
          for (int e = 0; e < 4; ++e) w(static_cast<py::ssize_t>(i), e) = idx[i].n[static_cast<std::size_t>(e)];
        return a;
      }, "(n, 4) Voronoi indices n3, n4, n5, n6")
      .def("icosahedral_fraction", [](const PyVoronoi& s, int type) { return icosahedral_fraction(s.get().indices(), s.types, type); },
           py::arg("type"), "fraction of atoms of this type in a <0,0,12,0> cell")
      .def("top_indices", [](const PyVoronoi& s, std::size_t k) { return top_indices(s.get().indices(), k); }, py::arg("k") = 10)
      .def_property_readonly("radii", [](const PyVoronoi& s) { return s.radii_label; });

  py::class_<PySteinhardt>(m, "Steinhardt", "Bond-orientational order q_l and w_l per atom")
      .def(py::init([](std::vector<int> ls, const std::string& neighbors, std::optional<double> r_cut, double face_threshold) {
             if (neighbors != "cutoff" && neighbors != "voronoi")
               throw Error(fmt::format("neighbors: '{}' is not cutoff or voronoi", neighbors));
             return PySteinhardt{std::move(ls), neighbors, r_cut, face_threshold, {}, {}};
           }), py::arg("l") = std::vector<int>{4, 6}, py::arg("neighbors") = "cutoff", py::arg("r_cut") = py::none(),
           py::arg("face_threshold") = 0.0,
           "neighbors 'cutoff' (default r_cut: g(r)'s first minimum, as the CLI) or 'voronoi' (area-weighted faces)")
      .def("compute", [](PySteinhardt& self, const Configuration& c, const PotentialHandle* potential) -> PySteinhardt& {
             self.st.emplace(self.ls, self.neighbors == "voronoi");
             if (self.neighbors == "voronoi") {
               std::vector<double> r;
               if (potential) r = voronoi_radii(*potential->bind(c).potential, c.particles).radii;
               Voronoi v(self.face_threshold);
               v.compute(c.box, c.particles.position, r);
               self.st->compute(v.neighbors());
               self.neighbor_label = "voronoi faces, area-weighted";
             } else {
               double rc = 0;
               if (self.r_cut) {
                 rc = *self.r_cut;
               } else {
                 Rdf rdf(250, default_r_max(c));
                 rdf.compute(c.box, c.particles.position, c.particles.type, type_count(c));
                 rc = rdf.first_minimum();
               }
               self.st->compute(neighbors_within(c.box, c.particles.position, rc));
               self.neighbor_label = fmt::format("cutoff {:.6g}", rc);
             }
             return self;
           }, py::arg("system"), py::arg("potential") = nullptr, py::return_value_policy::reference_internal)
      .def("ql", [](const PySteinhardt& s, int l) { return to_array(s.get().ql(l)); }, py::arg("l"))
      .def("wl", [](const PySteinhardt& s, int l) { return to_array(s.get().wl(l)); }, py::arg("l"))
      .def("mean_ql", [](const PySteinhardt& s, int l) { return s.get().mean_ql(l); }, py::arg("l"))
      .def_property_readonly("neighbors", [](const PySteinhardt& s) { return s.neighbor_label; });

  py::class_<PyModes>(m, "NormalModes", "Lowest vibrational modes of an inherent structure (mass-weighted Hessian)")
      .def(py::init([](const PotentialHandle& p, int modes, int soft_modes, double ftol) {
             return PyModes{p, modes, soft_modes, ftol, {}};
           }), py::arg("potential"), py::arg("modes") = 20, py::arg("soft_modes") = 20, py::arg("ftol") = 1e-6)
      .def("compute", [](PyModes& self, const Configuration& c) -> PyModes& {
             System s = bound_inherent_structure(self.potential, c, self.ftol, "NormalModes");
             self.hm.emplace(self.modes, self.soft_modes);
             py::gil_scoped_release release;
             self.hm->compute(*s.potential, s.cfg.particles, s.cfg.box);
             return self;
           }, py::arg("system"), py::return_value_policy::reference_internal)
      .def_property_readonly("eigenvalues", [](const PyModes& s) { return to_array(s.get().eigenvalues()); }, "omega^2, ascending")
      .def_property_readonly("participation_ratios", [](const PyModes& s) { return to_array(s.get().participation_ratios()); })
      .def_property_readonly("zero_modes", [](const PyModes& s) { return to_array(s.get().zero_modes()); })
      .def_property_readonly("soft_spot", [](const PyModes& s) { return to_array(s.get().soft_spot_field()); })
      .def_property_readonly("eigenvectors", [](const PyModes& s) {
        const auto& v = s.get().eigenvectors();
        py::array_t<double> a({static_cast<py::ssize_t>(v.rows()), static_cast<py::ssize_t>(v.cols())});
        auto w = a.mutable_unchecked<2>();
        for (py::ssize_t i = 0; i < v.rows(); ++i)
          for (py::ssize_t k = 0; k < v.cols(); ++k) w(i, k) = v(i, k);
        return a;
      }, "(3n, modes)");

  py::class_<PyElastic>(m, "ElasticConstants", "Born minus non-affine relaxation elastic constants of an inherent structure")
      .def(py::init([](const PotentialHandle& p, double ftol) { return PyElastic{p, ftol, {}}; }), py::arg("potential"),
           py::arg("ftol") = 1e-6)
      .def("compute", [](PyElastic& self, const Configuration& c) -> PyElastic& {
             System s = bound_inherent_structure(self.potential, c, self.ftol, "ElasticConstants");
             self.ec.emplace();
             py::gil_scoped_release release;
             self.ec->compute(*s.potential, s.cfg.particles, s.cfg.box);
             return self;
           }, py::arg("system"), py::return_value_policy::reference_internal)
      .def_property_readonly("C", [](const PyElastic& s) { return voigt(s.get().constants()); },
                             "(6, 6), Voigt order xx yy zz xy xz yz [pressure in the potential's energy/length^3]")
      .def_property_readonly("born", [](const PyElastic& s) { return voigt(s.get().born()); })
      .def_property_readonly("stress", [](const PyElastic& s) { return s.get().stress(); })
      .def_property_readonly("shear_modulus_xy", [](const PyElastic& s) { return s.get().shear_modulus_xy(); })
      .def_property_readonly("affine_shear_modulus_xy", [](const PyElastic& s) { return s.get().affine_shear_modulus_xy(); })
      .def_property_readonly("bulk_modulus", [](const PyElastic& s) { return s.get().bulk_modulus(); })
      .def_property_readonly("shear_modulus", [](const PyElastic& s) { return s.get().shear_modulus(); },
                             "Voigt average");

  py::class_<PyD2min>(m, "D2min", "Falk-Langer non-affine displacement D2min between a reference and a deformed state")
      .def(py::init([](double cutoff) {
             if (!(cutoff > 0)) throw Error(fmt::format("cutoff must be positive, got {}", cutoff));
             return PyD2min{cutoff, {}};
           }), py::arg("cutoff"))
      .def("compute", [](PyD2min& self, const Configuration& reference, const Configuration& current) -> PyD2min& {
             self.values = d2min(reference, current, self.cutoff);
             return self;
           }, py::arg("reference"), py::arg("current"), py::return_value_policy::reference_internal)
      .def_property_readonly("values", [](const PyD2min& s) { return to_array(s.values); });
}

}  // namespace vitrum::python

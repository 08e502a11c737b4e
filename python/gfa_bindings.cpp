// vitrum.gfa: compositions, criteria and features of src/vitrum/gfa, and trained model files, from Python.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <variant>

#include "bindings.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/gfa/composition.hpp"
#include "vitrum/gfa/criteria.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/element_data.hpp"
#include "vitrum/gfa/features.hpp"
#include "vitrum/gfa/model.hpp"
#include "vitrum/gfa/periodic_table.hpp"

namespace py = pybind11;
using namespace vitrum::gfa;

namespace vitrum::python {
namespace {

using CompositionLike = std::variant<Composition, std::string>;

// The JSON the CLI prints, as the same Python dict (json.loads keeps keys and numbers exactly).
py::object to_python(const nlohmann::json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

// Strings may end in "wt%": the atomic weights come from `data`.
Composition as_composition(const CompositionLike& c, const ElementData& data) {
  if (const auto* s = std::get_if<std::string>(&c)) return parse_composition(*s, data);
  return std::get<Composition>(c);
}

// A featurizer with the ElementData it reads (kept alive by Python), which also parses wt% strings.
struct PyFeaturizer {
  const ElementData* data;
  Featurizer featurizer;
};

// A loaded model file with the featurizer of its feature set (the ElementData is kept alive by Python).
struct PyModel {
  GfaModel model;
  const ElementData* data;
  Featurizer featurizer;
};

}  // namespace

void bind_gfa(py::module_& m) {
  py::class_<Composition>(m, "Composition", "Elements (atomic-number order) and atomic fractions summing to 1")
      .def_property_readonly("z", [](const Composition& c) { return c.z; })
      .def_property_readonly("elements", [](const Composition& c) {
        std::vector<std::string> s;
        for (int z : c.z) s.emplace_back(element_symbol(z));
        return s;
      })
      .def_property_readonly("fractions", [](const Composition& c) { return c.x; })
      .def("as_dict", [](const Composition& c) {
        py::dict d;
        for (std::size_t i = 0; i < c.size(); ++i) d[py::str(std::string(element_symbol(c.z[i])))] = c.x[i];
        return d;
      }, "{symbol: atomic fraction}")
      .def_property_readonly("label", &Composition::label)
      .def_property_readonly("system", &Composition::system)
      .def("__len__", &Composition::size)
      .def("__repr__", [](const Composition& c) { return "Composition('" + c.label() + "')"; });

  m.def("parse_composition", [](const std::string& text, const ElementData* data) {
        return data ? parse_composition(text, *data) : parse_composition(text);
      }, py::arg("text"), py::arg("data") = py::none(),
        "Parses 'Zr41.2Ti13.8Cu12.5Ni10Be22.5', '(Cu50Zr50)98Al2', 'Fe70Cr18Ni12 wt%' (the last needs data for the "
        "atomic weights; docs/gfa.md); raises vitrum.Error naming the string and position");
  m.def("weight_to_atomic", &weight_to_atomic, py::arg("by_weight"), py::arg("data"),
        "Atomic fractions of a Composition whose fractions are weight fractions");

  py::class_<ElementData>(m, "ElementData", "Magpie elemental tables and Miedema enthalpies from the GFA data directory")
      .def(py::init([](const std::string& dir) { return ElementData::load(resolve_data_dir(dir)); }), py::arg("data_dir") = "",
           "data_dir: '' means $VITRUM_GFA_DATA, then the build's ../shared/data/gfa")
      .def_property_readonly("dir", [](const ElementData& d) { return d.dir().string(); });

  m.def("criteria",
        [](const CompositionLike& c, const ElementData& data, std::optional<double> tg, std::optional<double> tx,
           std::optional<double> tl) {
          const Composition comp = as_composition(c, data);
          std::optional<CharacteristicTemperatures> t;
          const int given = tg.has_value() + tx.has_value() + tl.has_value();
          if (given == 3) t = CharacteristicTemperatures{*tg, *tx, *tl};
          else if (given != 0) throw vitrum::Error("criteria: tg, tx and tl go together: give all three or none");
          return to_python(criteria_json(comp, compute_criteria(comp, data, t)));
        },
        py::arg("composition"), py::arg("data"), py::arg("tg") = py::none(), py::arg("tx") = py::none(), py::arg("tl") = py::none(),
        "The dict of `vitrum gfa criteria --format json` (delta, dH_mix_kJ_per_mol, ..., inoue)");

  py::class_<PyFeaturizer>(m, "Featurizer", "The 152 Magpie + physical features (docs/gfa.md), or one group of them")
      .def(py::init([](const ElementData& data, const std::string& set) { return PyFeaturizer{&data, Featurizer(data, parse_feature_set(set))}; }),
           py::arg("data"), py::arg("feature_set") = "all", py::keep_alive<1, 2>())
      .def_property_readonly("names", [](const PyFeaturizer& p) { return p.featurizer.names(); })
      .def_property_readonly("feature_set", [](const PyFeaturizer& p) { return to_string(p.featurizer.set()); })
      .def("__len__", [](const PyFeaturizer& p) { return p.featurizer.size(); })
      .def("compute", [](const PyFeaturizer& p, const CompositionLike& c) {
        py::array_t<double> out(static_cast<py::ssize_t>(p.featurizer.size()));
        p.featurizer.compute(as_composition(c, *p.data), out.mutable_data());
        return out;
      }, py::arg("composition"), "feature vector (numpy float64)")
      .def("compute_many", [](const PyFeaturizer& p, const std::vector<CompositionLike>& cs, int threads) {
        std::vector<Composition> comps;
        for (const auto& c : cs) comps.push_back(as_composition(c, *p.data));
        FeatureMatrix x;
        {
          py::gil_scoped_release release;
          x = featurize(p.featurizer, comps, threads);
        }
        py::array_t<double> out({static_cast<py::ssize_t>(x.rows), static_cast<py::ssize_t>(x.cols)});
        std::copy(x.v.begin(), x.v.end(), out.mutable_data());
        return out;
      }, py::arg("compositions"), py::arg("threads") = 1, "feature matrix, one row per composition");

  py::class_<PyModel>(m, "Model", "A model file from `vitrum gfa train` (random forest or XGBoost per target)")
      .def_static("load", [](const std::string& file, const ElementData& data) {
        auto model = GfaModel::load(file, data);
        const auto set = model.set();
        return PyModel{std::move(model), &data, Featurizer(data, set)};
      }, py::arg("file"), py::arg("data"), py::keep_alive<0, 2>())
      .def_property_readonly("targets", [](const PyModel& p) {
        std::vector<std::string> t;
        for (const auto& [name, l] : p.model.learners()) t.push_back(name);
        return t;
      })
      .def_property_readonly("feature_set", [](const PyModel& p) { return to_string(p.model.set()); })
      .def_property_readonly("provenance", [](const PyModel& p) { return to_python(p.model.provenance()); },
                             "vitrum version, learner, trees, seed and the data file and rows of each target")
      .def_property_readonly("feature_names", [](const PyModel& p) { return p.model.feature_names(); })
      .def("kind", [](const PyModel& p, const std::string& target) { return to_string(p.model.learner(target).kind()); },
           py::arg("target"), "'forest' or 'xgboost'")
      .def("predict", [](const PyModel& p, const CompositionLike& c) { return to_python(p.model.predict_json(as_composition(c, *p.data), p.featurizer)); },
           py::arg("composition"), "The dict of `vitrum gfa predict --format json` for one composition (without 'input')")
      .def("predict_features", [](const PyModel& p, const std::string& target,
                                  py::array_t<double, py::array::c_style | py::array::forcecast> x) {
        const Learner& l = p.model.learner(target);
        if (x.ndim() != 2 || static_cast<std::size_t>(x.shape(1)) != l.cols())
          throw vitrum::Error("predict_features: expected a 2-D array with " + std::to_string(l.cols()) + " columns");
        const auto rows = static_cast<std::size_t>(x.shape(0));
        py::array_t<double> out(static_cast<py::ssize_t>(rows));
        l.predict_batch(x.data(), rows, out.mutable_data());
        return out;
      }, py::arg("target"), py::arg("x"), "one target for a feature matrix (rows from Featurizer.compute_many)");
}

}  // namespace vitrum::python

#include "vitrum/gfa/model.hpp"

#include <exception>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/dataset.hpp"
#include "vitrum/io/configuration.hpp"
#include "vitrum/io/sealed_file.hpp"

namespace vitrum::gfa {

FeatureMatrix featurize(const Featurizer& f, const std::vector<Composition>& comps, int threads) {
  FeatureMatrix x;
  x.rows = comps.size();
  x.cols = f.size();
  x.v.resize(x.rows * x.cols);
  const int nt = std::max(1, threads);
  // An error in a worker (e.g. an element without Miedema data) is rethrown here, not left to terminate().
  std::vector<std::exception_ptr> failure(static_cast<std::size_t>(nt));
  std::vector<std::thread> pool;
  for (int w = 0; w < nt; ++w)
    pool.emplace_back([&, w] {
      try {
        for (std::size_t i = static_cast<std::size_t>(w); i < x.rows; i += static_cast<std::size_t>(nt)) f.compute(comps[i], x.row(i));
      } catch (...) {
        failure[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  for (auto& t : pool) t.join();
  for (const auto& e : failure)
    if (e) std::rethrow_exception(e);
  return x;
}

GfaModel GfaModel::train(const std::filesystem::path& data_dir, const ElementData& data, const TrainOptions& o) {
  GfaModel m;
  m.set_ = o.set;
  const Featurizer f(data, o.set);
  m.names_ = f.names();
  auto fit = [&](const LabelledSet& s, bool classification) {
    auto p = LearnerParams::make(o.model, o.trees, classification, o.seed, o.threads);
    p.boost = o.boost;
    p.boost.rounds = o.trees;
    p.boost.classification = classification;
    p.boost.seed = o.seed;
    p.boost.threads = o.threads;
    return train_learner(featurize(f, s.comps, o.threads), s.y, p);
  };
  nlohmann::json trained_on;
  auto add = [&](const std::string& target, const LabelledSet& s, bool classification) {
    m.learners_.emplace(target, fit(s, classification));
    trained_on[target] = {{"file", std::filesystem::path(s.source).lexically_relative(data_dir).generic_string()},
                          {"rows", s.size()}};
  };
  add("p_glass", load_ward2016_glass(data_dir), true);
  if (o.regressions) {
    add("dmax_mm", load_xiong2020_dmax(data_dir), false);
    add("tg_k", load_xiong2020_temperature(data_dir, 1), false);
    add("tx_k", load_xiong2020_temperature(data_dir, 2), false);
    add("tl_k", load_xiong2020_temperature(data_dir, 3), false);
  }
  m.provenance_ = {{"vitrum_version", o.version}, {"learner", to_string(o.model)},
                   {"trees", o.trees}, {"seed", o.seed}, {"features", to_string(o.set)}, {"trained_on", trained_on}};
  return m;
}

void GfaModel::save(const std::filesystem::path& file) const {
  std::ostringstream out;
  out << "vitrum-gfa-model 2\n" << "provenance " << provenance_.dump() << '\n' << "features " << to_string(set_) << ' ' << names_.size() << '\n';
  for (const auto& n : names_) out << n << '\n';
  out << "targets " << learners_.size() << '\n';
  for (const auto& [name, learner] : learners_) {
    out << "target " << name << '\n';
    learner->write(out);
  }
  // Sealed (length, CRC-32): a truncated or damaged model is refused on load, never predicts other numbers.
  write_file_atomically(file, seal("gfa-model", 1, out.str()));
}

GfaModel GfaModel::load(const std::filesystem::path& file, const ElementData& data) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw Error(fmt::format("{}: cannot open the GFA model (train one with `vitrum gfa train -o {}`)", file.string(), file.string()));
  std::istringstream in(read_sealed(file, "gfa-model", 1));
  const std::string where = file.string();
  std::string magic, tag, set_name;
  int version = 0;
  std::size_t n = 0;
  if (!(in >> magic >> version) || magic != "vitrum-gfa-model" || (version != 1 && version != 2))
    throw Error(fmt::format("{}: not a vitrum GFA model file (version 1 or 2)", where));
  nlohmann::json provenance = nlohmann::json::object();
  if (version == 2) {  // format 2 records what the model was trained on, as one JSON line
    std::string line;
    if (!(in >> tag) || tag != "provenance" || !std::getline(in, line))
      throw Error(fmt::format("{}: expected 'provenance {{...}}'", where));
    try {
      provenance = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception&) {
      throw Error(fmt::format("{}: its provenance line is not JSON", where));
    }
  }
  if (!(in >> tag >> set_name >> n) || tag != "features") throw Error(fmt::format("{}: expected 'features SET COUNT'", where));
  GfaModel m;
  m.provenance_ = std::move(provenance);
  m.set_ = parse_feature_set(set_name);
  m.names_.resize(n);
  for (auto& s : m.names_) in >> s;
  const Featurizer f(data, m.set_);
  if (m.names_ != f.names())
    throw Error(fmt::format("{}: its {} feature names differ from the {} this build computes; retrain the model", where, n, f.size()));
  std::size_t targets = 0;
  if (!(in >> tag >> targets) || tag != "targets") throw Error(fmt::format("{}: expected 'targets COUNT'", where));
  for (std::size_t t = 0; t < targets; ++t) {
    std::string name;
    if (!(in >> tag >> name) || tag != "target") throw Error(fmt::format("{}: expected 'target NAME'", where));
    auto learner = read_learner(in, fmt::format("{} (target {})", where, name));
    if (learner->cols() != n) throw Error(fmt::format("{}: target {} uses {} features, not {}", where, name, learner->cols(), n));
    m.learners_.emplace(name, std::move(learner));
  }
  return m;
}

nlohmann::json GfaModel::predict_json(const Composition& c, const Featurizer& f) const {
  if (f.names() != names_) throw Error("GFA model: the featurizer's features differ from the model's");
  const auto x = f.compute(c);
  nlohmann::json j = {{"composition", c.label()}};
  for (const auto& [name, learner] : learners_) j[name] = learner->predict(x.data());
  if (has("p_glass")) j["glass"] = j["p_glass"].get<double>() >= 0.5;
  if (has("tg_k") && has("tl_k") && has("tx_k")) {
    const double tg = j["tg_k"], tx = j["tx_k"], tl = j["tl_k"];
    j["t_rg"] = tg / tl;
    j["gamma"] = tx / (tg + tl);
  }
  return j;
}

const Learner& GfaModel::learner(const std::string& target) const {
  const auto it = learners_.find(target);
  if (it == learners_.end()) throw Error(fmt::format("GFA model has no '{}' model", target));
  return *it->second;
}

}  // namespace vitrum::gfa

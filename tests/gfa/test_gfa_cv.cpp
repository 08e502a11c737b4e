// The glass classifier on a subset of Ward 2016: honest CV lands near the published accuracy; system-out CV is harder.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "vitrum/core/error.hpp"
#include "vitrum/gfa/cv_report.hpp"
#include "vitrum/gfa/data_dir.hpp"
#include "vitrum/gfa/dataset.hpp"
#include "vitrum/gfa/model.hpp"
#include "vitrum/io/sealed_file.hpp"

#include "gfa_test_data.hpp"

using namespace vitrum::gfa;

namespace {
using test::data;
using test::dir;
}  // namespace

TEST(GfaData, Ward2016LoadsWithWardsConvention) {
  const auto s = load_ward2016_glass(dir());
  EXPECT_EQ(s.raw_rows, 6836u);  // README: 6836 rows
  EXPECT_EQ(s.skipped, 0u);
  EXPECT_LT(s.size(), s.raw_rows);  // repeats merged
  EXPECT_GT(s.size(), 5000u);
  double glass = 0;
  for (double y : s.y) glass += y;
  // AM is 4868/6836 = 0.71 of the raw rows; merging keeps the most glassy label per composition.
  EXPECT_GT(glass / s.size(), 0.65);
  EXPECT_LT(glass / s.size(), 0.80);
}

TEST(GfaData, XiongSetsLoad) {
  const auto d = load_xiong2020_dmax(dir());
  EXPECT_EQ(d.raw_rows, 5933u);
  EXPECT_EQ(d.skipped, 1u);  // "Al40Cu60T": T is not an element
  EXPECT_NE(d.skipped_examples.at(0).find("unknown element 'T'"), std::string::npos);
  EXPECT_GT(d.size(), 5000u);
  const auto tg = load_xiong2020_temperature(dir(), 1);
  EXPECT_EQ(tg.raw_rows, 669u);
  EXPECT_EQ(tg.skipped, 0u);  // the bracketed "[(Fe0.5Co0.5)72Mo4B24]94Dy6" rows parse
  for (double t : tg.y) {
    EXPECT_GT(t, 200.0);
    EXPECT_LT(t, 1500.0);
  }
  EXPECT_THROW(load_xiong2020_temperature(dir(), 4), vitrum::Error);
}

TEST(GfaData, FeBasedDmaxSetLoads) {
  const auto fe = load_fe2025_dmax(dir());
  EXPECT_EQ(fe.raw_rows, 495u);  // README: 495 Fe-based bulk glasses
  // Three malformed rows are counted, not parsed: "Fe76Mo4(P0.45.C0.2.B0.2.Si0.15)20", "(Fe1/3Co1/3Ni1/3)80(P1/2B1/2)20"
  // and "Fe77B18T2.51Zr2.5"; "((Fe0.5Co0.5)0.75B0.2Si0.05)96Nb4" and the other bracketed rows parse.
  EXPECT_EQ(fe.skipped, 3u);
  EXPECT_GT(fe.size(), 400u);
  for (double d : fe.y) {
    EXPECT_GT(d, 0.0);
    EXPECT_LE(d, 16.0);  // the largest D_max in the table
  }
  for (const auto& c : fe.comps) EXPECT_NE(c.system().find("Fe"), std::string::npos);
}

TEST(GfaData, KeepTargetAtLeastSelectsBulkGlasses) {
  const auto all = load_xiong2020_dmax(dir());
  const auto bulk = keep_target_at_least(all, 1.0);
  std::size_t expected = 0;
  for (double y : all.y) expected += y >= 1.0 ? 1 : 0;
  EXPECT_EQ(bulk.size(), expected);
  EXPECT_GT(bulk.size(), 550u);  // Xiong's table: 629 raw rows with D_max >= 1 mm
  EXPECT_LT(bulk.size(), 640u);
  for (double y : bulk.y) EXPECT_GE(y, 1.0);
  EXPECT_EQ(bulk.raw_rows, all.raw_rows);
  EXPECT_EQ(bulk.skipped, all.skipped);
  EXPECT_EQ(keep_target_at_least(all, 0.0).size(), all.size());  // 0 keeps the crystals (0 mm)
}

TEST(GfaCv, MinDmaxRestrictsTheRegressionToBulkGlasses) {
  CvOptions o;
  o.targets = {"dmax_mm"};
  o.trees = 10;
  o.threads = 1;
  o.min_dmax_mm = 1.0;
  const auto j = cross_validate(dir(), data(), o);
  const auto bulk = keep_target_at_least(load_xiong2020_dmax(dir()), 1.0);
  EXPECT_EQ(j["dmax_mm"]["all"]["n"].get<std::size_t>(), bulk.size());
  EXPECT_EQ(j["dmax_mm"]["min_dmax_mm"].get<double>(), 1.0);
  EXPECT_EQ(j["dmax_mm"]["below_min_dmax"].get<std::size_t>() + bulk.size(), load_xiong2020_dmax(dir()).size());
  // Bulk glasses alone are much harder than the full table (validation/gfa/README.md): R2 well below the 0.80 with zeros.
  EXPECT_LT(j["dmax_mm"]["all"]["kfold"]["r2"].get<double>(), 0.75);
  o.min_dmax_mm = 1000.0;  // no row left
  EXPECT_THROW(cross_validate(dir(), data(), o), vitrum::Error);
  o.min_dmax_mm = 0.0;
  o.dmax_set = "fe2025";
  const auto fe = cross_validate(dir(), data(), o);
  EXPECT_EQ(fe["dmax_mm"]["all"]["n"].get<std::size_t>(), load_fe2025_dmax(dir()).size());
  EXPECT_NE(fe["dmax_mm"]["source"].get<std::string>().find("DS1_DS2.csv"), std::string::npos);
  o.dmax_set = "ward2018";
  EXPECT_THROW(cross_validate(dir(), data(), o), vitrum::Error);
}

TEST(GfaCv, SubsetAccuracyNearPublishedAndSystemOutIsHarder) {
  // 2500 of ~5370 compositions, 30 trees, 10 folds: measured acc 0.868, AUC 0.929 (system-out 0.806, 0.844); the full set with 100 trees
  // gives the numbers in validation/gfa/README.md (Ward 2016: ~0.90).
  CvOptions o;
  o.targets = {"p_glass"};
  o.trees = 30;
  o.max_rows = 2500;
  o.threads = 1;
  const auto j = cross_validate(dir(), data(), o);
  const auto& r = j["p_glass"]["all"];
  const double acc = r["stratified"]["accuracy"], auc = r["stratified"]["roc_auc"];
  const double acc_out = r["system_out"]["accuracy"], auc_out = r["system_out"]["roc_auc"];
  std::printf("subset CV: stratified acc %.3f auc %.3f | system-out acc %.3f auc %.3f\n", acc, auc, acc_out, auc_out);
  EXPECT_GT(acc, 0.84);
  EXPECT_LT(acc, 0.95);
  EXPECT_GT(auc, 0.88);
  EXPECT_LT(auc_out, auc);  // neighbouring compositions no longer leak
  EXPECT_LT(acc_out, acc);
  EXPECT_GT(auc_out, 0.70);  // but the model still transfers to unseen systems
  EXPECT_EQ(j["importance"].size(), 15u);
}

// The Landolt–Börnstein labels with the processing route (Ren et al. 2018's combined file): both routes
// kept apart, the route a feature column; a subset CV scores like the melt-spinning classifier.
TEST(GfaData, ProcessingSetKeepsRoutesApart) {
  const auto s = load_landolt_processing(dir());
  EXPECT_EQ(s.raw_rows, 7191u);  // README: 7191 rows (meltspin 6780, sputtering 411)
  ASSERT_EQ(s.sputtered.size(), s.size());
  double sputtered = 0;
  for (double v : s.sputtered) sputtered += v;
  EXPECT_GT(sputtered, 300);  // 411 sputtering rows, a few repeats merged
  EXPECT_LT(sputtered, 412);
  EXPECT_GT(s.size(), 5500u);
}

TEST(GfaCv, ProcessingAwareClassifierOnASubset) {
  CvOptions o;
  o.targets = {"p_glass_processing"};
  o.trees = 30;
  o.max_rows = 2500;
  o.threads = 1;
  const auto j = cross_validate(dir(), data(), o);
  const auto& r = j["p_glass_processing"]["all"];
  const auto& m = j["p_glass_processing"];
  std::printf("processing-aware subset CV: stratified acc %.3f auc %.3f | system-out auc %.3f; rows without element data %d\n",
              r["stratified"]["accuracy"].get<double>(), r["stratified"]["roc_auc"].get<double>(),
              r["system_out"]["roc_auc"].get<double>(), m["rows_without_element_data"].get<int>());
  EXPECT_EQ(r["features"].get<int>(), Featurizer(data(), FeatureSet::All).size() + 1);  // + processing_sputtering
  EXPECT_GT(m["sputtered_rows"].get<double>(), 50);
  EXPECT_GT(m["rows_without_element_data"].get<int>(), 0);  // F, O rows left out, not crashed on
  EXPECT_GT(r["stratified"]["roc_auc"].get<double>(), 0.88);
  EXPECT_LT(r["system_out"]["roc_auc"].get<double>(), r["stratified"]["roc_auc"].get<double>());
}

// A composition the features cannot handle (no Miedema pair for O-Fe) is an error from any worker
// thread, not a crash.
TEST(GfaModel, FeaturizeReportsBadRowsFromWorkerThreads) {
  const Featurizer f(data(), FeatureSet::All);
  std::vector<Composition> comps(7, parse_composition("Cu50Zr50"));
  comps[5] = parse_composition("Fe80O20");
  EXPECT_THROW(featurize(f, comps, 3), vitrum::Error);
}

TEST(GfaModel, TrainSaveLoadPredictRoundTrip) {
  TrainOptions o;
  o.trees = 5;
  o.regressions = false;
  const auto m = GfaModel::train(dir(), data(), o);
  const auto file = std::filesystem::temp_directory_path() / "vitrum_gfa_test_model.txt";
  m.save(file);
  const auto back = GfaModel::load(file, data());
  const Featurizer f(data(), back.set());
  for (const char* s : {"Cu50Zr45Al5", "Fe80B20", "Cu90Ag10"}) {
    const auto x = f.compute(parse_composition(s));
    EXPECT_EQ(m.learner("p_glass").predict(x.data()), back.learner("p_glass").predict(x.data()));
  }
  EXPECT_THROW((void)back.learner("dmax_mm"), vitrum::Error);
  // Integrity: a flipped bit at every byte position, or a truncated file, is refused (a truncated model loaded
  // and predicted other numbers before).
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::size_t refused = 0;
  for (std::size_t k = 0; k < bytes.size(); ++k) {
    std::string bad = bytes;
    bad[k] = static_cast<char>(bad[k] ^ (1 << (k % 8)));
    try {
      (void)vitrum::unseal(file, "gfa-model", 1, bad);
    } catch (const vitrum::Error&) {
      ++refused;
    }
  }
  EXPECT_EQ(refused, bytes.size());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() * 2 / 3);
  EXPECT_THROW(GfaModel::load(file, data()), vitrum::Error);
  std::filesystem::remove(file);
  EXPECT_THROW(GfaModel::load(file, data()), vitrum::Error);
}

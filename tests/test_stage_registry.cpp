// The stage registry is the only list of stage kinds: every registered kind parses its documented example (the same
// text in docs/stages.md), and appears in `vitrum run --help`; an unknown kind's error lists the registry.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "test_helpers.hpp"
#include "vitrum/atomistic/protocol/recipe.hpp"
#include "vitrum/atomistic/protocol/stage_registry.hpp"

namespace vitrum {
namespace {

const char* kSystem = "[system]\ngenerate = { model = \"kob-andersen\", n = 100 }\npotential = \"kob-andersen\"\n";

using test::slurp;

TEST(StageRegistry, NamesAreUniqueAndEveryKindIsComplete) {
  std::set<std::string> names;
  for (const StageKind& k : stage_kinds()) {
    EXPECT_TRUE(names.insert(k.name).second) << "registered twice: " << k.name;
    EXPECT_FALSE(k.help.empty()) << k.name;
    EXPECT_EQ(k.help.find('\n'), std::string::npos) << k.name << ": the help is one line";
    EXPECT_NE(k.parse, nullptr) << k.name;
    EXPECT_EQ(find_stage_kind(k.name), &k);
    for (const std::string& key : kCommonStageKeys)
      EXPECT_EQ(std::count(k.keys.begin(), k.keys.end(), key), 0) << k.name << " lists the common key " << key;
  }
  EXPECT_GE(names.size(), 10u);
  EXPECT_EQ(find_stage_kind("mdd"), nullptr);
}

TEST(StageRegistry, EveryKindParsesItsExample) {
  for (const StageKind& k : stage_kinds()) {
    SCOPED_TRACE(k.name);
    ASSERT_NE(k.example.find("kind = \"" + k.name + "\""), std::string::npos) << "the example is not of its kind";
    const Recipe r = parse_recipe(kSystem + k.example, "example.toml", ".");
    ASSERT_EQ(r.stages.size(), 1u);
    EXPECT_EQ(r.stages[0].kind, k.name);
    ASSERT_NE(r.stages[0].stage, nullptr);
    // A key that is not the kind's is refused, naming it.
    const std::string msg = test::recipe_error(std::string(kSystem) + k.example + "no_such_key = 1\n");
    EXPECT_NE(msg.find("unknown key 'no_such_key'"), std::string::npos) << msg;
  }
}

TEST(StageRegistry, UnknownKindListsEveryRegisteredKind) {
  const std::string msg = test::recipe_error(std::string(kSystem) + "[[stage]]\nkind = \"mdd\"\n");
  EXPECT_NE(msg.find("unknown stage kind 'mdd'"), std::string::npos) << msg;
  for (const StageKind& k : stage_kinds()) EXPECT_NE(msg.find(k.name), std::string::npos) << k.name << ": " << msg;
}

TEST(StageRegistry, EveryKindIsInRunHelp) {
  const test::CommandResult r = test::run_command(std::string(VITRUM_BINARY) + " run --help");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const StageKind& k : stage_kinds()) {
    EXPECT_NE(r.output.find(k.name), std::string::npos) << k.name;
    EXPECT_NE(r.output.find(k.help), std::string::npos) << k.name;
  }
}

// docs/stages.md shows every kind under its own heading with the registry's example, verbatim.
TEST(StageRegistry, EveryKindIsDocumentedWithItsExample) {
  const std::string doc = slurp(std::filesystem::path(VITRUM_SOURCE_DIR) / "docs" / "stages.md");
  ASSERT_FALSE(doc.empty());
  for (const StageKind& k : stage_kinds()) {
    EXPECT_NE(doc.find("## `" + k.name + "`"), std::string::npos) << k.name << ": no heading";
    EXPECT_NE(doc.find("```toml\n" + k.example + "```"), std::string::npos) << k.name << ": example differs";
    EXPECT_NE(doc.find(k.help), std::string::npos) << k.name << ": help line missing";
    std::string keys = "Keys: ";
    for (std::size_t i = 0; i < k.keys.size(); ++i) keys += (i ? ", `" : "`") + k.keys[i] + "`";
    EXPECT_NE(doc.find(keys + ".\n"), std::string::npos) << k.name << ": key list differs from the registry's";
  }
}

}  // namespace
}  // namespace vitrum

// The one table of recipe stage kinds (name, keys, parser, one-line help, example): the recipe parser, the runner,
// `vitrum run --help`, the docs test and the error messages all read it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vitrum/atomistic/protocol/stage.hpp"
#include "vitrum/core/units.hpp"
#include "vitrum/io/recipe_table.hpp"

namespace vitrum {

struct StageSpec;

// What a stage's parser may need besides its table.
struct StageParseContext {
  std::uint32_t seed = 1;             // the stage's default seed ([system] seed + its position)
  UnitSystem units;                   // the recipe's units: the parser converts to internal ones
  std::filesystem::path base_dir;     // relative file names are relative to the recipe's folder
  const std::vector<StageSpec>* earlier = nullptr;  // the recipe's stages before this one (stz finds its χ source)
};

struct StageKind {
  std::string name;                   // kind = "<name>"
  std::string help;                   // one line for `vitrum run --help` and the docs
  std::vector<std::string> keys;      // the kind's own keys (every kind also takes kind, name, start, potential)
  // Reads and validates the table (after the key check) into the stage, in internal units.
  std::unique_ptr<Stage> (*parse)(RecipeTable& t, const StageParseContext& c);
  std::string example;                // a complete [[stage]] table, as docs/stages.md shows it
};

// The keys of every [[stage]] table.
inline const std::vector<std::string> kCommonStageKeys = {"kind", "name", "start", "potential"};

[[nodiscard]] const std::vector<StageKind>& stage_kinds();
// nullptr for a name nobody registered.
[[nodiscard]] const StageKind* find_stage_kind(std::string_view name);
// "md, minimize, ...": for error messages.
[[nodiscard]] std::string stage_kind_names();
// One line per kind, "  md            <help>": for `vitrum run --help`.
[[nodiscard]] std::string stage_kinds_help();

}  // namespace vitrum

// `vitrum info [--format json]`: version and where this binary finds its plot scripts and reference data.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "vitrum/core/error.hpp"
#include "vitrum/core/install_paths.hpp"
#include "vitrum/gfa/data_dir.hpp"

namespace vitrum::cli {

void add_info(CLI::App& app) {
  auto* cmd = app.add_subcommand("info", "Version, and where the plot scripts and the GFA reference data are found");
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([format] {
    std::string gfa_data;
    try {
      gfa_data = gfa::resolve_data_dir("").string();
    } catch (const Error& e) {
      gfa_data = fmt::format("not found: {}", e.what());
    }
    const nlohmann::json j = {{"version", VITRUM_VERSION}, {"share_dir", share_dir().string()},
                              {"scripts", (share_dir() / "scripts").string()}, {"gfa_data", gfa_data}};
    if (*format == "json") {
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("vitrum {}\nshare dir    {} (VITRUM_SHARE_DIR overrides)\nplot scripts {}\nGFA data     {} "
               "(VITRUM_GFA_DATA or --data override)\n", VITRUM_VERSION, j["share_dir"].get<std::string>(),
               j["scripts"].get<std::string>(), gfa_data);
  });
}

}  // namespace vitrum::cli

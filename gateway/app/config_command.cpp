// galguard config check [--config FILE]
// Reads the config as `serve` would, checks that the files it names are there (directory
// sources, policy) and that the policy parses, then prints every effective value as TOML.
// Exit 0 OK, 2 error (one line: the config's file:line and what is wrong).
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "directory/source.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/inputs.hpp"
#include "gateway/app/options.hpp"
#include "gateway/config/config.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::app {
namespace {

constexpr const char* kUsage =
    "usage: galguard config check [--config FILE]\n"
    "Checks the gateway config (without --config: the embedded defaults, which run the samples "
    "from the project root) and prints the effective value of every setting as TOML.\n"
    "Exit status: 0 OK, 2 error.";

// Opened as `serve` will open it; the error names the config line that gave the path.
void require_readable(const config::Config& c, const std::string& setting, std::string_view label,
                      const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw rules::InputError(config::place_of(c, setting),
                            fmt::format("{} {:?} is a directory, not a file", label, path));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw rules::InputError(
        config::place_of(c, setting),
        fmt::format("{} {:?} cannot be read: {} ({})", label, path, std::strerror(errno),
                    c.file.empty() ? "the embedded defaults expect the "
                                     "project root as working directory"
                                   : "relative paths are taken from the "
                                     "working directory"));
}

void check_inputs(const config::Config& c) {
  for (std::size_t i = 0; i < c.directory_sources.size(); ++i) {
    const std::string& spec = c.directory_sources[i];
    const std::string setting = fmt::format("directory.sources[{}]", i);
    try {
      // The kind of source (.ldif, .json, .csv, a server URL), not its entries: a server is not
      // asked here, so `config check` works where the directory cannot be reached.
      directory::open_source(spec, {c.ldap, c.graph, {}});
    } catch (const rules::InputError& e) {
      throw rules::InputError(config::place_of(c, setting),
                              fmt::format("[directory] sources: {}", e.what()));
    }
    if (!directory::is_url_source(spec)) require_readable(c, setting, "[directory] sources:", spec);
  }
  require_readable(c, "directory.policy", "[directory] policy:", c.policy_file);
  load_policy_file(c.policy_file);  // its own errors name the policy file and line
}

}  // namespace

int run_config(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "config,c", po::value<std::string>(), "the config file (TOML); default: embedded defaults")(
      "action", po::value<std::string>(), "what to do: check (the first argument)");
  auto parsed = parse_options(kUsage, options, one_positional("action"), args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;

  const std::string action = vars.count("action") != 0U ? vars["action"].as<std::string>() : "";
  if (action != "check") {
    fmt::print(
        stderr, "galguard config: {}\n{}\n(see --help)\n",
        action.empty() ? std::string("missing action") : fmt::format("unknown action '{}'", action),
        kUsage);
    return kExitError;
  }

  std::optional<std::string> path;
  if (vars.count("config") != 0U) path = vars["config"].as<std::string>();
  const config::Config config = config::load_config(path);
  check_inputs(config);

  std::cout << config::to_toml(config);
  for (const std::string& warning : config::warnings(config))
    fmt::print(stderr, "galguard config: warning: {}\n", warning);
  fmt::print(stderr, "config OK: {}\n", config.file.empty() ? "embedded defaults" : config.file);
  return 0;
}

}  // namespace galguard::app

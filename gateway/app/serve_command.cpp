// galguard serve [--config FILE] [--log-format postfix|json] [--log-file FILE]: the inline SMTP
// gateway (DESIGN.md §4). With no file, the embedded defaults run the sample setup from the
// project root. The log options override [log] (a unit file or a container sets them without
// editing the config).
#include <fmt/format.h>

#include "gateway/app/commands.hpp"
#include "gateway/app/options.hpp"
#include "gateway/config/config.hpp"
#include "gateway/server/log.hpp"
#include "gateway/server/server.hpp"

namespace galguard::app {

int run_serve(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "config,c", po::value<std::string>(),
      "config file (TOML, see samples/galguard.toml); without it the embedded defaults: "
      "samples/gal.ldif and samples/policy.toml, quarantine var/quarantine.db, listen "
      "127.0.0.1:10025, relay to 127.0.0.1:10026")(
      "log-format", po::value<std::string>(),
      "postfix (one Postfix-style line per message; \"text\" is the same) or json (one JSON "
      "object per line, every line); overrides [log] format")(
      "log-file", po::value<std::string>(),
      "append the log to FILE instead of standard error; overrides [log] file");
  auto parsed = parse_options(
      "usage: galguard serve [--config FILE] [--log-format postfix|json] [--log-file FILE]\n"
      "Runs the SMTP gateway: clean mail is relayed to the next hop, suspicious mail is held in "
      "the quarantine.\nSIGHUP reloads the directory and policy; SIGTERM finishes the sessions "
      "in flight, then exits.",
      options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  std::optional<std::string> file;
  if (parsed.vars.count("config")) file = parsed.vars["config"].as<std::string>();
  std::optional<bool> json;
  if (parsed.vars.count("log-format")) {
    const std::string format = parsed.vars["log-format"].as<std::string>();
    if (format != "postfix" && format != "text" && format != "json") {
      fmt::print(stderr, "galguard: unknown --log-format '{}' (postfix or json)\n(see --help)\n",
                 format);
      return kExitError;
    }
    json = format == "json";
  }
  std::optional<std::string> log_file;
  if (parsed.vars.count("log-file")) log_file = parsed.vars["log-file"].as<std::string>();

  // Known before the config is read, so a config error is logged as JSON too.
  bool log_json = json.value_or(false);
  std::string log_path = log_file.value_or("");
  try {
    config::Config config = config::load_config(file);
    if (json) config.log_json = *json;
    if (log_file) config.log_file = *log_file;
    log_json = config.log_json;
    log_path = config.log_file;
    return server::serve(config);
  } catch (const std::exception& e) {
    if (!log_json) throw;
    // A log reader that parses every line as JSON gets the reason for the exit as JSON too.
    server::Log(log_path, true).error(fmt::format("galguard serve: {}", e.what()));
    // Logged to a file: the person at the terminal still gets the line on standard error.
    if (!log_path.empty()) throw;
    return kExitError;
  }
}

}  // namespace galguard::app

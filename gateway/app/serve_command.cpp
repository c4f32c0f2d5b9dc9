// galguard serve [--config FILE]: the inline SMTP gateway (DESIGN.md §4). With no file, the
// embedded defaults run the sample setup from the project root.
#include "gateway/app/commands.hpp"
#include "gateway/app/options.hpp"
#include "gateway/config/config.hpp"
#include "gateway/server/server.hpp"

namespace galguard::app {

int run_serve(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "config,c", po::value<std::string>(),
      "config file (TOML, see samples/galguard.toml); without it the embedded defaults: "
      "samples/gal.ldif and samples/policy.toml, quarantine var/quarantine.db, listen "
      "127.0.0.1:10025, relay to 127.0.0.1:10026");
  auto parsed = parse_options(
      "usage: galguard serve [--config FILE]\n"
      "Runs the SMTP gateway: clean mail is relayed to the next hop, suspicious mail is held in "
      "the quarantine.\nSIGHUP reloads the directory and policy; SIGTERM finishes the sessions "
      "in flight, then exits.",
      options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  std::optional<std::string> file;
  if (parsed.vars.count("config")) file = parsed.vars["config"].as<std::string>();
  return server::serve(config::load_config(file));
}

}  // namespace galguard::app

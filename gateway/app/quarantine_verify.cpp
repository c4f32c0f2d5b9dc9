// galguard quarantine verify: recomputes the action log's hash chain, so an edited, inserted or
// removed row (someone rewriting who released what) shows. Exit 1 names the first bad row.
#include <fmt/format.h>

#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"
#include "gateway/quarantine/open_store.hpp"

namespace galguard::app::quarantine_cli {

int run_verify(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  add_config_option(options);
  auto parsed = parse_options(
      "usage: galguard quarantine verify [--config FILE]\n"
      "Checks the hash chain of the quarantine's action log.\n"
      "Exit status: 0 intact, 1 broken (the first row that does not fit is named), 2 error.",
      options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;

  const config::Config config = load_config(parsed.vars);
  const auto store = open_store(config);
  const quarantine::ChainCheck check = store->verify_chain();
  if (!check.ok) {
    fmt::print(
        "action log of {}: broken at seq {}: the row or its link to the row before was "
        "changed after it was written\n",
        quarantine::display_database(config.database),
        check.first_bad_seq ? fmt::to_string(*check.first_bad_seq) : "?");
    return 1;
  }
  fmt::print("action log of {}: intact, {} rows\n", quarantine::display_database(config.database),
             store->action_log(std::nullopt).size());
  return 0;
}

}  // namespace galguard::app::quarantine_cli

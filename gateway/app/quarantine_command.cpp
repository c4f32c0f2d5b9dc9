// galguard quarantine ACTION ...: one row per action, like the SMTP verbs' table; each action
// parses its own options (galguard quarantine ACTION --help).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "gateway/app/actions.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"

namespace galguard::app {
namespace {

constexpr std::array<Action, 7> kActions = {{
    {"list",
     "list [--state held|released|deleted|expired|all] [--code CODE] [--sender TEXT] "
     "[--limit N] [--json]",
     &quarantine_cli::run_list},
    {"show", "show ID [--json] [--raw [--actor NAME] [--reason R]]", &quarantine_cli::run_show},
    {"release", "release ID --reason R [--actor NAME]", &quarantine_cli::run_release},
    {"delete", "delete ID --reason R [--actor NAME]", &quarantine_cli::run_delete},
    {"incident", "incident ID --reason R [--actor NAME]", &quarantine_cli::run_classify},
    {"not-incident", "not-incident ID --reason R [--actor NAME]",
     &quarantine_cli::run_not_incident},
    {"verify", "verify", &quarantine_cli::run_verify},
}};

}  // namespace

int run_quarantine(const std::vector<std::string>& args) {
  return run_action(
      {"quarantine",
       "The messages the gateway held, and the DPO's decisions on them. Every decision is "
       "written to the hash-chained action log with who, when and why.",
       kActions},
      args);
}

}  // namespace galguard::app

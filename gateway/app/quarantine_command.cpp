// galguard quarantine ACTION ...: one row per action, like the SMTP verbs' table; each action
// parses its own options (galguard quarantine ACTION --help).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"

namespace galguard::app {
namespace {

struct Action {
  std::string_view name;
  std::string_view synopsis;
  CommandFn run;
};

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

void print_usage(std::FILE* to) {
  fmt::print(to, "usage: galguard quarantine ACTION [--config FILE] ...\n");
  fmt::print(to,
             "The messages the gateway held, and the DPO's decisions on them. Every decision "
             "is written to the hash-chained action log with who, when and why.\n\nActions:\n");
  for (const auto& a : kActions)
    fmt::print(to, "  galguard quarantine {}\n", a.synopsis);
  fmt::print(to,
             "\n--config FILE is the gateway config (default: the embedded defaults, database "
             "var/quarantine.db).\ngalguard quarantine ACTION --help for details.\n");
}

}  // namespace

int run_quarantine(const std::vector<std::string>& args) {
  if (args.empty()) {
    fmt::print(stderr, "galguard quarantine: missing action\n");
    print_usage(stderr);
    return kExitError;
  }
  const std::string& name = args.front();
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  for (const auto& a : kActions) {
    if (a.name == name) return a.run(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  fmt::print(stderr, "galguard quarantine: unknown action '{}'\n", name);
  print_usage(stderr);
  return kExitError;
}

}  // namespace galguard::app

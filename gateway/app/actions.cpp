#include "gateway/app/actions.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace galguard::app {
namespace {

void print_usage(const ActionCommand& command, std::FILE* to) {
  fmt::print(to, "usage: galguard {} ACTION [--config FILE] ...\n{}\n\nActions:\n", command.name,
             command.about);
  for (const Action& a : command.actions)
    fmt::print(to, "  galguard {} {}\n", command.name, a.synopsis);
  fmt::print(to,
             "\n--config FILE is the gateway config (default: the embedded defaults, database "
             "var/quarantine.db).\ngalguard {} ACTION --help for details.\n",
             command.name);
}

}  // namespace

int run_action(const ActionCommand& command, const std::vector<std::string>& args) {
  if (args.empty()) {
    fmt::print(stderr, "galguard {}: missing action\n", command.name);
    print_usage(command, stderr);
    return kExitError;
  }
  const std::string& name = args.front();
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(command, stdout);
    return 0;
  }
  for (const Action& a : command.actions) {
    if (a.name == name) return a.run(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  fmt::print(stderr, "galguard {}: unknown action '{}'\n", command.name, name);
  print_usage(command, stderr);
  return kExitError;
}

}  // namespace galguard::app

// Commands made of actions (galguard quarantine|incidents|users ACTION ...): one table row per
// action, like the SMTP verbs' table, and one way to dispatch and explain them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/app/commands.hpp"

namespace galguard::app {

struct Action {
  std::string_view name;
  std::string_view synopsis;  // "release ID --reason R [--actor NAME]"
  CommandFn run;
};

struct ActionCommand {
  std::string_view name;   // "quarantine"
  std::string_view about;  // a paragraph for the usage text
  std::span<const Action> actions;
};

// Runs the action args[0] names with the rest of args. --help, -h and help print the usage;
// a missing or unknown action prints it to stderr and returns kExitError.
int run_action(const ActionCommand& command, const std::vector<std::string>& args);

}  // namespace galguard::app

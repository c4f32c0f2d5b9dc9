// The subcommands of the galguard binary, one table row each (DESIGN.md §7).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::app {

// Exit codes shared by every command: 2 is always "could not do the job" (bad input, error).
inline constexpr int kExitError = 2;

using CommandFn = int (*)(const std::vector<std::string>& args);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandFn run;
};

std::span<const Command> commands();

int run_check(const std::vector<std::string>& args);
int run_audit(const std::vector<std::string>& args);
int run_config(const std::vector<std::string>& args);
int run_serve(const std::vector<std::string>& args);
int run_quarantine(const std::vector<std::string>& args);
int run_incidents(const std::vector<std::string>& args);
int run_users(const std::vector<std::string>& args);
int run_extract(const std::vector<std::string>& args);

}  // namespace galguard::app

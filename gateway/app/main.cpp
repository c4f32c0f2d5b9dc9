// galguard: one binary, subcommands (DESIGN.md §7).
#include <fmt/format.h>

#include <array>
#include <exception>
#include <string>
#include <vector>

#include "gateway/app/commands.hpp"
#include "gateway/app/version.hpp"

namespace galguard::app {
namespace {

const auto kCommands = std::to_array<Command>({
    {"check", "judge one message against the directory and policy", &run_check},
    {"audit", "audit the directory itself (role names on foreign mailboxes, duplicates, ...)",
     &run_audit},
    {"serve", "run the SMTP gateway (relay clean mail, hold suspicious mail)", &run_serve},
    {"quarantine", "list, show, release or delete held messages; verify the action log",
     &run_quarantine},
    {"incidents", "list, show or export personal-data incident records (Art. 33/34)",
     &run_incidents},
    {"users", "add, list, change or remove the review UI's accounts", &run_users},
    {"extract", "show what is read inside attachment files (PDF, Office, archives, ...)",
     &run_extract},
    {"config", "check the gateway config (galguard.toml) and print every effective value",
     &run_config},
});

void print_usage(std::FILE* to) {
  fmt::print(to, "usage: galguard COMMAND [OPTIONS]   (galguard COMMAND --help for details)\n\n");
  fmt::print(to, "Commands:\n");
  for (const auto& c : kCommands)
    fmt::print(to, "  {:<10} {}\n", c.name, c.summary);
}

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

}  // namespace galguard::app

int main(int argc, char** argv) {
  using namespace galguard::app;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(stderr);
    return kExitError;
  }
  const std::string name = args.front();
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  if (name == "--version") {
    fmt::print("galguard {}\n", kVersion);
    return 0;
  }
  for (const auto& c : commands()) {
    if (c.name != name) continue;
    args.erase(args.begin());
    try {
      return c.run(args);
    } catch (const std::exception& e) {
      // Bad input (file:line and what is wrong) or an environment failure: one line.
      fmt::print(stderr, "galguard {}: error: {}\n", name, e.what());
      return kExitError;
    }
  }
  fmt::print(stderr, "galguard: unknown command '{}'\n", name);
  print_usage(stderr);
  return kExitError;
}

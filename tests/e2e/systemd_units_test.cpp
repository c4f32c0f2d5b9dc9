// samples/systemd/: the units pass `systemd-analyze verify` (with the built binary in place of
// /usr/local/bin/galguard) and every galguard command line in them names a real subcommand
// and real options, so the units cannot silently go stale when the CLI changes.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/e2e/run_galguard.hpp"

namespace galguard::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kUnits = std::string(GALGUARD_SOURCE_DIR) + "/samples/systemd/";
const std::vector<std::string> kUnitFiles = {"galguard.service", "galguard-audit.service",
                                             "galguard-audit.timer"};
const std::string kInstalledBinary = "/usr/local/bin/galguard";

// Continuation lines ("\" at the end) joined, as systemd reads them.
std::string joined(const std::string& text) {
  return std::regex_replace(text, std::regex("\\\\\n"), " ");
}

std::vector<std::string> values_of(const std::string& unit_text, const std::string& key) {
  std::vector<std::string> values;
  std::istringstream in(joined(unit_text));
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(key + "=")) values.push_back(line.substr(key.size() + 1));
  return values;
}

// Each galguard invocation in a command line: the words after the binary, up to a shell
// operator or the end.
std::vector<std::vector<std::string>> galguard_calls(const std::string& command_line) {
  std::vector<std::vector<std::string>> calls;
  for (auto at = command_line.find(kInstalledBinary); at != std::string::npos;
       at = command_line.find(kInstalledBinary, at + 1)) {
    std::istringstream words(command_line.substr(at + kInstalledBinary.size()));
    std::vector<std::string> call;
    for (std::string word; words >> word;) {
      if (word == ">" || word == "|" || word == "||" || word == "&&" || word.starts_with(";") ||
          word.starts_with(">"))
        break;
      call.push_back(word);
    }
    calls.push_back(call);
  }
  return calls;
}

TEST(SystemdUnits, PassSystemdAnalyzeVerify) {
  if (run_shell("command -v systemd-analyze").exit_code != 0)
    GTEST_SKIP() << "systemd-analyze is not installed (apt-get install systemd)";
  char dir_template[] = "/tmp/galguard-units-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  std::string paths;
  for (const auto& name : kUnitFiles) {
    const std::string text = read_file(kUnits + name);
    ASSERT_FALSE(text.empty()) << name;
    std::ofstream(dir / name) << std::regex_replace(text, std::regex(kInstalledBinary),
                                                    GALGUARD_BINARY);
    paths += " " + (dir / name).string();
  }
  const CliRun run = run_shell("systemd-analyze verify" + paths);
  fs::remove_all(dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // Warnings (an unknown key, a deprecated setting) are problems too.
  EXPECT_EQ(run.err, "");
}

TEST(SystemdUnits, CommandLinesNameRealSubcommandsAndOptions) {
  std::set<std::string> subcommands;
  for (const auto& name : {"galguard.service", "galguard-audit.service"}) {
    const std::string text = read_file(kUnits + name);
    ASSERT_FALSE(text.empty()) << name;
    std::vector<std::string> commands = values_of(text, "ExecStart");
    ASSERT_FALSE(commands.empty()) << name;
    std::size_t calls = 0;
    for (const auto& command : commands)
      for (const auto& call : galguard_calls(command)) {
        ++calls;
        ASSERT_FALSE(call.empty()) << command;
        subcommands.insert(call.front());
        const CliRun help = galguard(call.front() + " --help");
        ASSERT_EQ(help.exit_code, 0) << name << ": galguard " << call.front() << "\n" << help.err;
        for (const auto& word : call) {
          if (!word.starts_with("--")) continue;
          const std::string option = word.substr(0, word.find('='));
          EXPECT_NE(help.out.find(option + " "), std::string::npos)
              << name << ": galguard " << call.front() << " has no option " << option << "\n"
              << help.out;
        }
      }
    EXPECT_GE(calls, 1u) << name << " does not run " << kInstalledBinary;
  }
  EXPECT_EQ(subcommands, (std::set<std::string>{"serve", "audit"}));
}

TEST(SystemdUnits, ReloadIsTheSignalServeReloadsOnAndStopWaitsForTheDrain) {
  const std::string text = read_file(kUnits + "galguard.service");
  EXPECT_EQ(values_of(text, "ExecReload"), (std::vector<std::string>{"/bin/kill -HUP $MAINPID"}));
  EXPECT_NE(galguard("serve --help").out.find("SIGHUP reloads"), std::string::npos);
  // TimeoutStopSec must outlast the default shutdown grace, or systemd kills mid-drain.
  // The embedded defaults name samples/ relative to the project root.
  const CliRun config = run_shell(std::string("cd ") + GALGUARD_SOURCE_DIR + " && " +
                                  GALGUARD_BINARY + " config check");
  std::smatch grace;
  ASSERT_TRUE(std::regex_search(config.out, grace, std::regex("shutdown_grace = \"(\\d+)s\"")))
      << config.out;
  const auto stop = values_of(text, "TimeoutStopSec");
  ASSERT_EQ(stop.size(), 1u);
  std::smatch seconds;
  ASSERT_TRUE(std::regex_match(stop[0], seconds, std::regex("(\\d+)s"))) << stop[0];
  EXPECT_GT(std::stoi(seconds[1]), std::stoi(grace[1]));
}

TEST(SystemdUnits, TheServiceUserIsTheOneSysusersCreates) {
  const std::string sysusers = read_file(kUnits + "galguard.sysusers.conf");
  std::smatch user;
  ASSERT_TRUE(std::regex_search(sysusers, user, std::regex("\nu (\\S+) ")));
  for (const auto& name : {"galguard.service", "galguard-audit.service"}) {
    const std::string text = read_file(kUnits + name);
    EXPECT_EQ(values_of(text, "User"), (std::vector<std::string>{user[1]})) << name;
    EXPECT_EQ(values_of(text, "Group"), (std::vector<std::string>{user[1]})) << name;
  }
  EXPECT_NE(read_file(kUnits + "galguard.tmpfiles.conf")
                .find("d /var/lib/galguard 0750 " + user[1].str() + " " + user[1].str()),
            std::string::npos);
}

}  // namespace
}  // namespace galguard::e2e

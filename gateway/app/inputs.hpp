// Reading what the commands are given: files (or stdin), the policy, the directory. Errors
// become rules::InputError with the place, so every command reports them the same way.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "directory/source_options.hpp"
#include "gateway/app/options.hpp"
#include "gateway/config/config.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::app {

// The whole file, or standard input for "-". Throws rules::InputError naming the path.
std::string read_input(const std::string& path);

rules::Policy load_policy_file(const std::string& path);

// What check and audit judge with: --directory and --policy when given, else the config's
// [directory] sources and policy; LDAP and Graph settings always from the config (--config FILE,
// embedded defaults without one).
struct JudgeInputs {
  config::Config config;
  std::vector<std::string> sources;
  std::string policy;
};
// Adds --config, --directory and --policy to `options`.
void add_judge_options(po::options_description& options, const char* directory_help);
// Throws po::error when neither the command line nor a --config names a directory or policy.
JudgeInputs judge_inputs(const po::variables_map& vars);

// Loads every source as one directory; skipped entries are reported on stderr as warnings. On a
// terminal, a progress line counts entries and pages while a server is read.
std::shared_ptr<const rules::Snapshot> load_directory(const std::vector<std::string>& specs,
                                                      const config::Config& config);

}  // namespace galguard::app

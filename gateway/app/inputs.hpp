// Reading what the commands are given: files (or stdin), the policy, the directory. Errors
// become rules::InputError with the place, so every command reports them the same way.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::app {

// The whole file, or standard input for "-". Throws rules::InputError naming the path.
std::string read_input(const std::string& path);

rules::Policy load_policy_file(const std::string& path);

// Loads every source as one directory; skipped entries are reported on stderr as warnings.
std::shared_ptr<const rules::Snapshot> load_directory(const std::vector<std::string>& specs);

}  // namespace galguard::app

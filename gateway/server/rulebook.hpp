// What the gateway judges with: one directory snapshot and one policy, swapped as a pair on
// reload so a message is never judged by a new policy against an old directory.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::server {

struct Rulebook {
  std::shared_ptr<const rules::Snapshot> directory;
  std::shared_ptr<const rules::Policy> policy;
  std::string origin;  // "samples/gal.ldif (1234 entries)" or "saved snapshot ...", for logs
  std::chrono::system_clock::time_point loaded_at;
};

}  // namespace galguard::server

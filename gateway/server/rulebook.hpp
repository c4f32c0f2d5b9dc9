// What the gateway judges with: one directory snapshot, one policy and the flags the audit of
// the two gives, swapped together on reload so a message is never judged by a new policy
// against an old directory.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "rules/model/flagged_addresses.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::server {

struct Rulebook {
  std::shared_ptr<const rules::Snapshot> directory;
  std::shared_ptr<const rules::Policy> policy;
  // The addresses of entries this directory's audit flags under this policy; never null.
  std::shared_ptr<const rules::FlaggedAddresses> flagged =
      std::make_shared<const rules::FlaggedAddresses>();
  std::string origin;  // "samples/gal.ldif (1234 entries)" or "saved snapshot ...", for logs
  std::chrono::system_clock::time_point loaded_at;
};

}  // namespace galguard::server

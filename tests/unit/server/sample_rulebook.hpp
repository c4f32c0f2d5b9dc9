// The rulebook the gateway builds from the samples: gal.ldif, policy.toml and the flags of
// their audit, for the server's unit tests.
#pragma once

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "directory/audit/flagged.hpp"
#include "directory/source.hpp"
#include "gateway/server/rulebook.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::server::testing {

inline std::string sample(const std::string& name) {
  std::ifstream in(std::string(GALGUARD_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

inline const Rulebook& sample_rulebook() {
  static const Rulebook rulebook = [] {
    Rulebook r;
    r.directory =
        directory::load_all({std::string(GALGUARD_SOURCE_DIR) + "/samples/gal.ldif"}).snapshot;
    r.policy = std::make_shared<const rules::Policy>(
        rules::parse_policy(sample("policy.toml"), "policy.toml"));
    r.flagged = std::make_shared<const rules::FlaggedAddresses>(
        directory::audit_flags(*r.directory, *r.policy, "policy.toml"));
    return r;
  }();
  return rulebook;
}

}  // namespace galguard::server::testing

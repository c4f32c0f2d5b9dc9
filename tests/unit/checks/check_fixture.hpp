// A small directory and policy shaped like the reference case, built in code, for check tests.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "rules/checks/verdict.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::testing {

inline Entry entry(std::string name, std::string primary, std::vector<std::string> proxies = {},
                   std::string target = {}) {
  Entry e;
  e.id = primary;
  e.display_name = std::move(name);
  e.primary = std::move(primary);
  e.proxies = std::move(proxies);
  e.target = std::move(target);
  return e;
}

inline Snapshot reference_directory() {
  return Snapshot({
      entry("Andersson, Anna", "anna.andersson@stockholm.se", {"a.andersson@stockholm.se"}),
      entry("Johansson, Erik", "erik.johansson@stockholm.se"),
      entry("Johansson, Erik", "erik.johansson2@stockholm.se"),
      entry("Dataskyddsombud Skärholmen", "dso.skarholmen@stockholm.se"),
      entry("Servicedesk Fujitsu", "servicedesk.stockholm@fujitsu.com", {},
            "servicedesk.stockholm@fujitsu.com"),
      entry("Service Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com", {},
            "m.exempel@elevstockholm.onmicrosoft.com"),
      entry("Nordhavn Skole", "kontor@nordhavn.dk"),
  });
}

inline const char* kReferencePolicy = R"(
[organisation]
name = "Skärholmens stadsdelsförvaltning"
internal_domains = ["stockholm.se"]
untrusted_domains = ["elevstockholm.onmicrosoft.com", "*.onmicrosoft.com", "gmail.com"]
processors = ["Fujitsu Sweden"]

[[protected_name]]
pattern = "service ?desk*"
allow = ["servicedesk.stockholm@fujitsu.com", "*@stockholm.se"]

[[protected_name]]
pattern = "dataskyddsombud*"
allow = ["*@stockholm.se"]

[actions]
high = "quarantine"
medium = "quarantine"
low = "pass"
)";

inline const Policy& reference_policy() {
  static const Policy policy = parse_policy(kReferencePolicy, "test-policy.toml");
  return policy;
}

inline Recipient to(std::string name, std::string address, std::string header = "To") {
  std::string key = normalize_address(address);
  return {std::move(header), std::move(name), std::move(address), std::move(key)};
}

inline std::vector<std::string> codes_of(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(f.code);
  return out;
}

inline bool has_code(const std::vector<Finding>& findings, const std::string& code) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

}  // namespace galguard::rules::testing

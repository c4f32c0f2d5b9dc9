#include "directory/audit/flagged.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "directory/audit/audit_checks.hpp"
#include "directory/audit/auditor.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory {
namespace {

// The snapshot's index of the finding's entry, found through its address (no id map needed).
std::optional<rules::EntryIndex> index_of(const rules::Snapshot& directory, const EntryRef& ref) {
  for (rules::EntryIndex i : directory.by_address(rules::normalize_address(ref.address)))
    if (directory.entry(i).id == ref.id) return i;
  return std::nullopt;
}

}  // namespace

void check_flagged_codes(const rules::Policy& policy, const std::string& policy_file) {
  const auto catalog = audit_catalog();
  for (const auto& code : policy.flagged_entry_codes) {
    const bool known = std::any_of(catalog.begin(), catalog.end(),
                                   [&](const rules::CheckInfo& c) { return c.code == code; });
    if (known) continue;
    std::string codes;
    for (const auto& c : catalog)
      codes += (codes.empty() ? "" : ", ") + std::string(c.code);
    throw rules::InputError(
        fmt::format("{}:{}", policy_file, policy.flagged_entry_codes_line),
        fmt::format("[flagged_entries] codes: \"{}\" is not an audit code; expected one of {}",
                    code, codes));
  }
}

rules::FlaggedAddresses flagged_addresses(const rules::Snapshot& directory,
                                          const rules::Policy& policy, const AuditReport& report) {
  rules::FlaggedAddresses flags;
  const auto& codes = policy.flagged_entry_codes;
  for (const auto& finding : report.findings) {
    if (std::find(codes.begin(), codes.end(), finding.code) == codes.end()) continue;
    if (report.exemption(finding) != nullptr) continue;
    const auto i = index_of(directory, finding.entry);
    if (!i) continue;
    flags.flag(directory.addresses(*i), {*i, finding.code, finding.explanation});
  }
  return flags;
}

rules::FlaggedAddresses audit_flags(const rules::Snapshot& directory, const rules::Policy& policy,
                                    const std::string& policy_file) {
  check_flagged_codes(policy, policy_file);
  return flagged_addresses(directory, policy, audit(directory, policy));
}

}  // namespace galguard::directory

// From an audit to the gateway's flags: the addresses of entries whose findings the policy names
// in [flagged_entries] codes, less those the DPO exempted with [[allow_entry]].
#pragma once

#include <string>

#include "directory/audit/audit_report.hpp"
#include "rules/model/flagged_addresses.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::directory {

// Throws rules::InputError ("POLICY_FILE:LINE") when [flagged_entries] codes names a code the
// audit does not have: a typo would otherwise silently flag nothing.
void check_flagged_codes(const rules::Policy& policy, const std::string& policy_file);

rules::FlaggedAddresses flagged_addresses(const rules::Snapshot& directory,
                                          const rules::Policy& policy, const AuditReport& report);

// Audits the directory and returns its flags (what the gateway does after each load).
rules::FlaggedAddresses audit_flags(const rules::Snapshot& directory, const rules::Policy& policy,
                                    const std::string& policy_file);

}  // namespace galguard::directory

// The entry-level audit checks with their stable codes and severities, beside their logic.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "directory/audit/audit_report.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::directory {

// Audit codes (the recipient-check codes also appear in audits; see rules::check_catalog).
std::span<const rules::CheckInfo> audit_catalog();
rules::Severity audit_severity(std::string_view code);

// A finding of `code` about `entry`, with the code's severity from the catalogue.
AuditFinding audit_finding(std::string_view code, EntryRef entry,
                           std::vector<EntryRef> related = {}, std::string explanation = {});

namespace detail {

// Per entry: a function name on a foreign address, hidden yet listed, and the recipient
// checks that make sense for an entry on its own (look-alike domain, foreign tenant, ...).
void audit_entry(const rules::Snapshot& directory, const rules::Policy& policy, rules::EntryIndex i,
                 std::vector<AuditFinding>& out);

// Over the snapshot's buckets.
void audit_duplicate_names(const rules::Snapshot& directory, std::vector<AuditFinding>& out);
void audit_lookalike_names(const rules::Snapshot& directory, const rules::Policy& policy,
                           std::vector<AuditFinding>& out);
void audit_hidden_across_sources(const rules::Snapshot& directory, std::vector<AuditFinding>& out);
// Entries outside our domains whose names are typos of a function entry or a protected name.
void audit_typo_names(const rules::Snapshot& directory, const rules::Policy& policy,
                      std::vector<AuditFinding>& out);

}  // namespace detail
}  // namespace galguard::directory

// The directory auditor: finds entries like "Service Desk 33900" before anyone mails them.
#pragma once

#include "directory/audit/audit_report.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::directory {

// Every entry against policy and against the rest of the directory. Pure: no I/O, no clock.
// Look-alikes and duplicates come from the snapshot's buckets, never a pairwise scan.
AuditReport audit(const rules::Snapshot& directory, const rules::Policy& policy);

// Marks each finding of `current` new or known against `previous`, lists the resolved ones,
// and adds entry-changed findings for entries whose name or addresses changed.
void apply_drift(AuditReport& current, const AuditReport& previous);

}  // namespace galguard::directory

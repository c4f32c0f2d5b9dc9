#include "directory/audit/auditor.hpp"

#include <algorithm>

#include "directory/audit/audit_checks.hpp"

namespace galguard::directory {

AuditReport audit(const rules::Snapshot& directory, const rules::Policy& policy) {
  AuditReport report;
  report.entries = directory.size();
  for (rules::EntryIndex i = 0; i < directory.size(); ++i) {
    detail::audit_entry(directory, policy, i, report.findings);
    const rules::Entry& e = directory.entry(i);
    if (!e.id.empty()) report.state[e.id] = {e.display_name, directory.addresses(i)};
  }
  detail::audit_duplicate_names(directory, report.findings);
  detail::audit_lookalike_names(directory, policy, report.findings);
  detail::audit_typo_names(directory, policy, report.findings);
  detail::audit_hidden_across_sources(directory, report.findings);
  for (const auto& allowed : policy.allowed_entries)
    for (rules::EntryIndex i : directory.by_address(allowed.address))
      report.exempted.try_emplace(directory.entry(i).id, allowed.reason);
  // Most severe first, then by entry name, so reports read (and diff) the same every time.
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const AuditFinding& a, const AuditFinding& b) {
                     if (a.severity != b.severity) return a.severity > b.severity;
                     if (a.code != b.code) return a.code < b.code;
                     if (a.entry.display_name != b.entry.display_name)
                       return a.entry.display_name < b.entry.display_name;
                     return a.entry.id < b.entry.id;
                   });
  return report;
}

}  // namespace galguard::directory

#include <fmt/format.h>

#include <algorithm>

#include "directory/audit/audit_report.hpp"
#include "directory/audit/entry_ref.hpp"

namespace galguard::directory {

std::string AuditFinding::key() const {
  std::vector<std::string> ids;
  for (const auto& r : related)
    ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  std::string out = code + '\x1f' + entry.id;
  for (const auto& id : ids)
    out += '\x1f' + id;
  return out;
}

rules::Severity AuditReport::highest() const {
  rules::Severity s = rules::Severity::none;
  for (const auto& f : findings)
    if (exemption(f) == nullptr) s = std::max(s, f.severity);
  return s;
}

const std::string* AuditReport::exemption(const AuditFinding& finding) const {
  const auto it = exempted.find(finding.entry.id);
  return it == exempted.end() ? nullptr : &it->second;
}

EntryRef entry_ref(const rules::Snapshot& directory, rules::EntryIndex i) {
  const rules::Entry& e = directory.entry(i);
  std::string address = e.primary;
  if (address.empty() && !directory.addresses(i).empty()) address = directory.addresses(i).front();
  return {e.id, e.display_name, address, e.source};
}

std::string names_of(const std::vector<EntryRef>& refs) {
  std::string out;
  for (const auto& r : refs)
    out += fmt::format("{}\"{}\" <{}>", out.empty() ? "" : ", ", r.display_name, r.address);
  return out;
}

}  // namespace galguard::directory

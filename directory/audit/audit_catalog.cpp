#include <array>
#include <cassert>
#include <utility>

#include "directory/audit/audit_checks.hpp"

namespace galguard::directory {
namespace {

const std::array<rules::CheckInfo, 5> kAuditChecks = {{
    {"entry-role-name-foreign-address", rules::Severity::high,
     "an address-book entry with a function's name (role words, a protected name) "
     "points to an untrusted domain or to an address its protected-name rule does not allow"},
    {"entry-lookalike-name", rules::Severity::high,
     "two entries whose names differ but look the same (confusable characters), or an entry "
     "outside our domains whose name is a typo of a function entry or a protected name"},
    {"entry-duplicate-name", rules::Severity::medium,
     "several entries share one display name with different addresses"},
    {"entry-hidden-mismatch", rules::Severity::medium,
     "an entry hidden from address lists in one place and shown in another"},
    {"entry-changed", rules::Severity::medium,
     "an entry's name or addresses changed since the last audit"},
}};

}  // namespace

std::span<const rules::CheckInfo> audit_catalog() {
  return kAuditChecks;
}

rules::Severity audit_severity(std::string_view code) {
  for (const auto& c : kAuditChecks)
    if (c.code == code) return c.severity;
  for (const auto& c : rules::check_catalog())
    if (c.code == code) return c.severity;
  assert(false && "unknown audit code");
  return rules::Severity::none;
}

AuditFinding audit_finding(std::string_view code, EntryRef entry, std::vector<EntryRef> related,
                           std::string explanation) {
  return AuditFinding{std::string(code),  audit_severity(code),   std::move(entry),
                      std::move(related), std::move(explanation), {}};
}

}  // namespace galguard::directory

// Audit checks that judge one entry on its own (against policy, not against other entries).
#include <fmt/format.h>

#include <array>

#include "directory/audit/audit_checks.hpp"
#include "directory/audit/entry_ref.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory::detail {
namespace {

// The recipient checks that still mean something when the "recipient" is an entry itself.
// protected-name is covered by entry-role-name-foreign-address; name-bound-elsewhere and
// ambiguous-name by the duplicate and look-alike buckets.
constexpr std::array<std::string_view, 3> kRecipientCodes = {
    "name-contains-other-address", "lookalike-domain", "foreign-tenant-internal-name"};

// Why an address is wrong for this entry's function name, or "" when it is fine.
std::string foreign_reason(const rules::Policy& policy,
                           const std::vector<const rules::ProtectedName*>& rules_for_name,
                           std::string_view address) {
  std::string_view domain = rules::domain_of(address);
  if (domain.empty() || policy.is_internal(domain)) return {};
  bool allowed = false;
  for (const auto* rule : rules_for_name)
    allowed = allowed || rule->allows(address);
  if (policy.is_untrusted(domain))
    return fmt::format("{}, a domain not trusted for staff mail", domain);
  if (!rules_for_name.empty() && !allowed)
    return "an address its protected-name rule does not allow";
  return {};
}

}  // namespace

void audit_entry(const rules::Snapshot& directory, const rules::Policy& policy, rules::EntryIndex i,
                 std::vector<AuditFinding>& out) {
  const rules::Entry& e = directory.entry(i);

  std::vector<const rules::ProtectedName*> rules_for_name;
  for (const auto& rule : policy.protected_names)
    if (rule.pattern.matches(e.display_name)) rules_for_name.push_back(&rule);
  bool role_fired = false;
  if (!rules_for_name.empty() || policy.looks_like_function(e.display_name)) {
    for (const auto& address : directory.addresses(i)) {
      std::string why = foreign_reason(policy, rules_for_name, address);
      if (why.empty()) continue;
      AuditFinding f =
          audit_finding("entry-role-name-foreign-address", entry_ref(directory, i), {},
                        fmt::format("The address-book entry \"{}\" looks like a function but "
                                    "points to {}, in {}: whoever picks it from the address book "
                                    "mails that mailbox.",
                                    e.display_name, address, why));
      f.entry.address = address;
      out.push_back(std::move(f));
      role_fired = true;
      break;
    }
  }

  if (e.hidden && !e.address_lists.empty()) {
    out.push_back({"entry-hidden-mismatch",
                   audit_severity("entry-hidden-mismatch"),
                   entry_ref(directory, i),
                   {},
                   fmt::format("\"{}\" is marked hidden from address lists but is still listed "
                               "in {} address list{}.",
                               e.display_name, e.address_lists.size(),
                               e.address_lists.size() == 1 ? "" : "s"),
                   {}});
  }

  const auto& addresses = directory.addresses(i);
  if (addresses.empty()) return;
  rules::Recipient self{"directory", e.display_name, addresses.front(), addresses.front()};
  for (auto& finding : rules::check_recipient(self, directory, policy, kRecipientCodes)) {
    if (finding.code == "foreign-tenant-internal-name") {
      if (role_fired) continue;  // already reported, more precisely
      // The recipient wording ("yet the name is from your address book") says nothing here.
      finding.explanation = fmt::format(
          "The address-book entry \"{}\" points to {}, in {}, a domain not trusted for staff "
          "mail: check that this contact is meant to be in the address book.",
          e.display_name, self.address, rules::domain_of(self.address_key));
    }
    out.push_back({finding.code,
                   finding.severity,
                   entry_ref(directory, i),
                   {},
                   std::move(finding.explanation),
                   {}});
  }
}

}  // namespace galguard::directory::detail

#include "rules/checks/check_table.hpp"

#include <array>
#include <cassert>
#include <cstdlib>

namespace galguard::rules::detail {
namespace {

// Order is the order findings are reported in for one recipient.
const std::array<Check, 7> kChecks = {{
    {{"name-bound-elsewhere", Severity::high,
      "the display name is a directory entry's name, but the address is none of its addresses"},
     &check_name_bound_elsewhere},
    {{"name-lookalike", Severity::high,
      "the display name looks like a directory entry's name (confusable characters) but is not "
      "it, and the address is not that entry's"},
     &check_name_lookalike},
    {{"protected-name", Severity::high,
      "the display name matches a protected name of the policy and the address is not one it "
      "allows"},
     &check_protected_name},
    {{"name-contains-other-address", Severity::high,
      "the display name shows an e-mail address other than the real one"},
     &check_name_contains_other_address},
    {{"lookalike-domain", Severity::high,
      "the address's domain is not an internal domain but is confusable with one"},
     &check_lookalike_domain},
    {{"foreign-tenant-internal-name", Severity::medium,
      "the address is in a domain untrusted for staff mail while the name is a directory name "
      "or looks like a function"},
     &check_foreign_tenant_internal_name},
    {{"ambiguous-name", Severity::low,
      "the display name fits several directory entries with different addresses"},
     &check_ambiguous_name},
}};

}  // namespace

std::span<const Check> recipient_checks() {
  return kChecks;
}

const CheckInfo& find_check(std::string_view code) {
  for (const auto& c : kChecks)
    if (c.info.code == code) return c.info;
  assert(false && "unknown check code");
  std::abort();
}

}  // namespace galguard::rules::detail

namespace galguard::rules {

std::span<const CheckInfo> check_catalog() {
  static const auto catalog = [] {
    std::array<CheckInfo, detail::kChecks.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = detail::kChecks[i].info;
    return out;
  }();
  return catalog;
}

}  // namespace galguard::rules

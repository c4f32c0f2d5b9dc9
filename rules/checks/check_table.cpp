#include "rules/checks/check_table.hpp"

#include <array>
#include <cassert>
#include <cstdlib>

#include "rules/checks/readings.hpp"

namespace galguard::rules::detail {
namespace {

// Order is the order findings are reported in for one recipient.
const std::array<Check, 9> kChecks = {{
    {{"flagged-entry-address", Severity::high,
      "the address belongs to a directory entry the audit flags (a function name on a foreign "
      "mailbox, a look-alike name), whatever name the message shows"},
     &check_flagged_entry_address},
    {{"name-bound-elsewhere", Severity::high,
      "the display name is a directory entry's name, but the address is none of its addresses"},
     &in_every_reading<check_name_bound_elsewhere>},
    {{"name-lookalike", Severity::high,
      "the display name looks like a directory entry's name (confusable characters) or is a "
      "typo of a function entry's name, but is not it, and the address is not that entry's"},
     &in_every_reading<check_name_lookalike>},
    {{"protected-name", Severity::high,
      "the display name matches a protected name of the policy, or is a typo of its literal "
      "form, and the address is not one it allows"},
     &in_every_reading<check_protected_name>},
    {{"name-contains-other-address", Severity::high,
      "the display name shows an e-mail address other than the real one"},
     &in_every_reading<check_name_contains_other_address>},
    {{"lookalike-domain", Severity::high,
      "the address's domain is not an internal domain but is confusable with one"},
     &check_lookalike_domain},
    {{"name-hidden-characters", Severity::medium,
      "the display name holds characters that cannot be seen (zero-width, blank fillers) or bidi "
      "controls that change the order it is displayed in"},
     &check_name_hidden_characters},
    {{"foreign-tenant-internal-name", Severity::medium,
      "the address is in a domain untrusted for staff mail while the name is a directory name "
      "or looks like a function"},
     &in_every_reading<check_foreign_tenant_internal_name>},
    {{"ambiguous-name", Severity::low,
      "the display name fits several directory entries with different addresses"},
     &check_ambiguous_name},
}};

const std::array<MessageCheck, 2> kMessageChecks = {{
    {{"unreadable-recipient", Severity::high,
      "a recipient header cannot be read into addresses completely (a bracket, quote or comment "
      "not closed, a control character, an address without '@', past a size limit)"},
     &check_unreadable_recipients},
    // Off (none) unless the policy gives it a severity.
    {{"attachment-not-inspected", Severity::none,
      "an attachment could not be inspected for personal data (encrypted, a legacy or unknown "
      "format, an image, past a limit) and the message goes outside the organisation"},
     &check_attachments_not_inspected},
}};

}  // namespace

std::span<const Check> recipient_checks() {
  return kChecks;
}

std::span<const MessageCheck> message_checks() {
  return kMessageChecks;
}

const CheckInfo& find_check(std::string_view code) {
  for (const auto& c : kChecks)
    if (c.info.code == code) return c.info;
  for (const auto& c : kMessageChecks)
    if (c.info.code == code) return c.info;
  assert(false && "unknown check code");
  std::abort();
}

}  // namespace galguard::rules::detail

namespace galguard::rules {

std::span<const CheckInfo> check_catalog() {
  static const auto catalog = [] {
    std::array<CheckInfo, detail::kChecks.size() + detail::kMessageChecks.size()> out{};
    std::size_t i = 0;
    for (const auto& c : detail::kChecks)
      out[i++] = c.info;
    for (const auto& c : detail::kMessageChecks)
      out[i++] = c.info;
    return out;
  }();
  return catalog;
}

}  // namespace galguard::rules

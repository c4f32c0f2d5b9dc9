// An attachment galguard could not read may carry the personal data the detectors would have
// counted. Sites that want such mail stopped before it leaves say so in the policy; the finding
// names the files and why, never their content.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "rules/checks/check_table.hpp"

namespace galguard::rules::detail {
namespace {

std::string_view domain_of(std::string_view address_key) {
  const std::size_t at = address_key.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : address_key.substr(at + 1);
}

// The first recipient outside the internal domains, header or envelope; null when none.
const Recipient* first_external(const MessageContext& c) {
  const Policy& policy = c.grounds.policy;
  for (const Recipient& r : c.message.recipients)
    if (!policy.is_internal(domain_of(r.address_key))) return &r;
  for (const Recipient& r : c.envelope_only)
    if (!policy.is_internal(domain_of(r.address_key))) return &r;
  return nullptr;
}

}  // namespace

void check_attachments_not_inspected(const MessageContext& c, std::vector<Finding>& out) {
  const Severity severity = c.grounds.policy.attachment_not_inspected_external;
  if (severity == Severity::none) return;
  std::vector<std::string> unread;
  for (const Attachment& a : c.message.attachments)
    if (!a.inspected) unread.push_back(fmt::format("{} ({})", a.name, a.why));
  if (unread.empty()) return;
  const Recipient* external = first_external(c);
  if (external == nullptr) return;
  Finding f;
  f.code = "attachment-not-inspected";
  f.severity = severity;
  f.header = external->header;
  f.address = external->address;
  f.explanation = fmt::format(
      "{} could not be inspected for personal data and the message goes outside the "
      "organisation: {}",
      unread.size() == 1 ? "An attachment" : fmt::format("{} attachments", unread.size()),
      fmt::join(unread, "; "));
  out.push_back(std::move(f));
}

}  // namespace galguard::rules::detail

// The verdict for one message: every recipient through the check table, personal data from
// the detectors, the highest severity (raised for special categories) mapped by policy.
#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {

namespace {

constexpr auto every_check = [](std::string_view) { return true; };

// Appends the recipient's findings to `out`.
template <typename Keep>
void run_checks(const Recipient& r, const Grounds& grounds, Keep keep, std::vector<Finding>& out) {
  if (r.address_key.empty()) return;
  detail::RecipientContext context(r, grounds.directory, grounds.policy, grounds.flagged);
  for (const auto& check : detail::recipient_checks())
    if (keep(check.info.code)) check.run(context, out);
}

// Most severe first, recipients in their order within one severity: a stable sort, done as one
// pass per severity since there are only a few of them.
void order_by_severity(std::vector<Finding>& findings) {
  const auto most_severe_first = [](const Finding& a, const Finding& b) {
    return a.severity > b.severity;
  };
  if (std::is_sorted(findings.begin(), findings.end(), most_severe_first)) return;
  std::vector<Finding> ordered;
  ordered.reserve(findings.size());
  for (int level = static_cast<int>(Severity::critical); level >= static_cast<int>(Severity::none);
       --level)
    for (auto& f : findings)
      if (static_cast<int>(f.severity) == level) ordered.push_back(std::move(f));
  findings = std::move(ordered);
}

// The envelope recipients no header names, each as a recipient without a display name: Bcc
// (which Postfix removes before we see the message), aliases, list members.
std::vector<Recipient> envelope_only(const MessageView& message, const Envelope& envelope) {
  std::vector<Recipient> out;
  for (const auto& address : envelope.recipients) {
    std::string key = normalize_address(address);
    if (key.empty()) continue;
    const auto named = [&](const Recipient& r) { return r.address_key == key; };
    if (std::any_of(message.recipients.begin(), message.recipients.end(), named) ||
        std::any_of(out.begin(), out.end(), named))
      continue;
    out.push_back({std::string(kEnvelopeHeader), {}, address, std::move(key)});
  }
  return out;
}

}  // namespace

std::vector<Finding> check_recipient(const Recipient& r, const Grounds& grounds) {
  std::vector<Finding> out;
  run_checks(r, grounds, every_check, out);
  return out;
}

std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy) {
  return check_recipient(r, Grounds{directory, policy});
}

std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy,
                                     std::span<const std::string_view> codes) {
  std::vector<Finding> out;
  run_checks(
      r, Grounds{directory, policy},
      [codes](std::string_view code) {
        return std::find(codes.begin(), codes.end(), code) != codes.end();
      },
      out);
  return out;
}

Verdict evaluate(const MessageView& message, const Envelope& envelope, const Grounds& grounds) {
  Verdict v;
  auto judge = [&](const Recipient& r) { run_checks(r, grounds, every_check, v.findings); };
  for (std::size_t i = 0; i < message.recipients.size(); ++i) {
    const Recipient& r = message.recipients[i];
    // The same mailbox in To and Cc is one recipient to judge.
    bool seen = std::any_of(
        message.recipients.begin(), message.recipients.begin() + i, [&](const Recipient& o) {
          return o.address_key == r.address_key && o.display_name == r.display_name;
        });
    if (!seen) judge(r);
  }
  const std::vector<Recipient> unnamed = envelope_only(message, envelope);
  for (const Recipient& r : unnamed)
    judge(r);
  const detail::MessageContext context{message, unnamed, grounds};
  for (const auto& check : detail::message_checks())
    check.run(context, v.findings);
  order_by_severity(v.findings);

  v.personal_data = detect_personal_data(message, grounds.today);
  v.severity = v.findings.empty() ? Severity::none : v.findings.front().severity;
  if (v.personal_data.special_category()) v.severity = raised(v.severity);
  v.action = grounds.policy.action_for(v.severity);
  return v;
}

Verdict evaluate(const MessageView& message, const Snapshot& directory, const Policy& policy) {
  return evaluate(message, Envelope{}, Grounds{directory, policy});
}

}  // namespace galguard::rules

// The verdict for one message: every recipient through the check table, personal data from
// the detectors, the highest severity (raised for special categories) mapped by policy.
#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {

namespace {

template <typename Keep>
std::vector<Finding> run_checks(const Recipient& r, const Grounds& grounds, Keep keep) {
  std::vector<Finding> out;
  if (r.address_key.empty()) return out;
  detail::RecipientContext context(r, grounds.directory, grounds.policy, grounds.flagged);
  for (const auto& check : detail::recipient_checks())
    if (keep(check.info.code)) check.run(context, out);
  return out;
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
  return run_checks(r, grounds, [](std::string_view) { return true; });
}

std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy) {
  return check_recipient(r, Grounds{directory, policy});
}

std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy,
                                     std::span<const std::string_view> codes) {
  return run_checks(r, Grounds{directory, policy}, [codes](std::string_view code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  });
}

Verdict evaluate(const MessageView& message, const Envelope& envelope, const Grounds& grounds) {
  Verdict v;
  auto judge = [&](const Recipient& r) {
    auto found = check_recipient(r, grounds);
    v.findings.insert(v.findings.end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
  };
  for (std::size_t i = 0; i < message.recipients.size(); ++i) {
    const Recipient& r = message.recipients[i];
    // The same mailbox in To and Cc is one recipient to judge.
    bool seen = std::any_of(
        message.recipients.begin(), message.recipients.begin() + i, [&](const Recipient& o) {
          return o.address_key == r.address_key && o.display_name == r.display_name;
        });
    if (!seen) judge(r);
  }
  for (const Recipient& r : envelope_only(message, envelope))
    judge(r);
  for (const auto& check : detail::message_checks())
    check.run(message, v.findings);
  // Most severe first; recipients keep their order within one severity.
  std::stable_sort(v.findings.begin(), v.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });

  v.personal_data = detect_personal_data(message.texts, grounds.today);
  v.severity = v.findings.empty() ? Severity::none : v.findings.front().severity;
  if (v.personal_data.special_category()) v.severity = raised(v.severity);
  v.action = grounds.policy.action_for(v.severity);
  return v;
}

Verdict evaluate(const MessageView& message, const Snapshot& directory, const Policy& policy) {
  return evaluate(message, Envelope{}, Grounds{directory, policy});
}

}  // namespace galguard::rules

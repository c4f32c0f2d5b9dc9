// The verdict for one message: every recipient through the check table, personal data from
// the detectors, the highest severity (raised for special categories) mapped by policy.
#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/checks/verdict.hpp"

namespace galguard::rules {

namespace {

template <typename Keep>
std::vector<Finding> run_checks(const Recipient& r, const Snapshot& directory, const Policy& policy,
                                Keep keep) {
  std::vector<Finding> out;
  if (r.address_key.empty()) return out;
  detail::RecipientContext context(r, directory, policy);
  for (const auto& check : detail::recipient_checks())
    if (keep(check.info.code)) check.run(context, out);
  return out;
}

}  // namespace

std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy) {
  return run_checks(r, directory, policy, [](std::string_view) { return true; });
}

std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy,
                                     std::span<const std::string_view> codes) {
  return run_checks(r, directory, policy, [codes](std::string_view code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  });
}

Verdict evaluate(const MessageView& message, const Snapshot& directory, const Policy& policy) {
  Verdict v;
  for (std::size_t i = 0; i < message.recipients.size(); ++i) {
    const Recipient& r = message.recipients[i];
    // The same mailbox in To and Cc is one recipient to judge.
    bool seen = std::any_of(
        message.recipients.begin(), message.recipients.begin() + i, [&](const Recipient& o) {
          return o.address_key == r.address_key && o.display_name == r.display_name;
        });
    if (seen) continue;
    auto found = check_recipient(r, directory, policy);
    v.findings.insert(v.findings.end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
  }
  // Most severe first; recipients keep their order within one severity.
  std::stable_sort(v.findings.begin(), v.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });

  v.personal_data = detect_personal_data(message.texts);
  v.severity = v.findings.empty() ? Severity::none : v.findings.front().severity;
  if (v.personal_data.special_category()) v.severity = raised(v.severity);
  v.action = policy.action_for(v.severity);
  return v;
}

}  // namespace galguard::rules

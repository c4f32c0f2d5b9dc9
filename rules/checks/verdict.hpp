// The judgement: a message view, a directory snapshot and a policy in; a verdict out.
// Pure: no I/O, no clock. DESIGN.md §3 "Verdict".
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/checks/finding.hpp"
#include "rules/detectors/civil_date.hpp"
#include "rules/detectors/personal_data.hpp"
#include "rules/message/envelope.hpp"
#include "rules/message/message_view.hpp"
#include "rules/model/flagged_addresses.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::rules {

struct Verdict {
  Action action = Action::pass;
  Severity severity = Severity::none;  // highest finding severity, raised for special categories
  std::vector<Finding> findings;
  PersonalData personal_data;
};

// What a message is judged against: the directory, the addresses its audit flags, the policy.
struct Grounds {
  const Snapshot& directory;
  const Policy& policy;
  const FlaggedAddresses& flagged = no_flagged_addresses();
  // rules/ has no clock: a birth date after this day is no identity number.
  CivilDate today = kNoFutureCheck;
};

// The header recipient that is judged in an envelope recipient's place.
inline constexpr std::string_view kEnvelopeHeader = "RCPT TO";

// Every recipient check of DESIGN.md §3 against one recipient.
std::vector<Finding> check_recipient(const Recipient& r, const Grounds& grounds);
std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy);
// Only the checks with the given codes (the auditor runs some of them over entries).
std::vector<Finding> check_recipient(const Recipient& r, const Snapshot& directory,
                                     const Policy& policy, std::span<const std::string_view> codes);

// Every header recipient with its display name, and every envelope recipient that no header
// names with the checks that need no name (as "RCPT TO"); one verdict for the whole message.
Verdict evaluate(const MessageView& message, const Envelope& envelope, const Grounds& grounds);
// Headers only, nothing flagged: what a message file alone can be judged by.
Verdict evaluate(const MessageView& message, const Snapshot& directory, const Policy& policy);

// The catalogue of checks with their metadata, for documentation, the UI and the log.
struct CheckInfo {
  std::string_view code;
  Severity severity;
  std::string_view summary;  // what the check looks for, one line
};
std::span<const CheckInfo> check_catalog();

}  // namespace galguard::rules

// The recipient checks as one table: code, severity and summary beside the function, so the
// UI, the log and the sender notice all read the same metadata (rspamd-style).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/checks/recipient_context.hpp"
#include "rules/checks/verdict.hpp"

namespace galguard::rules::detail {

using CheckFn = void (*)(const RecipientContext&, std::vector<Finding>&);

struct Check {
  CheckInfo info;
  CheckFn run;
};

std::span<const Check> recipient_checks();

// Checks of the message as a whole, each run once per message (not per recipient); they are
// in the catalogue like the recipient checks.
// What a check of the whole message sees: the message, the envelope recipients no header
// names, and the directory and policy.
struct MessageContext {
  const MessageView& message;
  std::span<const Recipient> envelope_only;
  const Grounds& grounds;
};

using MessageCheckFn = void (*)(const MessageContext&, std::vector<Finding>&);

struct MessageCheck {
  CheckInfo info;
  MessageCheckFn run;
};

std::span<const MessageCheck> message_checks();

// The metadata of a code; a code not in the table is a program bug.
const CheckInfo& find_check(std::string_view code);

// The checks themselves (name_checks.cpp, policy_checks.cpp, address_checks.cpp,
// domain_checks.cpp).
void check_flagged_entry_address(const RecipientContext& c, std::vector<Finding>& out);
void check_name_bound_elsewhere(const RecipientContext& c, std::vector<Finding>& out);
void check_name_lookalike(const RecipientContext& c, std::vector<Finding>& out);
void check_ambiguous_name(const RecipientContext& c, std::vector<Finding>& out);
void check_protected_name(const RecipientContext& c, std::vector<Finding>& out);
void check_foreign_tenant_internal_name(const RecipientContext& c, std::vector<Finding>& out);
void check_name_contains_other_address(const RecipientContext& c, std::vector<Finding>& out);
void check_lookalike_domain(const RecipientContext& c, std::vector<Finding>& out);
// character_checks.cpp
void check_name_hidden_characters(const RecipientContext& c, std::vector<Finding>& out);

// unreadable_checks.cpp: one finding per recipient header the view could not read completely.
void check_unreadable_recipients(const MessageContext& c, std::vector<Finding>& out);
// attachment_checks.cpp: attachments not inspected in mail that leaves the organisation, at the
// severity the policy gives ([attachments] not_inspected_external; off by default).
void check_attachments_not_inspected(const MessageContext& c, std::vector<Finding>& out);

// At most one edit apart (insert, delete, substitute or swap two neighbours), by code point.
bool within_one_edit(std::string_view a, std::string_view b);

// The e-mail addresses written inside a text (display names like "anna@x.se <evil@y.com>").
std::vector<std::string> addresses_in_text(std::string_view text);

}  // namespace galguard::rules::detail

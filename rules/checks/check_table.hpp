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

// The metadata of a code; a code not in the table is a program bug.
const CheckInfo& find_check(std::string_view code);

// The checks themselves (name_checks.cpp, policy_checks.cpp, address_checks.cpp).
void check_name_bound_elsewhere(const RecipientContext& c, std::vector<Finding>& out);
void check_name_lookalike(const RecipientContext& c, std::vector<Finding>& out);
void check_ambiguous_name(const RecipientContext& c, std::vector<Finding>& out);
void check_protected_name(const RecipientContext& c, std::vector<Finding>& out);
void check_foreign_tenant_internal_name(const RecipientContext& c, std::vector<Finding>& out);
void check_name_contains_other_address(const RecipientContext& c, std::vector<Finding>& out);
void check_lookalike_domain(const RecipientContext& c, std::vector<Finding>& out);

// At most one edit apart (insert, delete, substitute or swap two neighbours), by code point.
bool within_one_edit(std::string_view a, std::string_view b);

// The e-mail addresses written inside a text (display names like "anna@x.se <evil@y.com>").
std::vector<std::string> addresses_in_text(std::string_view text);

}  // namespace galguard::rules::detail

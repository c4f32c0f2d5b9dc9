// Checks that compare the recipient with what the organisation's policy says.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/checks/explain.hpp"
#include "rules/checks/function_typos.hpp"

namespace galguard::rules::detail {

namespace {

// A typing slip of a protected name ("Servce Desk 33900" of "service ?desk*") on an address its
// rule does not allow. A name that is itself in the directory is judged as that entry's name.
void check_protected_typo(const RecipientContext& c, const std::vector<bool>& allowed_by,
                          std::vector<Finding>& out) {
  if (!c.same_name.empty()) return;
  const TypoQuery* query = nullptr;
  for (std::size_t i = 0; i < c.policy.protected_names.size(); ++i) {
    const auto& rule = c.policy.protected_names[i];
    if (allowed_by[i]) continue;
    if (query == nullptr) query = &typo_query(c.name.normalized, c.policy, true);
    auto slip = rule.pattern.typo_of(*query);
    if (!slip) continue;
    std::string where = rule.allow.empty() ? std::string("no address at all")
                                           : or_list(rule.allow, rule.allow.size());
    std::string explanation = fmt::format(
        FMT_COMPILE(
            "\"{}\" differs by {} from the protected name \"{}\", which may only be used for {}, "
            "but this message goes to {}."),
        c.recipient.display_name, slip_size(slip->edits), slip->literal, where,
        c.recipient.address);
    out.push_back(c.finding("protected-name", std::move(explanation), rule.allow));
    return;
  }
}

}  // namespace

void check_protected_name(const RecipientContext& c, std::vector<Finding>& out) {
  if (c.name.key.empty()) return;
  const auto& rules = c.policy.protected_names;
  std::vector<bool> allowed_by;  // per rule, asked once
  allowed_by.reserve(rules.size());
  for (const auto& rule : rules)
    allowed_by.push_back(rule.allows(c.recipient.address_key));
  // An address every rule allows (usually our own domain) can break none of them: no need to
  // match the name at all. This is most mail.
  if (std::all_of(allowed_by.begin(), allowed_by.end(), [](bool a) { return a; })) return;
  std::vector<std::string> allowed;
  bool matched = false;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& rule = rules[i];
    if (!rule.pattern.matches(c.name)) continue;
    // Several rules may cover one name; any of them allowing the address is enough.
    if (allowed_by[i]) return;
    matched = true;
    for (const auto& a : rule.allow)
      if (std::find(allowed.begin(), allowed.end(), a) == allowed.end()) allowed.push_back(a);
  }
  if (!matched) {
    check_protected_typo(c, allowed_by, out);
    return;
  }
  std::string where =
      allowed.empty() ? std::string("no address at all") : or_list(allowed, allowed.size());
  std::string explanation =
      fmt::format(FMT_COMPILE("\"{}\" is a protected name that may only be used for {}, "
                              "but this message goes to {}."),
                  c.recipient.display_name, where, c.recipient.address);
  out.push_back(c.finding("protected-name", std::move(explanation), std::move(allowed)));
}

void check_foreign_tenant_internal_name(const RecipientContext& c, std::vector<Finding>& out) {
  if (c.name.key.empty() || c.domain.empty() || !c.policy.is_untrusted(c.domain)) return;
  std::string why;
  std::vector<std::string> expected;
  if (!c.same_name.empty()) {
    why = "a name from your own address book";
  } else if (!c.alike().empty()) {
    why = "a name that looks like one from your own address book";
  } else if (c.policy.looks_like_function(c.name)) {
    why = "a name that looks like a function mailbox";
  } else {
    return;  // a pupil or a private person in that domain: ordinary mail
  }
  // Where the directory itself points outside, the expected addresses would be the same
  // foreign ones: list them only when they differ from the recipient.
  for (const auto& a : addresses_of(c.directory, c.same_name))
    if (a != c.recipient.address_key) expected.push_back(a);
  std::string explanation = fmt::format(
      FMT_COMPILE("{} is in {}, a domain not trusted for staff mail, yet \"{}\" is {}."),
      c.recipient.address, c.domain, c.recipient.display_name, why);
  out.push_back(
      c.finding("foreign-tenant-internal-name", std::move(explanation), std::move(expected)));
}

}  // namespace galguard::rules::detail

// Audit: entries whose names are typing slips of a function in the directory or of a protected
// name ("Servce Desk 33900" beside "Service Desk 33900"), through the same typo indexes the
// recipient checks use: one lookup per entry, never a comparison of every pair.
#include <fmt/format.h>

#include <algorithm>

#include "directory/audit/audit_checks.hpp"
#include "directory/audit/entry_ref.hpp"
#include "rules/checks/function_typos.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory::detail {
namespace {

// Every address in our own domains (a contact's target address counts too).
bool internal(const rules::Snapshot& d, const rules::Policy& policy, rules::EntryIndex i) {
  const auto& a = d.addresses(i);
  return !a.empty() && std::all_of(a.begin(), a.end(), [&](const std::string& address) {
    return policy.is_internal(rules::domain_of(address));
  });
}

bool shares_address(const rules::Snapshot& d, rules::EntryIndex i, rules::EntryIndex j) {
  for (const auto& a : d.addresses(i))
    if (d.has_address(j, a)) return true;
  return false;
}

// The address of the entry that a protected name's rule does not allow, or "" when every one of
// its addresses is ours or allowed.
std::string_view unallowed_address(const rules::Snapshot& d, const rules::Policy& policy,
                                   const rules::ProtectedName& rule, rules::EntryIndex i) {
  for (const auto& a : d.addresses(i))
    if (!policy.is_internal(rules::domain_of(a)) && !rule.allows(a)) return a;
  return {};
}

// Slips of another entry's function name. Entries in our own domains are left alone: two of our
// functions a letter apart ("Skola Nord", "Skola Norr") are a naming choice, not a trap. Of two
// foreign entries that are each other's slips, the one changed last is reported.
void audit_function_typo(const rules::Snapshot& d, const rules::Policy& policy,
                         const rules::TypoIndex& functions, rules::EntryIndex i,
                         const rules::NameForms& name, const rules::TypoQuery& query,
                         std::vector<AuditFinding>& out) {
  std::vector<EntryRef> related;
  int edits = 2;
  for (const auto& m : functions.find(query)) {
    const rules::EntryIndex j = m.id;
    if (j == i || d.name_key(j) == d.name_key(i) || shares_address(d, i, j)) continue;
    if (d.skeleton_key(j) == d.skeleton_key(i)) continue;  // reported as a look-alike already
    if (!internal(d, policy, j) && policy.looks_like_function(name)) {
      const auto rank = [&](rules::EntryIndex k) {
        return std::make_pair(d.entry(k).changed_at, k);
      };
      if (rank(i) < rank(j)) continue;  // the other one is reported as the slip
    }
    related.push_back(entry_ref(d, j));
    edits = std::min(edits, m.edits);
  }
  if (related.empty()) return;
  AuditFinding f = audit_finding("entry-lookalike-name", entry_ref(d, i), std::move(related));
  f.explanation = fmt::format(
      "\"{}\" <{}> is a typo of {}: it differs by {}, and a sender picking it from the address "
      "book can easily take it for that entry.",
      f.entry.display_name, f.entry.address, names_of(f.related), rules::slip_size(edits));
  out.push_back(std::move(f));
}

void audit_protected_typo(const rules::Snapshot& d, const rules::Policy& policy,
                          rules::EntryIndex i, const rules::NameForms& name,
                          const rules::TypoQuery& query, std::vector<AuditFinding>& out) {
  for (const auto& rule : policy.protected_names) {
    const std::string_view address = unallowed_address(d, policy, rule, i);
    if (address.empty() || rule.pattern.matches(name)) continue;  // exact: the role-name check
    auto slip = rule.pattern.typo_of(query);
    if (!slip) continue;
    AuditFinding f = audit_finding("entry-lookalike-name", entry_ref(d, i));
    f.entry.address = std::string(address);
    f.explanation = fmt::format(
        "\"{}\" <{}> is a typo of the protected name \"{}\" (it differs by {}), which may not "
        "be used for that address: a sender picking it takes it for that function.",
        f.entry.display_name, address, slip->literal, rules::slip_size(slip->edits));
    out.push_back(std::move(f));
    return;
  }
}

}  // namespace

void audit_typo_names(const rules::Snapshot& d, const rules::Policy& policy,
                      std::vector<AuditFinding>& out) {
  const auto functions = rules::function_typos(d, policy);
  for (rules::EntryIndex i = 0; i < d.size(); ++i) {
    if (internal(d, policy, i)) continue;  // most of a GAL: our own people and functions
    const rules::NameForms name = rules::name_forms(d.entry(i).display_name);
    if (name.normalized.empty()) continue;
    const rules::TypoQuery& query = rules::typo_query(name.normalized, policy, true);
    audit_function_typo(d, policy, *functions, i, name, query, out);
    audit_protected_typo(d, policy, i, name, query, out);
  }
}

}  // namespace galguard::directory::detail

#include "rules/checks/recipient_context.hpp"

#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/checks/readings.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::detail {

RecipientContext::RecipientContext(const Recipient& r, const Snapshot& dir, const Policy& pol,
                                   const FlaggedAddresses& flags)
    : RecipientContext(r, dir, pol, flags, name_forms(r.display_name)) {
  add_other_readings(*this);
}

RecipientContext::RecipientContext(const Recipient& r, const Snapshot& dir, const Policy& pol,
                                   const FlaggedAddresses& flags, NameForms forms)
    : recipient(r), directory(dir), policy(pol), flagged(flags), name(std::move(forms)) {
  domain = domain_of(r.address_key);
  if (name.key.empty()) return;
  same_name = directory.by_name_key(name.key);
  verified = std::any_of(same_name.begin(), same_name.end(),
                         [&](EntryIndex i) { return directory.has_address(i, r.address_key); });
}

Finding RecipientContext::finding(std::string_view code, std::string explanation,
                                  std::vector<std::string> expected) const {
  Finding f;
  f.code = std::string(code);
  f.severity = find_check(code).severity;
  f.header = recipient.header;
  f.display_name = recipient.display_name;
  f.address = recipient.address;
  f.expected = std::move(expected);
  f.explanation = std::move(explanation);
  return f;
}

std::vector<EntryIndex> RecipientContext::alike() const {
  if (name.key.empty()) return {};
  const auto folded = directory.by_skeleton_key(name.skeleton_key);
  std::vector<EntryIndex> out(folded.begin(), folded.end());
  if (name.cased_skeleton_key == name.skeleton_key) return out;
  for (EntryIndex i : directory.by_skeleton_key(name.cased_skeleton_key))
    if (std::find(folded.begin(), folded.end(), i) == folded.end()) out.push_back(i);
  return out;
}

std::vector<std::string> addresses_of(const Snapshot& directory,
                                      std::span<const EntryIndex> entries) {
  std::vector<std::string> out;
  for (EntryIndex i : entries)
    for (const auto& a : directory.addresses(i))
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  return out;
}

}  // namespace galguard::rules::detail

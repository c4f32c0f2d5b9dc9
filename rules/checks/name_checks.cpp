// Checks that compare the display name with directory names.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/checks/explain.hpp"
#include "rules/checks/function_typos.hpp"

namespace galguard::rules::detail {

void check_name_bound_elsewhere(const RecipientContext& c, std::vector<Finding>& out) {
  if (c.same_name.empty() || c.verified) return;
  auto expected = addresses_of(c.directory, c.same_name);
  std::string explanation =
      fmt::format(FMT_COMPILE("\"{}\" is {} in the address book, but this message goes to {}."),
                  c.recipient.display_name, or_list(expected), c.recipient.address);
  out.push_back(c.finding("name-bound-elsewhere", std::move(explanation), std::move(expected)));
}

namespace {

// A typing slip of a function name in the directory ("Helpdeks", "Lönér Skärholmen"), when the
// address is not that entry's. Personal names are not compared: one letter apart they are
// usually two people. A name that is itself in the directory is its own entry, not a slip.
void check_function_typo(const RecipientContext& c, std::vector<Finding>& out) {
  if (!c.same_name.empty()) return;
  const auto index = function_typos(c.directory, c.policy);
  if (index->items() == 0) return;
  std::vector<EntryIndex> slipped;
  int edits = 2;
  for (const auto& m : index->find(typo_query(c.name.normalized, c.policy, false))) {
    if (c.directory.has_address(m.id, c.recipient.address_key)) return;  // it is that entry
    slipped.push_back(m.id);
    edits = std::min(edits, m.edits);
  }
  if (slipped.empty()) return;
  auto expected = addresses_of(c.directory, slipped);
  std::string explanation = fmt::format(FMT_COMPILE("\"{}\" differs by {} from \"{}\" ({}) in the "
                                                    "address book, and this message goes to {}."),
                                        c.recipient.display_name, slip_size(edits),
                                        c.directory.entry(slipped.front()).display_name,
                                        or_list(expected), c.recipient.address);
  out.push_back(c.finding("name-lookalike", std::move(explanation), std::move(expected)));
}

}  // namespace

void check_name_lookalike(const RecipientContext& c, std::vector<Finding>& out) {
  if (c.name.key.empty() || c.verified) return;
  std::vector<EntryIndex> lookalikes;
  for (EntryIndex i : c.alike()) {
    if (c.directory.name_key(i) == c.name.key) continue;  // same name: name-bound-elsewhere
    if (c.directory.has_address(i, c.recipient.address_key)) return;  // it is that entry
    lookalikes.push_back(i);
  }
  if (lookalikes.empty()) {
    check_function_typo(c, out);
    return;
  }
  auto expected = addresses_of(c.directory, lookalikes);
  std::string explanation =
      fmt::format(FMT_COMPILE("\"{}\" looks like \"{}\" ({}) from the address book but is spelled "
                              "differently, and this message goes to {}."),
                  c.recipient.display_name, c.directory.entry(lookalikes.front()).display_name,
                  or_list(expected), c.recipient.address);
  out.push_back(c.finding("name-lookalike", std::move(explanation), std::move(expected)));
}

void check_ambiguous_name(const RecipientContext& c, std::vector<Finding>& out) {
  // Not verified means name-bound-elsewhere already says more than this would.
  if (!c.verified || c.same_name.size() < 2) return;
  std::vector<std::string> primaries;
  for (EntryIndex i : c.same_name) {
    const auto& addresses = c.directory.addresses(i);
    if (addresses.empty()) continue;
    if (std::find(primaries.begin(), primaries.end(), addresses.front()) == primaries.end())
      primaries.push_back(addresses.front());
  }
  if (primaries.size() < 2) return;
  std::string explanation = fmt::format(
      FMT_COMPILE("\"{}\" fits {} entries in the address book with different addresses ({}); "
                  "make sure {} is the one you mean."),
      c.recipient.display_name, primaries.size(), or_list(primaries), c.recipient.address);
  out.push_back(c.finding("ambiguous-name", std::move(explanation), std::move(primaries)));
}

}  // namespace galguard::rules::detail

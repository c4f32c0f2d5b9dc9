// Audit checks that compare entries with each other, bucket by bucket (same name key, same
// skeleton, same id): the cost grows with the bucket sizes, not with the square of the GAL.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "directory/audit/audit_checks.hpp"
#include "directory/audit/entry_ref.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory::detail {
namespace {

std::string_view first_address(const rules::Snapshot& d, rules::EntryIndex i) {
  const auto& a = d.addresses(i);
  return a.empty() ? std::string_view{} : std::string_view(a.front());
}

// The file an entry was read from: its source without the trailing ":line" or ":/pointer".
std::string_view origin(std::string_view source) {
  std::size_t colon = source.rfind(':');
  return colon == std::string_view::npos ? source : source.substr(0, colon);
}

}  // namespace

void audit_duplicate_names(const rules::Snapshot& d, std::vector<AuditFinding>& out) {
  d.for_each_name_bucket([&](std::string_view, std::span<const rules::EntryIndex> ids) {
    if (ids.size() < 2) return;
    std::vector<rules::EntryIndex> distinct;  // one per different address
    for (rules::EntryIndex i : ids) {
      bool same = std::any_of(distinct.begin(), distinct.end(), [&](rules::EntryIndex j) {
        return first_address(d, j) == first_address(d, i);
      });
      if (!same) distinct.push_back(i);
    }
    if (distinct.size() < 2) return;
    AuditFinding f = audit_finding("entry-duplicate-name", entry_ref(d, distinct.front()));
    for (std::size_t k = 1; k < distinct.size(); ++k)
      f.related.push_back(entry_ref(d, distinct[k]));
    std::string addresses = f.entry.address;
    for (const auto& r : f.related)
      addresses += ", " + r.address;
    f.explanation = fmt::format(
        "{} entries are called \"{}\" with different addresses ({}): senders cannot tell "
        "them apart in the address book.",
        distinct.size(), f.entry.display_name, addresses);
    out.push_back(std::move(f));
  });
}

void audit_lookalike_names(const rules::Snapshot& d, const rules::Policy& policy,
                           std::vector<AuditFinding>& out) {
  d.for_each_skeleton_bucket([&](std::string_view, std::span<const rules::EntryIndex> ids) {
    if (ids.size() < 2) return;
    // The suspect is the entry outside our own domains, else the most recently changed one.
    auto suspect_rank = [&](rules::EntryIndex i) {
      bool outside = !policy.is_internal(rules::domain_of(first_address(d, i)));
      return std::make_pair(outside, d.entry(i).changed_at);
    };
    rules::EntryIndex suspect =
        *std::max_element(ids.begin(), ids.end(), [&](rules::EntryIndex a, rules::EntryIndex b) {
          return suspect_rank(a) < suspect_rank(b);
        });
    std::vector<EntryRef> related;
    for (rules::EntryIndex i : ids)
      if (d.name_key(i) != d.name_key(suspect)) related.push_back(entry_ref(d, i));
    if (related.empty()) return;  // all the same name: a duplicate, not a look-alike
    AuditFinding f =
        audit_finding("entry-lookalike-name", entry_ref(d, suspect), std::move(related));
    f.explanation = fmt::format(
        "\"{}\" <{}> looks like {} but is spelled with other characters: a sender picking it "
        "cannot see the difference.",
        f.entry.display_name, f.entry.address, names_of(f.related));
    out.push_back(std::move(f));
  });
}

void audit_hidden_across_sources(const rules::Snapshot& d, std::vector<AuditFinding>& out) {
  // The same object seen in several sources. Ids differ between sources (an on-premises
  // objectGUID is not the Entra object id), so the primary address identifies it.
  std::unordered_map<std::string_view, std::vector<rules::EntryIndex>> by_object;
  for (rules::EntryIndex i = 0; i < d.size(); ++i) {
    std::string_view key = first_address(d, i);
    if (!key.empty()) by_object[key].push_back(i);
  }
  for (const auto& [key, ids] : by_object) {
    if (ids.size() < 2) continue;
    auto hidden = std::find_if(ids.begin(), ids.end(), [&](auto i) { return d.entry(i).hidden; });
    auto shown = std::find_if(ids.begin(), ids.end(), [&](auto i) { return !d.entry(i).hidden; });
    if (hidden == ids.end() || shown == ids.end()) continue;
    if (origin(d.entry(*hidden).source) == origin(d.entry(*shown).source)) continue;
    AuditFinding f =
        audit_finding("entry-hidden-mismatch", entry_ref(d, *hidden), {entry_ref(d, *shown)});
    f.explanation =
        fmt::format("\"{}\" is hidden from address lists in {} but shown in {}.",
                    f.entry.display_name, origin(f.entry.source), origin(f.related.front().source));
    out.push_back(std::move(f));
  }
}

}  // namespace galguard::directory::detail

// Drift against the previous audit: which findings are new, which are resolved, and which
// entries changed name or address (how "Service Desk 33900" got its student address).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include <fmt/ranges.h>
#include "directory/audit/audit_checks.hpp"
#include "directory/audit/auditor.hpp"

namespace galguard::directory {
namespace {

std::string list(const std::vector<std::string>& items) {
  return items.empty() ? std::string("no address") : fmt::format("{}", fmt::join(items, ", "));
}

void add_changed_entries(AuditReport& current, const AuditReport& previous) {
  for (const auto& [id, now] : current.state) {
    auto before = previous.state.find(id);
    if (before == previous.state.end()) continue;  // a new entry: its own checks judge it
    const EntryState& then = before->second;
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    bool renamed = then.display_name != now.display_name;
    bool readdressed = sorted(then.addresses) != sorted(now.addresses);
    if (!renamed && !readdressed) continue;
    std::string what;
    if (readdressed)
      what = fmt::format("its addresses changed from {} to {}", list(then.addresses),
                         list(now.addresses));
    if (renamed)
      what += fmt::format("{}its name changed from \"{}\"", what.empty() ? "" : " and ",
                          then.display_name);
    AuditFinding f = audit_finding(
        "entry-changed",
        {id, now.display_name, now.addresses.empty() ? "" : now.addresses.front(), ""}, {},
        fmt::format("Since the last audit, \"{}\": {}.", now.display_name, what));
    current.findings.push_back(std::move(f));
  }
}

}  // namespace

void apply_drift(AuditReport& current, const AuditReport& previous) {
  current.has_previous = true;
  add_changed_entries(current, previous);
  std::unordered_set<std::string> before;
  for (const auto& f : previous.findings)
    before.insert(f.key());
  std::unordered_set<std::string> now;
  for (auto& f : current.findings) {
    now.insert(f.key());
    f.drift = before.count(f.key()) != 0U ? "known" : "new";
  }
  for (const auto& f : previous.findings)
    if (f.code != "entry-changed" && now.count(f.key()) == 0U) current.resolved.push_back(f);
}

}  // namespace galguard::directory

#include "gateway/app/exposure.hpp"

#include <fmt/format.h>

#include <map>

#include "gateway/quarantine/unix_time.hpp"

namespace galguard::app {
namespace {

// Empty when there was no message at all.
std::string iso_time(std::int64_t unix_seconds) {
  return unix_seconds == 0 ? std::string() : quarantine::iso_time(unix_seconds);
}

}  // namespace

std::vector<EntryExposure> exposure_of(const directory::AuditReport& report,
                                       const rules::Snapshot& directory,
                                       quarantine::DeliveryLog& deliveries, std::int64_t since) {
  std::map<std::string, rules::EntryIndex> by_id;
  for (rules::EntryIndex i = 0; i < directory.size(); ++i)
    by_id.emplace(directory.entry(i).id, i);

  std::vector<EntryExposure> rows;
  std::map<std::string, std::size_t> row_of;  // entry id → row
  for (const auto& finding : report.findings) {
    const std::string key = finding.entry.id.empty() ? finding.entry.address : finding.entry.id;
    auto [at, added] = row_of.emplace(key, rows.size());
    if (added) {
      EntryExposure row;
      row.entry = finding.entry;
      if (auto it = by_id.find(finding.entry.id); it != by_id.end())
        row.addresses = directory.addresses(it->second);
      if (row.addresses.empty() && !finding.entry.address.empty())
        row.addresses.push_back(finding.entry.address);
      rows.push_back(std::move(row));
    }
    auto& codes = rows[at->second].codes;
    if (std::find(codes.begin(), codes.end(), finding.code) == codes.end())
      codes.push_back(finding.code);
  }
  for (auto& row : rows)
    row.exposure = deliveries.exposure(row.addresses, since);
  return rows;
}

std::string exposure_text(const std::vector<EntryExposure>& rows, int days) {
  std::int64_t total = 0, exposed = 0;
  std::string lines;
  for (const auto& row : rows) {
    if (row.exposure.messages == 0) continue;
    ++exposed;
    total += row.exposure.messages;
    lines += fmt::format("  {} <{}>: {} message{} relayed, first {}, last {} ({})\n",
                         row.entry.display_name, row.entry.address, row.exposure.messages,
                         row.exposure.messages == 1 ? "" : "s", iso_time(row.exposure.first),
                         iso_time(row.exposure.last), fmt::join(row.codes, ", "));
  }
  std::string out = fmt::format(
      "\nExposure in the last {} days (delivery log): {} of {} flagged entries received mail, "
      "{} messages in all\n",
      days, exposed, rows.size(), total);
  return out + lines;
}

nlohmann::json exposure_json(const std::vector<EntryExposure>& rows, int days) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& row : rows) {
    entries.push_back({{"entry",
                        {{"id", row.entry.id},
                         {"display_name", row.entry.display_name},
                         {"address", row.entry.address},
                         {"source", row.entry.source}}},
                       {"codes", row.codes},
                       {"addresses", row.addresses},
                       {"messages", row.exposure.messages},
                       {"first", iso_time(row.exposure.first)},
                       {"last", iso_time(row.exposure.last)}});
  }
  return {{"days", days}, {"entries", std::move(entries)}};
}

}  // namespace galguard::app

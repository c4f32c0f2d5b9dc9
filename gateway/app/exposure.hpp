// Retroactive exposure (DESIGN.md §5): for every entry the audit flags, how many messages the
// gateway already relayed to any of its addresses in the last N days, from the delivery log.
// What a DPO needs to judge an Art. 33 notification for mail that left before the entry was
// found.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "directory/audit/audit_report.hpp"
#include "gateway/quarantine/delivery_log.hpp"
#include "rules/model/snapshot.hpp"

namespace galguard::app {

struct EntryExposure {
  directory::EntryRef entry;
  std::vector<std::string> codes;      // the audit findings about it
  std::vector<std::string> addresses;  // every address mail to it may have used
  quarantine::Exposure exposure;
};

// One row per flagged entry, in the report's order.
std::vector<EntryExposure> exposure_of(const directory::AuditReport& report,
                                       const rules::Snapshot& directory,
                                       quarantine::DeliveryLog& deliveries, std::int64_t since);

std::string exposure_text(const std::vector<EntryExposure>& rows, int days);
nlohmann::json exposure_json(const std::vector<EntryExposure>& rows, int days);

}  // namespace galguard::app

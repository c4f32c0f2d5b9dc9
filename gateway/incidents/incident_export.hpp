// An incident as the DPO hands it on: JSON for systems, and a text that reads as a filled-in
// notification to IMY — Swedish field names with the English label after each
// ("Händelsen upptäcktes / Discovered: 2026-11-25 14:03 UTC"), every field of the record in the
// form's order, the 72-hour clock, times in UTC. `galguard incidents export`, the UI download.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "gateway/quarantine/incident.hpp"

namespace galguard::incidents {

// quarantine::to_json (gateway/quarantine/incident_json.hpp) plus "deadline": {"due",
// "state": "running|urgent|overdue|notified", "left_seconds", "text": describe()} as of `now`.
nlohmann::json to_json(const quarantine::Incident& incident, std::int64_t now);

std::string to_text(const quarantine::Incident& incident, std::int64_t now);

}  // namespace galguard::incidents

// The one JSON form of an incident record: how the store keeps it and what `incidents export`
// and the UI download start from (gateway/incidents/incident_export.hpp adds the deadline).
#pragma once

#include <nlohmann/json.hpp>

#include "gateway/quarantine/incident.hpp"

namespace galguard::quarantine {

// Every field under its Incident member name; times as iso_time() strings, null when unset.
nlohmann::json to_json(const Incident& incident);
// What to_json wrote. Throws std::invalid_argument naming the field for a missing member, a
// wrong type or a bad time.
Incident incident_from_json(const nlohmann::json& json);

}  // namespace galguard::quarantine

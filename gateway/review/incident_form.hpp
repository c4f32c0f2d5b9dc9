// The incident edit form (POST /incidents/ID): every field of an Incident the DPO may change,
// parsed and checked against the record it edits. What the store sets (id, created_*) and where
// the record came from (message, finding) are not form fields.
#pragma once

#include <string>

#include "gateway/quarantine/incident.hpp"
#include "gateway/review/form.hpp"

namespace galguard::review {

struct IncidentEdit {
  quarantine::Incident incident;
  std::string problem;  // empty when the form was acceptable; otherwise names the field
};

IncidentEdit apply_incident_form(const quarantine::Incident& current, const Form& form);

}  // namespace galguard::review

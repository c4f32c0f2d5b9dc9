#include "gateway/incidents/incident_export.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gateway/incidents/deadline.hpp"
#include "gateway/incidents/display_time.hpp"
#include "gateway/quarantine/incident_json.hpp"
#include "gateway/quarantine/unix_time.hpp"

namespace galguard::incidents {
namespace {

// What an empty field prints: the reader must see what is still missing, not a blank.
constexpr const char* kNotGiven = "— (uppgift saknas / not given)";

std::string_view state_name(Deadline::State s) {
  switch (s) {
    case Deadline::State::running:
      return "running";
    case Deadline::State::urgent:
      return "urgent";
    case Deadline::State::overdue:
      return "overdue";
    case Deadline::State::notified:
      return "notified";
  }
  return "running";
}

std::string or_missing(const std::string& value) {
  return value.empty() ? kNotGiven : value;
}

std::string time_or_missing(std::int64_t t) {
  return t == 0 ? kNotGiven : display_time(t);
}
std::string time_or_missing(const std::optional<std::int64_t>& t) {
  return t ? display_time(*t) : kNotGiven;
}

std::string count_or_missing(int n) {
  return n == 0 ? kNotGiven : std::to_string(n);
}

std::string yes_no(bool b) {
  return b ? "ja / yes" : "nej / no";
}

std::string informed(const std::string& answer) {
  if (answer == "yes") return "ja / yes";
  if (answer == "no") return "nej / no";
  return or_missing(answer);
}

std::string list_or_missing(const std::vector<std::string>& items, const char* separator) {
  return items.empty() ? kNotGiven : fmt::format("{}", fmt::join(items, separator));
}

// "  Label / Label: value", continuation lines of a multi-line value indented under it.
void field(std::string& out, std::string_view label, const std::string& value) {
  out += fmt::format("  {}: ", label);
  for (char c : value) {
    out += c;
    if (c == '\n') out += "      ";
  }
  out += '\n';
}

void section(std::string& out, std::string_view title) {
  out += fmt::format("\n{}\n", title);
}

std::string deadline_line(const quarantine::Incident& incident, std::int64_t now) {
  if (incident.discovered_at == 0) return kNotGiven;
  const Deadline d = deadline_of(incident, now);
  return fmt::format("{} — {}", display_time(d.due), describe(d));
}

}  // namespace

nlohmann::json to_json(const quarantine::Incident& incident, std::int64_t now) {
  nlohmann::json out = quarantine::to_json(incident);
  // Without a discovery time there is no clock to show yet.
  if (incident.discovered_at == 0) {
    out["deadline"] = nullptr;
    return out;
  }
  const Deadline d = deadline_of(incident, now);
  out["deadline"] = {{"due", quarantine::iso_time(d.due)},
                     {"state", state_name(d.state)},
                     {"left_seconds", d.left},
                     {"text", describe(d)}};
  return out;
}

std::string to_text(const quarantine::Incident& i, std::int64_t now) {
  std::string out =
      fmt::format("Personuppgiftsincident {0} / Personal data incident {0}\n", or_missing(i.id));
  field(out, "Status / Status", i.status == "closed" ? "avslutad / closed" : "öppen / open");
  field(out, "Upprättad / Created",
        i.created_by.empty() ? time_or_missing(i.created_at)
                             : time_or_missing(i.created_at) + " (" + i.created_by + ")");
  field(out, "Senast ändrad / Last updated", time_or_missing(i.updated_at));
  if (!i.message_id.empty()) field(out, "Karantänmeddelande / Quarantined message", i.message_id);
  if (!i.finding.empty()) field(out, "Granskningsfynd / Audit finding", i.finding);

  section(out, "1. Organisation / Controller");
  field(out, "Personuppgiftsansvarig / Controller", or_missing(i.organisation));
  field(out, "Kontaktperson / Contact", or_missing(i.contact));

  section(out, "2. Tidpunkter / When");
  field(out, "Incidenten inträffade / Occurred", time_or_missing(i.occurred_at));
  field(out, "Incidenten upptäcktes / Discovered", time_or_missing(i.discovered_at));
  field(out, "Incidenten avslutades / Ended", time_or_missing(i.ended_at));

  section(out, "3. Vad har hänt / What happened");
  field(out, "Typ av incident / Nature", or_missing(i.nature));
  field(out, "Beskrivning / Description", or_missing(i.description));
  field(out, "Hur incidenten upptäcktes / How it was discovered", or_missing(i.how_discovered));
  field(out, "Orsak / Cause", or_missing(i.cause));
  field(out, "Mottagare / Recipients", list_or_missing(i.recipients, "\n"));
  field(out, "Personuppgiftsbiträden / Processors", or_missing(i.processors));

  section(out, "4. Registrerade och personuppgifter / Data subjects and personal data");
  field(out, "Antal registrerade / Data subjects", count_or_missing(i.data_subjects));
  field(out, "Antal poster / Records", count_or_missing(i.records));
  field(out, "Kategorier av registrerade / Categories of data subjects",
        or_missing(i.subject_categories));
  field(out, "Kategorier av personuppgifter / Categories of personal data",
        list_or_missing(i.data_categories, ", "));
  field(out, "Känsliga personuppgifter (art. 9–10) / Special categories (Art. 9–10)",
        yes_no(i.special_categories));
  field(out, "Krypterade / Encrypted", yes_no(i.encrypted));

  section(out, "5. Konsekvenser / Consequences");
  field(out, "Sannolika konsekvenser / Likely consequences", or_missing(i.consequences));
  field(out, "Allvarlighetsgrad / Severity", or_missing(i.severity));

  section(out, "6. Åtgärder / Measures");
  field(out, "Vidtagna åtgärder / Measures taken", or_missing(i.measures_taken));
  field(out, "Planerade åtgärder / Measures planned", or_missing(i.measures_planned));

  section(out, "7. Anmälan till IMY / Notification to the authority (art. 33)");
  field(out, "Anmäld / Notified", time_or_missing(i.notified_at));
  field(out, "IMY:s diarienummer / Authority reference", or_missing(i.authority_reference));
  field(out, "72-timmarsfristen / 72-hour deadline", deadline_line(i, now));

  section(out, "8. Information till de registrerade / Communication to data subjects (art. 34)");
  field(out, "De registrerade har informerats / Data subjects informed",
        informed(i.subjects_informed));
  field(out, "Motivering / Why", or_missing(i.subjects_informed_why));
  return out;
}

}  // namespace galguard::incidents

// What leaves galguard when the DPO exports an incident: the notification text and the JSON.
#include "gateway/incidents/incident_export.hpp"

#include <gtest/gtest.h>

#include "gateway/quarantine/incident_json.hpp"

namespace galguard::incidents {
namespace {

constexpr std::int64_t kDiscovered = 1795619000;  // 2026-11-25T15:03:20Z
constexpr std::int64_t kNow = kDiscovered + 10 * 3600;

quarantine::Incident filled_in() {
  quarantine::Incident i;
  i.id = "INC-3";
  i.created_at = kDiscovered;
  i.created_by = "anna";
  i.updated_at = kDiscovered + 60;
  i.message_id = "a1b2c3d4e5f60718";
  i.organisation = "Stockholms stad";
  i.contact = "Dataskyddsombud, dso@example.se";
  i.occurred_at = 1795615380;
  i.discovered_at = kDiscovered;
  i.nature = "unauthorised disclosure by misaddressed e-mail";
  i.description = "Elevuppgifter skickade till fel adress";
  i.how_discovered = "galguard held the message";
  i.cause = "protected-name: look-alike\nforeign-tenant-internal-name: other tenant";
  i.recipients = {"Service Desk 33900 <maria-sfbo@elevstockholm.onmicrosoft.com>"};
  i.processors = "Microsoft (Exchange Online)";
  i.data_subjects = 12;
  i.records = 14;
  i.subject_categories = "pupils";
  i.data_categories = {"health", "identity-number"};
  i.special_categories = true;
  i.consequences = "risk of identity theft";
  i.severity = "high";
  i.measures_taken = "held before delivery";
  i.measures_planned = "training";
  i.authority_reference = "IMY-2026-77";
  i.subjects_informed = "no";
  i.subjects_informed_why = "the message never left";
  return i;
}

void expect_contains(const std::string& text, const std::string& want) {
  EXPECT_NE(text.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << text;
}

TEST(IncidentExport, TextReadsAsTheNotificationInBothLanguages) {
  const std::string text = to_text(filled_in(), kNow);
  for (const char* want : {
           "Personuppgiftsincident INC-3 / Personal data incident INC-3",
           "1. Organisation / Controller",
           "Personuppgiftsansvarig / Controller: Stockholms stad",
           "Kontaktperson / Contact: Dataskyddsombud, dso@example.se",
           "Incidenten inträffade / Occurred: 2026-11-25 14:03 UTC",
           "Incidenten upptäcktes / Discovered: 2026-11-25 15:03 UTC",
           "Incidenten avslutades / Ended: — (uppgift saknas / not given)",
           "Typ av incident / Nature: unauthorised disclosure by misaddressed e-mail",
           "Service Desk 33900 <maria-sfbo@elevstockholm.onmicrosoft.com>",
           "Personuppgiftsbiträden / Processors: Microsoft (Exchange Online)",
           "Antal registrerade / Data subjects: 12",
           "Antal poster / Records: 14",
           "Kategorier av personuppgifter / Categories of personal data: health, identity-number",
           "Special categories (Art. 9–10): ja / yes",
           "Krypterade / Encrypted: nej / no",
           "Allvarlighetsgrad / Severity: high",
           "Planerade åtgärder / Measures planned: training",
           "Anmäld / Notified: — (uppgift saknas / not given)",
           "IMY:s diarienummer / Authority reference: IMY-2026-77",
           "72-hour deadline: 2026-11-28 15:03 UTC — 62 h 00 min left",
           "Data subjects informed: nej / no",
           "Motivering / Why: the message never left",
       }) {
    expect_contains(text, want);
  }
  // A multi-line value stays under its label.
  expect_contains(text, "Orsak / Cause: protected-name: look-alike\n      foreign-tenant");
}

TEST(IncidentExport, SectionsFollowTheFormsOrder) {
  const std::string text = to_text(filled_in(), kNow);
  std::size_t last = 0;
  for (const char* heading :
       {"1. Organisation", "2. Tidpunkter", "3. Vad har hänt", "4. Registrerade", "5. Konsekvenser",
        "6. Åtgärder", "7. Anmälan", "8. Information"}) {
    const std::size_t at = text.find(heading);
    ASSERT_NE(at, std::string::npos) << heading;
    EXPECT_GT(at, last) << heading;
    last = at;
  }
}

TEST(IncidentExport, EmptyRecordShowsWhatIsMissing) {
  const std::string text = to_text(quarantine::Incident{}, kNow);
  expect_contains(text, "Personuppgiftsansvarig / Controller: — (uppgift saknas / not given)");
  expect_contains(text, "Antal registrerade / Data subjects: — (uppgift saknas / not given)");
  expect_contains(text, "72-hour deadline: — (uppgift saknas / not given)");
  expect_contains(text, "Data subjects informed: — (uppgift saknas / not given)");
}

TEST(IncidentExport, JsonCarriesTheDeadlineAndRoundTrips) {
  quarantine::Incident i = filled_in();
  i.ended_at = kDiscovered + 100;
  const nlohmann::json j = to_json(i, kNow);
  EXPECT_EQ(j["id"], "INC-3");
  EXPECT_EQ(j["discovered_at"], "2026-11-25T15:03:20Z");
  EXPECT_TRUE(j["notified_at"].is_null());
  EXPECT_EQ(j["deadline"]["due"], "2026-11-28T15:03:20Z");
  EXPECT_EQ(j["deadline"]["state"], "running");
  EXPECT_EQ(j["deadline"]["left_seconds"], 62 * 3600);
  EXPECT_EQ(j["deadline"]["text"], "62 h 00 min left");

  // What the store keeps and reads back is the same record.
  EXPECT_EQ(quarantine::incident_from_json(quarantine::to_json(i)), i);
  EXPECT_EQ(quarantine::incident_from_json(nlohmann::json::parse(j.dump())), i);
}

TEST(IncidentExport, JsonReaderNamesTheBadField) {
  nlohmann::json j = quarantine::to_json(filled_in());
  j["discovered_at"] = "yesterday";
  try {
    quarantine::incident_from_json(j);
    ADD_FAILURE() << "a bad time was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("discovered_at"), std::string::npos) << e.what();
  }
  j = quarantine::to_json(filled_in());
  j.erase("severity");
  EXPECT_THROW(quarantine::incident_from_json(j), std::invalid_argument);
  j = quarantine::to_json(filled_in());
  j["data_subjects"] = "twelve";
  EXPECT_THROW(quarantine::incident_from_json(j), std::invalid_argument);
}

}  // namespace
}  // namespace galguard::incidents

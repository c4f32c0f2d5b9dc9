// `galguard quarantine incident|not-incident` and `galguard incidents list|show|export` on a
// real SQLite quarantine: the incident record a DPO gets from a held message, prefilled from
// what the gateway knew, with its 72-hour deadline; and four-eyes release from the command line.
#include <gtest/gtest.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include <cstdint>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/e2e/quarantine_fixture.hpp"
#include "tests/integration/peers.hpp"

namespace galguard::e2e {
namespace {

using nlohmann::json;

constexpr const char* kNature = "unauthorised disclosure by misaddressed e-mail";
constexpr const char* kRecipientMailbox =
    "Service Desk 33900 <m.exempel@elevstockholm.onmicrosoft.com>";

// 2023-11-14T22:13:20Z → seconds; -1 when it is not such a time.
std::int64_t parse_iso(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') return -1;
  return timegm(&tm);
}

json actions_of(QuarantineFixture& t, const std::string& id) {
  CliRun run = t.quarantine("show --json " + id);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return json::parse(run.out)["actions"];
}

std::string state_of(QuarantineFixture& t, const std::string& id) {
  CliRun run = t.quarantine("show --json " + id);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return json::parse(run.out)["state"];
}

class IncidentsCli : public QuarantineFixture {
 protected:
  CliRun incidents(const std::string& arguments) {
    return galguard("incidents " + arguments + " --config " + config_);
  }

  void append_config(const std::string& text) { write_file(config_, read_file(config_) + text); }

  // The verdict the next seed() holds, with `identity_numbers` identity numbers found.
  void set_identity_numbers(int count) {
    json verdict = json::parse(read_file(dir_ + "/verdict.json"));
    verdict["personal_data"]["identity_numbers"] = count;
    write_file(dir_ + "/verdict.json", verdict.dump());
  }

  // `quarantine incident`, checked; returns the incident id it printed.
  std::string classify(const std::string& id, const std::string& reason = "'sent to a student'",
                       const std::string& actor = "dpo-anna") {
    CliRun run = quarantine("incident " + id + " --reason " + reason + " --actor " + actor);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::string out = run.out;
    while (!out.empty() && out.back() == '\n')
      out.pop_back();
    return out;
  }
};

class QuarantineClassifyCli : public IncidentsCli {};

// ---------------------------------------------------------------------------------------------
// quarantine incident / not-incident

TEST_F(QuarantineClassifyCli, IncidentPrintsTheNewIdAndLogsWhoAndWhy) {
  const std::string id = seed();
  CliRun run =
      quarantine("incident " + id + " --reason 'sent to a student tenant' --actor dpo-anna");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "INC-1\n");
  EXPECT_EQ(run.err, "");

  const json actions = actions_of(*this, id);
  bool found = false;
  for (const json& a : actions) {
    if (a["action"] != "classified-incident") continue;
    found = true;
    EXPECT_EQ(a["actor"], "dpo-anna");
    EXPECT_EQ(a["reason"], "sent to a student tenant");
  }
  EXPECT_TRUE(found) << actions.dump();
  // The message keeps its state: release or delete is a separate decision.
  EXPECT_EQ(state_of(*this, id), "held");

  // A second click on the same message does not start a second clock.
  CliRun again = quarantine("incident " + id + " --reason 'once more' --actor dpo-bo");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("message " + id + " is already incident INC-1"), std::string::npos)
      << again.err;

  // The next one counts on.
  const std::string other = seed(kReceived + 60);
  EXPECT_EQ(classify(other), "INC-2");
}

TEST_F(QuarantineClassifyCli, NotIncidentIsRecordedAndCreatesNoRecord) {
  const std::string id = seed();
  CliRun run =
      quarantine("not-incident " + id + " --reason 'test message to ourselves' --actor dpo-bo");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, id + " marked as not an incident\n");

  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 2U) << actions.dump();
  EXPECT_EQ(actions[1]["action"], "classified-not-incident");
  EXPECT_EQ(actions[1]["actor"], "dpo-bo");
  EXPECT_EQ(actions[1]["reason"], "test message to ourselves");
  EXPECT_EQ(state_of(*this, id), "held");

  CliRun list = incidents("list");
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out, "no incidents\n");
}

TEST_F(QuarantineClassifyCli, UnknownMessageOrNoReasonCreatesNothing) {
  const std::string id = seed();
  for (const char* action : {"incident", "not-incident"}) {
    SCOPED_TRACE(action);
    CliRun unknown = quarantine(std::string(action) + " 00000000deadbeef --reason x");
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.out, "");
    EXPECT_EQ(unknown.err,
              "galguard quarantine: error: no held message with id 00000000deadbeef\n");

    CliRun no_reason = quarantine(std::string(action) + " " + id);
    EXPECT_EQ(no_reason.exit_code, 2);
    EXPECT_NE(no_reason.err.find("'--reason' is required"), std::string::npos) << no_reason.err;
  }
  EXPECT_EQ(incidents("list").out, "no incidents\n");
  EXPECT_EQ(actions_of(*this, id).size(), 1U);  // only "held"
}

// ---------------------------------------------------------------------------------------------
// incidents list / show / export

TEST_F(IncidentsCli, ListIsEmptyThenShowsTheRecordWithItsDeadline) {
  const std::string id = seed();  // the database exists once something was held
  CliRun empty = incidents("list");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "no incidents\n");
  CliRun empty_json = incidents("list --json");
  ASSERT_EQ(empty_json.exit_code, 0) << empty_json.err;
  EXPECT_EQ(json::parse(empty_json.out), json::array());

  ASSERT_EQ(classify(id), "INC-1");
  CliRun run = incidents("list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("DEADLINE"), std::string::npos) << run.out;
  std::smatch row;
  const std::string out = run.out;
  ASSERT_TRUE(std::regex_search(
      out, row,
      std::regex(
          "\nINC-1 +open +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +(7[12] h \\d\\d min left) +"
          "message " +
          id + "\n")))
      << run.out;

  CliRun as_json = incidents("list --json");
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  const json listed = json::parse(as_json.out);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["id"], "INC-1");
  EXPECT_EQ(listed[0]["message_id"], id);
  EXPECT_EQ(listed[0]["deadline"]["state"], "running");
}

TEST_F(IncidentsCli, ListIsNewestFirst) {
  ASSERT_EQ(classify(seed()), "INC-1");
  ASSERT_EQ(classify(seed(kReceived + 60)), "INC-2");
  CliRun run = incidents("list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto first = run.out.find("INC-1 ");
  const auto second = run.out.find("INC-2 ");
  ASSERT_NE(first, std::string::npos) << run.out;
  ASSERT_NE(second, std::string::npos) << run.out;
  EXPECT_LT(second, first) << run.out;
}

TEST_F(IncidentsCli, ExportJsonCarriesThePrefilledFacts) {
  set_identity_numbers(3);
  const std::string id = seed();
  const std::int64_t before = time(nullptr);
  ASSERT_EQ(classify(id, "'sent to a student tenant'", "dpo-anna"), "INC-1");
  const std::int64_t after = time(nullptr);

  CliRun run = incidents("export INC-1 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json got = json::parse(run.out);
  EXPECT_EQ(got["id"], "INC-1");
  EXPECT_EQ(got["status"], "open");
  EXPECT_EQ(got["created_by"], "dpo-anna");
  EXPECT_EQ(got["message_id"], id);
  EXPECT_EQ(got["occurred_at"], kReceivedIso);  // when the message arrived
  EXPECT_EQ(got["nature"], kNature);
  EXPECT_EQ(got["recipients"], json::array({kRecipientMailbox}));
  EXPECT_EQ(got["data_subjects"], 3);  // one per identity number
  EXPECT_EQ(got["records"], 3);
  EXPECT_EQ(got["data_categories"], json::array({"identity-number"}));
  EXPECT_EQ(got["special_categories"], false);
  EXPECT_EQ(got["notified_at"], nullptr);
  EXPECT_NE(got["how_discovered"].get<std::string>().find(kSender), std::string::npos)
      << got["how_discovered"];
  EXPECT_NE(got["cause"].get<std::string>().find("protected-name"), std::string::npos)
      << got["cause"];
  EXPECT_NE(got["measures_taken"].get<std::string>().find(
                "classified-incident (sent to a student tenant) by dpo-anna"),
            std::string::npos)
      << got["measures_taken"];

  // Discovered when classified; due 72 hours later.
  const std::int64_t discovered = parse_iso(got["discovered_at"]);
  EXPECT_GE(discovered, before) << got["discovered_at"];
  EXPECT_LE(discovered, after) << got["discovered_at"];
  const std::int64_t due = parse_iso(got["deadline"]["due"]);
  EXPECT_EQ(due - discovered, 72 * 3600) << got["deadline"].dump();
  EXPECT_EQ(got["deadline"]["state"], "running");
  EXPECT_GT(got["deadline"]["left_seconds"].get<std::int64_t>(), 71 * 3600);
  EXPECT_LE(got["deadline"]["left_seconds"].get<std::int64_t>(), 72 * 3600);

  // `show --json` is the same record.
  CliRun shown = incidents("show INC-1 --json");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  json show_json = json::parse(shown.out);
  json export_json = got;
  show_json.erase("deadline");  // time left may have ticked between the two runs
  export_json.erase("deadline");
  EXPECT_EQ(show_json, export_json);
}

TEST_F(IncidentsCli, ExportTextReadsAsTheNotificationToImy) {
  append_config(
      "\n[incidents]\norganisation = \"Stockholms stad\"\n"
      "contact = \"dataskyddsombud@stockholm.se\"\n");
  set_identity_numbers(2);
  const std::string id = seed();
  ASSERT_EQ(classify(id), "INC-1");
  const json record = json::parse(incidents("export INC-1 --format json").out);
  const std::string due = record["deadline"]["due"];  // 2026-12-05T04:28:46Z
  const std::string due_shown = due.substr(0, 10) + " " + due.substr(11, 5) + " UTC";

  for (const char* how : {"export INC-1", "export INC-1 --format text", "show INC-1"}) {
    SCOPED_TRACE(how);
    CliRun run = incidents(how);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string& out = run.out;
    EXPECT_EQ(out.rfind("Personuppgiftsincident INC-1 / Personal data incident INC-1\n", 0), 0U)
        << out;
    EXPECT_NE(out.find("  Status / Status: öppen / open\n"), std::string::npos) << out;
    EXPECT_NE(out.find("  Karantänmeddelande / Quarantined message: " + id + "\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("  Personuppgiftsansvarig / Controller: Stockholms stad\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("  Kontaktperson / Contact: dataskyddsombud@stockholm.se\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("  Incidenten inträffade / Occurred: 2023-11-14 22:13 UTC\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find(std::string("  Typ av incident / Nature: ") + kNature + "\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find(std::string("  Mottagare / Recipients: ") + kRecipientMailbox + "\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("  Antal registrerade / Data subjects: 2\n"), std::string::npos) << out;
    EXPECT_NE(out.find("  Kategorier av personuppgifter / Categories of personal data: "
                       "identity-number\n"),
              std::string::npos)
        << out;
    // Not filled in yet: says so rather than leaving a blank.
    EXPECT_NE(out.find("  Anmäld / Notified: — (uppgift saknas / not given)\n"), std::string::npos)
        << out;
    EXPECT_NE(out.find("  Allvarlighetsgrad / Severity: — (uppgift saknas / not given)\n"),
              std::string::npos)
        << out;
    EXPECT_TRUE(std::regex_search(out, std::regex("\n  72-timmarsfristen / 72-hour deadline: " +
                                                  due_shown + " — 7[12] h \\d\\d min left\n")))
        << out;
    EXPECT_NE(out.find("7. Anmälan till IMY / Notification to the authority (art. 33)\n"),
              std::string::npos)
        << out;
    // The message's body stays in the quarantine.
    EXPECT_EQ(out.find("19121212"), std::string::npos) << out;
  }
}

TEST_F(IncidentsCli, UnknownIdOrFormatIsAnError) {
  ASSERT_EQ(classify(seed()), "INC-1");
  for (const char* how :
       {"show INC-9", "show INC-9 --json", "export INC-9", "export INC-9 --format json"}) {
    SCOPED_TRACE(how);
    CliRun run = incidents(how);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "galguard incidents: error: no incident with id INC-9\n");
  }
  CliRun format = incidents("export INC-1 --format pdf");
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.out, "");
  EXPECT_EQ(format.err, "galguard incidents: error: unknown --format 'pdf' (text or json)\n");

  CliRun missing = incidents("show");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
}

// ---------------------------------------------------------------------------------------------
// Four-eyes release from the command line ([review] four_eyes): the CLI is no way around the
// second approval. The release relay (fixture) is down: a release that tried to send would fail.

TEST_F(QuarantineClassifyCli, FourEyesFirstReleaseOnlyRequests) {
  append_config("\n[review]\nfour_eyes = true\nfour_eyes_identity_numbers = 0\n");
  const std::string id = seed();  // 1 identity number > 0
  CliRun run = quarantine("release " + id + " --reason 'the recipient is our own' --actor anna");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("release of " + id + " requested"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("second DPO's approval"), std::string::npos) << run.out;
  EXPECT_EQ(state_of(*this, id), "held");
  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 2U) << actions.dump();
  EXPECT_EQ(actions[1]["action"], "release-requested");
  EXPECT_EQ(actions[1]["actor"], "anna");
  EXPECT_EQ(actions[1]["reason"], "the recipient is our own");

  CliRun again = quarantine("release " + id + " --reason 'please' --actor anna");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.out, "");
  EXPECT_NE(again.err.find("message " + id + " needs a second DPO"), std::string::npos)
      << again.err;
  EXPECT_EQ(actions_of(*this, id).size(), 2U);  // the refusal changed nothing
  EXPECT_EQ(state_of(*this, id), "held");
}

TEST_F(QuarantineClassifyCli, FourEyesSecondPersonGoesToTheRelay) {
  append_config("\n[review]\nfour_eyes = true\nfour_eyes_identity_numbers = 0\n");
  const std::string id = seed();
  ASSERT_EQ(quarantine("release " + id + " --reason 'own recipient' --actor anna").exit_code, 0);
  // Another person approves: now it is sent, and with the relay down it stays held, the
  // request still pending for a retry.
  CliRun approve = quarantine("release " + id + " --reason 'agreed' --actor bo");
  EXPECT_EQ(approve.exit_code, 2);
  EXPECT_NE(
      approve.err.find("release relay 127.0.0.1:" + std::to_string(release_port_) + " unavailable"),
      std::string::npos)
      << approve.err;
  EXPECT_NE(approve.err.find("stays held"), std::string::npos) << approve.err;
  EXPECT_EQ(state_of(*this, id), "held");
  CliRun retry = quarantine("release " + id + " --reason 'agreed' --actor bo");
  EXPECT_EQ(retry.exit_code, 2);
  EXPECT_NE(retry.err.find("unavailable"), std::string::npos) << retry.err;
}

TEST_F(QuarantineClassifyCli, FourEyesOnlyAboveTheThreshold) {
  append_config("\n[review]\nfour_eyes = true\nfour_eyes_identity_numbers = 5\n");
  const std::string id = seed();  // 1 identity number, no special category: one person is enough
  CliRun run = quarantine("release " + id + " --reason 'own recipient' --actor anna");
  EXPECT_EQ(run.exit_code, 2);  // it tried the (down) relay at once
  EXPECT_NE(run.err.find("unavailable"), std::string::npos) << run.err;
  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 1U) << actions.dump();  // no release-requested row
}

// The approval by a second person through a real release relay: Postfix's smtp-sink, as in
// quarantine_release_test.cpp.
class QuarantineClassifyFourEyesRelay : public IncidentsCli {
 protected:
  void SetUp() override {
    IncidentsCli::SetUp();
    if (HasFatalFailure()) return;
    if (const std::string why = testing::peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }

  std::unique_ptr<testing::SmtpSink> sink_;
};

TEST_F(QuarantineClassifyFourEyesRelay, ASecondPersonsReleaseSendsIt) {
  append_config("\n[review]\nfour_eyes = true\nfour_eyes_identity_numbers = 0\n");
  const std::string id = seed();
  sink_ = std::make_unique<testing::SmtpSink>(release_port_);

  ASSERT_EQ(quarantine("release " + id + " --reason 'own recipient' --actor anna").exit_code, 0);
  EXPECT_EQ(sink_->count(), 0);  // a request sends nothing

  CliRun approve = quarantine("release " + id + " --reason 'agreed' --actor bo");
  ASSERT_EQ(approve.exit_code, 0) << approve.err;
  EXPECT_EQ(approve.out.rfind(
                "released " + id + " to 127.0.0.1:" + std::to_string(release_port_) + ": 250", 0),
            0U)
      << approve.out;
  EXPECT_TRUE(sink_->wait_for_count(1, std::chrono::seconds(5)));
  EXPECT_EQ(sink_->count(), 1);
  EXPECT_EQ(state_of(*this, id), "released");
  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 3U) << actions.dump();
  EXPECT_EQ(actions[1]["action"], "release-requested");
  EXPECT_EQ(actions[2]["action"], "released");
  EXPECT_EQ(actions[2]["actor"], "bo");
  EXPECT_EQ(actions[2]["reason"], "approved the release anna asked for (own recipient): agreed");
}

}  // namespace
}  // namespace galguard::e2e

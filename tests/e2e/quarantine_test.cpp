// `galguard quarantine list|show|delete|verify` on a real SQLite quarantine: what a DPO sees,
// that bodies stay out of listings, that every decision and every body view is logged with
// who and why, and the exit codes of DESIGN.md §7. Release is in quarantine_release_test.cpp.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/e2e/quarantine_fixture.hpp"

namespace galguard::e2e {
namespace {

using nlohmann::json;

class QuarantineCli : public QuarantineFixture {};

// Words of the reference message's body that must never appear outside `show --raw`.
void expect_no_body(const std::string& out) {
  EXPECT_EQ(out.find("19121212"), std::string::npos) << out;
  EXPECT_EQ(out.find("Tolvan"), std::string::npos) << out;
}

json actions_of(QuarantineCli& t, const std::string& id) {
  CliRun run = t.quarantine("show --json " + id);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return json::parse(run.out)["actions"];
}

TEST_F(QuarantineCli, ListShowsHeldMessagesNewestFirstWithoutBodies) {
  const std::string older = seed(kReceived);
  const std::string newer =
      seed(kReceived + 3600, "anna@stockholm.se", "a@example.org b@example.org c@example.org");
  CliRun run = quarantine("list");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto newer_at = run.out.find(newer);
  const auto older_at = run.out.find(older);
  ASSERT_NE(newer_at, std::string::npos) << run.out;
  ASSERT_NE(older_at, std::string::npos) << run.out;
  EXPECT_LT(newer_at, older_at) << run.out;
  EXPECT_NE(run.out.find(kReceivedIso), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("2023-11-14T23:13:20Z"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(kSender), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(kRecipient), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("a@example.org, b@example.org +1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("protected-name"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("held"), std::string::npos) << run.out;
  expect_no_body(run.out);
}

TEST_F(QuarantineCli, ListJsonHasTheStableFields) {
  const std::string id = seed();
  CliRun run = quarantine("list --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json got = json::parse(run.out);
  ASSERT_TRUE(got.is_array());
  ASSERT_EQ(got.size(), 1U);
  const json& m = got[0];
  EXPECT_EQ(m["id"], id);
  EXPECT_EQ(m["received_at"], kReceivedIso);
  EXPECT_EQ(m["state"], "held");
  EXPECT_EQ(m["mail_from"], kSender);
  EXPECT_EQ(m["rcpt_to"], json::array({kRecipient}));
  EXPECT_NE(std::find(m["codes"].begin(), m["codes"].end(), "protected-name"), m["codes"].end());
  EXPECT_EQ(m["personal_data"]["identity_numbers"], 1);
  EXPECT_EQ(m["personal_data"]["categories"], json::array({"identity-number"}));
  expect_no_body(run.out);
}

TEST_F(QuarantineCli, ListFilters) {
  const std::string first = seed(kReceived, "anna@stockholm.se");
  const std::string second = seed(kReceived + 60, "bo@stockholm.se");

  CliRun sender = quarantine("list --json --sender anna@");
  ASSERT_EQ(sender.exit_code, 0) << sender.err;
  ASSERT_EQ(json::parse(sender.out).size(), 1U);
  EXPECT_EQ(json::parse(sender.out)[0]["id"], first);

  CliRun limited = quarantine("list --json --limit 1");
  ASSERT_EQ(json::parse(limited.out).size(), 1U);
  EXPECT_EQ(json::parse(limited.out)[0]["id"], second);

  EXPECT_EQ(json::parse(quarantine("list --json --code protected-name").out).size(), 2U);
  EXPECT_EQ(json::parse(quarantine("list --json --code no-such-code").out).size(), 0U);

  CliRun released = quarantine("list --state released");
  EXPECT_EQ(released.exit_code, 0) << released.err;
  EXPECT_EQ(released.out, "no released messages\n");

  ASSERT_EQ(quarantine("delete " + first + " --reason 'sent to a student tenant'").exit_code, 0);
  EXPECT_EQ(json::parse(quarantine("list --json").out).size(), 1U);  // default: held only
  EXPECT_EQ(json::parse(quarantine("list --json --state all").out).size(), 2U);
  EXPECT_EQ(json::parse(quarantine("list --json --state deleted").out)[0]["id"], first);

  CliRun bad = quarantine("list --state bogus");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--state 'bogus'"), std::string::npos) << bad.err;
  EXPECT_EQ(quarantine("list --limit 0").exit_code, 2);
}

TEST_F(QuarantineCli, ShowGivesVerdictFindingsPersonalDataAndLog) {
  const std::string id = seed();
  CliRun run = quarantine("show " + id);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("id:             " + id), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("state:          held"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(std::string("received:       ") + kReceivedIso), std::string::npos);
  EXPECT_NE(run.out.find(std::string("from:           <") + kSender + ">"), std::string::npos);
  EXPECT_NE(run.out.find("mx1.stockholm.se [192.0.2.25]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("verdict:        quarantine (severity high)"), std::string::npos);
  EXPECT_NE(run.out.find("  high   protected-name [To] \"Service Desk 33900\" is a protected name"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("personal data:  1 identity number; categories: identity-number"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("held         gateway: flagged-entry-address,protected-name"),
            std::string::npos)
      << run.out;
  expect_no_body(run.out);

  CliRun as_json = quarantine("show --json " + id);
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  const json got = json::parse(as_json.out);
  EXPECT_EQ(got["verdict"]["verdict"], "quarantine");
  EXPECT_EQ(got["envelope"]["rcpt_to"], json::array({kRecipient}));
  EXPECT_EQ(got["actions"][0]["action"], "held");
  EXPECT_EQ(got["actions"][0]["actor"], "gateway");
  expect_no_body(as_json.out);
}

TEST_F(QuarantineCli, ShowRawPrintsTheBytesAndLogsWhoReadThem) {
  const std::string id = seed();
  CliRun run =
      quarantine("show --raw " + id + " --actor dpo-anna --reason 'checking the recipient'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, raw_);

  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 2U) << actions.dump();
  EXPECT_EQ(actions[1]["action"], "viewed-body");
  EXPECT_EQ(actions[1]["actor"], "dpo-anna");
  EXPECT_EQ(actions[1]["reason"], "checking the recipient");

  EXPECT_EQ(quarantine("show --raw --json " + id).exit_code, 2);
}

TEST_F(QuarantineCli, UnknownIdIsAnError) {
  seed();
  for (const char* action : {"show", "delete", "release"}) {
    SCOPED_TRACE(action);
    CliRun run = quarantine(std::string(action) + " 00000000deadbeef --reason x");
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err, "galguard quarantine: error: no held message with id 00000000deadbeef\n");
  }
}

TEST_F(QuarantineCli, DeleteLogsWhoAndWhyAndIsFinal) {
  const std::string id = seed();
  CliRun run = quarantine("delete " + id + " --actor dpo-anna --reason 'sent to a student tenant'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "deleted " + id + "\n");

  const json listed = json::parse(quarantine("list --json --state deleted").out);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["state"], "deleted");
  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 2U);
  EXPECT_EQ(actions[1]["action"], "deleted");
  EXPECT_EQ(actions[1]["actor"], "dpo-anna");
  EXPECT_EQ(actions[1]["reason"], "sent to a student tenant");

  CliRun again = quarantine("delete " + id + " --reason again");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("is deleted; only a held message can become deleted"), std::string::npos)
      << again.err;
  CliRun release = quarantine("release " + id + " --reason 'changed my mind'");
  EXPECT_EQ(release.exit_code, 2);
  EXPECT_NE(release.err.find("is deleted; only a held message can become released"),
            std::string::npos)
      << release.err;
  CliRun raw = quarantine("show --raw " + id);
  EXPECT_EQ(raw.exit_code, 2);
  EXPECT_EQ(raw.out, "");
  EXPECT_EQ(actions_of(*this, id).size(), 2U);  // the refusals changed nothing
}

TEST_F(QuarantineCli, AReasonIsRequired) {
  const std::string id = seed();
  CliRun missing = quarantine("delete " + id);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("'--reason' is required"), std::string::npos) << missing.err;
  CliRun blank = quarantine("delete " + id + " --reason '  '");
  EXPECT_EQ(blank.exit_code, 2);
  EXPECT_NE(blank.err.find("--reason is empty"), std::string::npos) << blank.err;
  CliRun too_long = quarantine("delete " + id + " --reason " + std::string(901, 'x'));
  EXPECT_EQ(too_long.exit_code, 2);
  EXPECT_NE(too_long.err.find("--reason is 901 bytes long"), std::string::npos) << too_long.err;
  EXPECT_EQ(json::parse(quarantine("list --json").out)[0]["state"], "held");
}

TEST_F(QuarantineCli, ActorDefaultsToTheSudoUser) {
  const std::string id = seed();
  setenv("SUDO_USER", "dpo-bo", 1);
  CliRun run = quarantine("delete " + id + " --reason duplicate");
  unsetenv("SUDO_USER");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(actions_of(*this, id)[1]["actor"], "dpo-bo");
}

TEST_F(QuarantineCli, VerifyChecksTheActionLogChain) {
  const std::string id = seed();
  ASSERT_EQ(quarantine("delete " + id + " --actor dpo-anna --reason duplicate").exit_code, 0);
  CliRun ok = quarantine("verify");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("intact, 2 rows"), std::string::npos) << ok.out;

  if (!std::filesystem::exists("/usr/bin/sqlite3")) GTEST_SKIP() << "no sqlite3 CLI to tamper";
  // Someone rewrites who deleted the message.
  ASSERT_EQ(std::system(("/usr/bin/sqlite3 " + database_ +
                         " \"UPDATE action_log SET actor = 'someone-else' WHERE seq = 2\"")
                            .c_str()),
            0);
  CliRun broken = quarantine("verify");
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.out.find("broken at seq 2"), std::string::npos) << broken.out;
}

TEST_F(QuarantineCli, CorruptDatabaseIsAnErrorNamingTheFile) {
  write_file(database_, std::string(4096, '\x5a') + "not a database");
  for (const char* args : {"list", "show 0123456789abcdef", "verify"}) {
    SCOPED_TRACE(args);
    CliRun run = quarantine(args);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err.rfind("galguard quarantine: error: " + database_, 0), 0U) << run.err;
  }
}

TEST_F(QuarantineCli, MissingDatabaseIsAnErrorNotANewStore) {
  CliRun run = quarantine("list");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(database_ + ": no quarantine database here"), std::string::npos)
      << run.err;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(QuarantineCli, UsageErrorsAndHelp) {
  CliRun none = galguard("quarantine");
  EXPECT_EQ(none.exit_code, 2);
  CliRun unknown = galguard("quarantine frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown action 'frobnicate'"), std::string::npos);
  CliRun help = galguard("quarantine --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("galguard quarantine release ID --reason R"), std::string::npos);
  CliRun release_help = galguard("quarantine release --help");
  EXPECT_EQ(release_help.exit_code, 0);
  EXPECT_NE(release_help.out.find("X-Galguard-Released:"), std::string::npos);
  CliRun delete_help = galguard("quarantine delete --help");
  EXPECT_NE(delete_help.out.find("erases its bytes"), std::string::npos);
  EXPECT_NE(galguard("--help").out.find("quarantine"), std::string::npos);
}

}  // namespace
}  // namespace galguard::e2e

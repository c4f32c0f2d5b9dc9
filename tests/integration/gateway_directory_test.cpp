// What serve does with the directory over time: the delivery log behind `audit --exposure`, and
// the audit it runs on a schedule.
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

// Mail that went to the rogue entry's mailbox before anyone knew: no display name, and a policy
// that keeps no addresses of flagged entries (`[flagged_entries] codes = []`), as before the
// gateway learnt to stop mail to them, so nothing stopped it.
const std::string kToRogueMailbox =
    "From: IT Skarholmen <it.skarholmen@stockholm.se>\r\n"
    "To: m.exempel@elevstockholm.onmicrosoft.com\r\n"
    "Subject: Arende 4711\r\n"
    "Message-ID: <exposure-1@stockholm.se>\r\n"
    "Date: Mon, 1 Jan 2024 10:00:00 +0100\r\n"
    "\r\n"
    "Hej!\r\n";

TEST_F(GatewayTest, AuditExposureCountsMailAlreadyRelayedToAFlaggedEntry) {
  const std::string policy = dir_.path() + "/policy-flagging-off.toml";
  std::ofstream(policy) << sample("policy.toml") << "\n[flagged_entries]\ncodes = []\n";
  start({{"directory", "policy = \"" + policy + "\""}});
  ASSERT_EQ(reply_code(send(kToRogueMailbox, {"m.exempel@elevstockholm.onmicrosoft.com"})), 250);
  ASSERT_EQ(reply_code(send(sample("messages/05-processor-ok.eml"),
                            {"servicedesk.stockholm@fujitsu.com"})),
            250);
  ASSERT_TRUE(sink_->wait_for_count(2, 5s));

  // The delivery log is written beside the reply, not before it: wait for it.
  nlohmann::json report;
  const bool counted = wait_until(
      [&] {
        int status = 0;
        const std::string out = gateway_->cli("audit --exposure --days 7 --json", &status);
        report = nlohmann::json::parse(out, nullptr, false);
        if (status != 1 || report.is_discarded()) return false;
        for (const auto& row : report["exposure"]["entries"])
          if (row["messages"] == 1) return true;
        return false;
      },
      10s);
  ASSERT_TRUE(counted) << report.dump(2);
  EXPECT_EQ(report["exposure"]["days"], 7);
  for (const auto& row : report["exposure"]["entries"]) {
    const bool rogue = row["entry"]["display_name"] == "Service Desk 33900";
    EXPECT_EQ(row["messages"], rogue ? 1 : 0) << row.dump();
    if (rogue) {
      EXPECT_NE(row["codes"].dump().find("entry-role-name-foreign-address"), std::string::npos);
      EXPECT_FALSE(row["first"].get<std::string>().empty());
    }
  }

  // The text form names the entry and the count; nothing of the message itself.
  const std::string text = gateway_->cli("audit --exposure");
  EXPECT_NE(
      text.find("Service Desk 33900 <m.exempel@elevstockholm.onmicrosoft.com>: 1 message relayed"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("Arende 4711"), std::string::npos);
}

TEST_F(GatewayTest, ExposureWithoutADeliveryLogSaysSo) {
  const std::string config = dir_.path() + "/no-gateway.toml";
  std::ofstream(config) << "[quarantine]\ndatabase = \"" << dir_.path() << "/none.db\"\n";
  const std::string samples = std::string(GALGUARD_SOURCE_DIR) + "/samples/";
  const CommandResult result =
      run_command({GALGUARD_BINARY, "audit", "--config", config, "--directory",
                   samples + "gal.ldif", "--policy", samples + "policy.toml", "--exposure"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("none.db: no delivery log here"), std::string::npos)
      << result.output;
}

TEST_F(GatewayTest, ServeAuditsOnAScheduleAndKeepsEachReportWithDrift) {
  const std::string reports = dir_.path() + "/audit";
  start({{"audit", "interval = \"1s\"\nreports = \"" + reports + "\""}});
  auto report_files = [&] {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::exists(reports))
      for (const auto& f : std::filesystem::directory_iterator(reports))
        if (f.path().extension() == ".json") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    return files;
  };
  ASSERT_TRUE(wait_until([&] { return report_files().size() >= 2; }, 10s)) << gateway_->log();
  const auto files = report_files();
  const auto first = nlohmann::json::parse(detail::read_file(files[0].string()));
  const auto second = nlohmann::json::parse(detail::read_file(files[1].string()));
  EXPECT_EQ(first["entries"], 8);
  ASSERT_FALSE(first["findings"].empty());
  // The second run compares with the first: nothing new, nothing resolved.
  for (const auto& finding : second["findings"])
    EXPECT_EQ(finding["drift"], "known");
  const std::string log = gateway_->log();
  EXPECT_NE(log.find("scheduled audit: 8 entries"), std::string::npos) << log;
  EXPECT_NE(log.find("(0 new, 0 resolved since audit-"), std::string::npos) << log;
  // What `audit --previous` reads.
  int status = 0;
  const std::string out = gateway_->cli("audit --json --previous " + files[1].string(), &status);
  EXPECT_EQ(status, 1) << out;
}

}  // namespace
}  // namespace galguard::testing

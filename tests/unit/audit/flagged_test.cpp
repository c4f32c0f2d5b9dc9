// From the audit to the gateway's flags: which entries' addresses stop mail, which the DPO
// exempted, and how a wrong [flagged_entries] setting is reported.
#include "directory/audit/flagged.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "directory/audit/auditor.hpp"
#include "directory/audit/report_json.hpp"
#include "rules/text/input_error.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::directory {
namespace {

using rules::testing::entry;
using rules::testing::kReferencePolicy;
using rules::testing::reference_directory;
using rules::testing::reference_policy;

rules::Policy policy_with(const std::string& extra) {
  return rules::parse_policy(std::string(kReferencePolicy) + extra, "policy.toml");
}

TEST(AuditFlags, TheSkarholmenEntryIsFlaggedAndOrdinaryEntriesAreNot) {
  const rules::Snapshot d = reference_directory();
  const rules::FlaggedAddresses flags = audit_flags(d, reference_policy(), "policy.toml");
  const rules::FlaggedEntry* flag = flags.find("m.exempel@elevstockholm.onmicrosoft.com");
  ASSERT_NE(flag, nullptr);
  EXPECT_EQ(flag->code, "entry-role-name-foreign-address");
  EXPECT_EQ(d.entry(flag->entry).display_name, "Service Desk 33900");
  EXPECT_NE(flag->reason.find("Service Desk 33900"), std::string::npos);
  for (const char* fine : {"anna.andersson@stockholm.se", "a.andersson@stockholm.se",
                           "servicedesk.stockholm@fujitsu.com", "kontor@nordhavn.dk",
                           "erik.johansson@stockholm.se", "dso.skarholmen@stockholm.se"})
    EXPECT_EQ(flags.find(fine), nullptr) << fine;
}

TEST(AuditFlags, ALookalikeIsFlaggedButTheColleagueItImitatesIsNot) {
  // Cyrillic "А" in the impostor's name, which points outside.
  const rules::Snapshot d({entry("Andersson, Anna", "anna.andersson@stockholm.se"),
                           entry("Andersson, \u0410nna", "anna.andersson@example.net")});
  const rules::FlaggedAddresses flags = audit_flags(d, reference_policy(), "policy.toml");
  ASSERT_NE(flags.find("anna.andersson@example.net"), nullptr);
  EXPECT_EQ(flags.find("anna.andersson@example.net")->code, "entry-lookalike-name");
  EXPECT_EQ(flags.find("anna.andersson@stockholm.se"), nullptr);
}

TEST(AuditFlags, AnEntryTheDpoExemptedIsNotFlaggedAndTheAuditSaysSo) {
  const rules::Snapshot d = reference_directory();
  const rules::Policy policy = policy_with(R"(
[[allow_entry]]
address = "M.Exempel@elevstockholm.onmicrosoft.com"
reason = "Checked 2026-11-30: the student tenant's own service desk, INC-7"
)");
  EXPECT_EQ(audit_flags(d, policy, "policy.toml").find("m.exempel@elevstockholm.onmicrosoft.com"),
            nullptr);

  const AuditReport report = audit(d, policy);
  const auto found = std::find_if(
      report.findings.begin(), report.findings.end(),
      [](const AuditFinding& f) { return f.code == "entry-role-name-foreign-address"; });
  ASSERT_NE(found, report.findings.end());  // still listed, for the record
  ASSERT_NE(report.exemption(*found), nullptr);
  EXPECT_NE(to_text(report).find("[exempted by policy: Checked 2026-11-30"), std::string::npos);
  std::ostringstream json;
  write_json(json, report);
  const auto parsed = nlohmann::json::parse(json.str());
  bool exempted_in_json = false;
  for (const auto& f : parsed["findings"])
    if (f["code"] == "entry-role-name-foreign-address")
      exempted_in_json = f.value("exempted", "").starts_with("Checked 2026-11-30");
  EXPECT_TRUE(exempted_in_json);
  std::ostringstream html;
  write_html(html, report);
  EXPECT_NE(html.str().find("exempted by policy: Checked 2026-11-30"), std::string::npos);
  // An exempted finding no longer decides the audit's exit status on its own.
  EXPECT_LT(report.highest(), rules::Severity::high);
}

TEST(AuditFlags, TheCodesThatFlagAreConfigurable) {
  const rules::Snapshot d = reference_directory();
  const rules::Policy duplicates = policy_with(R"(
[flagged_entries]
codes = ["entry-duplicate-name"]
)");
  const rules::FlaggedAddresses flags = audit_flags(d, duplicates, "policy.toml");
  EXPECT_EQ(flags.find("m.exempel@elevstockholm.onmicrosoft.com"), nullptr);
  // The duplicate-name finding names one of the two "Johansson, Erik" entries.
  EXPECT_TRUE(flags.find("erik.johansson@stockholm.se") != nullptr ||
              flags.find("erik.johansson2@stockholm.se") != nullptr);
  const rules::Policy none = policy_with("[flagged_entries]\ncodes = []\n");
  EXPECT_TRUE(audit_flags(d, none, "policy.toml").empty());
}

TEST(AuditFlags, AnUnknownCodeIsAnErrorWithItsPlace) {
  const std::string policy_text =
      std::string(kReferencePolicy) +
      "[flagged_entries]\ncodes = [\"entry-role-name-foreign-adress\"]\n";
  const rules::Policy policy = rules::parse_policy(policy_text, "policy.toml");
  const auto line = 1 + std::count(policy_text.begin(), policy_text.end() - 1, '\n');
  try {
    audit_flags(reference_directory(), policy, "/etc/galguard/policy.toml");
    FAIL() << "no error";
  } catch (const rules::InputError& e) {
    EXPECT_EQ(e.place(), "/etc/galguard/policy.toml:" + std::to_string(line));
    EXPECT_NE(std::string(e.what()).find("entry-role-name-foreign-adress"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("entry-role-name-foreign-address"), std::string::npos);
  }
}

}  // namespace
}  // namespace galguard::directory

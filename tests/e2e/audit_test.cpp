// `galguard audit` on the reference GAL: the findings of samples/expected.json, drift against
// a previous report, several sources at once, and exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_galguard.hpp"

namespace galguard::e2e {
namespace {

using nlohmann::json;

std::string audit_args(const std::string& directories) {
  return "audit --json " + directories + " --policy " + sample("policy.toml");
}

bool has_finding(const json& report, const std::string& code, const std::string& name) {
  for (const auto& f : report["findings"])
    if (f["code"] == code && f["entry"]["display_name"] == name) return true;
  return false;
}

std::string write_temp(const std::string& text, const char* suffix) {
  std::string path = std::string("/tmp/galguard-e2e-") + std::to_string(getpid()) + "-" +
                     std::to_string(std::rand()) + suffix;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

class ReferenceAudit : public ::testing::TestWithParam<std::string> {};

TEST_P(ReferenceAudit, ReportsTheExpectedFindings) {
  CliRun run = galguard(audit_args("--directory " + sample(GetParam())));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  json report = json::parse(run.out);
  EXPECT_EQ(report["entries"], 8);
  json expected = json::parse(read_file(sample("expected.json")));
  for (const auto& want : expected["audit"])
    EXPECT_TRUE(has_finding(report, want["code"], want["display_name"])) << want.dump() << "\n"
                                                                         << run.out;
  // The real service desk at the processor is fine.
  EXPECT_FALSE(has_finding(report, "entry-role-name-foreign-address", "Servicedesk Fujitsu"));
}

INSTANTIATE_TEST_SUITE_P(Formats, ReferenceAudit,
                         ::testing::Values("gal.ldif", "gal.json", "gal.csv"));

TEST(Audit, RoleNameFindingSaysWhereItPoints) {
  json report = json::parse(galguard(audit_args("--directory " + sample("gal.ldif"))).out);
  for (const auto& f : report["findings"])
    if (f["code"] == "entry-role-name-foreign-address") {
      EXPECT_EQ(f["severity"], "high");
      EXPECT_EQ(f["entry"]["address"], "m.exempel@elevstockholm.onmicrosoft.com");
      EXPECT_NE(f["entry"]["source"].get<std::string>().find("gal.ldif:"), std::string::npos);
    }
}

TEST(Audit, TextOutputHasOneLinePerFinding) {
  CliRun run =
      galguard("audit --directory " + sample("gal.ldif") + " --policy " + sample("policy.toml"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("entry-role-name-foreign-address"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Service Desk 33900"), std::string::npos);
}

TEST(Audit, CleanDirectoryExitsZero) {
  std::string gal = write_temp(
      "dn: CN=Anna,DC=x\nobjectClass: user\ndisplayName: Anna Andersson\n"
      "mail: anna.andersson@stockholm.se\n",
      ".ldif");
  CliRun run = galguard("audit --directory " + gal + " --policy " + sample("policy.toml"));
  std::remove(gal.c_str());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST(Audit, DriftAgainstThePreviousReport) {
  // Before: the contact still pointed at the real service desk, and a since-removed duplicate.
  std::string before_gal = read_file(sample("gal.ldif"));
  const std::string rogue = "m.exempel@elevstockholm.onmicrosoft.com";
  for (std::size_t at; (at = before_gal.find(rogue)) != std::string::npos;)
    before_gal.replace(at, rogue.size(), "servicedesk.stockholm@fujitsu.com");
  std::string before_path = write_temp(before_gal, ".ldif");
  CliRun before = galguard(audit_args("--directory " + before_path));
  ASSERT_TRUE(before.exit_code == 0 || before.exit_code == 1) << before.err;
  std::string previous = write_temp(before.out, ".json");

  CliRun now =
      galguard(audit_args("--directory " + sample("gal.ldif")) + " --previous " + previous);
  std::remove(before_path.c_str());
  std::remove(previous.c_str());
  ASSERT_EQ(now.exit_code, 1) << now.err;
  json report = json::parse(now.out);
  bool changed = false, role_new = false, duplicate_known = false;
  for (const auto& f : report["findings"]) {
    if (f["code"] == "entry-changed" && f["entry"]["display_name"] == "Service Desk 33900") {
      changed = true;
      EXPECT_NE(f["explanation"].get<std::string>().find(rogue), std::string::npos);
    }
    if (f["code"] == "entry-role-name-foreign-address") role_new = f["drift"] == "new";
    if (f["code"] == "entry-duplicate-name") duplicate_known = f["drift"] == "known";
  }
  EXPECT_TRUE(changed) << now.out;
  EXPECT_TRUE(role_new);
  EXPECT_TRUE(duplicate_known);
  EXPECT_TRUE(report.contains("resolved"));
}

TEST(Audit, ResolvedFindingsAreListed) {
  CliRun first = galguard(audit_args("--directory " + sample("gal.ldif")));
  std::string previous = write_temp(first.out, ".json");
  std::string fixed_gal = read_file(sample("gal.ldif"));
  fixed_gal = fixed_gal.substr(0, fixed_gal.find("dn: CN=Service Desk 33900"));
  std::string fixed_path = write_temp(fixed_gal, ".ldif");
  CliRun now = galguard(audit_args("--directory " + fixed_path) + " --previous " + previous);
  std::remove(previous.c_str());
  std::remove(fixed_path.c_str());
  json report = json::parse(now.out);
  bool resolved = false;
  for (const auto& f : report["resolved"])
    resolved = resolved || (f["code"] == "entry-role-name-foreign-address" &&
                            f["entry"]["display_name"] == "Service Desk 33900");
  EXPECT_TRUE(resolved) << now.out;
  EXPECT_FALSE(has_finding(report, "entry-role-name-foreign-address", "Service Desk 33900"));
}

TEST(Audit, HiddenInOneSourceShownInAnother) {
  // The LDIF hides the payroll mailbox; this CSV export shows it.
  std::string csv = write_temp(
      "\"DisplayName\",\"PrimarySmtpAddress\",\"RecipientTypeDetails\","
      "\"HiddenFromAddressListsEnabled\",\"Guid\"\n"
      "\"Löner Skärholmen\",\"loner.skarholmen@stockholm.se\",\"SharedMailbox\",\"False\",\"\"\n",
      ".csv");
  CliRun run = galguard(audit_args("--directory " + sample("gal.ldif") + " --directory " + csv));
  std::remove(csv.c_str());
  json report = json::parse(run.out);
  EXPECT_TRUE(has_finding(report, "entry-hidden-mismatch", "Löner Skärholmen")) << run.out;
}

TEST(Audit, BadPreviousReportIsAnError) {
  CliRun run = galguard(audit_args("--directory " + sample("gal.ldif")) + " --previous " +
                        sample("policy.toml"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("not a galguard audit report"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace galguard::e2e

namespace galguard::e2e {
namespace {

TEST(Audit, BadEntryIsAWarningWithItsPlaceAndTheRestLoads) {
  std::string gal = write_temp(
      "dn: CN=Broken,DC=x\nthis line has no colon\n\n"
      "dn: CN=Anna,DC=x\nobjectClass: user\ndisplayName: Anna Andersson\n"
      "mail: anna.andersson@stockholm.se\n",
      ".ldif");
  CliRun run = galguard("audit --json --directory " + gal + " --policy " + sample("policy.toml"));
  std::remove(gal.c_str());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find(gal + ":2: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("warning"), std::string::npos) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["entries"], 1);
}

TEST(Audit, NothingLoadableIsAnError) {
  std::string gal = write_temp("dn: CN=Broken,DC=x\nno colon here\n", ".ldif");
  CliRun run = galguard("audit --directory " + gal + " --policy " + sample("policy.toml"));
  std::remove(gal.c_str());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(gal + ":2"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace galguard::e2e

namespace galguard::e2e {
namespace {

TEST(Audit, HtmlReportEscapesWhatTheDirectorySays) {
  std::string gal = write_temp(
      "dn: CN=X,DC=x\nobjectClass: contact\ndisplayName: <script>alert(1)</script> Service Desk "
      "1\nmail: x@gmail.com\n",
      ".ldif");
  CliRun run = galguard("audit --html --directory " + gal + " --policy " + sample("policy.toml"));
  std::remove(gal.c_str());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("<!doctype html>"), std::string::npos);
  EXPECT_NE(run.out.find("entry-role-name-foreign-address"), std::string::npos);
  EXPECT_NE(run.out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(run.out.find("<script>"), std::string::npos);
}

TEST(Audit, JsonAndHtmlTogetherIsAUsageError) {
  CliRun run = galguard("audit --json --html --directory " + sample("gal.ldif") + " --policy " +
                        sample("policy.toml"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("cannot be combined"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace galguard::e2e

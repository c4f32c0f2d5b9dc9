#include "directory/audit/auditor.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "directory/audit/report_json.hpp"
#include "rules/text/input_error.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::directory {
namespace {

using rules::testing::entry;
using rules::testing::reference_directory;
using rules::testing::reference_policy;

std::vector<const AuditFinding*> with_code(const AuditReport& r, const std::string& code) {
  std::vector<const AuditFinding*> out;
  for (const auto& f : r.findings)
    if (f.code == code) out.push_back(&f);
  return out;
}

// Keeps each report alive for the rest of the test, so pointers into it stay valid.
const AuditReport& kept(AuditReport report) {
  static std::vector<std::unique_ptr<AuditReport>> reports;
  reports.push_back(std::make_unique<AuditReport>(std::move(report)));
  return *reports.back();
}

TEST(Auditor, FlagsTheRoleNameOnTheStudentTenant) {
  auto report = audit(reference_directory(), reference_policy());
  auto found = with_code(report, "entry-role-name-foreign-address");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]->entry.display_name, "Service Desk 33900");
  EXPECT_EQ(found[0]->severity, rules::Severity::high);
  // Reported once, not again as a foreign-tenant contact.
  for (const auto* f : with_code(report, "foreign-tenant-internal-name"))
    EXPECT_NE(f->entry.display_name, "Service Desk 33900");
}

TEST(Auditor, RoleNameAllowedByItsRuleIsFine) {
  rules::Snapshot d({entry("Servicedesk Fujitsu", "servicedesk.stockholm@fujitsu.com")});
  EXPECT_TRUE(
      with_code(kept(audit(d, reference_policy())), "entry-role-name-foreign-address").empty());
}

TEST(Auditor, RoleNameOnAnAddressItsRuleDoesNotAllow) {
  rules::Snapshot d({entry("Service Desk Nord", "desk@example.com")});
  EXPECT_EQ(with_code(kept(audit(d, reference_policy())), "entry-role-name-foreign-address").size(),
            1U);
}

TEST(Auditor, InternalTargetAddressHidesNothing) {
  // A contact whose mail looks internal but whose target points at the student tenant.
  rules::Snapshot d(
      {entry("Lön Skärholmen", "lon@stockholm.se", {}, "lon@elevstockholm.onmicrosoft.com")});
  auto found = with_code(kept(audit(d, reference_policy())), "entry-role-name-foreign-address");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]->entry.address, "lon@elevstockholm.onmicrosoft.com");
}

TEST(Auditor, DuplicateNamesWithDifferentAddressesOnce) {
  auto report = audit(reference_directory(), reference_policy());
  auto found = with_code(report, "entry-duplicate-name");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]->entry.display_name, "Johansson, Erik");
  EXPECT_EQ(found[0]->related.size(), 1U);
}

TEST(Auditor, SameNameSameAddressIsNoDuplicate) {
  rules::Snapshot d({entry("Anna Andersson", "anna@stockholm.se"),
                     entry("Andersson, Anna", "anna@stockholm.se")});
  EXPECT_TRUE(with_code(kept(audit(d, reference_policy())), "entry-duplicate-name").empty());
}

TEST(Auditor, LookAlikeNamesPointAtTheOutsider) {
  rules::Snapshot d({entry("Anna Andersson", "anna@stockholm.se"),
                     entry("\u0410nna Andersson", "anna.a@example.com"),
                     entry("Erik Johansson", "erik@stockholm.se")});
  auto found = with_code(kept(audit(d, reference_policy())), "entry-lookalike-name");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]->entry.address, "anna.a@example.com");
  ASSERT_EQ(found[0]->related.size(), 1U);
  EXPECT_EQ(found[0]->related[0].address, "anna@stockholm.se");
}

TEST(Auditor, HiddenButListedIsAMismatch) {
  auto hidden = entry("Löner", "loner@stockholm.se");
  hidden.hidden = true;
  auto hidden_listed = entry("Kansli", "kansli@stockholm.se");
  hidden_listed.hidden = true;
  hidden_listed.address_lists = {"CN=Default Global Address List"};
  auto report = audit(rules::Snapshot({hidden, hidden_listed}), reference_policy());
  auto found = with_code(report, "entry-hidden-mismatch");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]->entry.display_name, "Kansli");
}

TEST(Auditor, HiddenInOneSourceShownInAnother) {
  auto a = entry("Löner", "loner@stockholm.se");
  a.hidden = true;
  a.source = "gal.ldif:10";
  auto b = entry("Löner", "Loner@stockholm.se");
  b.source = "users.json:/value/3";
  auto found =
      with_code(kept(audit(rules::Snapshot({a, b}), reference_policy())), "entry-hidden-mismatch");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_NE(found[0]->explanation.find("users.json"), std::string::npos);
}

TEST(Auditor, LookAlikeDomainOnAnEntry) {
  rules::Snapshot d({entry("Växeln", "vaxel@stockhoIm.se")});
  EXPECT_EQ(with_code(kept(audit(d, reference_policy())), "lookalike-domain").size(), 1U);
}

TEST(Drift, ChangedAddressNewAndResolvedFindings) {
  rules::Snapshot before({entry("Service Desk 33900", "servicedesk.stockholm@fujitsu.com"),
                          entry("Johansson, Erik", "erik@stockholm.se"),
                          entry("Johansson, Erik", "erik2@stockholm.se"),
                          entry("Anna", "anna@stockholm.se")});
  auto contact = entry("Service Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com");
  contact.id = "servicedesk.stockholm@fujitsu.com";  // same object, new address
  rules::Snapshot now({contact, entry("Johansson, Erik", "erik@stockholm.se")});
  AuditReport previous = audit(before, reference_policy());
  AuditReport current = audit(now, reference_policy());
  apply_drift(current, previous);

  auto changed = with_code(current, "entry-changed");
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_NE(changed[0]->explanation.find("m.exempel@elevstockholm.onmicrosoft.com"),
            std::string::npos);
  auto role = with_code(current, "entry-role-name-foreign-address");
  ASSERT_EQ(role.size(), 1U);
  EXPECT_EQ(role[0]->drift, "new");
  ASSERT_EQ(current.resolved.size(), 1U);
  EXPECT_EQ(current.resolved[0].code, "entry-duplicate-name");
}

TEST(ReportJson, RoundTripsWhatDriftNeeds) {
  AuditReport report = audit(reference_directory(), reference_policy());
  std::ostringstream written;
  write_json(written, report);
  auto json = nlohmann::json::parse(written.str());
  EXPECT_EQ(json["entries"], 7);
  EXPECT_EQ(json["state"].size(), 7U);
  AuditReport back = report_from_json(written.str(), "r.json");
  ASSERT_EQ(back.findings.size(), report.findings.size());
  for (std::size_t i = 0; i < back.findings.size(); ++i)
    EXPECT_EQ(back.findings[i].key(), report.findings[i].key());
  EXPECT_EQ(back.state.size(), report.state.size());
}

TEST(ReportJson, NotAReportIsAnError) {
  EXPECT_THROW(report_from_json("{\"x\":1}", "r.json"), rules::InputError);
  EXPECT_THROW(report_from_json("not json", "r.json"), rules::InputError);
}

}  // namespace
}  // namespace galguard::directory

namespace galguard::directory {
namespace {

TEST(Auditor, ForeignTenantContactIsReportedInEntryWords) {
  const AuditReport& report =
      kept(audit(rules::Snapshot({entry("Kalle Kund", "kalle@gmail.com")}), reference_policy()));
  auto found = with_code(report, "foreign-tenant-internal-name");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_NE(found[0]->explanation.find("address-book entry \"Kalle Kund\" points to "
                                       "kalle@gmail.com, in gmail.com"),
            std::string::npos)
      << found[0]->explanation;
}

}  // namespace
}  // namespace galguard::directory

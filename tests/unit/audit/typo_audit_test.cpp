// The audit finds entries whose names are typos of a function entry or a protected name, with
// the same indexes the recipient checks use.
#include <gtest/gtest.h>

#include "directory/audit/auditor.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::directory {
namespace {

using rules::testing::entry;
using rules::testing::reference_policy;

rules::Entry changed(rules::Entry e, std::string at) {
  e.changed_at = std::move(at);
  return e;
}

struct AuditTypoCase {
  const char* what;
  std::vector<rules::Entry> entries;
  const char* flagged;  // the entry reported as a typo, or "" for none
  const char* says;     // part of its explanation
};

TEST(TypoAudit, FindsEntriesThatAreTyposOfFunctionsOrProtectedNames) {
  const AuditTypoCase cases[] = {
      {"a student contact a letter from our function",
       {entry("Löner Skärholmen", "loner.skarholmen@stockholm.se"),
        entry("Lönér Skärholmen", "m.exempel@elevstockholm.onmicrosoft.com")},
       "Lönér Skärholmen",
       "is a typo of \"Löner Skärholmen\" <loner.skarholmen@stockholm.se>: it differs by only "
       "its accents"},
      {"a contact a letter from a protected name",
       {entry("Servce Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com")},
       "Servce Desk 33900",
       "is a typo of the protected name \"service desk\""},
      {"a contact two letters from a long protected name",
       {entry("Dataskydsombd Skärholmen", "dso@example.com")},
       "Dataskydsombd Skärholmen",
       "differs by two letters"},
      {"the protected name's allowed address",
       {entry("Servce Desk Fujitsu", "servicedesk.stockholm@fujitsu.com")},
       "",
       ""},
      {"two of our own functions a letter apart",
       {entry("Ekonomi Nord", "ekonomi.nord@stockholm.se"),
        entry("Ekonomi Norr", "ekonomi.norr@stockholm.se")},
       "",
       ""},
      {"two partner functions a letter apart: the newer one",
       {changed(entry("Kundtjänst Fujitsu", "kt@fujitsu.com"), "2020-01-01T00:00:00Z"),
        changed(entry("Kundtjänst Fujitso", "kt@fujitso.com"), "2024-05-01T00:00:00Z")},
       "Kundtjänst Fujitso",
       "is a typo of \"Kundtjänst Fujitsu\""},
      {"numbered rooms",
       {entry("Rum 101 Service", "r101@example.com"), entry("Rum 102 Service", "r102@example.com")},
       "",
       ""},
      {"two partner people a letter apart",
       {entry("Andersson, Anna", "anna@partner.se"), entry("Andersson, Anne", "anne@partner.se")},
       "",
       ""},
      {"a short function name: exact only",
       {entry("Växel", "vaxel@stockholm.se"), entry("Vaxel", "vaxel@gmail.com")},
       "",
       ""},
  };
  for (const auto& c : cases) {
    auto report = audit(rules::Snapshot(c.entries), reference_policy());
    std::vector<const AuditFinding*> typos;
    for (const auto& f : report.findings)
      if (f.code == "entry-lookalike-name") typos.push_back(&f);
    if (std::string(c.flagged).empty()) {
      EXPECT_TRUE(typos.empty()) << c.what << ": " << typos.front()->explanation;
      continue;
    }
    ASSERT_EQ(typos.size(), 1U) << c.what;
    EXPECT_EQ(typos.front()->entry.display_name, c.flagged) << c.what;
    EXPECT_EQ(typos.front()->severity, rules::Severity::high);
    EXPECT_NE(typos.front()->explanation.find(c.says), std::string::npos)
        << c.what << ": " << typos.front()->explanation;
  }
}

TEST(TypoAudit, AConfusableIsReportedOnceAsALookAlike) {
  auto report = audit(rules::Snapshot({entry("Nordhavn Skole", "kontor@nordhavn.dk"),
                                       entry("N0rdhavn Skole", "kontor@n0rdhavn.dk")}),
                      reference_policy());
  std::size_t lookalikes = 0;
  for (const auto& f : report.findings)
    lookalikes += f.code == "entry-lookalike-name" ? 1 : 0;
  EXPECT_EQ(lookalikes, 1U);
}

}  // namespace
}  // namespace galguard::directory

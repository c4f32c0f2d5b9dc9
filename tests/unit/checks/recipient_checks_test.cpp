#include <gtest/gtest.h>

#include "rules/checks/check_table.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

// Each row: one recipient, and whether one code fires for it against the reference directory.
struct CheckCase {
  const char* what;
  const char* name;
  const char* address;
  const char* code;
  bool fires;
};

class RecipientChecks : public ::testing::TestWithParam<CheckCase> {};

TEST_P(RecipientChecks, FiresOnlyWhereItShould) {
  static const Snapshot directory = reference_directory();
  const CheckCase& c = GetParam();
  auto findings = check_recipient(to(c.name, c.address), directory, reference_policy());
  EXPECT_EQ(has_code(findings, c.code), c.fires)
      << c.what << ": got codes [" << ::testing::PrintToString(codes_of(findings)) << "]";
}

const CheckCase kCases[] = {
    // name-bound-elsewhere
    {"directory name, foreign address", "Dataskyddsombud Skärholmen",
     "dso.skarholmen@elevstockholm.onmicrosoft.com", "name-bound-elsewhere", true},
    {"directory name, its own address", "Dataskyddsombud Skärholmen", "dso.skarholmen@stockholm.se",
     "name-bound-elsewhere", false},
    {"reversed name, proxy address", "Anna Andersson", "A.Andersson@Stockholm.se",
     "name-bound-elsewhere", false},
    {"reversed name, other address", "Anna Andersson", "anna.andersson@gmail.com",
     "name-bound-elsewhere", true},
    {"unknown name, external", "Kalle Kund", "kalle.kund@example.com", "name-bound-elsewhere",
     false},
    // name-lookalike
    {"Cyrillic a in a directory name", "\u0410nna Andersson", "anna@example.com", "name-lookalike",
     true},
    {"zero for o", "N0rdhavn Skole", "kontor@n0rdhavn.dk", "name-lookalike", true},
    {"look-alike name, the entry's own address", "N0rdhavn Skole", "kontor@nordhavn.dk",
     "name-lookalike", false},
    {"exact name is not a look-alike", "Nordhavn Skole", "x@example.com", "name-lookalike", false},
    // protected-name
    {"protected name on student tenant", "Service Desk 33900",
     "m.exempel@elevstockholm.onmicrosoft.com", "protected-name", true},
    {"protected name, allowed exact address", "Servicedesk Fujitsu",
     "servicedesk.stockholm@fujitsu.com", "protected-name", false},
    {"protected name, allowed domain glob", "Service Desk", "it@stockholm.se", "protected-name",
     false},
    {"protected name with Cyrillic e", "Servic\u0435 Desk", "x@gmail.com", "protected-name", true},
    {"protected name, written without space", "ServiceDesk Stockholm", "x@example.com",
     "protected-name", true},
    {"not a protected name", "Anna Andersson", "anna.andersson@stockholm.se", "protected-name",
     false},
    // name-contains-other-address
    {"name shows another address", "anna.andersson@stockholm.se", "evil@example.com",
     "name-contains-other-address", true},
    {"name shows the same address", "Anna.Andersson@stockholm.se", "anna.andersson@stockholm.se",
     "name-contains-other-address", false},
    {"name with an @ but no address", "Team @ Farsta", "team@stockholm.se",
     "name-contains-other-address", false},
    // lookalike-domain
    {"l replaced by capital I", "Anna", "anna@stockhoIm.se", "lookalike-domain", true},
    {"one letter dropped", "Anna", "anna@stockhlm.se", "lookalike-domain", true},
    {"swapped letters", "Anna", "anna@stokcholm.se", "lookalike-domain", true},
    {"Cyrillic o in the domain", "Anna", "anna@st\u043eckholm.se", "lookalike-domain", true},
    {"look-alike under a subdomain", "Anna", "anna@mail.stockho1m.se", "lookalike-domain", true},
    {"our own domain", "Anna", "anna@stockholm.se", "lookalike-domain", false},
    {"our own subdomain", "Anna", "anna@skola.stockholm.se", "lookalike-domain", false},
    {"unrelated domain", "Anna", "anna@example.com", "lookalike-domain", false},
    // foreign-tenant-internal-name
    {"directory name in the student tenant", "Service Desk 33900",
     "m.exempel@elevstockholm.onmicrosoft.com", "foreign-tenant-internal-name", true},
    {"function name at gmail", "IT-support 24", "helpdesk123@gmail.com",
     "foreign-tenant-internal-name", true},
    {"look-alike of a directory name at gmail", "Anna Anderss0n", "anna@gmail.com",
     "foreign-tenant-internal-name", true},
    {"a pupil in the student tenant", "Kalle Elev", "kalle.elev@elevstockholm.onmicrosoft.com",
     "foreign-tenant-internal-name", false},
    {"directory name at an ordinary external domain", "Anna Andersson", "anna@example.com",
     "foreign-tenant-internal-name", false},
    // ambiguous-name
    {"namesakes, one of their addresses", "Johansson, Erik", "erik.johansson@stockholm.se",
     "ambiguous-name", true},
    {"single entry", "Anna Andersson", "anna.andersson@stockholm.se", "ambiguous-name", false},
    {"namesakes, neither address (bound elsewhere instead)", "Erik Johansson", "erik@example.com",
     "ambiguous-name", false},
};

INSTANTIATE_TEST_SUITE_P(Reference, RecipientChecks, ::testing::ValuesIn(kCases));

TEST(RecipientChecks, FindingCarriesWhatTheSenderNeeds) {
  Snapshot directory = reference_directory();
  auto findings = check_recipient(
      to("Dataskyddsombud Skärholmen", "dso.skarholmen@elevstockholm.onmicrosoft.com", "Cc"),
      directory, reference_policy());
  ASSERT_FALSE(findings.empty());
  const Finding& f = findings.front();
  EXPECT_EQ(f.code, "name-bound-elsewhere");
  EXPECT_EQ(f.severity, Severity::high);
  EXPECT_EQ(f.header, "Cc");
  EXPECT_EQ(f.display_name, "Dataskyddsombud Skärholmen");
  EXPECT_EQ(f.address, "dso.skarholmen@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(f.expected, std::vector<std::string>{"dso.skarholmen@stockholm.se"});
  EXPECT_NE(f.explanation.find("dso.skarholmen@stockholm.se"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.explanation.back(), '.');
}

TEST(RecipientChecks, NoDisplayNameOnlyAddressChecksRun) {
  Snapshot directory = reference_directory();
  EXPECT_TRUE(
      check_recipient(to("", "someone@example.com"), directory, reference_policy()).empty());
  EXPECT_TRUE(has_code(check_recipient(to("", "x@stockhoim.se"), directory, reference_policy()),
                       "lookalike-domain"));
}

TEST(RecipientChecks, CatalogHasEveryCodeOnceWithItsSeverity) {
  const std::pair<std::string_view, Severity> want[] = {
      {"flagged-entry-address", Severity::high},
      {"name-bound-elsewhere", Severity::high},
      {"name-lookalike", Severity::high},
      {"protected-name", Severity::high},
      {"name-contains-other-address", Severity::high},
      {"lookalike-domain", Severity::high},
      {"foreign-tenant-internal-name", Severity::medium},
      {"ambiguous-name", Severity::low},
  };
  const auto catalog = check_catalog();
  for (const auto& [code, severity] : want) {
    const auto n = std::count_if(catalog.begin(), catalog.end(),
                                 [&](const CheckInfo& c) { return c.code == code; });
    ASSERT_EQ(n, 1) << code;
    const auto& info = *std::find_if(catalog.begin(), catalog.end(),
                                     [&](const CheckInfo& c) { return c.code == code; });
    EXPECT_EQ(info.severity, severity) << code;
    EXPECT_FALSE(info.summary.empty()) << code;
  }
}

TEST(WithinOneEdit, CountsEditsOverCodePoints) {
  using detail::within_one_edit;
  const struct {
    const char* a;
    const char* b;
    bool want;
  } cases[] = {
      {"stockholm.se", "stockholm.se", true},
      {"stokcholm.se", "stockholm.se", true},   // swapped neighbours
      {"stockhlm.se", "stockholm.se", true},    // one dropped
      {"stockholms.se", "stockholm.se", true},  // one added
      {"stockholm.se", "stockholm.sex", true},  // one added at the end
      {"stöckholm.se", "stockholm.se", true},   // one code point, two bytes
      {"stockhoIm.se", "stockholm.se", true},
      {"stcokhlom.se", "stockholm.se", false},  // two swaps
      {"stockholm.de.", "stockholm.se", false},
      {"example.com", "stockholm.se", false},
      {"", "a", true},
      {"", "ab", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(within_one_edit(c.a, c.b), c.want) << c.a << " vs " << c.b;
    EXPECT_EQ(within_one_edit(c.b, c.a), c.want) << c.b << " vs " << c.a;
  }
}

TEST(AddressesInText, FindsWrittenAddresses) {
  using detail::addresses_in_text;
  EXPECT_EQ(addresses_in_text("Anna (anna@Stockholm.se)"),
            std::vector<std::string>{"anna@stockholm.se"});
  EXPECT_TRUE(addresses_in_text("Team @ Farsta").empty());
  EXPECT_TRUE(addresses_in_text("no address").empty());
}

}  // namespace
}  // namespace galguard::rules

#include "rules/text/normalize.hpp"

#include <gtest/gtest.h>

namespace galguard::rules {
namespace {

struct NameCase {
  const char* got;
  const char* want;
};

TEST(Normalize, FoldsCaseWidthSpaceAndQuotes) {
  const NameCase cases[] = {
      {"Service Desk 33900", "service desk 33900"},
      {"  Service\t Desk   33900 ", "service desk 33900"},
      {"\"Service Desk 33900\"", "service desk 33900"},
      {"ＳＥＲＶＩＣＥ　ＤＥＳＫ", "service desk"},  // full width letters and space
      {"Andersson, Anna", "anna andersson"},
      {"«Åsa Öberg»", "åsa öberg"},
      {"STRASSE", "strasse"},
      {"Straße", "strasse"},
      {"", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(normalize(c.got), c.want) << "input: " << c.got;
}

TEST(Normalize, ReversedNameHasTheSameKey) {
  EXPECT_EQ(name_key("Andersson, Anna"), name_key("Anna Andersson"));
  EXPECT_EQ(name_key("ANDERSSON ANNA"), name_key("anna andersson"));
  EXPECT_NE(name_key("Anna Andersson"), name_key("Anna Anderson"));
}

TEST(Normalize, DigitsAreKept) {
  EXPECT_NE(name_key("Service Desk 33900"), name_key("Service Desk 33901"));
  EXPECT_NE(name_key("Service Desk 33900"), name_key("Service Desk"));
}

TEST(Skeleton, HomoglyphsMeet) {
  // Cyrillic е (U+0435) for Latin e.
  EXPECT_EQ(skeleton_key("Servic\u0435 Desk"), skeleton_key("Service Desk"));
  EXPECT_EQ(skeleton_key("N0rdhavn"), skeleton_key("Nordhavn"));
  EXPECT_EQ(skeleton_key("Ma rn"), skeleton_key("Ma m"));
  EXPECT_NE(skeleton_key("Anna Andersson"), skeleton_key("Anna Johansson"));
  // Order free, like the name key.
  EXPECT_EQ(skeleton_key("Andersson, \u0410nna"), skeleton_key("Anna Andersson"));
}

TEST(Address, FoldsCaseAndDecodesIdna) {
  EXPECT_EQ(normalize_address("<Anna.Andersson@Stockholm.SE>"), "anna.andersson@stockholm.se");
  EXPECT_EQ(normalize_address("kund@xn--rksmrgs-5wao1o.se"), "kund@räksmörgås.se");
  EXPECT_EQ(normalize_address("no-at-sign"), "");
  EXPECT_EQ(domain_of("a@b.example"), "b.example");
}

}  // namespace
}  // namespace galguard::rules

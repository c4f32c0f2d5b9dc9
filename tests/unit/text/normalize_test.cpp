#include "rules/text/normalize.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

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

// A name of more words than the token list keeps on the stack (a pasted list of names in the
// display name, a crafted one) is read whole, in every form.
TEST(Normalize, ALongNameKeepsEveryWord) {
  std::string name = "Zeta, ";
  std::string want;
  for (char c = 'a'; c <= 't'; ++c) {
    name += std::string(2, c) + " ";
    want += std::string(2, c) + " ";
  }
  want += "zeta";
  EXPECT_EQ(normalize(name), want);
  EXPECT_EQ(name_key(name), want);  // already in sorted order
  const NameForms forms = name_forms(name);
  EXPECT_EQ(forms.tokens.size(), 21u);
  EXPECT_EQ(forms.normalized, want);
  EXPECT_EQ(forms.key, want);
  EXPECT_EQ(std::count(forms.skeleton_key.begin(), forms.skeleton_key.end(), ' '), 20);
  EXPECT_EQ(forms.skeleton_key.substr(forms.skeleton_key.size() - 4), "zeta");
  EXPECT_EQ(forms.cased_skeleton.substr(forms.cased_skeleton.size() - 4), "Zeta");
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

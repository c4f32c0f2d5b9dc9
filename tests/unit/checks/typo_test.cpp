// Typing slips of function and protected names ("Servce Desk 33900", "Helpdeks", "Lönér
// Skärholmen"), as a sender meets them in the To field, and the names that must still pass.
#include <gtest/gtest.h>

#include "rules/checks/function_typos.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

Snapshot typo_directory() {
  return Snapshot({
      entry("Helpdesk", "helpdesk@stockholm.se"),
      entry("Löner Skärholmen", "loner.skarholmen@stockholm.se"),
      entry("Ekonomi Nord", "ekonomi.nord@stockholm.se"),         // 11 letters: one slip
      entry("Kundtjänst Syd", "kundtjanst.syd@stockholm.se"),     // 13 letters: one slip
      entry("Kundtjänst Norrmalm", "kundtjanst.n@stockholm.se"),  // 18 letters: two slips
      entry("Växel", "vaxel@stockholm.se"),                       // 5 letters: exact only
      entry("Løn Nordhavn", "lon@nordhavn.dk"),
      entry("Service Desk 33900", "servicedesk.stockholm@fujitsu.com"),
      entry("Andersson, Anna", "anna.andersson@partner.se"),
      entry("Andersson, Anne", "anne.andersson@partner.se"),
  });
}

const char* kTypoPolicy = R"(
[organisation]
name = "Skärholmen"
internal_domains = ["stockholm.se"]
untrusted_domains = ["*.onmicrosoft.com", "gmail.com"]
[[protected_name]]
pattern = "service ?desk*"
allow = ["servicedesk.stockholm@fujitsu.com", "*@stockholm.se"]
[[protected_name]]
pattern = "dataskyddsombud*"
allow = ["*@stockholm.se"]
[[protected_name]]
pattern = "re:^(it[- ]?(support|samordnare)|helpdesk|support)\\b.*"
allow = ["*@stockholm.se", "*@fujitsu.com"]
[[protected_name]]
pattern = "Växeln Skärholmen"
allow = ["*@stockholm.se"]
[[protected_name]]
pattern = "Kassa"
allow = ["*@stockholm.se"]
[[protected_name]]
pattern = "Elevhälsan Syd"
allow = ["*@stockholm.se"]
[[protected_name]]
pattern = "*skolskjuts*"
allow = ["*@stockholm.se"]
)";

const Policy& typo_policy() {
  static const Policy policy = parse_policy(kTypoPolicy, "typo-policy.toml");
  return policy;
}

struct TypoCase {
  const char* what;
  const char* name;
  const char* address;
  const char* code;
  bool fires;
};

class Typos : public ::testing::TestWithParam<TypoCase> {};

TEST_P(Typos, FireOnlyWhereTheyShould) {
  static const Snapshot directory = typo_directory();
  const TypoCase& c = GetParam();
  auto findings = check_recipient(to(c.name, c.address), directory, typo_policy());
  EXPECT_EQ(has_code(findings, c.code), c.fires)
      << c.what << ": got codes [" << ::testing::PrintToString(codes_of(findings)) << "]";
}

const TypoCase kCases[] = {
    // Slips of a protected name's literal form.
    {"a letter left out, student tenant", "Servce Desk 33900",
     "m.exempel@elevstockholm.onmicrosoft.com", "protected-name", true},
    {"a letter left out, an address the rule allows", "Servce Desk 33900",
     "servicedesk.stockholm@fujitsu.com", "protected-name", false},
    {"a letter left out, our own domain", "Servce Desk", "it@stockholm.se", "protected-name",
     false},
    {"a slip in the leading word of a prefix pattern", "Dataskydsombud Skärholmen", "dso@gmail.com",
     "protected-name", true},
    {"neighbours swapped in a regex alternative", "Helpdeks", "it@gmail.com", "protected-name",
     true},
    {"a slip in a regex alternative's leading word", "Supprt Team", "team@example.com",
     "protected-name", true},
    {"a longer word is not a slip of its start", "Supporter Club", "club@example.com",
     "protected-name", false},
    {"a regex alternative with regex syntax is exact only", "IT-samordnar", "x@gmail.com",
     "protected-name", false},
    {"a glob with '*' before its end is exact only", "Skolskjuts", "x@gmail.com", "protected-name",
     true},
    {"... and its slips are not compared", "Skolskjts", "x@gmail.com", "protected-name", false},
    {"diacritics dropped", "Vaxeln Skarholmen", "x@gmail.com", "protected-name", true},
    {"diacritics added", "Växeln Skärhölmen", "x@gmail.com", "protected-name", true},
    {"two slips in a long name", "Vaxln Skarholmn", "x@gmail.com", "protected-name", true},
    {"5 letters: one slip is another word", "Kasa", "x@gmail.com", "protected-name", false},
    {"13 letters: one slip", "Elevhälsan Sd", "x@gmail.com", "protected-name", true},
    {"13 letters: two slips are too many", "Elevhlsan Sd", "x@gmail.com", "protected-name", false},
    // Slips of a function name in the directory.
    {"neighbours swapped", "Helpdeks", "helpdesk@gmail.com", "name-lookalike", true},
    {"neighbours swapped, the entry's own address", "Helpdeks", "helpdesk@stockholm.se",
     "name-lookalike", false},
    {"an accent changed", "Lönér Skärholmen", "m.exempel@elevstockholm.onmicrosoft.com",
     "name-lookalike", true},
    {"accents dropped", "Loner Skarholmen", "loner@gmail.com", "name-lookalike", true},
    {"accents dropped, the entry's own address", "Loner Skarholmen",
     "loner.skarholmen@stockholm.se", "name-lookalike", false},
    {"combining marks instead of precomposed letters: the same name",
     "Lo\u0308ner Ska\u0308rholmen", "loner@gmail.com", "name-lookalike", false},
    {"... which is the name bound elsewhere", "Lo\u0308ner Ska\u0308rholmen", "loner@gmail.com",
     "name-bound-elsewhere", true},
    {"Danish ø typed as o", "Lon Nordhavn", "lon@gmail.com", "name-lookalike", true},
    {"Danish ø kept, its own address", "Løn Nordhavn", "lon@nordhavn.dk", "name-lookalike", false},
    {"11 letters: one slip", "Ekonomi Nrd", "x@example.com", "name-lookalike", true},
    {"11 letters: two slips", "Ekonmi Nrd", "x@example.com", "name-lookalike", false},
    {"13 letters: one slip", "Kundtjänst Sd", "x@example.com", "name-lookalike", true},
    {"13 letters: two slips", "Kundtjnst Sd", "x@example.com", "name-lookalike", false},
    {"18 letters: two slips", "Kundtjnst Norrmlm", "x@example.com", "name-lookalike", true},
    {"18 letters: three slips", "Kundtjnst Nrrmlm", "x@example.com", "name-lookalike", false},
    {"5 letters: exact only", "Vaxel", "x@gmail.com", "name-lookalike", false},
    {"another number is another desk", "Service Desk 33901", "x@example.com", "name-lookalike",
     false},
    // Personal names stay exact (or confusable): one letter apart they are two people.
    {"a person one letter from another person", "Andersson, Anne", "anne@partner.se",
     "name-lookalike", false},
    {"an unknown person one letter from a person", "Andersson, Annie", "annie@example.com",
     "name-lookalike", false},
    {"a person's own entry", "Andersson, Anne", "anne.andersson@partner.se", "name-lookalike",
     false},
};

INSTANTIATE_TEST_SUITE_P(Table, Typos, ::testing::ValuesIn(kCases));

TEST(TypoExplanations, SayWhichNameWasMisspelledAndByHowMuch) {
  static const Snapshot directory = typo_directory();
  struct Case {
    const char* name;
    const char* address;
    const char* code;
    const char* says;
  };
  const Case cases[] = {
      {"Servce Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com", "protected-name",
       "\"Servce Desk 33900\" differs by one letter from the protected name \"service desk\""},
      {"Vaxln Skarholmn", "x@gmail.com", "protected-name",
       "differs by two letters from the protected name \"växeln skärholmen\""},
      {"Helpdeks", "helpdesk@gmail.com", "name-lookalike",
       "\"Helpdeks\" differs by one letter from \"Helpdesk\" (helpdesk@stockholm.se) in the "
       "address book"},
      {"Loner Skarholmen", "loner@gmail.com", "name-lookalike",
       "differs by only its accents from \"Löner Skärholmen\""},
  };
  for (const auto& c : cases) {
    auto findings = check_recipient(to(c.name, c.address), directory, typo_policy());
    auto it = std::find_if(findings.begin(), findings.end(),
                           [&](const Finding& f) { return f.code == c.code; });
    ASSERT_NE(it, findings.end()) << c.name;
    EXPECT_NE(it->explanation.find(c.says), std::string::npos) << it->explanation;
    EXPECT_EQ(it->severity, Severity::high);
  }
}

TEST(FunctionTypos, IndexOnlyFunctionNames) {
  static const Snapshot directory = typo_directory();
  const auto index = function_typos(directory, typo_policy());
  // Every entry but the two people and the 5-letter "Växel" (exact only).
  EXPECT_EQ(index->items(), 7U);
  // Built once for the snapshot and these role words.
  EXPECT_EQ(function_typos(directory, typo_policy()).get(), index.get());
  // Another policy's role words make other names functions.
  Policy other = parse_policy(kTypoPolicy, "typo-policy.toml");
  other.role_words = {"ekonomi"};
  EXPECT_FALSE(has_code(check_recipient(to("Helpdeks", "x@example.com"), directory, other),
                        "name-lookalike"));
  EXPECT_TRUE(has_code(check_recipient(to("Ekonomi Nrd", "x@example.com"), directory, other),
                       "name-lookalike"));
  EXPECT_EQ(function_typos(directory, typo_policy()).get(), index.get());
}

TEST(FunctionTypos, TheReferenceCaseIsHeld) {
  // The Skärholmen case with the name mistyped: held for the protected name as before.
  MessageView message;
  message.recipients.push_back(to("Servce Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com"));
  const Verdict v = evaluate(message, reference_directory(), reference_policy());
  EXPECT_EQ(v.action, Action::quarantine);
  EXPECT_TRUE(has_code(v.findings, "protected-name"));
}

}  // namespace
}  // namespace galguard::rules

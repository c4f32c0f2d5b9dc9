// Names that hide their spelling: case-sensitive look-alikes, invisible characters, bidi
// controls, punctuation between words, a full-width '@'. Each row is one recipient as a sender
// would meet it, judged by every check against a directory like the reference case.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/message/message_view.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

Snapshot characters_directory() {
  std::vector<Entry> entries = reference_directory().entries();
  entries.push_back(entry("IT-samordnare Skärholmen", "it.skarholmen@stockholm.se"));
  entries.push_back(entry("Carl Hill", "carl.hill@stockholm.se"));
  entries.push_back(entry("Lan Nguyen", "lan.nguyen@stockholm.se"));
  return Snapshot(std::move(entries));
}

struct CharacterCase {
  const char* what;
  const char* name;
  const char* address;
  std::vector<std::string> want;  // exactly these codes, in table order
};

class Characters : public ::testing::TestWithParam<CharacterCase> {};

TEST_P(Characters, GetExactlyTheseFindings) {
  static const Snapshot directory = characters_directory();
  const CharacterCase& c = GetParam();
  auto findings = check_recipient(to(c.name, c.address), directory, reference_policy());
  EXPECT_EQ(codes_of(findings), c.want) << c.what;
}

const CharacterCase kCharacterCases[] = {
    // (a) the skeleton before case folding
    {"lowercase l for capital I",
     "lT-samordnare Skärholmen",
     "it.skarholmen@gmail.com",
     {"name-lookalike", "foreign-tenant-internal-name"}},
    {"lowercase l for capital I, the entry's own address",
     "lT-samordnare Skärholmen",
     "it.skarholmen@stockholm.se",
     {}},
    {"capital I for lowercase l", "CarI HiII", "carl.hill@example.com", {"name-lookalike"}},
    {"all capitals, Last, First: the same name",
     "HILL, CARL",
     "carl@example.com",
     {"name-bound-elsewhere"}},
    {"all capitals with a zero", "ANDERSS0N, ANNA", "anna@example.com", {"name-lookalike"}},
    {"capital I is not capital L", "Ian Nguyen", "ian.nguyen@example.com", {}},
    {"lowercase i is not l", "it-samordnare skärholmen", "it.skarholmen@stockholm.se", {}},
    // (b, c) invisible characters
    {"zero-width space in the Skärholmen name",
     "Serv\u200Bice Desk 33900",
     "x@gmail.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters",
      "foreign-tenant-internal-name"}},
    {"Hangul filler as the space",
     "Service\u3164Desk 33900",
     "x@example.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters"}},
    {"braille blank as the space",
     "Service\u2800Desk 33900",
     "x@example.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters"}},
    {"soft hyphen in a person's name",
     "Anna Anders\u00ADson",
     "anna@example.com",
     {"name-bound-elsewhere", "name-hidden-characters"}},
    {"a name of nothing but a filler", "\u3164", "x@example.com", {"name-hidden-characters"}},
    {"invisible characters, the entry's own address",
     "Anna\u200B Andersson",
     "anna.andersson@stockholm.se",
     {"name-hidden-characters"}},
    // (d) right-to-left override: judged as displayed too
    {"override shows the Skärholmen name",
     "\u202E00933 kseD ecivreS",
     "x@example.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters"}},
    {"override closed with PDF, student tenant",
     "\u202E00933 kseD ecivreS\u202C",
     "y@elevstockholm.onmicrosoft.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters",
      "foreign-tenant-internal-name"}},
    {"right-to-left isolate puts the number last",
     "\u206733900 Service Desk\u2069",
     "x@example.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters"}},
    {"right-to-left embedding puts the number last",
     "\u202B33900 Service Desk\u202C",
     "x@example.com",
     {"name-bound-elsewhere", "protected-name", "name-hidden-characters"}},
    {"override shows an address",
     "\u202Ees.mlohkcots@nosrednna.anna",
     "evil@example.com",
     {"name-contains-other-address", "name-hidden-characters"}},
    {"override shows a look-alike",
     "\u202EnossrednA ann\u0430",
     "anna@example.com",
     {"name-lookalike", "name-hidden-characters"}},
    // (e) punctuation between words
    {"hyphen and underscore",
     "Service-Desk_33900",
     "x@example.com",
     {"name-bound-elsewhere", "protected-name"}},
    {"dots", "Service.Desk.33900", "x@example.com", {"name-bound-elsewhere", "protected-name"}},
    {"slash and semicolon",
     "Dataskyddsombud/Skärholmen;",
     "dso@example.com",
     {"name-bound-elsewhere", "protected-name"}},
    {"Last, First", "Andersson, Anna", "anna.andersson@stockholm.se", {}},
    {"punctuated name, its own address",
     "Service-Desk_33900",
     "m.exempel@elevstockholm.onmicrosoft.com",
     {"protected-name", "foreign-tenant-internal-name"}},
    // (f) the address a name shows, in NFKC
    {"full-width at",
     "anna.andersson\uFF20stockholm.se",
     "evil@example.com",
     {"name-contains-other-address"}},
    {"small commercial at",
     "anna.andersson\uFE6Bstockholm.se",
     "evil@example.com",
     {"name-contains-other-address"}},
    {"full-width address",
     "\uFF41\uFF4E\uFF4E\uFF41\uFF20\uFF53\uFF54\uFF4F\uFF43\uFF4B"
     "\uFF48\uFF4F\uFF4C\uFF4D\uFF0E\uFF53\uFF45",
     "evil@example.com",
     {"name-contains-other-address"}},
    {"zero-width space inside the shown address",
     "anna.andersson@stock\u200Bholm.se",
     "evil@example.com",
     {"name-contains-other-address", "name-hidden-characters"}},
    {"full-width at, the same address", "evil\uFF20example.com", "evil@example.com", {}},
};

INSTANTIATE_TEST_SUITE_P(Table, Characters, ::testing::ValuesIn(kCharacterCases));

TEST(CharactersExplained, TheDisplayedNameAndTheHiddenCodePointsAreNamed) {
  const Snapshot directory = characters_directory();
  const Recipient r = to("\u202E00933 kseD ecivreS", "x@example.com");
  auto findings = check_recipient(r, directory, reference_policy());
  ASSERT_EQ(codes_of(findings), (std::vector<std::string>{"name-bound-elsewhere", "protected-name",
                                                          "name-hidden-characters"}));
  for (const auto& f : findings) {
    EXPECT_EQ(f.display_name, r.display_name) << f.code;  // the name as stored
    EXPECT_NE(f.explanation.find("Service Desk 33900"), std::string::npos) << f.explanation;
  }
  EXPECT_NE(findings[0].explanation.find("right-to-left"), std::string::npos);
  EXPECT_NE(findings[2].explanation.find("U+202E"), std::string::npos) << findings[2].explanation;
  EXPECT_EQ(findings[2].severity, Severity::medium);
}

TEST(CharactersInAMessage, TheReversedSkarholmenNameIsHeld) {
  const Snapshot directory = characters_directory();
  const MessageView message = parse_message(
      "From: it.skarholmen@stockholm.se\r\n"
      "To: =?UTF-8?B?4oCuMDA5MzMga3NlRCBlY2l2cmVT?= <m.exempel@elevstockholm.onmicrosoft.com>\r\n"
      "Subject: Elevlista\r\n\r\nHej\r\n");
  ASSERT_EQ(message.recipients.size(), 1U);
  EXPECT_EQ(message.recipients[0].display_name, "\u202E00933 kseD ecivreS");
  Verdict v = evaluate(message, directory, reference_policy());
  EXPECT_EQ(v.action, Action::quarantine);
  EXPECT_TRUE(has_code(v.findings, "protected-name"));
  EXPECT_TRUE(has_code(v.findings, "name-hidden-characters"));
}

}  // namespace
}  // namespace galguard::rules

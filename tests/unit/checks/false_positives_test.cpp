// Legitimate mail that must pass: addresses typed as names, a name that is another address of
// the same mailbox, people whose names carry a number, ordinary punctuation and emoji.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/message/message_view.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

struct FalsePositiveCase {
  const char* what;
  const char* name;
  const char* address;
  std::vector<std::string> want;  // exactly these codes; most rows want none
};

class FalsePositives : public ::testing::TestWithParam<FalsePositiveCase> {};

TEST_P(FalsePositives, GetExactlyTheseFindings) {
  static const Snapshot directory = reference_directory();
  const FalsePositiveCase& c = GetParam();
  auto findings = check_recipient(to(c.name, c.address), directory, reference_policy());
  EXPECT_EQ(codes_of(findings), c.want) << c.what;
}

const FalsePositiveCase kFalsePositiveCases[] = {
    // Outlook's typed address: the name is the address in single quotes.
    {"Outlook typed address", "'lisa@example.com'", "lisa@example.com", {}},
    {"Outlook typed address, other case", "'Lisa@Example.COM'", "lisa@example.com", {}},
    {"typed address without quotes", "lisa@example.com", "lisa@example.com", {}},
    {"an apostrophe inside the local part", "'o'brien@example.com'", "o'brien@example.com", {}},
    {"quoted typed address of another mailbox",
     "'lisa@example.com'",
     "eve@example.net",
     {"name-contains-other-address"}},
    // The name is another address of the same directory entry.
    {"proxy address as the name", "a.andersson@stockholm.se", "anna.andersson@stockholm.se", {}},
    {"primary address as the name, sent to the proxy",
     "anna.andersson@stockholm.se",
     "a.andersson@stockholm.se",
     {}},
    {"Outlook typed proxy address",
     "'A.Andersson@Stockholm.se'",
     "anna.andersson@stockholm.se",
     {}},
    {"another entry's address as the name",
     "erik.johansson@stockholm.se",
     "anna.andersson@stockholm.se",
     {"name-contains-other-address"}},
    {"an entry's address as the name, sent outside",
     "anna.andersson@stockholm.se",
     "anna@example.com",
     {"name-contains-other-address"}},
    // Function-likeness by role words, not by a number.
    {"a person with a birth year at a mail provider",
     "Johan Svensson 1985",
     "johan.svensson1985@gmail.com",
     {}},
    {"a person with an employee number", "Svensson, Johan (4711)", "johan@gmail.com", {}},
    {"a pupil with a class", "Lisa Berg 9B 2024", "lisa.berg@elevstockholm.onmicrosoft.com", {}},
    {"a number alone", "33900", "x@gmail.com", {}},
    {"a role word with a number",
     "Support 4711",
     "support4711@gmail.com",
     {"foreign-tenant-internal-name"}},
    {"the Skärholmen name",
     "Service Desk 33900",
     "m.exempel@elevstockholm.onmicrosoft.com",
     {"protected-name", "foreign-tenant-internal-name"}},
    // Ordinary writing.
    {"hyphenated first name", "Anna-Karin Svensson", "ak.svensson@gmail.com", {}},
    {"apostrophe", "O'Brien, Liam", "liam@example.com", {}},
    {"initial with a dot", "J. Svensson", "j.svensson@gmail.com", {}},
    {"emoji heart", "Lisa \u2764\uFE0F", "lisa@gmail.com", {}},
    {"emoji with joiner", "Lisa \U0001F469\u200D\U0001F4BB", "lisa@gmail.com", {}},
    {"Persian name with a non-joiner",
     "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
     "m@example.ir",
     {}},
    {"Hebrew name", "\u05D3\u05E0\u05D4 \u05DB\u05D4\u05DF", "dana@example.co.il", {}},
    {"full-width name of the right mailbox",
     "\uFF21\uFF4E\uFF4E\uFF41 Andersson",
     "anna.andersson@stockholm.se",
     {}},
};

INSTANTIATE_TEST_SUITE_P(Table, FalsePositives, ::testing::ValuesIn(kFalsePositiveCases));

TEST(FalsePositivesInAMessage, OutlookTypedAddressesPass) {
  const Snapshot directory = reference_directory();
  const MessageView message = parse_message(
      "From: anna.andersson@stockholm.se\r\n"
      "To: \"'lisa@example.com'\" <lisa@example.com>,\r\n"
      " \"a.andersson@stockholm.se\" <anna.andersson@stockholm.se>\r\n"
      "Cc: Johan Svensson 1985 <johan.svensson1985@gmail.com>\r\n"
      "Subject: Fika\r\n\r\nHej\r\n");
  ASSERT_EQ(message.recipients.size(), 3U);
  EXPECT_EQ(message.recipients[0].display_name, "'lisa@example.com'");
  Verdict v = evaluate(message, directory, reference_policy());
  EXPECT_EQ(v.action, Action::pass) << ::testing::PrintToString(codes_of(v.findings));
}

}  // namespace
}  // namespace galguard::rules

// The one decision step both gates share: every outcome from the same inputs, and the log
// vocabulary it speaks (gateway/server/README.md "Log vocabulary").
#include "gateway/server/decision.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gateway/server/log.hpp"
#include "rules/policy/policy.hpp"
#include "tests/unit/server/sample_rulebook.hpp"

namespace galguard::server {
namespace {

using testing::sample;
using testing::sample_rulebook;

const std::string kClean = sample("messages/05-processor-ok.eml");
const rules::Envelope kCleanEnvelope{"it.skarholmen@stockholm.se",
                                     {"servicedesk.stockholm@fujitsu.com"}};

TEST(Decision, EveryOutcomeWithItsReplyAndLogWord) {
  struct Case {
    const char* what;
    const Rulebook* rulebook;
    bool fail_open;
    bool too_big;
    rules::Envelope envelope;
    std::string message;
    Decision::Kind kind;
    const char* verdict;
    int code;  // of decision.reply; 0 when the gate builds the reply (pass, hold, unchecked)
    const char* enhanced;
  };
  const Rulebook* rules = &sample_rulebook();
  const std::string reference = sample("messages/01-skarholmen-incident.eml");
  const Case cases[] = {
      {"clean mail", rules, false, false, kCleanEnvelope, kClean, Decision::Kind::pass, "pass", 0,
       ""},
      {"the reference case", rules, false, false,
       rules::Envelope{"it.skarholmen@stockholm.se", {"m.exempel@elevstockholm.onmicrosoft.com"}},
       reference, Decision::Kind::hold, "quarantine", 0, ""},
      {"clean headers, a Bcc to the flagged entry", rules, false, false,
       rules::Envelope{
           "it.skarholmen@stockholm.se",
           {"servicedesk.stockholm@fujitsu.com", "m.exempel@elevstockholm.onmicrosoft.com"}},
       kClean, Decision::Kind::hold, "quarantine", 0, ""},
      {"bytes that are not mail", rules, false, false, kCleanEnvelope,
       std::string("\0\0\0garbage", 10), Decision::Kind::hold, "quarantine", 0, ""},
      {"no directory, fail closed", nullptr, false, false, kCleanEnvelope, kClean,
       Decision::Kind::tempfail, "tempfail", 451, "4.7.1"},
      {"no directory, fail open", nullptr, true, false, kCleanEnvelope, kClean,
       Decision::Kind::unchecked, "unchecked", 0, ""},
      {"too big to judge", rules, false, true, kCleanEnvelope, kClean, Decision::Kind::reject,
       "reject", 552, "5.3.4"},
      {"too big to judge, even without a directory", nullptr, true, true, kCleanEnvelope, kClean,
       Decision::Kind::reject, "reject", 552, "5.3.4"},
  };
  for (const auto& c : cases) {
    const Decision d = decide({c.envelope, c.message, c.too_big}, c.rulebook, c.fail_open);
    EXPECT_EQ(d.kind, c.kind) << c.what;
    EXPECT_EQ(d.verdict(), c.verdict) << c.what;
    EXPECT_EQ(d.reply.code, c.code) << c.what;
    EXPECT_EQ(d.reply.enhanced, c.enhanced) << c.what;
  }
}

TEST(Decision, APolicyThatRejectsRefusesWithTheReasons) {
  Rulebook rejecting = sample_rulebook();
  rules::Policy policy = rules::parse_policy(sample("policy.toml"), "policy.toml");
  policy.actions[rules::Severity::high] = rules::Action::reject;
  rejecting.policy = std::make_shared<const rules::Policy>(std::move(policy));
  const Decision d = decide({rules::Envelope{"", {"m.exempel@elevstockholm.onmicrosoft.com"}},
                             sample("messages/01-skarholmen-incident.eml")},
                            &rejecting, false);
  EXPECT_EQ(d.kind, Decision::Kind::reject);
  EXPECT_EQ(d.reply.code, 550);
  EXPECT_EQ(d.reply.enhanced, "5.7.1");
  EXPECT_NE(d.reply.wire().find("Service Desk 33900"), std::string::npos) << d.reply.wire();
}

TEST(Decision, FindingsNameTheRecipientTheyAreAbout) {
  const Decision d =
      decide({rules::Envelope{"it.skarholmen@stockholm.se",
                              {"servicedesk.stockholm@fujitsu.com", "anna@stockho1m.se",
                               "m.exempel@elevstockholm.onmicrosoft.com"}},
              kClean},
             &sample_rulebook(), false);
  const auto about = d.judgement.findings_by_recipient();
  EXPECT_NE(std::find(about.begin(), about.end(), "lookalike-domain:<anna@stockho1m.se>"),
            about.end());
  EXPECT_NE(std::find(about.begin(), about.end(),
                      "flagged-entry-address:<m.exempel@elevstockholm.onmicrosoft.com>"),
            about.end());
  for (const auto& item : about)
    EXPECT_EQ(item.find("servicedesk.stockholm@fujitsu.com"), std::string::npos) << item;
}

TEST(LogLine, CarriesTheFindingsFieldOnlyWhenThereAreFindingsAndEscapesIt) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("decision_test_" + std::to_string(::getpid()) + ".log");
  {
    Log log(path.string());
    MessageRecord clean;
    clean.id = "AAA";
    clean.verdict = "pass";
    clean.status = "sent";
    log.message(clean);
    MessageRecord held;
    held.id = "BBB";
    held.verdict = "quarantine";
    held.codes = {"lookalike-domain"};
    held.findings = {"lookalike-domain:<a\r\nb@stockho1m.se>"};
    held.status = "held";
    log.message(held);
  }
  std::ifstream in(path);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  std::filesystem::remove(path);
  EXPECT_EQ(first.find("findings="), std::string::npos) << first;
  EXPECT_NE(second.find(" verdict=quarantine codes=lookalike-domain "
                        "findings=lookalike-domain:<a\\x0d\\x0ab@stockho1m.se> relay="),
            std::string::npos)
      << second;
}

}  // namespace
}  // namespace galguard::server

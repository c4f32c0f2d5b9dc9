#include <gtest/gtest.h>

#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

MessageView message(std::vector<Recipient> recipients, std::string body = "") {
  MessageView m;
  m.recipients = std::move(recipients);
  if (!body.empty()) m.texts.push_back({"body", std::move(body)});
  return m;
}

TEST(Evaluate, ReferenceIncidentIsQuarantined) {
  Snapshot directory = reference_directory();
  auto v = evaluate(message({to("Service Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com")},
                            "Personnummer: 19121212-1212"),
                    directory, reference_policy());
  EXPECT_EQ(v.action, Action::quarantine);
  EXPECT_EQ(v.severity, Severity::high);
  EXPECT_TRUE(has_code(v.findings, "protected-name"));
  EXPECT_TRUE(has_code(v.findings, "foreign-tenant-internal-name"));
  EXPECT_EQ(v.personal_data.identity_numbers, 1);
  // Most severe first.
  EXPECT_EQ(v.findings.front().severity, Severity::high);
}

TEST(Evaluate, LowSeverityPasses) {
  Snapshot directory = reference_directory();
  auto v = evaluate(message({to("Anna Andersson", "anna.andersson@stockholm.se"),
                             to("Johansson, Erik", "erik.johansson@stockholm.se", "Cc")}),
                    directory, reference_policy());
  EXPECT_EQ(v.action, Action::pass);
  EXPECT_EQ(v.severity, Severity::low);
  ASSERT_EQ(v.findings.size(), 1U);
  EXPECT_EQ(v.findings.front().code, "ambiguous-name");
  EXPECT_EQ(v.findings.front().header, "Cc");
}

TEST(Evaluate, SpecialCategoryDataRaisesSeverityOneStep) {
  Snapshot directory = reference_directory();
  Policy policy = parse_policy(R"(
[organisation]
internal_domains = ["stockholm.se"]
[actions]
low = "pass"
medium = "quarantine"
)",
                               "p.toml");
  auto recipients = std::vector<Recipient>{
      to("Johansson, Erik", "erik.johansson@stockholm.se")};  // ambiguous-name: low
  auto plain = evaluate(message(recipients, "Schemat ligger på intranätet."), directory, policy);
  EXPECT_EQ(plain.severity, Severity::low);
  EXPECT_EQ(plain.action, Action::pass);
  auto health =
      evaluate(message(recipients, "Han är sjukskriven efter diagnosen."), directory, policy);
  EXPECT_TRUE(health.personal_data.special_category());
  EXPECT_EQ(health.severity, Severity::medium);
  EXPECT_EQ(health.action, Action::quarantine);
}

TEST(Evaluate, SpecialCategoryAloneDoesNotHoldCleanMail) {
  Snapshot directory = reference_directory();
  auto v = evaluate(
      message({to("Anna Andersson", "anna.andersson@stockholm.se")}, "Hon är sjukskriven."),
      directory, reference_policy());
  EXPECT_EQ(v.action, Action::pass);
  EXPECT_TRUE(v.findings.empty());
}

TEST(Evaluate, SameRecipientInToAndCcIsJudgedOnce) {
  Snapshot directory = reference_directory();
  auto r = to("Dataskyddsombud Skärholmen", "dso@gmail.com");
  auto cc = r;
  cc.header = "Cc";
  auto v = evaluate(message({r, cc}), directory, reference_policy());
  EXPECT_EQ(std::count_if(v.findings.begin(), v.findings.end(),
                          [](const Finding& f) { return f.code == "name-bound-elsewhere"; }),
            1);
}

TEST(Evaluate, ExternalUnknownRecipientPasses) {
  Snapshot directory = reference_directory();
  auto v = evaluate(message({to("Kalle Kund", "kalle.kund@example.com")}), directory,
                    reference_policy());
  EXPECT_EQ(v.action, Action::pass);
  EXPECT_TRUE(v.findings.empty());
}

}  // namespace
}  // namespace galguard::rules

namespace galguard::rules {
namespace {

using namespace testing;

TEST(Evaluate, ARecipientHeaderThatCannotBeReadHoldsTheMessage) {
  // GMime reads no mailbox out of this To header at all; the message must not pass as if it
  // had no recipient worth judging.
  const MessageView view = parse_message(
      "From: it.skarholmen@stockholm.se\r\nTo: anna.andersson@stockholm.se, (hidden, "
      "m.exempel@elevstockholm.onmicrosoft.com\r\nSubject: x\r\n\r\nHej.\r\n");
  const Snapshot directory = reference_directory();
  const Verdict v = evaluate(view, Envelope{}, {directory, reference_policy()});
  EXPECT_EQ(v.action, Action::quarantine);
  ASSERT_TRUE(has_code(v.findings, "unreadable-recipient"));
  EXPECT_EQ(v.findings.front().severity, Severity::high);
}

TEST(Evaluate, TodayDecidesWhetherABirthDateIsInTheFuture) {
  // 20250615-0008 is a valid personnummer by checksum; before that day it cannot be one yet.
  MessageView view;
  view.texts.push_back({"body", "Elev: 20250615-0008"});
  const Snapshot directory = reference_directory();
  const Verdict later = evaluate(
      view, Envelope{}, {directory, reference_policy(), no_flagged_addresses(), {2026, 12, 4}});
  const Verdict before = evaluate(
      view, Envelope{}, {directory, reference_policy(), no_flagged_addresses(), {2025, 6, 14}});
  EXPECT_EQ(later.personal_data.identity_numbers, 1);
  EXPECT_EQ(before.personal_data.identity_numbers, 0);
}

}  // namespace
}  // namespace galguard::rules

// attachment-not-inspected: off by default; with a severity in the policy, mail that leaves the
// organisation with an attachment galguard could not read is held, naming the files and why.
#include <gtest/gtest.h>

#include <string>

#include "rules/checks/verdict.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::rules {
namespace {

MessageView message_to(std::string address, bool inspected) {
  MessageView view;
  view.recipients.push_back({"To", "", address, address});
  Attachment a;
  a.name = "Elevakter.zip";
  a.type = "zip";
  a.inspected = inspected;
  a.why = inspected ? "" : "encrypted";
  view.attachments.push_back(a);
  return view;
}

Policy policy_with(std::string_view attachments_table) {
  return parse_policy(
      "[organisation]\nname = \"Stockholms stad\"\ninternal_domains = [\"stockholm.se\"]\n" +
          std::string(attachments_table),
      "policy.toml");
}

Verdict judge(const MessageView& view, const Policy& policy, const Envelope& envelope = {}) {
  const Snapshot directory;
  return evaluate(view, envelope, Grounds{directory, policy});
}

TEST(AttachmentNotInspected, OffByDefault) {
  const Verdict v = judge(message_to("kalle@example.com", false), policy_with(""));
  EXPECT_TRUE(v.findings.empty());
  EXPECT_EQ(v.action, Action::pass);
}

TEST(AttachmentNotInspected, HeldGoingOutNamingTheFile) {
  const Policy policy = policy_with("[attachments]\nnot_inspected_external = \"medium\"\n");
  const Verdict v = judge(message_to("kalle@example.com", false), policy);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].code, "attachment-not-inspected");
  EXPECT_EQ(v.findings[0].severity, Severity::medium);
  EXPECT_EQ(v.findings[0].address, "kalle@example.com");
  EXPECT_NE(v.findings[0].explanation.find("Elevakter.zip (encrypted)"), std::string::npos);
  EXPECT_EQ(v.action, Action::quarantine);
}

TEST(AttachmentNotInspected, InsideTheOrganisationOrAllReadItPasses) {
  const Policy policy = policy_with("[attachments]\nnot_inspected_external = \"high\"\n");
  EXPECT_TRUE(judge(message_to("anna@stockholm.se", false), policy).findings.empty());
  EXPECT_TRUE(judge(message_to("kalle@example.com", true), policy).findings.empty());
}

TEST(AttachmentNotInspected, AnEnvelopeOnlyRecipientOutsideCounts) {
  const Policy policy = policy_with("[attachments]\nnot_inspected_external = \"high\"\n");
  // Bcc: only the envelope knows it.
  const Verdict v = judge(message_to("anna@stockholm.se", false), policy,
                          Envelope{"anna@stockholm.se", {"anna@stockholm.se", "x@gmail.com"}});
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].address, "x@gmail.com");
  EXPECT_EQ(v.findings[0].header, "RCPT TO");
}

TEST(AttachmentNotInspected, ABadSeverityIsAnErrorWithItsLine) {
  try {
    policy_with("[attachments]\nnot_inspected_external = \"severe\"\n");
    FAIL() << "accepted";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("policy.toml:5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected none (off), low, medium or high"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace galguard::rules

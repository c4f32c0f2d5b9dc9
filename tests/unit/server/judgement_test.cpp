#include "gateway/server/judgement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ranges>
#include <sstream>

#include "rules/policy/policy.hpp"
#include "tests/unit/server/sample_rulebook.hpp"

namespace galguard::server {
namespace {

using testing::sample;
using testing::sample_rulebook;

TEST(Judgement, TheReferenceCaseIsHeldWithItsCodes) {
  const Judgement j = judge(sample_rulebook(), {}, sample("messages/01-skarholmen-incident.eml"));
  EXPECT_EQ(j.action, rules::Action::quarantine);
  const auto codes = j.codes();
  EXPECT_NE(std::find(codes.begin(), codes.end(), "protected-name"), codes.end());
  EXPECT_EQ(personal_data_summary(j).identity_numbers, 1);
  const auto json = nlohmann::json::parse(j.verdict_json());
  EXPECT_EQ(json["verdict"], "quarantine");
}

TEST(Judgement, CleanMailPasses) {
  const Judgement j = judge(sample_rulebook(), {}, sample("messages/05-processor-ok.eml"));
  EXPECT_EQ(j.action, rules::Action::pass);
  EXPECT_TRUE(j.codes().empty());
}

TEST(Judgement, BytesThatAreNotMailAreHeldNotRelayedUnchecked) {
  const Judgement j = judge(sample_rulebook(), {}, std::string("\0\0\0garbage", 10));
  EXPECT_EQ(j.action, rules::Action::quarantine);
  EXPECT_EQ(j.codes(), std::vector<std::string>{"unreadable-message"});
  EXPECT_EQ(nlohmann::json::parse(j.verdict_json())["verdict"], "quarantine");
}

TEST(Judgement, TheRefusalNamesTheRecipientAndTheHeldIdButNoBodyText) {
  const std::string message = sample("messages/01-skarholmen-incident.eml");
  const Judgement j = judge(sample_rulebook(), {}, message);
  const smtp::Reply reply = refusal(j, "0123456789abcdef");
  EXPECT_EQ(reply.code, 550);
  EXPECT_EQ(reply.enhanced, "5.7.1");
  ASSERT_GE(reply.lines.size(), 2u);
  EXPECT_NE(reply.lines[0].find("0123456789abcdef"), std::string::npos);
  EXPECT_NE(reply.wire().find("Service Desk 33900"), std::string::npos);
  EXPECT_LE(reply.lines.size(), 5u);
  for (const auto& line : reply.wire() | std::views::split(std::string_view("\r\n"))) {
    EXPECT_LE(std::string_view(line.begin(), line.end()).size(), 510u);
  }
  // The body of the reference case carries a personal identity number; the reply must not.
  ASSERT_NE(message.find("19121212-1212"), std::string::npos);
  EXPECT_EQ(reply.wire().find("19121212"), std::string::npos);
  EXPECT_EQ(reply.wire().find("Personnummer"), std::string::npos);
}

TEST(Judgement, ALongExplanationIsCutToTheReplyLineLimitOnACharacterBoundary) {
  Judgement j;
  j.action = rules::Action::quarantine;
  rules::Finding finding;
  finding.code = "protected-name";
  finding.header = "To";
  finding.display_name = std::string(300, 'x');
  finding.address = "a@b.example";
  finding.explanation = std::string(299, 'y') + "\xc3\xa5\xc3\xa5\xc3\xa5 and more text";
  j.verdict.findings.push_back(finding);
  const smtp::Reply reply = refusal(j, "id");
  ASSERT_EQ(reply.lines.size(), 2u);
  EXPECT_LE(reply.lines[1].size(), 500u);
  EXPECT_TRUE(reply.lines[1].ends_with("..."));
}

}  // namespace
}  // namespace galguard::server

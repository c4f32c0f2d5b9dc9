// Scripted dialogues: each case is a client script and the replies it must get, step by step.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialogue.hpp"

namespace galguard::smtp::testing {
namespace {

struct Script {
  std::string name;
  std::vector<Step> steps;
  std::size_t deliveries = 0;  // messages that must reach the handler
};

Options small_limits() {
  Options options;
  options.hostname = "gw.example.org";
  options.limits.max_recipients = 2;
  options.limits.max_message_size = 200;
  return options;
}

const std::string kLongLine(999, 'x');  // 999 + CRLF = 1001 octets, one over RFC 5321's limit

const std::vector<Script> kScripts{
    {"pipelined_transaction",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<alice@example.net> SIZE=100 BODY=8BITMIME", "250 2.1.0"},
      {"RCPT TO:<bob@example.org>", "250 2.1.5"},
      {"RCPT TO:<carol@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {"Subject: hi", ""},
      {"", ""},
      {"hello", ""},
      {".", "250 2.0.0"},
      {"QUIT", "221 2.0.0"}},
     1},
    {"helo_then_null_sender",
     {{"HELO client.example.net", "250"},
      {"MAIL FROM:<>", "250 2.1.0"},
      {"RCPT TO:<bob@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {".", "250 2.0.0"}},
     1},
    {"case_insensitive_verbs",
     {{"ehlo client.example.net", "250"},
      {"mail from:<a@example.net>", "250 2.1.0"},
      {"Rcpt To:<b@example.org>", "250 2.1.5"},
      {"noop", "250 2.0.0"}}},
    {"size_too_big_at_mail",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<a@example.net> SIZE=201", "552 5.3.4"},
      {"RCPT TO:<b@example.org>", "503 5.5.1"},
      {"MAIL FROM:<a@example.net> SIZE=200", "250 2.1.0"}}},
    {"too_many_recipients",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"RCPT TO:<b1@example.org>", "250 2.1.5"},
      {"RCPT TO:<b2@example.org>", "250 2.1.5"},
      {"RCPT TO:<b3@example.org>", "452 4.5.3"},
      {"DATA", "354"},
      {".", "250 2.0.0"}},
     1},
    {"rcpt_before_mail",
     {{"EHLO client.example.net", "250"}, {"RCPT TO:<b@example.org>", "503 5.5.1"}}},
    {"mail_before_helo", {{"MAIL FROM:<a@example.net>", "503 5.5.1"}}},
    {"data_without_rcpt",
     {{"EHLO client.example.net", "250"},
      {"DATA", "503 5.5.1"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"DATA", "503 5.5.1"},
      {"RCPT TO:<b@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {".", "250 2.0.0"}},
     1},
    {"nested_mail",
     {{"EHLO c.example.net", "250"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"MAIL FROM:<a@example.net>", "503 5.5.1"}}},
    {"over_long_command",
     {{"EHLO client.example.net", "250"},
      {"NOOP " + std::string(993, 'x'), "250 2.0.0"},  // 998 + CRLF: exactly at the limit
      {"NOOP " + std::string(994, 'x'), "500 5.5.2"},
      {"NOOP", "250 2.0.0"}}},
    {"message_over_size_then_next_message",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"RCPT TO:<b@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {std::string(150, 'y'), ""},
      {std::string(150, 'y'), ""},
      {"more after the limit is still read", ""},
      {".", "552 5.3.4"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"RCPT TO:<b@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {"small", ""},
      {".", "250 2.0.0"}},
     1},
    {"over_long_body_line",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"RCPT TO:<b@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {kLongLine, ""},
      {".", "500 5.5.2"},
      {"NOOP", "250 2.0.0"}}},
    {"rset_clears_transaction",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"RCPT TO:<b@example.org>", "250 2.1.5"},
      {"RSET", "250 2.0.0"},
      {"RCPT TO:<b@example.org>", "503 5.5.1"},
      {"DATA", "503 5.5.1"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"}}},
    {"unknown_and_unimplemented",
     {{"EHLO client.example.net", "250"},
      {"FROB", "500 5.5.2"},
      {"", "500 5.5.2"},
      {"EXPN staff", "502 5.5.1"},
      {"STARTTLS", "502 5.5.1"},  // not enabled in these options
      {"HELP", "214 2.0.0"}}},
    {"vrfy", {{"VRFY bob", "252 2.1.5"}, {"VRFY", "501 5.5.4"}}},
    {"xforward",
     {{"EHLO client.example.net", "250"},
      {"XFORWARD NAME=mx.example.net ADDR=192.0.2.1", "250 2.0.0"},
      {"XFORWARD PORT=25 HELO=bad+2Bhelo", "250 2.0.0"},
      {"XFORWARD COLOR=red", "501 5.5.4"},
      {"XFORWARD NAME=bad+zz", "501 5.5.4"},
      {"XFORWARD NAME", "501 5.5.4"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"XFORWARD NAME=late.example.net", "503 5.5.1"}}},
    {"path_syntax_errors",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:a@example.net", "501 5.5.4"},
      {"MAIL FROM:<a@example.net", "501 5.5.4"},
      {"MAIL FROM:<a..b@example.net>", "501 5.5.4"},
      {"MAIL FROM:<a@-example.net>", "501 5.5.4"},
      {"MAIL TO:<a@example.net>", "501 5.5.4"},
      {"MAIL FROM:<a@example.net> SIZE=abc", "501 5.5.4"},
      {"MAIL FROM:<a@example.net> BODY=BINARYMIME", "501 5.5.4"},
      {"MAIL FROM:<a@example.net> RET=HDRS", "555 5.5.4"},
      {"MAIL FROM:<@relay.example.com:a@example.net>", "250 2.1.0"},
      {"RCPT TO:<>", "501 5.5.4"},
      {"RCPT TO:<b@example.org> NOTIFY=NEVER", "555 5.5.4"},
      {"RCPT TO:<Postmaster>", "250 2.1.5"}}},
    {"helo_syntax",
     {{"EHLO", "501 5.5.4"},
      {"EHLO bad_host!", "501 5.5.4"},
      {"HELO [192.0.2.7]", "250"},
      {"EHLO [IPv6:2001:db8::1]", "250"}}},
    {"quit_ends_session",
     {{"EHLO client.example.net", "250"}, {"QUIT", "221 2.0.0"}, {"NOOP", "503 5.5.1"}}},
    {"several_messages_per_connection",
     {{"EHLO client.example.net", "250"},
      {"MAIL FROM:<a@example.net>", "250 2.1.0"},
      {"RCPT TO:<b@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {"one", ""},
      {".", "250 2.0.0"},
      {"MAIL FROM:<c@example.net>", "250 2.1.0"},
      {"RCPT TO:<d@example.org>", "250 2.1.5"},
      {"DATA", "354"},
      {"two", ""},
      {".", "250 2.0.0"}},
     2},
};

void PrintTo(const Script& script, std::ostream* out) {
  *out << script.name;
}

class ScriptTest : public ::testing::TestWithParam<Script> {};

TEST_P(ScriptTest, RepliesMatch) {
  const Script& script = GetParam();
  Dialogue dialogue{small_limits()};
  const auto got = dialogue.run(script.steps);
  const auto want = Dialogue::wanted(script.steps);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_EQ(got[i], want[i]) << "step " << i << ": " << script.steps[i].line.substr(0, 60);
  EXPECT_EQ(dialogue.deliveries.size(), script.deliveries);
}

INSTANTIATE_TEST_SUITE_P(Smtp, ScriptTest, ::testing::ValuesIn(kScripts),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace galguard::smtp::testing

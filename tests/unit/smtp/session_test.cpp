// What the session hands over and advertises, beyond the reply codes the scripts check.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dialogue.hpp"

namespace galguard::smtp::testing {
namespace {

Options options() {
  Options o;
  o.hostname = "gw.example.org";
  o.limits.max_message_size = 10240;
  return o;
}

TEST(Session, GreetingHasNoEnhancedStatus) {
  Dialogue dialogue{options()};
  EXPECT_EQ(dialogue.session.greeting().wire(), "220 gw.example.org ESMTP galguard\r\n");
}

TEST(Session, EhloAdvertisesExtensions) {
  Dialogue dialogue{options()};
  const Reply reply = dialogue.session.on_line("EHLO client.example.net");
  EXPECT_EQ(reply.wire(),
            "250-gw.example.org\r\n"
            "250-PIPELINING\r\n"
            "250-SIZE 10240\r\n"
            "250-ENHANCEDSTATUSCODES\r\n"
            "250-8BITMIME\r\n"
            "250-SMTPUTF8\r\n"
            "250 XFORWARD NAME ADDR PORT PROTO HELO IDENT SOURCE\r\n");
}

TEST(Session, StartTlsOnlyWhenEnabledAndResetsAfterHandshake) {
  Options o = options();
  o.starttls = true;
  Dialogue dialogue{o};
  const Reply ehlo = dialogue.session.on_line("EHLO client.example.net");
  EXPECT_NE(std::find(ehlo.lines.begin(), ehlo.lines.end(), "STARTTLS"), ehlo.lines.end());
  EXPECT_EQ(summary(dialogue.session.on_line("STARTTLS")), "220 2.0.0");
  EXPECT_TRUE(dialogue.session.tls_requested());
  dialogue.session.on_tls_started();
  // RFC 3207 §4.2: the client must greet again, and STARTTLS is no longer offered.
  EXPECT_EQ(summary(dialogue.session.on_line("MAIL FROM:<a@example.net>")), "503 5.5.1");
  const Reply again = dialogue.session.on_line("EHLO client.example.net");
  EXPECT_EQ(std::find(again.lines.begin(), again.lines.end(), "STARTTLS"), again.lines.end());
  EXPECT_EQ(summary(dialogue.session.on_line("STARTTLS")), "502 5.5.1");
}

TEST(Session, DotStuffedLinesComeOutUnstuffed) {
  Dialogue dialogue{options()};
  dialogue.run({{"EHLO client.example.net", "250"},
                {"MAIL FROM:<a@example.net>", ""},
                {"RCPT TO:<b@example.org>", ""},
                {"DATA", ""},
                {"Subject: dots", ""},
                {"", ""},
                {"..", ""},
                {"..leading dot", ""},
                {"...", ""},
                {"middle . dot", ""},
                {".", ""}});
  ASSERT_EQ(dialogue.deliveries.size(), 1u);
  EXPECT_EQ(dialogue.deliveries[0].message,
            "Subject: dots\r\n\r\n.\r\n.leading dot\r\n..\r\nmiddle . dot\r\n");
}

TEST(Session, EnvelopeReachesHandler) {
  Dialogue dialogue{options()};
  dialogue.run({{"EHLO client.example.net", ""},
                {"XFORWARD NAME=mx.example.net ADDR=192.0.2.1 PORT=2525", ""},
                {"XFORWARD PROTO=ESMTP HELO=odd+20name IDENT=ab+2Bcd SOURCE=REMOTE", ""},
                {"MAIL FROM:<\"john doe\"@example.net> SIZE=10 BODY=8BITMIME SMTPUTF8", ""},
                {"RCPT TO:<b@example.org>", ""},
                {"RCPT TO:<@hop.example.com,@hop2.example.com:c@example.org>", ""},
                {"DATA", ""},
                {"hi", ""},
                {".", ""}});
  ASSERT_EQ(dialogue.deliveries.size(), 1u);
  const Envelope& envelope = dialogue.deliveries[0].envelope;
  EXPECT_EQ(envelope.helo, "client.example.net");
  EXPECT_TRUE(envelope.esmtp);
  EXPECT_EQ(envelope.sender, "\"john doe\"@example.net");
  EXPECT_EQ(envelope.recipients, (std::vector<std::string>{"b@example.org", "c@example.org"}));
  EXPECT_EQ(envelope.parameters, (MailParameters{10, Body::eight_bit_mime, true}));
  Xforward want;
  want.name = "mx.example.net";
  want.addr = "192.0.2.1";
  want.port = "2525";
  want.proto = "ESMTP";
  want.helo = "odd name";
  want.ident = "ab+cd";
  want.source = "REMOTE";
  EXPECT_EQ(envelope.xforward, want);
}

TEST(Session, XforwardBelongsToOneMessage) {
  Dialogue dialogue{options()};
  dialogue.run({{"EHLO client.example.net", ""},
                {"XFORWARD NAME=mx.example.net", ""},
                {"MAIL FROM:<a@example.net>", ""},
                {"RCPT TO:<b@example.org>", ""},
                {"DATA", ""},
                {".", ""},
                {"MAIL FROM:<a@example.net>", ""},
                {"RCPT TO:<b@example.org>", ""},
                {"DATA", ""},
                {".", ""}});
  ASSERT_EQ(dialogue.deliveries.size(), 2u);
  EXPECT_EQ(dialogue.deliveries[0].envelope.xforward.name, "mx.example.net");
  EXPECT_EQ(dialogue.deliveries[1].envelope.xforward, Xforward{});
}

TEST(Session, HandlerReplyIsSent) {
  Dialogue dialogue{options(), standard(Standard::next_hop_down)};
  const auto got = dialogue.run({{"EHLO client.example.net", ""},
                                 {"MAIL FROM:<a@example.net>", ""},
                                 {"RCPT TO:<b@example.org>", ""},
                                 {"DATA", ""},
                                 {".", ""},
                                 {"MAIL FROM:<a@example.net>", ""}});
  EXPECT_EQ(got[4], "451 4.4.1");
  EXPECT_EQ(got[5], "250 2.1.0");  // the session survives a refused message
}

TEST(Session, MailResetsPreviousRecipientsAfterRset) {
  Dialogue dialogue{options()};
  dialogue.run({{"EHLO client.example.net", ""},
                {"MAIL FROM:<a@example.net>", ""},
                {"RCPT TO:<old@example.org>", ""},
                {"RSET", ""},
                {"MAIL FROM:<x@example.net>", ""},
                {"RCPT TO:<new@example.org>", ""}});
  EXPECT_EQ(dialogue.session.envelope().sender, "x@example.net");
  EXPECT_EQ(dialogue.session.envelope().recipients, std::vector<std::string>{"new@example.org"});
}

}  // namespace
}  // namespace galguard::smtp::testing

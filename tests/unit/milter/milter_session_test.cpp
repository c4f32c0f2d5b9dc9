// milter::Session with raw packets: what it asks the MTA for, where it answers, what it keeps
// per connection and per message, and the message it rebuilds for judgement.
#include "gateway/milter/session.hpp"

#include <gtest/gtest.h>

#include "gateway/milter/negotiate.hpp"
#include "tests/unit/milter/mta_packets.hpp"

namespace galguard::milter {
namespace {

using namespace testing;

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");

std::string crlf(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

// Feeds packets; returns every reply, and stops at the end of message (or a close).
struct Fed {
  std::vector<Packet> replies;
  bool end_of_message = false;
  bool closed = false;
  std::string error;
};
Fed feed(Session& session, const std::vector<Packet>& packets) {
  Fed fed;
  for (const Packet& packet : packets) {
    Outcome outcome = session.on_packet(packet);
    for (Packet& reply : outcome.replies)
      fed.replies.push_back(std::move(reply));
    fed.end_of_message = outcome.end_of_message;
    fed.closed = outcome.close;
    fed.error = outcome.error;
    if (outcome.end_of_message || outcome.close) break;
  }
  return fed;
}

Decision decided(Decision::Kind kind, int code = 0, std::string enhanced = "",
                 std::string text = "") {
  Decision decision;
  decision.kind = kind;
  decision.code = code;
  decision.enhanced = std::move(enhanced);
  decision.text = std::move(text);
  return decision;
}

std::vector<Packet> without_negotiation(std::vector<Packet> packets) {
  packets.erase(packets.begin());
  return packets;
}

TEST(MilterSession, AgainstPostfixOnlyTheNegotiationAndTheEndOfMessageAreAnswered) {
  Session session;
  const Fed fed = feed(session, conversation(kClean, "it@stockholm.se", {"a@fujitsu.com"}));
  ASSERT_TRUE(fed.end_of_message);
  ASSERT_EQ(fed.replies.size(), 1u) << "no continue for any step: Postfix does not wait";
  EXPECT_EQ(fed.replies[0].command, command::optneg);
  const auto& chosen = session.negotiation()->chosen;
  EXPECT_EQ(chosen.version, 6u);
  EXPECT_EQ(chosen.actions, action::add_headers | action::set_symlist)
      << "asks for nothing it does not do";
  // Only the queue id, at the end of the message: no macro packets before CONNECT, MAIL, RCPT.
  EXPECT_EQ(session.negotiation()->macros, (std::vector<MacroList>{{macro_stage::eom, "i"}}));
  EXPECT_EQ(fed.replies[0].payload.substr(12), std::string("\0\0\0\x05i\0", 6));
  // Steps galguard does not read are skipped; those it reads are not waited on.
  for (std::uint32_t skipped : {flag::no_data, flag::no_eoh, flag::no_unknown})
    EXPECT_NE(chosen.protocol & skipped, 0u) << skipped;
  for (std::uint32_t kept : {flag::no_connect, flag::no_helo, flag::no_mail, flag::no_rcpt,
                             flag::no_headers, flag::no_body})
    EXPECT_EQ(chosen.protocol & kept, 0u) << kept;
  for (std::uint32_t no_reply : {flag::nr_connect, flag::nr_helo, flag::nr_mail, flag::nr_rcpt,
                                 flag::nr_header, flag::nr_body})
    EXPECT_NE(chosen.protocol & no_reply, 0u) << no_reply;
  EXPECT_NE(chosen.protocol & flag::header_leading_space, 0u);
}

TEST(MilterSession, AnOlderMtaWithoutNoReplyFlagsGetsAContinueForEveryStep) {
  Session session;
  auto packets = conversation(kClean, "it@stockholm.se", {"a@fujitsu.com"});
  packets[0] = optneg(2, 0x3f, 0x7f);  // Sendmail 8.13: version 2, only the NO* flags
  const Fed fed = feed(session, packets);
  ASSERT_TRUE(fed.end_of_message);
  std::size_t continues = 0, headers = 0;
  for (const Packet& reply : fed.replies)
    continues += reply.command == reply::continue_;
  for (const Packet& packet : packets)
    headers += packet.command == command::header;
  // connect, helo, mail, rcpt, each header, the body chunk; end of headers is skipped
  EXPECT_EQ(continues, 4 + headers + 1);
}

TEST(MilterSession, KeepsTheClientTheEnvelopeAndTheQueueId) {
  Session session;
  const Fed fed = feed(session, conversation(kReference, "it.skarholmen@stockholm.se",
                                             {"m.exempel@elevstockholm.onmicrosoft.com"}));
  ASSERT_TRUE(fed.end_of_message);
  EXPECT_EQ(session.client().name, "client.stockholm.se");
  EXPECT_EQ(session.client().address, "10.1.2.3");
  EXPECT_EQ(session.client().helo, "client.stockholm.se");
  EXPECT_EQ(session.message().sender, "it.skarholmen@stockholm.se");
  EXPECT_EQ(session.message().recipients,
            std::vector<std::string>{"m.exempel@elevstockholm.onmicrosoft.com"});
  EXPECT_EQ(session.message().queue_id, "4NxYz1");
}

TEST(MilterSession, RebuildsTheMessageByteForByte) {
  Session session;
  ASSERT_TRUE(feed(session, conversation(kReference, "it.skarholmen@stockholm.se", {"m@e.se"}))
                  .end_of_message);
  EXPECT_EQ(session.bytes(), crlf(kReference));
}

TEST(MilterSession, FoldedHeadersAndBodyChunksComeBackAsSent) {
  const std::string raw =
      "From: a@stockholm.se\r\nTo: \"Service Desk\"\r\n\t<m@e.se>,\r\n b@e.se\r\n"
      "Subject: x\r\n\r\nline one\r\nline two\r\n";
  std::vector<Packet> packets{optneg(), connect("h", "10.0.0.1"), mail("a@stockholm.se"),
                              rcpt("m@e.se")};
  for (Packet& packet : message_packets(raw, 5))
    packets.push_back(std::move(packet));
  Session session;
  ASSERT_TRUE(feed(session, packets).end_of_message);
  EXPECT_EQ(session.bytes(), raw);
}

TEST(MilterSession, WithoutLeadingSpaceTheHeaderGetsOneBack) {
  Session session;
  const Fed fed = feed(session, {optneg(6, kPostfixActions, 0xfffff), mail("a@b.se"),
                                 rcpt("c@d.se"), header("Subject", "Hej"), eom()});
  ASSERT_TRUE(fed.end_of_message);
  EXPECT_EQ(session.bytes(), "Subject: Hej\r\n\r\n");
  // And a header galguard adds goes without one: the MTA puts it in.
  Decision accept = decided(Decision::Kind::accept);
  accept.add_header = Header{"X-Galguard-Verdict", "pass"};
  EXPECT_EQ(session.finish_message(accept).front(),
            (Packet{reply::add_header, "X-Galguard-Verdict\0pass\0"s}));
}

TEST(MilterSession, TheSecondMessageOnAConnectionStartsEmptyButKeepsTheClient) {
  Session session;
  ASSERT_TRUE(feed(session, conversation(kReference, "it.skarholmen@stockholm.se",
                                         {"m.exempel@elevstockholm.onmicrosoft.com"}))
                  .end_of_message);
  session.finish_message(decided(Decision::Kind::accept));
  EXPECT_FALSE(session.in_message());

  std::vector<Packet> second{mail("it@stockholm.se"), rcpt("servicedesk.stockholm@fujitsu.com")};
  for (Packet& packet : message_packets(kClean))
    second.push_back(std::move(packet));
  ASSERT_TRUE(feed(session, second).end_of_message);
  EXPECT_EQ(session.message().recipients,
            std::vector<std::string>{"servicedesk.stockholm@fujitsu.com"});
  EXPECT_EQ(session.message().queue_id, "") << "the first message's queue id is gone";
  EXPECT_EQ(session.bytes(), crlf(kClean)) << "no header or body of the first message";
  EXPECT_EQ(session.client().address, "10.1.2.3");
}

TEST(MilterSession, AbortForgetsTheMessage) {
  Session session;
  auto packets = conversation(kReference, "it@stockholm.se", {"m@e.se"});
  packets.pop_back();  // no end of message
  packets.push_back(abort_message());
  EXPECT_FALSE(feed(session, packets).end_of_message);
  EXPECT_FALSE(session.in_message());
  ASSERT_TRUE(feed(session, {mail("x@stockholm.se"), rcpt("y@e.se"), header("Subject", " ok"),
                             eoh(), body("hi\r\n"), eom()})
                  .end_of_message);
  EXPECT_EQ(session.message().recipients, std::vector<std::string>{"y@e.se"});
  EXPECT_EQ(session.bytes(), "Subject: ok\r\n\r\nhi\r\n");
}

TEST(MilterSession, AddressesFromMacrosWhenTheCommandHasNone) {
  Session session;
  ASSERT_TRUE(
      feed(session, {optneg(), macros('M', {{"{mail_addr}", "a@stockholm.se"}}),
                     Packet{command::mail, "<>\0"s}, macros('R', {{"{rcpt_addr}", "b@e.se"}}),
                     Packet{command::rcpt, "<>\0"s}, eom()})
          .end_of_message);
  EXPECT_EQ(session.message().sender, "a@stockholm.se");
  EXPECT_EQ(session.message().recipients, std::vector<std::string>{"b@e.se"});
}

TEST(MilterSession, AMessageOverTheLimitIsNotKeptAndMarked) {
  SessionOptions options;
  options.max_message_size = 1000;
  Session session(options);
  const std::string big = "Subject: big\r\n\r\n" + std::string(2000, 'x') + "\r\n";
  ASSERT_TRUE(feed(session, conversation(big, "a@stockholm.se", {"b@e.se"})).end_of_message);
  EXPECT_TRUE(session.message().too_big);
  EXPECT_TRUE(session.message().body.empty());
  EXPECT_GT(session.message().size, 2000u);
}

TEST(MilterSession, TheDecisionBecomesTheReplies) {
  Session session;
  const auto packets = conversation(kClean, "a@stockholm.se", {"b@e.se"});
  ASSERT_TRUE(feed(session, packets).end_of_message);
  Decision accept = decided(Decision::Kind::accept);
  accept.add_header = Header{"X-Galguard-Verdict", "pass (galguard gw)"};
  const auto accepted = session.finish_message(accept);
  ASSERT_EQ(accepted.size(), 2u);
  EXPECT_EQ(accepted[0], (Packet{reply::add_header, "X-Galguard-Verdict\0 pass (galguard gw)\0"s}));
  EXPECT_EQ(accepted[1].command, reply::accept);

  ASSERT_TRUE(feed(session, without_negotiation(packets)).end_of_message);
  Decision refuse = decided(Decision::Kind::refuse, 550, "5.7.1", "Message held for review as X");
  EXPECT_EQ(session.finish_message(refuse),
            (std::vector<Packet>{
                Packet{reply::reply_code, "550 5.7.1 Message held for review as X\0"s}}));

  ASSERT_TRUE(feed(session, without_negotiation(packets)).end_of_message);
  EXPECT_EQ(session.finish_message(decided(Decision::Kind::discard)),
            (std::vector<Packet>{Packet{reply::discard, ""}}));

  ASSERT_TRUE(feed(session, without_negotiation(packets)).end_of_message);
  // Text that cannot go on the wire is still a refusal: the MTA's own.
  Decision bad = decided(Decision::Kind::refuse, 550, "5.7.1", "two\r\nlines");
  EXPECT_EQ(session.finish_message(bad), (std::vector<Packet>{Packet{reply::reject, ""}}));
}

TEST(MilterSession, NoHeaderIsAddedWhenTheMtaDidNotAllowIt) {
  Session session;
  auto packets = conversation(kClean, "a@stockholm.se", {"b@e.se"});
  packets[0] = optneg(6, 0, kPostfixProtocol);
  ASSERT_TRUE(feed(session, packets).end_of_message);
  Decision accept = decided(Decision::Kind::accept);
  accept.add_header = Header{"X-Galguard-Verdict", "pass"};
  EXPECT_EQ(session.finish_message(accept), (std::vector<Packet>{Packet{reply::accept, ""}}));
}

TEST(MilterSession, ProtocolErrorsCloseTheConnectionWithAReason) {
  {
    Session session;
    const Fed fed = feed(session, {mail("a@b.se")});
    EXPECT_TRUE(fed.closed);
    EXPECT_NE(fed.error.find("before option negotiation"), std::string::npos) << fed.error;
  }
  {
    Session session;
    const Fed fed = feed(session, {optneg(), Packet{command::connect, "host-without-nul"}});
    EXPECT_TRUE(fed.closed);
    EXPECT_FALSE(fed.error.empty());
  }
  {
    Session session;
    const Fed fed = feed(session, {optneg(1)});
    EXPECT_TRUE(fed.closed) << "version 1 is older than any supported";
  }
  {
    Session session;
    const Fed fed = feed(session, {optneg(), mail("a@b.se"), eom(), rcpt("c@d.se")});
    EXPECT_TRUE(fed.end_of_message);
    const Outcome early = session.on_packet(rcpt("c@d.se"));
    EXPECT_TRUE(early.close) << "nothing may come before the end of message is answered";
  }
}

TEST(MilterSession, QuitClosesQuitNcStartsAfresh) {
  Session session;
  ASSERT_FALSE(feed(session, {optneg(), connect("h.se", "10.0.0.9")}).closed);
  EXPECT_FALSE(feed(session, {Packet{command::quit_nc, ""}}).closed);
  EXPECT_EQ(session.client().address, "");
  EXPECT_TRUE(feed(session, {quit()}).closed);
}

}  // namespace
}  // namespace galguard::milter

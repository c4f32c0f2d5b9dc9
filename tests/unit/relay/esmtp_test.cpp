// What the client does with the extensions the hop offers (XFORWARD, SMTPUTF8, 8BITMIME, SIZE)
// and without them (HELO fallback), and how it finds the hop (names, IPv6).
#include <gtest/gtest.h>

#include <string>

#include "fake_hop.hpp"

namespace galguard::relay::testing {
namespace {

using Kind = Outcome::Kind;

Outcome send_one(asio::io_context& io, Client& client, Transaction t) {
  return run_until_done(io, client.send(std::move(t)));
}

Transaction with_xforward(std::string_view message) {
  Transaction t = transaction(message);
  t.xforward.name = "client.example.org";
  t.xforward.addr = "192.0.2.1";
  t.xforward.port = "54321";
  t.xforward.proto = "ESMTP";
  t.xforward.helo = "client helo+x";
  return t;
}

TEST(RelayEsmtp, XforwardSentWhenOffered) {
  asio::io_context io;
  Script script;
  script.ehlo.push_back("XFORWARD NAME ADDR PROTO HELO SOURCE");
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, with_xforward(kMessage)).kind, Kind::accepted);
  const std::string want =
      "XFORWARD NAME=client.example.org ADDR=192.0.2.1 PROTO=ESMTP HELO=client+20helo+2Bx "
      "SOURCE=[UNAVAILABLE]";
  ASSERT_GE(hop.record().lines.size(), 3u);
  EXPECT_EQ(hop.record().lines[1], want);  // after EHLO, before MAIL
  EXPECT_TRUE(hop.record().lines[2].starts_with("MAIL FROM:"));
  // Postfix forgets XFORWARD at the end of each transaction, so each one sends it again.
  EXPECT_EQ(send_one(io, client, with_xforward(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().count(want), 2u);
  EXPECT_EQ(hop.record().connections, 1u);
}

TEST(RelayEsmtp, NoXforwardWhenNotOffered) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, with_xforward(kMessage)).kind, Kind::accepted);
  EXPECT_FALSE(hop.record().saw("XFORWARD"));
}

// XFORWARD only feeds the hop's log: a hop that refuses it still gets the mail.
TEST(RelayEsmtp, RefusedXforwardDoesNotCostTheMail) {
  asio::io_context io;
  Script script;
  script.ehlo.push_back("XFORWARD NAME ADDR");
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "XFORWARD") return "550 5.7.0 Error: insufficient authorization\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, with_xforward(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().messages.size(), 1u);
}

TEST(RelayEsmtp, Smtputf8NeededButNotOfferedIsRefused) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  Transaction t = transaction(kMessage, {"r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s@example.se"});
  t.parameters.smtputf8 = true;
  const Outcome outcome = send_one(io, client, std::move(t));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply.code, 550);
  EXPECT_EQ(outcome.reply.enhanced, "5.6.7");
  EXPECT_FALSE(hop.record().saw("MAIL"));
  // Nothing was started, so the connection is still good for the next message.
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 1u);
}

TEST(RelayEsmtp, ParametersPassedWhenOffered) {
  asio::io_context io;
  Script script;
  script.ehlo.push_back("SMTPUTF8");
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const std::string message = "Subject: r\xC3\xA4ka\r\n\r\n8-bit \xC3\xA5\r\n";
  Transaction t = transaction(message);
  t.sender = "p\xC3\xB6st@example.se";
  t.parameters.smtputf8 = true;
  t.parameters.body = smtp::Body::eight_bit_mime;
  EXPECT_EQ(send_one(io, client, std::move(t)).kind, Kind::accepted);
  EXPECT_TRUE(hop.record().saw("MAIL FROM:<p\xC3\xB6st@example.se> BODY=8BITMIME SMTPUTF8 SIZE=" +
                               std::to_string(message.size())));
  ASSERT_EQ(hop.record().messages.size(), 1u);
  EXPECT_EQ(hop.record().messages[0], message);
}

TEST(RelayEsmtp, HeloWhenEhloIsRefused) {
  asio::io_context io;
  Script script;
  script.ehlo_refused = true;
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  Transaction t = transaction(kMessage, {"b@example.org", "c@example.org"});
  t.parameters.body = smtp::Body::eight_bit_mime;
  EXPECT_EQ(send_one(io, client, std::move(t)).kind, Kind::accepted);
  EXPECT_TRUE(hop.record().saw("HELO gateway.example"));
  EXPECT_TRUE(hop.record().saw("MAIL FROM:<alice@example.org>"));
  EXPECT_FALSE(hop.record().saw("MAIL FROM:<alice@example.org> "));  // no ESMTP parameters
  for (const std::string& chunk : hop.record().chunks)
    EXPECT_FALSE(chunk.starts_with("MAIL") && chunk.find("RCPT") != std::string::npos);
}

TEST(RelayEsmtp, EhloAndHeloRefusedIsNotServed) {
  asio::io_context io;
  Script script;
  script.ehlo_refused = true;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "HELO") return "550 5.7.1 not you\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::unavailable);
  EXPECT_EQ(outcome.reply.code, 451);
  EXPECT_EQ(outcome.reply.enhanced, "4.4.1");
}

// "localhost" is resolved (from /etc/hosts, no DNS); when it gives ::1 first, the client tries
// the next address.
TEST(RelayEsmtp, ResolvesAName) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Settings settings = settings_for(hop);
  settings.next_hop.host = "localhost";
  Client client(io.get_executor(), settings);
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::accepted);
  EXPECT_EQ(outcome.relay, "localhost:" + std::to_string(hop.endpoint().port));
}

TEST(RelayEsmtp, Ipv6Literal) {
  asio::io_context io;
  std::unique_ptr<FakeHop> hop;
  try {
    hop = std::make_unique<FakeHop>(io, Script{}, "::1");
  } catch (const boost::system::system_error& error) {
    GTEST_SKIP() << "no IPv6 loopback here: " << error.what();
  }
  Client client(io.get_executor(), settings_for(*hop));
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::accepted);
  EXPECT_EQ(outcome.relay, "[::1]:" + std::to_string(hop->endpoint().port));
}

}  // namespace
}  // namespace galguard::relay::testing
